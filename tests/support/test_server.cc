#include "tests/support/test_server.h"

#include <iostream>

#include "absl/strings/str_cat.h"

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

TestServer::TestServer(const std::vector<rpc::ModuleSpec>& modules,
                       outbox::ConsumerResolver consumers)
    : policies_(OrDie(policy::PolicySet::LoadEmbedded(), "policies")),
      cipher_(std::make_unique<crypto::FieldCipher>(
          OrDie(crypto::FieldCipher::FromHexKey(TestFieldKeyHex()), "field key"))),
      work_(std::make_unique<rpc::WorkPool>(8, 256)) {
  for (const auto& module : modules) {
    schemas_[module.name] = std::make_unique<ScratchSchema>();
    root_pools_[module.name] = schemas_[module.name]->Pool(4);
    absl::Status migrated = rpc::MigrateModule(*root_pools_[module.name], module);
    if (!migrated.ok()) {
      std::cerr << "TestServer: migrations: " << migrated << std::endl;
      std::abort();
    }
  }
  rpc::ModuleEnv env;
  env.policies = &policies_;
  env.work_pool = work_.get();
  env.field_cipher = cipher_.get();
  env.open_db = [this](const std::string& service) {
    return db::ConnectionPool::Create(schemas_.at(service)->config());
  };
  env.consumers = consumers ? consumers : [](const std::string&) {
    return std::shared_ptr<common::v1::EventConsumer::StubInterface>();
  };
  std::vector<grpc::Service*> services;
  std::vector<std::string> health;
  for (const auto& module : modules) {
    auto instance = OrDie(module.init(env), "module init");
    for (auto* s : instance->GrpcServices()) services.push_back(s);
    for (const auto& n : instance->HealthNames()) health.push_back(n);
    running_.push_back(std::move(instance));
  }
  server_ = OrDie(rpc::GrpcServer::Start({"127.0.0.1:0", ServerIdentity(), "", {TestServiceId()}},
                                         services, health),
                  "server start");
}

TestServer::~TestServer() {
  for (auto& module : running_) module->Stop();
  server_->Shutdown(1);
  server_.reset();
  running_.clear();
  work_.reset();
}

std::string TestServer::address() const { return absl::StrCat("127.0.0.1:", port()); }

std::shared_ptr<grpc::Channel> TestServer::Channel(const std::string& jurisdiction,
                                                   const std::string& kind) const {
  return OrDie(rpc::MakeMtlsChannel(address(), ClientIdentity(jurisdiction, kind)), "channel");
}

db::ConnectionPool& TestServer::Db(const std::string& module) { return *root_pools_.at(module); }

}  // namespace auxpro::testing
