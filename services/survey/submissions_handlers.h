#pragma once

#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/survey/campaigns_store.h"
#include "services/survey/personnel_lookup.h"

namespace auxpro::survey {

// What a public request is about: the campaign, its secret, and the badge number typed or carried
// by the link payload.
struct Target {
  std::string j;
  store::CampaignRecord campaign;
  std::string secret;
  std::string badge_number;
};

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
  // One transaction of Submit: claim the submission id, check, store, count.
  absl::Status SubmitOnce(const rpc::CallContext& call, const Target& t,
                          const v1::SubmitResponseRequest& kept,
                          const v1::SubmitResponseRequest& request,
                          const std::optional<Auxiliary>& aux, const std::string& respondent_hash,
                          v1::SurveyResponse* response) const;
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::survey
