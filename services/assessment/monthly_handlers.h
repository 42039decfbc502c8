#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// The monthly daily assessment: CreateMonthlyAssessment, ListMonthlyAssessments.
class Monthly {
 public:
  explicit Monthly(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Create(const rpc::CallContext& call,
                      const v1::CreateMonthlyAssessmentRequest& request,
                      v1::MonthlyAssessment* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListMonthlyAssessmentsRequest& request,
                    v1::ListMonthlyAssessmentsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
