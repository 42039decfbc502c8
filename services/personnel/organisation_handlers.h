#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Units and head-count limits: CreateUnit, ListUnits, SetHeadcountLimit, ListHeadcountLimits.
class Organisation {
 public:
  explicit Organisation(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status CreateUnit(const rpc::CallContext& call, const v1::CreateUnitRequest& request,
                          v1::Unit* response) const;
  absl::Status ListUnits(const rpc::CallContext& call, const v1::ListUnitsRequest& request,
                         v1::ListUnitsResponse* response) const;
  absl::Status SetHeadcountLimit(const rpc::CallContext& call,
                                 const v1::SetHeadcountLimitRequest& request,
                                 v1::HeadcountLimit* response) const;
  absl::Status ListHeadcountLimits(const rpc::CallContext& call,
                                   const v1::ListHeadcountLimitsRequest& request,
                                   v1::ListHeadcountLimitsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
