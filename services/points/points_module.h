#pragma once

#include "libs/service/module.h"

namespace auxpro::points {

// The points service as a module of auxpro-server (--target=points).
service::ModuleSpec PointsModule();

}  // namespace auxpro::points
