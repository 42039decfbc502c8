#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/crypto/field_cipher.h"
#include "libs/metrics/metrics.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/grpc_server.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/audit_chain_service.h"
#include "libs/service/event_consumer_service.h"
#include "libs/service/module.h"
#include "libs/service/peer_router.h"

namespace auxpro::service {

struct HostConfig {
  rpc::ServerConfig server;
  // Addresses of services hosted elsewhere (--peers), by module name.
  std::map<std::string, std::string> peers;
  // Plaintext HTTP endpoint serving Prometheus metrics at /metrics, e.g. "0.0.0.0:9464"; port 0
  // picks a free one; empty: none.
  std::string metrics_listen;
  // How often the host checks that each module's database answers; a module whose database does
  // not is NOT_SERVING until it does again.
  std::chrono::milliseconds health_interval{1000};
  // Each module's own blocking-work pool (and one more for the audit and event services the host
  // serves): a handler that waits on a co-located peer never holds a thread the peer needs.
  int work_threads = 16;
  int work_queue = 1024;
  // Overrides the route of outbox events (tests); by default events go through the PeerRouter.
  outbox::ConsumerResolver consumers;
};

// Runs a set of service modules on one mTLS gRPC server: the object behind both auxpro-server and
// the tests' in-process server. Modules start in dependency order (ModuleSpec::deps among the
// hosted ones); a module whose init fails, or one of whose dependencies failed, is not served and
// its gRPC services (and the server's overall health) report NOT_SERVING, so the failure is
// visible to probes. Co-located modules reach each other through the PeerRouter over the server's
// own port. A module whose database stops answering is NOT_SERVING (and the server as a whole)
// until it answers again, so a readiness probe takes the pod out of rotation and puts it back.
// The host also serves auxpro.common.v1.AuditChain for every module it runs, and
// auxpro.common.v1.EventConsumer for those that consume events.
class ServiceHost {
 public:
  // `modules` are assumed migrated. `policies`, `cipher` and the specs must outlive the host.
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Start(
      const HostConfig& config, const std::vector<const ModuleSpec*>& modules,
      const policy::PolicySet& policies, const crypto::FieldCipher& cipher,
      std::function<absl::StatusOr<std::unique_ptr<db::ConnectionPool>>(const std::string&)>
          open_db);
  ~ServiceHost();

  int port() const { return server_->port(); }
  int health_port() const { return server_->health_port(); }
  // The metrics port, 0 without metrics_listen.
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }
  PeerRouter& peers() { return *peers_; }
  // The running module of that name; nullptr when it is not hosted or failed to start.
  ServiceModule* Module(const std::string& name);
  // Why a hosted module is not running (empty map: all run).
  const std::map<std::string, std::string>& failures() const { return failures_; }
  // gRPC service names that are SERVING.
  const std::vector<std::string>& serving() const { return serving_; }

  // The graceful stop (SIGTERM): every service NOT_SERVING at once while calls are still accepted
  // for `delay_seconds` (load balancers and Kubernetes endpoints take the pod out of rotation),
  // then stops accepting calls and lets those in flight finish for up to `grace_seconds` (then
  // cancels them), then stops the modules' background work (outbox relays).
  void Drain(int delay_seconds, int grace_seconds);
  // Drain(0, grace_seconds).
  void Shutdown(int grace_seconds) { Drain(0, grace_seconds); }

 private:
  ServiceHost() = default;
  std::unique_ptr<rpc::WorkPool> work_;  // the host's own services
  std::map<std::string, std::unique_ptr<rpc::WorkPool>> module_work_;
  std::unique_ptr<PeerRouter> peers_;
  std::unique_ptr<AuditChainService> audit_;
  std::unique_ptr<EventConsumerService> events_;
  std::map<std::string, std::unique_ptr<ServiceModule>> running_;
  std::vector<std::string> order_;  // running modules in start order
  std::map<std::string, std::string> failures_;
  std::vector<std::string> serving_;
  std::unique_ptr<rpc::GrpcServer> server_;
  std::shared_ptr<prometheus::Collectable> host_metrics_;
  std::unique_ptr<metrics::Endpoint> metrics_;
  bool stopped_ = false;

  // The health watch: each module's database, checked every health_interval.
  void WatchHealth(std::chrono::milliseconds interval);
  std::vector<const ModuleSpec*> specs_;
  std::map<std::string, bool> db_up_;
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool watch_stop_ = false;
  std::thread watch_;
};

// The modules in an order where each comes after the hosted modules it depends on;
// INVALID_ARGUMENT naming the cycle when there is one.
absl::StatusOr<std::vector<const ModuleSpec*>> StartOrder(
    const std::vector<const ModuleSpec*>& modules);

}  // namespace auxpro::service
