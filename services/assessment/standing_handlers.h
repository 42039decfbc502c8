#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::assessment {

// GetAssessmentStanding: what the grading service reads of a person's assessments.
class Standing {
 public:
  explicit Standing(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Get(const rpc::CallContext& call, const v1::GetAssessmentStandingRequest& request,
                   v1::AssessmentStanding* response) const;
  // BatchGetAssessmentStandings: the same for many persons, a few reads per 100.
  absl::Status BatchGet(const rpc::CallContext& call,
                        const v1::BatchGetAssessmentStandingsRequest& request,
                        v1::BatchGetAssessmentStandingsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::assessment
