#include "services/personnel/personnel_module.h"

#include <memory>

#include "libs/outbox/relay.h"
#include "services/personnel/personnel_service.h"

namespace auxpro::personnel::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::personnel::migrations

namespace auxpro::personnel {

namespace {

class RunningPersonnel final : public rpc::ServiceModule {
 public:
  RunningPersonnel(std::unique_ptr<db::ConnectionPool> pool, rpc::ModuleEnv& env)
      : pool_(std::move(pool)),
        service_(*pool_, *env.policies, *env.field_cipher, *env.work_pool),
        relay_(*pool_, env.consumers) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {v1::Personnel::service_full_name()};
  }
  void Start() override { relay_.Start(); }
  void Stop() override { relay_.Stop(); }

 private:
  std::unique_ptr<db::ConnectionPool> pool_;
  PersonnelService service_;
  outbox::Relay relay_;
};

}  // namespace

rpc::ModuleSpec PersonnelModule() {
  return {
      "personnel",
      "person records, recruitment, hiring, dispatch agreements, head-count, permits, training, "
      "transfer, exit",
      []() -> const std::vector<EmbeddedFile>& { return migrations::Files(); },
      [](rpc::ModuleEnv& env) -> absl::StatusOr<std::unique_ptr<rpc::ServiceModule>> {
        auto pool = env.open_db("personnel");
        if (!pool.ok()) return pool.status();
        return std::unique_ptr<rpc::ServiceModule>(
            std::make_unique<RunningPersonnel>(std::move(*pool), env));
      },
  };
}

}  // namespace auxpro::personnel
