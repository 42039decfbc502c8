#pragma once

// Prometheus metrics of auxpro-server (prometheus-cpp): one registry per process, the RPC golden
// signals recorded by the transport, and an HTTP endpoint that serves them.

#include <prometheus/collectable.h>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace auxpro::metrics {

// The process's registry.
std::shared_ptr<prometheus::Registry> Registry();

// One finished call: auxpro_rpc_requests_total{service,method,code,agency_kind} and
// auxpro_rpc_duration_seconds{service,method}. `method_path` is "pkg.Service/Method"; `code` the
// canonical code's name (OK, NOT_FOUND, ...).
void RecordCall(const std::string& method_path, const std::string& agency_kind,
                const std::string& code, double seconds);

// One audit-chain verification: auxpro_audit_verifications_total{service,result}, result
// "intact" or "broken".
void RecordAuditVerification(const std::string& service, bool intact);

// The HTTP endpoint (/metrics, plaintext, for the cluster's scraper): the registry plus the
// collectables added to it.
class Endpoint {
 public:
  // `listen` e.g. "0.0.0.0:9464"; port 0 picks a free one.
  static absl::StatusOr<std::unique_ptr<Endpoint>> Start(const std::string& listen);
  void Add(const std::weak_ptr<prometheus::Collectable>& collectable);
  int port() const { return port_; }

 private:
  explicit Endpoint(std::unique_ptr<prometheus::Exposer> exposer) : exposer_(std::move(exposer)) {}
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace auxpro::metrics
