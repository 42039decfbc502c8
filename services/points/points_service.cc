#include "services/points/points_service.h"

namespace auxpro::points {

PointsService::PointsService(const service::ServiceContext& ctx)
    : UnaryService(v1::Points::service_full_name(), ctx.work),
      ledger_(ctx),
      thresholds_(ctx),
      events_(ctx) {
  Bind("RecordCommendation", &ledger_, &Ledger::RecordCommendation);
  Bind("RecordBreach", &ledger_, &Ledger::RecordBreach);
  Bind("ReverseEntry", &ledger_, &Ledger::Reverse);
  BindRead("GetPointBalance", &ledger_, &Ledger::GetBalance);
  Bind("ListPointEntries", &ledger_, &Ledger::List);
  Bind("ListPromotionCandidates", &thresholds_, &Thresholds::Promotions);
  Bind("ListDemotionsDue", &thresholds_, &Thresholds::Demotions);
  Bind("BatchGetPointBalances", &ledger_, &Ledger::BatchGetBalances);
}

}  // namespace auxpro::points
