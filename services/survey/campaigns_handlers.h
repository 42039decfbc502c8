#pragma once

#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/db/transaction.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/survey/campaigns_store.h"

namespace auxpro::survey {

// Questionnaires and campaigns: GetQuestionnaire, CreateCampaign, UpdateCampaign, GetCampaign,
// ListCampaigns,
// OpenCampaign, CloseCampaign, GetSurveyLink.
class Campaigns {
 public:
  explicit Campaigns(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status GetQuestionnaire(const rpc::CallContext& call,
                                const v1::GetQuestionnaireRequest& request,
                                v1::Questionnaire* response) const;
  absl::Status Create(const rpc::CallContext& call, const v1::CreateCampaignRequest& request,
                      v1::Campaign* response) const;
  absl::Status Update(const rpc::CallContext& call, const v1::UpdateCampaignRequest& request,
                      v1::Campaign* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetCampaignRequest& request,
                   v1::Campaign* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListCampaignsRequest& request,
                    v1::ListCampaignsResponse* response) const;
  absl::Status Open(const rpc::CallContext& call, const v1::OpenCampaignRequest& request,
                    v1::Campaign* response) const;
  absl::Status Close(const rpc::CallContext& call, const v1::CloseCampaignRequest& request,
                     v1::Campaign* response) const;
  absl::Status Link(const rpc::CallContext& call, const v1::GetSurveyLinkRequest& request,
                    v1::SurveyLink* response) const;

 private:
  absl::Status Transition(const rpc::CallContext& call, const google::protobuf::Message& request,
                          const std::string& name, const std::string& action,
                          v1::Campaign* response) const;
  const service::ServiceContext& ctx_;
};

// A campaign the caller may see: NOT_FOUND when missing, and for an assessor when another agency
// created it. PUBLIC callers see any campaign of their jurisdiction.
absl::StatusOr<store::CampaignRecord> LoadCampaign(const rpc::CallContext& call,
                                                   db::Transaction& tx, const std::string& j,
                                                   const std::string& id, store::Lock lock,
                                                   bool with_auxiliaries);

// The campaign's secret, unsealed.
absl::StatusOr<std::string> SecretOf(const service::ServiceContext& ctx, const std::string& j,
                                     const store::CampaignRecord& rec);

}  // namespace auxpro::survey
