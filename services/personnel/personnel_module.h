#pragma once

#include "libs/rpc/module.h"

namespace auxpro::personnel {

// The personnel service as a module of auxpro-server (--target=personnel).
rpc::ModuleSpec PersonnelModule();

}  // namespace auxpro::personnel
