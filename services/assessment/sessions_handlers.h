#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"
#include "services/assessment/survey_reader.h"

namespace auxpro::assessment {

// The quarterly centralized assessment: CreateAssessmentSession, GetAssessmentSession,
// RecordCentralizedResult, ListCentralizedResults.
class Sessions {
 public:
  explicit Sessions(const service::ServiceContext& ctx)
      : ctx_(ctx), personnel_(ctx.peers), survey_(ctx.peers) {}

  absl::Status Create(const rpc::CallContext& call,
                      const v1::CreateAssessmentSessionRequest& request,
                      v1::AssessmentSession* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetAssessmentSessionRequest& request,
                   v1::AssessmentSession* response) const;
  absl::Status Record(const rpc::CallContext& call,
                      const v1::RecordCentralizedResultRequest& request,
                      v1::CentralizedResult* response) const;
  absl::Status ListResults(const rpc::CallContext& call,
                           const v1::ListCentralizedResultsRequest& request,
                           v1::ListCentralizedResultsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
  SurveyReader survey_;
};

}  // namespace auxpro::assessment
