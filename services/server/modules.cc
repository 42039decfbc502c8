#include "services/server/modules.h"

#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
#include "services/points/points_module.h"
#include "services/grading/grading_module.h"

namespace auxpro::server {

const std::vector<service::ModuleSpec>& AllModules() {
  static const std::vector<service::ModuleSpec> modules = {
      personnel::PersonnelModule(),
      survey::SurveyModule(),
      assessment::AssessmentModule(),
      points::PointsModule(),
      grading::GradingModule(),
  };
  return modules;
}

}  // namespace auxpro::server
