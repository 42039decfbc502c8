#include "services/points/points_module.h"

#include "services/points/points_service.h"

namespace auxpro::points::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::points::migrations

namespace auxpro::points {

service::ModuleSpec PointsModule() {
  return {
      .name = "points",
      .description = "points ledger: commendations, breaches, reversals, level points, thresholds",
      // Asks personnel whether a person is employed (GetPerson), co-located or remote.
      .deps = {"personnel"},
      .grpc_services = {v1::Points::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [](service::ModuleEnv& env) {
            return service::StartService<PointsService>("points", env);
          },
  };
}

}  // namespace auxpro::points
