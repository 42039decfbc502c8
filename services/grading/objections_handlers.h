#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// Objections to a result notice (公示): RecordObjection (bureau, HR company) and AnswerObjection
// (establishment office), on the rules of notice_rules.
class Objections {
 public:
  explicit Objections(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Record(const rpc::CallContext& call, const v1::RecordObjectionRequest& request,
                      v1::Objection* response) const;
  absl::Status Answer(const rpc::CallContext& call, const v1::AnswerObjectionRequest& request,
                      v1::Objection* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::grading
