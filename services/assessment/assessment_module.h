#pragma once

#include "libs/service/module.h"

namespace auxpro::assessment {

// The assessment service as a module of auxpro-server (--target=assessment). Reads persons and
// units from the personnel service over gRPC.
service::ModuleSpec AssessmentModule();

}  // namespace auxpro::assessment
