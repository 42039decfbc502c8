#pragma once

#include <string>
#include <string_view>

namespace auxpro {

// A random (version 4) UUID in its 36-character text form.
std::string NewUuid();
// A new opaque, URL-safe resource id: `prefix` + 16 random hex digits, e.g. "p-7f3a09c1d2e4b5a6".
std::string NewId(std::string_view prefix);

}  // namespace auxpro
