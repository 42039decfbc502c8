#pragma once

#include "libs/service/module.h"

namespace auxpro::grading {

// The grading service as a module of auxpro-server (--target=grading).
service::ModuleSpec GradingModule();

}  // namespace auxpro::grading
