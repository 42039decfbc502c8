#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Staffing floors and the ratio to established staff: SetStaffingFloor, SetEstablishedStaff,
// GetStaffingReport (staffing_rules builds the report).
class Staffing {
 public:
  explicit Staffing(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status SetFloor(const rpc::CallContext& call, const v1::SetStaffingFloorRequest& request,
                        v1::StaffingFloor* response) const;
  absl::Status SetEstablishedStaff(const rpc::CallContext& call,
                                   const v1::SetEstablishedStaffRequest& request,
                                   v1::StaffingReport* response) const;
  absl::Status Report(const rpc::CallContext& call, const v1::GetStaffingReportRequest& request,
                      v1::StaffingReport* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
