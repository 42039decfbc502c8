#include "services/survey/survey_module.h"

#include "services/survey/survey_service.h"

namespace auxpro::survey::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::survey::migrations

namespace auxpro::survey {

service::ModuleSpec SurveyModule() {
  return {
      .name = "survey",
      .description = "citizen satisfaction: questionnaires, campaigns, anonymous responses, rates",
      .deps = {"personnel"},
      .grpc_services = {v1::Survey::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [](service::ModuleEnv& env) {
            return service::StartService<SurveyService>("survey", env);
          },
  };
}

}  // namespace auxpro::survey
