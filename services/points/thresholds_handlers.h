#pragma once

#include "auxpro/points/v1/points_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::points {

// The policy's thresholds (wenjiang 8.5): ListPromotionCandidates, ListDemotionsDue.
class Thresholds {
 public:
  explicit Thresholds(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Promotions(const rpc::CallContext& call, const v1::ListThresholdRequest& request,
                          v1::ListThresholdResponse* response) const;
  absl::Status Demotions(const rpc::CallContext& call, const v1::ListThresholdRequest& request,
                         v1::ListThresholdResponse* response) const;

 private:
  absl::Status List(const rpc::CallContext& call, const v1::ListThresholdRequest& request,
                    bool demotion, v1::ListThresholdResponse* response) const;
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::points
