#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/grading/flow.h"

namespace auxpro::grading {

// Deadlines that move a case: ListOverdueApplications and RunGradingSweep (which also brings
// result-notice decisions into force when their objection period ends).
class Deadlines {
 public:
  explicit Deadlines(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status ListOverdue(const rpc::CallContext& call,
                           const v1::ListOverdueApplicationsRequest& request,
                           v1::ListOverdueApplicationsResponse* response) const;
  // RunGradingSweep: one page from the start of the day's items.
  absl::Status Sweep(const rpc::CallContext& call, const v1::RunGradingSweepRequest& request,
                     v1::RunGradingSweepResponse* response) const;
  // The same call (checks, idempotency key, audit row, archive entries as `call`'s caller) from
  // `cursor`, which it moves past the items examined: the scheduler pages through a day with it.
  // With `write_when_idle` false, a page that sent nothing and examined no result notice is
  // rolled back (it changed nothing): no idempotency key and no audit row are left behind.
  absl::Status SweepFrom(const rpc::CallContext& call, const v1::RunGradingSweepRequest& request,
                         SweepCursor* cursor, bool write_when_idle,
                         v1::RunGradingSweepResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

// The day a request counts to: `as_of` when set (a calendar date, not after today), else today
// (China Standard Time). INVALID_ARGUMENT naming `field`.
absl::StatusOr<CivilDate> AsOfDay(const common::v1::Date& as_of, absl::Time now,
                                  const std::string& field);

}  // namespace auxpro::grading
