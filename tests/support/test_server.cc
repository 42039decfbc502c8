#include "tests/support/test_server.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "tests/support/test_calendar.h"

namespace auxpro::testing {

namespace {

template <typename T>
T OrDie(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) {
    std::cerr << "TestServer: " << what << ": " << value.status() << std::endl;
    std::abort();
  }
  return std::move(*value);
}

}  // namespace

TestServer::TestServer(const std::vector<service::ModuleSpec>& modules, TestServerOptions options)
    : specs_(modules),
      policies_(OrDie(TestPolicies(), "policies")),
      cipher_(std::make_unique<crypto::FieldCipher>(
          OrDie(crypto::FieldCipher::FromHexKey(TestFieldKeyHex()), "field key"))) {
  for (const auto& module : specs_) {
    schemas_[module.name] = std::make_unique<ScratchSchema>();
    root_pools_[module.name] = schemas_[module.name]->Pool(4);
    absl::Status migrated = service::MigrateModule(*root_pools_[module.name], module);
    if (!migrated.ok()) {
      std::cerr << "TestServer: migrations: " << migrated << std::endl;
      std::abort();
    }
  }
  service::HostConfig config;
  config.server = {"127.0.0.1:0", ServerIdentity(), "", {TestServiceId()}};
  config.work_threads = options.work_threads;
  config.work_queue = 256;
  config.consumers = options.consumers;
  if (options.metrics) config.metrics_listen = "127.0.0.1:0";
  config.health_interval = options.health_interval;
  std::vector<const service::ModuleSpec*> selected;
  for (const auto& module : specs_) selected.push_back(&module);
  const bool per_service_users = options.per_service_users;
  auto adjust_db = options.adjust_db;
  host_ = OrDie(service::ServiceHost::Start(
                    config, selected, policies_, *cipher_,
                    [this, per_service_users, adjust_db](const std::string& service) {
                      ScratchSchema& schema = *schemas_.at(service);
                      db::DbConfig db = per_service_users ? schema.ServiceUser() : schema.config();
                      if (adjust_db) adjust_db(service, db);
                      return db::ConnectionPool::Create(db);
                    }),
                "host start");
}

TestServer::~TestServer() {
  host_->Shutdown(1);
  host_.reset();
}

std::string TestServer::address() const { return absl::StrCat("127.0.0.1:", port()); }

std::shared_ptr<grpc::Channel> TestServer::Channel(const std::string& jurisdiction,
                                                   const std::string& kind) const {
  const std::string j = kind == "SERVICE" ? "system" : jurisdiction;
  return OrDie(rpc::MakeMtlsChannel(address(), ClientIdentity(j, kind)), "channel");
}

db::ConnectionPool& TestServer::Db(const std::string& module) { return *root_pools_.at(module); }

}  // namespace auxpro::testing
