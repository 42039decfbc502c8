#include "services/grading/grading_module.h"

#include "services/grading/grading_service.h"

namespace auxpro::grading::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::grading::migrations

namespace auxpro::grading {

service::ModuleSpec GradingModule() {
  return {
      .name = "grading",
      .description = "grading: levels, requirement checks, applications, notices, demotions",
      // Reads persons, assessment standing, level points and satisfaction live (with deadlines);
      // a dependency that does not answer makes its rows UNAVAILABLE rather than stopping grading.
      .deps = {"personnel"},
      .grpc_services = {v1::Grading::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [](service::ModuleEnv& env) {
            return service::StartService<GradingService>("grading", env);
          },
  };
}

}  // namespace auxpro::grading
