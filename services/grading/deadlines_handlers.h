#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// Deadlines that move a case: ListOverdueApplications and RunGradingSweep (which also brings
// result-notice decisions into force when their objection period ends).
class Deadlines {
 public:
  explicit Deadlines(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status ListOverdue(const rpc::CallContext& call,
                           const v1::ListOverdueApplicationsRequest& request,
                           v1::ListOverdueApplicationsResponse* response) const;
  absl::Status Sweep(const rpc::CallContext& call, const v1::RunGradingSweepRequest& request,
                     v1::RunGradingSweepResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

// The day a request counts to: `as_of` when set (a calendar date, not after today), else today
// (China Standard Time). INVALID_ARGUMENT naming `field`.
absl::StatusOr<CivilDate> AsOfDay(const common::v1::Date& as_of, absl::Time now,
                                  const std::string& field);

}  // namespace auxpro::grading
