#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Events addressed to consumer "personnel" (auxpro.common.v1.EventConsumer), each applied once
// under its event id (a redelivery answers `duplicate`): assessment ProbationAssessmentResult, a
// result of a probationer's first centralized session (wenjiang 7.3.1.2), recorded on the
// person's probation as evidence for the probation decision (Person.probation_assessments).
// INVALID_ARGUMENT (parked by the producer) for an unknown event type or producer, a malformed
// payload, a person of another jurisdiction than the event's, an unknown person or one never
// hired.
class Events {
 public:
  explicit Events(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
