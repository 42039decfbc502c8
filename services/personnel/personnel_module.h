#pragma once

#include "libs/service/module.h"

namespace auxpro::personnel {

// The personnel service as a module of auxpro-server (--target=personnel).
service::ModuleSpec PersonnelModule();

}  // namespace auxpro::personnel
