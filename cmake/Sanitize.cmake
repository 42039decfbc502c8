# Sanitizer and fuzzing builds (docs/reliability.md). Without these options nothing changes.
#
#   -DAUXPRO_SANITIZE=address,undefined   the whole build with those sanitizers (gcc or clang);
#                                         any finding aborts the test that made it.
#   -DAUXPRO_FUZZ=ON                      clang only: the tests/fuzz targets become libFuzzer
#                                         binaries (-fsanitize=fuzzer). Such a build is for the fuzz
#                                         targets alone (`ninja fuzz_<name>...`): it compiles the
#                                         protos without their gRPC stubs, so the server, the
#                                         services and the other tests do not link in it.
set(AUXPRO_SANITIZE "" CACHE STRING
  "comma-separated sanitizers for the whole build, e.g. address,undefined (empty: none)")
option(AUXPRO_FUZZ "build tests/fuzz as libFuzzer targets (clang; fuzz targets only)" OFF)

if(AUXPRO_SANITIZE)
  if(NOT AUXPRO_SANITIZE MATCHES "^[a-z,]+$")
    message(FATAL_ERROR "AUXPRO_SANITIZE=${AUXPRO_SANITIZE}: expected e.g. address,undefined")
  endif()
  add_compile_options(-fsanitize=${AUXPRO_SANITIZE} -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${AUXPRO_SANITIZE})
endif()

if(AUXPRO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "AUXPRO_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
      "configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Coverage feedback for everything compiled here; the fuzz executables add the libFuzzer
  # runtime and its main (tests/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
