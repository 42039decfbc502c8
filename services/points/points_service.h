#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/points/events_handlers.h"
#include "services/points/ledger_handlers.h"
#include "services/points/thresholds_handlers.h"

namespace auxpro::points {

// auxpro.points.v1.Points: every rpc of the proto bound to its handler, and the events addressed
// to consumer "points". Access by agency kind is enforced before a handler runs (proto options).
class PointsService final : public service::UnaryService {
 public:
  explicit PointsService(const service::ServiceContext& ctx);

  absl::Status ConsumeEvent(const rpc::CallContext& call,
                            const common::v1::ConsumeEventRequest& request,
                            common::v1::ConsumeEventResponse* response) const {
    return events_.Consume(call, request, response);
  }

 private:
  Ledger ledger_;
  Thresholds thresholds_;
  Events events_;
};

}  // namespace auxpro::points
