#include "services/server/modules.h"

#include <chrono>

#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
#include "services/points/points_module.h"
#include "services/grading/grading_module.h"

namespace auxpro::server {

std::vector<service::ModuleSpec> Modules(const ModuleFlags& flags) {
  grading::GradingModuleOptions grading;
  grading.sweep_interval = std::chrono::seconds(flags.grading_sweep_interval_seconds);
  return {
      personnel::PersonnelModule(),
      survey::SurveyModule(),
      assessment::AssessmentModule(),
      points::PointsModule(),
      grading::GradingModule(grading),
  };
}

const std::vector<service::ModuleSpec>& AllModules() {
  static const std::vector<service::ModuleSpec> modules = Modules({});
  return modules;
}

}  // namespace auxpro::server
