#include "services/server/server_main.h"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "libs/log/log.h"
#include "libs/rpc/tls_files.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/host.h"
#include "services/server/modules.h"
#include "services/server/server_options.h"

namespace auxpro::server {

namespace {

int Fail(const std::string& message) {
  logging::Error("server", "cannot start", logging::Fields().Str("error", message));
  return 1;
}

absl::StatusOr<std::vector<const service::ModuleSpec*>> SelectModules(
    const std::vector<service::ModuleSpec>& all_modules, const std::vector<std::string>& targets) {
  std::vector<const service::ModuleSpec*> selected;
  if (targets.empty()) {
    return absl::InvalidArgumentError("--target: required (all, or names from --list-targets)");
  }
  std::set<std::string> wanted(targets.begin(), targets.end());
  const bool all = wanted.count("all") > 0;
  for (const auto& module : all_modules) {
    if (all || wanted.erase(module.name) > 0) selected.push_back(&module);
  }
  wanted.erase("all");
  if (!wanted.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--target: unknown service(s) ", absl::StrJoin(wanted, ", "), " (see --list-targets)"));
  }
  return selected;
}

}  // namespace

int ServerMain(const std::vector<std::string>& args) {
  // Debian builds Abseil with Mutex deadlock detection on: every lock of every absl::Mutex (gRPC
  // takes several per call) then updates one process-wide lock graph under a global lock, which
  // serialises the threads of a busy server (docs/performance.md). Detection is a debugging aid.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  auto options = ParseServerOptions(args);
  if (!options.ok()) return Fail(std::string(options.status().message()));
  if (auto s = logging::SetLevel(options->log_level); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  logging::CaptureGrpcLogs();
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
  ModuleFlags module_flags;
  module_flags.grading_sweep_interval_seconds = options->grading_sweep_interval_seconds;
  const std::vector<service::ModuleSpec> all_modules = Modules(module_flags);
  auto modules = SelectModules(all_modules, options->targets);
  if (!modules.ok()) return Fail(std::string(modules.status().message()));

  // Policies first: a bad policy stops start-up naming the field.
  auto policies = options->policies_dir.empty()
                      ? policy::PolicySet::LoadEmbedded()
                      : policy::PolicySet::LoadDirectory(options->policies_dir);
  if (!policies.ok()) return Fail(std::string(policies.status().message()));

  // The runtime user <prefix><service> holds data privileges only; --migrate_only connects as the
  // migration user <prefix><service>_migrate when its password file is there
  // (deploy/mysql/service_schema.sql.in), else as the runtime user (a single-user set-up).
  auto open_db_as = [&](const std::string& service,
                        bool migrate) -> absl::StatusOr<std::unique_ptr<db::ConnectionPool>> {
    const std::string base = absl::StrCat(options->db_secrets_dir, "/", service);
    std::string user = absl::StrCat(options->db_prefix, service);
    auto password = rpc::ReadFile(base + ".password");
    if (migrate) {
      if (auto m = rpc::ReadFile(base + "_migrate.password"); m.ok()) {
        password = std::move(m);
        user += "_migrate";
      }
    }
    if (!password.ok()) return password.status();
    db::DbConfig config;
    config.host = options->db_host;
    config.port = options->db_port;
    config.user = user;
    config.schema = absl::StrCat(options->db_prefix, service);
    config.password = std::string(absl::StripAsciiWhitespace(*password));
    config.pool_size = options->db_pool_size;
    config.io_timeout = std::chrono::seconds(options->db_io_timeout_seconds);
    return db::ConnectionPool::Create(config);
  };
  auto open_db = [&](const std::string& service) { return open_db_as(service, false); };

  for (const service::ModuleSpec* module : *modules) {
    auto pool = open_db_as(module->name, options->migrate_only);
    if (!pool.ok()) {
      return Fail(absl::StrCat(module->name, ": database: ", pool.status().message()));
    }
    if (auto s = service::MigrateModule(**pool, *module); !s.ok()) {
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

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  service::HostConfig config;
  config.server = {options->listen,
                   {options->tls_cert, options->tls_key, options->tls_client_ca},
                   options->health_listen,
                   options->trusted_services,
                   options->trusted_proxies};
  config.peers = options->peers;
  config.metrics_listen = options->metrics_listen;
  config.work_threads = options->work_threads;
  config.work_queue = options->work_queue;
  rpc::SetInlineLimit(options->inline_reads);
  auto host = service::ServiceHost::Start(config, *modules, *policies, *cipher, open_db);
  if (!host.ok()) return Fail(std::string(host.status().message()));
  std::cout << "auxpro-server: serving " << absl::StrJoin((*host)->serving(), ", ") << " on port "
            << (*host)->port() << " (mTLS)";
  if ((*host)->health_port() != 0) {
    std::cout << ", health on port " << (*host)->health_port();
  }
  if ((*host)->metrics_port() != 0) {
    std::cout << ", metrics on port " << (*host)->metrics_port();
  }
  std::cout << std::endl;
  logging::Info("server", "serving",
                logging::Fields()
                    .Str("services", absl::StrJoin((*host)->serving(), ","))
                    .Int("port", (*host)->port())
                    .Int("health_port", (*host)->health_port())
                    .Int("metrics_port", (*host)->metrics_port()));

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "auxpro-server: signal " << signal << ", draining" << std::endl;
  const int deadline =
      options->drain_delay_seconds + options->shutdown_grace_seconds + kDrainMarginSeconds;
  logging::Info("server", "draining",
                logging::Fields()
                    .Int("signal", signal)
                    .Int("drain_delay_seconds", options->drain_delay_seconds)
                    .Int("shutdown_grace_seconds", options->shutdown_grace_seconds)
                    .Int("deadline_seconds", deadline));
  // The drain deadline: handlers stuck past the grace (a database that does not answer) must not
  // keep the process beyond what the orchestrator allows; exit without running destructors.
  std::thread([deadline] {
    std::this_thread::sleep_for(std::chrono::seconds(deadline));
    logging::Error("server", "drain deadline passed: exiting with calls unfinished",
                   logging::Fields().Int("deadline_seconds", deadline));
    std::_Exit(1);
  }).detach();
  (*host)->Drain(options->drain_delay_seconds, options->shutdown_grace_seconds);
  host->reset();
  logging::Info("server", "stopped");
  return 0;
}

}  // namespace auxpro::server
