#include "services/grading/grading_module.h"

#include <memory>

#include "services/grading/grading_service.h"
#include "services/grading/sweep_scheduler.h"

namespace auxpro::grading::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::grading::migrations

namespace auxpro::grading {

namespace {

// The standard module of GradingService plus the sweep scheduler, which starts after the outbox
// relay (once the server listens) and stops before it (after the calls in flight, on drain).
class GradingModuleInstance final : public service::ServiceModule {
 public:
  GradingModuleInstance(std::unique_ptr<service::ServiceModule> standard,
                        const service::ModuleEnv& env, const GradingModuleOptions& options)
      : standard_(std::move(standard)),
        context_(standard_->Db(), env),
        scheduler_(context_, {options.sweep_interval, options.sweep_page_limit,
                              options.sweep_max_pages}) {}
  std::vector<grpc::Service*> GrpcServices() override { return standard_->GrpcServices(); }
  db::ConnectionPool& Db() override { return standard_->Db(); }
  service::EventHandler Events() override { return standard_->Events(); }
  void Start() override {
    standard_->Start();
    scheduler_.Start();
  }
  void Stop() override {
    scheduler_.Stop();
    standard_->Stop();
  }

 private:
  std::unique_ptr<service::ServiceModule> standard_;
  service::ServiceContext context_;
  SweepScheduler scheduler_;
};

}  // namespace

service::ModuleSpec GradingModule(GradingModuleOptions options) {
  return {
      .name = "grading",
      .description = "grading: levels, requirement checks, applications, notices, demotions",
      // Reads persons, assessment standing, level points and satisfaction live (with deadlines);
      // a dependency that does not answer makes its rows UNAVAILABLE rather than stopping grading.
      .deps = {"personnel"},
      .grpc_services = {v1::Grading::service_full_name()},
      .migrations = migrations::Files,
      .init =
          [options](service::ModuleEnv& env)
          -> absl::StatusOr<std::unique_ptr<service::ServiceModule>> {
        auto standard = service::StartService<GradingService>("grading", env);
        if (!standard.ok()) return standard.status();
        return std::unique_ptr<service::ServiceModule>(
            std::make_unique<GradingModuleInstance>(std::move(*standard), env, options));
      },
  };
}

}  // namespace auxpro::grading
