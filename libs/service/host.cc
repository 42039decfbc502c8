#include "libs/service/host.h"

#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/db/pool_waiters.h"
#include "libs/db/transaction.h"
#include "libs/log/log.h"
#include "libs/rpc/inline_guard.h"
#include "libs/service/host_metrics.h"

namespace auxpro::service {

absl::StatusOr<std::vector<const ModuleSpec*>> StartOrder(
    const std::vector<const ModuleSpec*>& modules) {
  std::map<std::string, const ModuleSpec*> by_name;
  for (const ModuleSpec* m : modules) by_name[m->name] = m;
  std::vector<const ModuleSpec*> order;
  std::set<std::string> done, visiting;
  std::function<absl::Status(const ModuleSpec*, std::vector<std::string>&)> visit =
      [&](const ModuleSpec* m, std::vector<std::string>& path) -> absl::Status {
    if (done.count(m->name)) return absl::OkStatus();
    path.push_back(m->name);
    if (!visiting.insert(m->name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("module dependencies form a cycle: ", absl::StrJoin(path, " -> ")));
    }
    for (const std::string& dep : m->deps) {
      auto it = by_name.find(dep);
      if (it == by_name.end()) continue;  // hosted elsewhere
      if (absl::Status s = visit(it->second, path); !s.ok()) return s;
    }
    visiting.erase(m->name);
    path.pop_back();
    done.insert(m->name);
    order.push_back(m);
    return absl::OkStatus();
  };
  for (const ModuleSpec* m : modules) {
    std::vector<std::string> path;
    if (absl::Status s = visit(m, path); !s.ok()) return s;
  }
  return order;
}

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Start(
    const HostConfig& config, const std::vector<const ModuleSpec*>& modules,
    const policy::PolicySet& policies, const crypto::FieldCipher& cipher,
    std::function<absl::StatusOr<std::unique_ptr<db::ConnectionPool>>(const std::string&)>
        open_db) {
  auto order = StartOrder(modules);
  if (!order.ok()) return order.status();
  // A plain read runs on gRPC's own thread only while no call of the process waits for a database
  // connection (work_pool.h): a saturated pool must not hold gRPC's few threads in its checkout
  // wait, which would stall every module and the health service with it.
  rpc::SetInlineGuard([] { return db::WaitingForConnections() == 0; });
  std::unique_ptr<ServiceHost> host(new ServiceHost());
  host->work_ = std::make_unique<rpc::WorkPool>(config.work_threads, config.work_queue);
  host->peers_ = std::make_unique<PeerRouter>(config.peers, config.server.tls);
  host->audit_ = std::make_unique<AuditChainService>(*host->work_, cipher);
  host->events_ = std::make_unique<EventConsumerService>(*host->work_);

  ModuleEnv env;
  env.policies = &policies;
  env.field_cipher = &cipher;
  env.open_db = std::move(open_db);
  env.peers = host->peers_.get();
  PeerRouter* router = host->peers_.get();
  env.consumers = config.consumers ? config.consumers : [router](const std::string& service) {
    return router->EventConsumer(service);
  };

  std::vector<grpc::Service*> services{host->audit_.get()};
  std::vector<std::string> not_serving;
  host->serving_.push_back(common::v1::AuditChain::service_full_name());
  for (const ModuleSpec* module : *order) {
    std::string failure;
    for (const std::string& dep : module->deps) {
      if (host->failures_.count(dep)) failure = absl::StrCat("needs ", dep, ", which failed");
    }
    if (failure.empty()) {
      auto& work = host->module_work_[module->name];
      work = std::make_unique<rpc::WorkPool>(config.work_threads, config.work_queue);
      env.work_pool = work.get();
      auto instance = module->init(env);
      if (instance.ok()) {
        for (grpc::Service* s : (*instance)->GrpcServices()) services.push_back(s);
        host->audit_->AddService(module->name, &(*instance)->Db());
        if (EventHandler events = (*instance)->Events()) {
          host->events_->AddConsumer(module->name, std::move(events));
        }
        host->running_[module->name] = std::move(*instance);
        host->order_.push_back(module->name);
        host->specs_.push_back(module);
        host->db_up_[module->name] = true;
        for (const auto& n : module->grpc_services) host->serving_.push_back(n);
        continue;
      }
      failure = std::string(instance.status().message());
    }
    logging::Error("host", "module not started",
                   logging::Fields().Str("service", module->name).Str("error", failure));
    host->failures_[module->name] = failure;
    for (const auto& n : module->grpc_services) not_serving.push_back(n);
  }

  if (!host->events_->empty()) {
    services.push_back(host->events_.get());
    host->serving_.push_back(common::v1::EventConsumer::service_full_name());
  }
  rpc::ServerConfig server_config = config.server;
  // Only jurisdictions with a policy are served: others are refused at the gate.
  if (server_config.jurisdictions.empty()) server_config.jurisdictions = policies.Jurisdictions();
  auto server = rpc::GrpcServer::Start(server_config, services, host->serving_);
  if (!server.ok()) return server.status();
  host->server_ = std::move(*server);
  if (!not_serving.empty()) host->server_->MarkNotServing(not_serving);
  for (const std::string& name : host->order_) {
    host->peers_->SetAddress(name, absl::StrCat("127.0.0.1:", host->server_->port()));
  }
  if (!config.metrics_listen.empty()) {
    std::vector<HostMetrics::Module> pools;
    for (const std::string& name : host->order_)
      pools.push_back({name, &host->running_[name]->Db(), host->module_work_[name].get()});
    host->host_metrics_ = std::make_shared<HostMetrics>(std::move(pools), host->work_.get());
    auto endpoint = metrics::Endpoint::Start(config.metrics_listen);
    if (!endpoint.ok()) return endpoint.status();
    host->metrics_ = std::move(*endpoint);
    host->metrics_->Add(host->host_metrics_);
  }
  for (const std::string& name : host->order_) host->running_[name]->Start();
  if (config.health_interval.count() > 0) {
    ServiceHost* self = host.get();
    const auto interval = config.health_interval;
    host->watch_ = std::thread([self, interval] { self->WatchHealth(interval); });
  }
  return host;
}

ServiceModule* ServiceHost::Module(const std::string& name) {
  auto it = running_.find(name);
  return it == running_.end() ? nullptr : it->second.get();
}

void ServiceHost::WatchHealth(std::chrono::milliseconds interval) {
  std::unique_lock lock(watch_mu_);
  while (!watch_cv_.wait_for(lock, interval, [this] { return watch_stop_; })) {
    lock.unlock();
    bool changed = false;
    for (const ModuleSpec* spec : specs_) {
      const bool up =
          running_[spec->name]
              ->Db()
              .Read([](db::Transaction& tx) { return tx.QueryOne("SELECT 1").status(); })
              .ok();
      if (up == db_up_[spec->name]) continue;
      db_up_[spec->name] = up;
      changed = true;
      logging::Write(
          up ? logging::Level::kInfo : logging::Level::kError, "host",
          up ? "database answers again: SERVING" : "database does not answer: NOT_SERVING",
          logging::Fields().Str("service", spec->name).Bool("serving", up));
    }
    if (changed) {
      bool all_up = failures_.empty();
      for (const auto& [name, up] : db_up_) all_up = all_up && up;
      for (const ModuleSpec* spec : specs_) {
        server_->SetServing(spec->grpc_services, db_up_[spec->name], all_up);
      }
    }
    lock.lock();
  }
}

void ServiceHost::Drain(int delay_seconds, int grace_seconds) {
  if (stopped_) return;
  stopped_ = true;
  if (server_ != nullptr) server_->MarkDraining();  // before the watch could flip it back
  {
    std::lock_guard lock(watch_mu_);
    watch_stop_ = true;
  }
  watch_cv_.notify_all();
  if (watch_.joinable()) watch_.join();
  if (server_ == nullptr) return;  // never started: nothing runs
  if (delay_seconds > 0) {
    logging::Info("host", "draining: NOT_SERVING, still answering calls",
                  logging::Fields().Int("delay_seconds", delay_seconds));
    std::this_thread::sleep_for(std::chrono::seconds(delay_seconds));
  }
  logging::Info("host", "draining: no new calls, waiting for calls in flight",
                logging::Fields().Int("grace_seconds", grace_seconds));
  server_->Shutdown(grace_seconds);
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) running_[*it]->Stop();
  logging::Info("host", "drained: calls finished, relays stopped");
}

ServiceHost::~ServiceHost() {
  Shutdown(0);
  metrics_.reset();  // stop scrapes before the pools go
  server_.reset();
  running_.clear();
  module_work_.clear();
  work_.reset();
}

}  // namespace auxpro::service
