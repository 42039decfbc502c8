# auxpro_embed_files(<target> <namespace> <files...>): compiles the files into a static library that
# exposes `const std::vector<auxpro::EmbeddedFile>& <namespace>::Files()`, sorted by file name. Used
# for migrations and policies so the binary carries what it needs (read-only root file system).
function(auxpro_embed_files target ns)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cc")
  string(REPLACE ";" "|" files_arg "${ARGN}")  # a ';' would split the command line
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${ns} "-DFILES=${files_arg}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    DEPENDS ${ARGN} "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    COMMENT "Embedding ${target}" VERBATIM)
  add_library(${target} STATIC "${out}")
  target_link_libraries(${target} PUBLIC auxpro_common)
endfunction()
