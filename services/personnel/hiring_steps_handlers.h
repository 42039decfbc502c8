#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// The hiring procedure: RecordHiringStep. Checks the record against the jurisdiction's
// employment.hiring_steps (hiring_steps_rules) and keeps it on the candidate's person record;
// HirePerson reads the records.
class HiringSteps {
 public:
  explicit HiringSteps(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Record(const rpc::CallContext& call, const v1::RecordHiringStepRequest& request,
                      v1::Person* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
