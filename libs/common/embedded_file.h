#pragma once

#include <string>
#include <vector>

namespace auxpro {

// A file compiled into the binary by cmake/Embed.cmake (migrations, policy presets).
struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace auxpro
