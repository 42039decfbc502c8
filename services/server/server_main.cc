#include "services/server/server_main.h"

#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/rpc/grpc_server.h"
#include "libs/rpc/module.h"
#include "libs/rpc/tls_files.h"
#include "services/server/modules.h"
#include "services/server/server_options.h"

namespace auxpro::server {

namespace {

int Fail(const std::string& message) {
  std::cerr << "auxpro-server: " << message << std::endl;
  return 1;
}

absl::StatusOr<std::vector<const rpc::ModuleSpec*>> SelectModules(
    const std::vector<std::string>& targets) {
  std::vector<const rpc::ModuleSpec*> selected;
  if (targets.empty()) {
    return absl::InvalidArgumentError("--target: required (all, or names from --list-targets)");
  }
  std::set<std::string> wanted(targets.begin(), targets.end());
  const bool all = wanted.count("all") > 0;
  for (const auto& module : AllModules()) {
    if (all || wanted.erase(module.name) > 0) selected.push_back(&module);
  }
  wanted.erase("all");
  if (!wanted.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--target: unknown service(s) ", absl::StrJoin(wanted, ", "), " (see --list-targets)"));
  }
  return selected;
}

// Routes outbox events: to services hosted here through our own mTLS port (same client code as
// for remote ones), to others through --peers, else no route yet (events wait).
class ConsumerRoutes {
 public:
  ConsumerRoutes(std::map<std::string, std::string> addresses, rpc::TlsFiles identity)
      : addresses_(std::move(addresses)), identity_(std::move(identity)) {}

  std::shared_ptr<common::v1::EventConsumer::StubInterface> Find(const std::string& service) {
    std::lock_guard lock(mu_);
    auto cached = stubs_.find(service);
    if (cached != stubs_.end()) return cached->second;
    auto address = addresses_.find(service);
    if (address == addresses_.end()) return nullptr;
    auto channel = rpc::MakeMtlsChannel(address->second, identity_);
    if (!channel.ok()) return nullptr;
    std::shared_ptr<common::v1::EventConsumer::StubInterface> stub =
        common::v1::EventConsumer::NewStub(*channel);
    stubs_[service] = stub;
    return stub;
  }

  void SetAddress(const std::string& service, const std::string& address) {
    std::lock_guard lock(mu_);
    addresses_[service] = address;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> addresses_;
  rpc::TlsFiles identity_;
  std::map<std::string, std::shared_ptr<common::v1::EventConsumer::StubInterface>> stubs_;
};

}  // namespace

int ServerMain(const std::vector<std::string>& args) {
  auto options = ParseServerOptions(args);
  if (!options.ok()) return Fail(std::string(options.status().message()));
  if (options->help) {
    std::cout << ServerUsage();
    return 0;
  }
  if (options->list_targets) {
    for (const auto& module : AllModules()) {
      std::cout << module.name << "  " << module.description << "\n";
    }
    return 0;
  }
  auto modules = SelectModules(options->targets);
  if (!modules.ok()) return Fail(std::string(modules.status().message()));

  // Policies first: a bad policy stops start-up naming the field.
  auto policies = options->policies_dir.empty()
                      ? policy::PolicySet::LoadEmbedded()
                      : policy::PolicySet::LoadDirectory(options->policies_dir);
  if (!policies.ok()) return Fail(std::string(policies.status().message()));

  auto open_db =
      [&](const std::string& service) -> absl::StatusOr<std::unique_ptr<db::ConnectionPool>> {
    auto password = rpc::ReadFile(absl::StrCat(options->db_secrets_dir, "/", service, ".password"));
    if (!password.ok()) return password.status();
    db::DbConfig config;
    config.host = options->db_host;
    config.port = options->db_port;
    config.user = absl::StrCat(options->db_prefix, service);
    config.schema = config.user;
    config.password = std::string(absl::StripAsciiWhitespace(*password));
    config.pool_size = options->db_pool_size;
    return db::ConnectionPool::Create(config);
  };

  for (const rpc::ModuleSpec* module : *modules) {
    auto pool = open_db(module->name);
    if (!pool.ok()) {
      return Fail(absl::StrCat(module->name, ": database: ", pool.status().message()));
    }
    if (auto s = rpc::MigrateModule(**pool, *module); !s.ok()) {
      return Fail(absl::StrCat(module->name, ": migrations: ", s.message()));
    }
  }
  if (options->migrate_only) {
    std::cout << "migrations applied" << std::endl;
    return 0;
  }

  auto key = rpc::ReadFile(options->field_key_file);
  if (!key.ok()) return Fail(absl::StrCat("--field_key_file: ", key.status().message()));
  auto cipher = crypto::FieldCipher::FromHexKey(*key);
  if (!cipher.ok()) return Fail(std::string(cipher.status().message()));

  rpc::WorkPool work(options->work_threads, options->work_queue);
  const rpc::TlsFiles tls{options->tls_cert, options->tls_key, options->tls_client_ca};
  auto routes = std::make_shared<ConsumerRoutes>(options->peers, tls);
  rpc::ModuleEnv env;
  env.policies = &*policies;
  env.work_pool = &work;
  env.field_cipher = &*cipher;
  env.open_db = open_db;
  env.consumers = [routes](const std::string& service) { return routes->Find(service); };

  std::vector<std::unique_ptr<rpc::ServiceModule>> running;
  std::vector<grpc::Service*> services;
  std::vector<std::string> health_names;
  for (const rpc::ModuleSpec* module : *modules) {
    auto instance = module->init(env);
    if (!instance.ok()) return Fail(absl::StrCat(module->name, ": ", instance.status().message()));
    for (auto* s : (*instance)->GrpcServices()) services.push_back(s);
    for (const auto& n : (*instance)->HealthNames()) health_names.push_back(n);
    running.push_back(std::move(*instance));
  }

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  rpc::ServerConfig config{options->listen, tls, options->health_listen, options->trusted_services};
  auto server = rpc::GrpcServer::Start(config, services, health_names);
  if (!server.ok()) return Fail(std::string(server.status().message()));
  for (const rpc::ModuleSpec* module : *modules) {
    routes->SetAddress(module->name, absl::StrCat("127.0.0.1:", (*server)->port()));
  }
  for (auto& module : running) module->Start();
  std::cout << "auxpro-server: serving " << absl::StrJoin(health_names, ", ") << " on port "
            << (*server)->port() << " (mTLS)";
  if ((*server)->health_port() != 0) {
    std::cout << ", health on port " << (*server)->health_port();
  }
  std::cout << std::endl;

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "auxpro-server: signal " << signal << ", stopping" << std::endl;
  for (auto& module : running) module->Stop();
  (*server)->Shutdown(options->shutdown_grace_seconds);
  return 0;
}

}  // namespace auxpro::server
