#include "services/points/thresholds_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/status_macros.h"
#include "libs/service/listing.h"
#include "services/points/ledger_rules.h"
#include "services/points/ledger_store.h"

namespace auxpro::points {

namespace {
// Entries shown behind one figure (ThresholdCrossing.entries).
constexpr int kEntriesPerCrossing = 200;
}  // namespace

absl::Status Thresholds::Promotions(const rpc::CallContext& call,
                                    const v1::ListThresholdRequest& request,
                                    v1::ListThresholdResponse* response) const {
  return List(call, request, /*demotion=*/false, response);
}

absl::Status Thresholds::Demotions(const rpc::CallContext& call,
                                   const v1::ListThresholdRequest& request,
                                   v1::ListThresholdResponse* response) const {
  return List(call, request, /*demotion=*/true, response);
}

absl::Status Thresholds::List(const rpc::CallContext& call, const v1::ListThresholdRequest& request,
                              bool demotion, v1::ListThresholdResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const policy::v1::Points& points = policy->points();
  const int threshold = demotion ? points.demotion_threshold() : points.promotion_threshold();
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(),
      absl::StrCat(j, demotion ? "/demotions" : "/promotions"), response,
      [&](db::Transaction& tx, const std::string& after,
          int limit) -> absl::StatusOr<std::vector<v1::ThresholdCrossing>> {
        ASSIGN_OR_RETURN(auto rows,
                         store::ListCrossings(tx, j, demotion, threshold,
                                              points.demotion_from_level(), after, limit));
        std::vector<v1::ThresholdCrossing> out;
        for (const store::Crossing& row : rows) {
          // The rules decide; the query only narrows the rows.
          const bool due = demotion
                               ? DemotionDue(points, row.figures.level, row.figures.level_points)
                               : PromotionMayBeApplied(points, row.figures.level_points);
          if (!due) continue;
          v1::ThresholdCrossing& c = out.emplace_back();
          c.set_person(store::PersonName(j, row.person_id));
          c.set_level(row.figures.level);
          c.set_level_points(row.figures.level_points);
          c.set_threshold(threshold);
          if (row.figures.period_start) *c.mutable_level_period_start() = *row.figures.period_start;
          ASSIGN_OR_RETURN(auto entries,
                           store::PeriodEntries(tx, j, row.person_id, kEntriesPerCrossing));
          for (auto& e : entries) *c.add_entries() = std::move(e);
        }
        return out;
      },
      [](const v1::ThresholdCrossing& c) { return c.person().substr(c.person().rfind('/') + 1); },
      [&](const v1::ThresholdCrossing& c) { *response->add_crossings() = c; });
}

}  // namespace auxpro::points
