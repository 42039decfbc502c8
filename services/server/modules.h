#pragma once

#include <vector>

#include "libs/service/module.h"

namespace auxpro::server {

// The command-line settings that belong to one service module.
struct ModuleFlags {
  // --grading_sweep_interval_seconds (0: off).
  int grading_sweep_interval_seconds = 0;
};

// Every service auxpro-server can host, in start order, set up with `flags`. Add a service here
// and nowhere else.
std::vector<service::ModuleSpec> Modules(const ModuleFlags& flags);

// Modules({}): the list with default settings (names, descriptions, tests).
const std::vector<service::ModuleSpec>& AllModules();

}  // namespace auxpro::server
