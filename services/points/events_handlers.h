#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::points {

// Events addressed to consumer "points" (auxpro.common.v1.EventConsumer), each applied once under
// its event id: personnel PersonHired (a new employment period from 0, wenjiang C.3),
// PersonTransferred (balance and period kept), PersonExited (a closing entry to 0); grading
// LevelChanged (a new level period); assessment AnnualRatingFinalized (C.1 a, C.2 a).
// INVALID_ARGUMENT (parked by the producer) for an unknown event type, a malformed payload, a
// person of another jurisdiction than the event's, or a person personnel does not know.
class Events {
 public:
  explicit Events(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::points
