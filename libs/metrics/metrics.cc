#include "libs/metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <exception>

#include "absl/strings/str_cat.h"

namespace auxpro::metrics {

namespace {

struct Families {
  explicit Families(prometheus::Registry& r)
      : requests(prometheus::BuildCounter()
                     .Name("auxpro_rpc_requests_total")
                     .Help("Calls answered by a handler, by service, method, code and agency kind")
                     .Register(r)),
        duration(prometheus::BuildHistogram()
                     .Name("auxpro_rpc_duration_seconds")
                     .Help("Time from a call's arrival on the work pool to its answer")
                     .Register(r)),
        audits(prometheus::BuildCounter()
                   .Name("auxpro_audit_verifications_total")
                   .Help("Audit-chain verifications by service and result (intact, broken)")
                   .Register(r)) {}
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& duration;
  prometheus::Family<prometheus::Counter>& audits;
};

Families& Get() {
  static Families* families = new Families(*Registry());
  return *families;
}

const prometheus::Histogram::BucketBoundaries& Buckets() {
  static const prometheus::Histogram::BucketBoundaries buckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return buckets;
}

}  // namespace

std::shared_ptr<prometheus::Registry> Registry() {
  static auto* registry =
      new std::shared_ptr<prometheus::Registry>(std::make_shared<prometheus::Registry>());
  return *registry;
}

void RecordCall(const std::string& method_path, const std::string& agency_kind,
                const std::string& code, double seconds) {
  const size_t slash = method_path.find('/');
  const std::string service = method_path.substr(0, slash);
  const std::string method = slash == std::string::npos ? "" : method_path.substr(slash + 1);
  Families& f = Get();
  f.requests
      .Add({{"service", service}, {"method", method}, {"code", code}, {"agency_kind", agency_kind}})
      .Increment();
  f.duration.Add({{"service", service}, {"method", method}}, Buckets()).Observe(seconds);
}

void RecordAuditVerification(const std::string& service, bool intact) {
  Get().audits.Add({{"service", service}, {"result", intact ? "intact" : "broken"}}).Increment();
}

absl::StatusOr<std::unique_ptr<Endpoint>> Endpoint::Start(const std::string& listen) {
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(listen, /*num_threads=*/1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", listen, ": ", e.what()));
  }
  exposer->RegisterCollectable(Registry());
  std::unique_ptr<Endpoint> endpoint(new Endpoint(std::move(exposer)));
  auto ports = endpoint->exposer_->GetListeningPorts();
  endpoint->port_ = ports.empty() ? 0 : ports.front();
  return endpoint;
}

void Endpoint::Add(const std::weak_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

}  // namespace auxpro::metrics
