#pragma once

#include "libs/service/module.h"

namespace auxpro::survey {

// The survey service as a module of auxpro-server (--target=survey). It reads post types and
// badge numbers from personnel.
service::ModuleSpec SurveyModule();

}  // namespace auxpro::survey
