// Fuzz target: every request of auxpro.points.v1.Points (tests/fuzz/service_requests.h), then
// the ledger rules its handlers run on it (services/points/ledger_rules.h).

#include <cstdint>

#include "auxpro/points/v1/points_service.pb.h"
#include "services/points/ledger_rules.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/service_requests.h"

namespace auxpro::fuzz {
namespace {

namespace v1 = ::auxpro::points::v1;

void ServiceRules(const std::string& method, const google::protobuf::Message& request) {
  const auto& points = Wenjiang().points();
  if (const auto* r = As<v1::RecordCommendationRequest>(request)) {
    const v1::Commendation& c = r->commendation();
    const std::string group = points::MatterGroupOf(points, c.body());
    for (int posted : {0, 3, 1000}) {
      points::MatterFacts facts{posted, posted};
      const points::Posting p = points::DecideCommendation(points, c, facts);
      FUZZ_CHECK(p.amount <= p.rule_amount || p.rule_amount < 0);
      FUZZ_CHECK(p.matter_group == group || p.matter_group.empty());
    }
  } else if (const auto* r = As<v1::RecordBreachRequest>(request)) {
    absl::StatusOr<points::Posting> p = points::DecideBreach(points, r->rule_code(), r->amount());
    if (p.ok()) {
      FUZZ_CHECK(p->amount == r->amount() && p->amount < 0);
    } else {
      FUZZ_CHECK(IsBoundedRefusal(p.status(), absl::StatusCode::kInvalidArgument));
    }
  } else if (As<v1::ListThresholdRequest>(request) != nullptr) {
    for (int lp : {-1000, -10, 0, 10, 1000}) {
      (void)points::PromotionMayBeApplied(points, lp);
      for (int level = 0; level <= 5; ++level) (void)points::DemotionDue(points, level, lp);
    }
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const google::protobuf::ServiceDescriptor& service =
      auxpro::fuzz::ServiceOf(*auxpro::points::v1::RecordBreachRequest::descriptor(),
                              "auxpro.points.v1.Points");
  auxpro::fuzz::RunRequest(service, data, size,
                           auxpro::fuzz::ServiceRules);
  return 0;
}
