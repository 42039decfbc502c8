#include "services/assessment/assessment_module.h"

#include "services/assessment/assessment_service.h"

namespace auxpro::assessment::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::assessment::migrations

namespace auxpro::assessment {

service::ModuleSpec AssessmentModule() {
  return {
      .name = "assessment",
      .description =
          "monthly daily assessment, quarterly centralized assessment with attempt rules, "
          "annual ratings with the cap on the top grade",
      .deps = {"personnel"},
      .grpc_services = {v1::Assessment::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [](service::ModuleEnv& env) {
            return service::StartService<AssessmentService>("assessment", env);
          },
  };
}

}  // namespace auxpro::assessment
