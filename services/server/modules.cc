#include "services/server/modules.h"

#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"

namespace auxpro::server {

const std::vector<service::ModuleSpec>& AllModules() {
  static const std::vector<service::ModuleSpec> modules = {
      personnel::PersonnelModule(),
      assessment::AssessmentModule(),
  };
  return modules;
}

}  // namespace auxpro::server
