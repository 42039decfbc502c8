#include "services/personnel/personnel_module.h"

#include "services/personnel/personnel_service.h"

namespace auxpro::personnel::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::personnel::migrations

namespace auxpro::personnel {

service::ModuleSpec PersonnelModule() {
  return {
      .name = "personnel",
      .description =
          "person records, recruitment, hiring, dispatch agreements, head-count, "
          "permits, training, transfer, exit",
      .deps = {},
      .grpc_services = {v1::Personnel::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [](service::ModuleEnv& env) {
            return service::StartService<PersonnelService>("personnel", env);
          },
  };
}

}  // namespace auxpro::personnel
