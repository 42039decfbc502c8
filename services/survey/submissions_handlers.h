#pragma once

#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::survey {

// The public side, through the web gateway: GetCampaignQuestionnaire, SubmitResponse.
class Submissions {
 public:
  explicit Submissions(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Questionnaire(const rpc::CallContext& call,
                             const v1::GetCampaignQuestionnaireRequest& request,
                             v1::Questionnaire* response) const;
  absl::Status Submit(const rpc::CallContext& call, const v1::SubmitResponseRequest& request,
                      v1::SurveyResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::survey
