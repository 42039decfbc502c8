#pragma once

#include <vector>

#include "libs/service/module.h"

namespace auxpro::server {

// Every service auxpro-server can host, in start order. Add a service here and nowhere else.
const std::vector<service::ModuleSpec>& AllModules();

}  // namespace auxpro::server
