#include "services/survey/results_handlers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/service/batch.h"
#include "libs/service/listing.h"
#include "services/survey/campaigns_handlers.h"
#include "services/survey/rates_rules.h"
#include "services/survey/responses_store.h"
#include "services/survey/survey_names.h"

namespace auxpro::survey {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status Results::Rate(const CallContext& call, const v1::GetSatisfactionRateRequest& request,
                     v1::SatisfactionRate* response) const {
  ASSIGN_OR_RETURN(auto person,
                   auth::ScopeOfName(call.principal, request.person(), "persons", "person"));
  const std::string& j = person.jurisdiction;
  std::string campaign_id;
  if (!request.campaign().empty()) {
    ASSIGN_OR_RETURN(campaign_id, auth::ScopeOfReference(call.principal, request.campaign(),
                                                         "campaigns", "campaign", j));
  } else if (call.principal.kind == common::v1::ASSESSOR) {
    return Invalid("campaign: required for an assessor (it reads the results of its campaigns)");
  }
  if (!IsUnset(request.start_date()))
    RETURN_IF_ERROR(RequireDate(request.start_date(), "start_date"));
  if (!IsUnset(request.end_date())) RETURN_IF_ERROR(RequireDate(request.end_date(), "end_date"));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const bool with_distributions = call.principal.kind == common::v1::ENFORCEMENT_BUREAU ||
                                  call.principal.kind == common::v1::ASSESSOR;
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    if (!campaign_id.empty()) {
      RETURN_IF_ERROR(LoadCampaign(call, tx, j, campaign_id, store::Lock::kNone, false).status());
    }
    ASSIGN_OR_RETURN(auto counts, store::SumCounts(tx, j, person.id, campaign_id,
                                                   request.start_date(), request.end_date()));
    *response = DecideRate(policy->survey(), counts, with_distributions);
    response->set_person(PersonName(j, person.id));
    if (!campaign_id.empty()) response->set_campaign(CampaignName(j, campaign_id));
    return absl::OkStatus();
  });
}

Status Results::BatchRates(const CallContext& call,
                           const v1::BatchGetSatisfactionRatesRequest& request,
                           v1::BatchGetSatisfactionRatesResponse* response) const {
  ASSIGN_OR_RETURN(service::BatchScope scope,
                   service::ScopeOfBatch(call.principal, request.parent(), request.persons(), "",
                                         "persons"));
  const std::string& j = scope.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto counts, store::SumCountsOf(tx, j, scope.person_ids,
                                                     static_cast<int>(std::min<uint32_t>(
                                                         policy->survey().rated_questions(), 100))));
    response->Clear();
    const AnswerCounts none;
    for (const std::string& id : scope.person_ids) {
      auto it = counts.find(id);
      v1::SatisfactionRate* rate = response->add_satisfaction_rates();
      *rate = DecideRate(policy->survey(), it == counts.end() ? none : it->second,
                         /*with_distributions=*/false);
      rate->set_person(PersonName(j, id));
    }
    return absl::OkStatus();
  });
}

Status Results::Comments(const CallContext& call, const v1::ListCommentsRequest& request,
                         v1::ListCommentsResponse* response) const {
  ASSIGN_OR_RETURN(auto campaign,
                   auth::ScopeOfName(call.principal, request.parent(), "campaigns", "parent"));
  const std::string& j = campaign.jurisdiction;
  ASSIGN_OR_RETURN(auto person_id, auth::ScopeOfReference(call.principal, request.person(),
                                                          "persons", "person", j));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  bool sufficient = false;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    RETURN_IF_ERROR(LoadCampaign(call, tx, j, campaign.id, store::Lock::kNone, false).status());
    ASSIGN_OR_RETURN(auto counts, store::SumCounts(tx, j, person_id, campaign.id, {}, {}));
    sufficient = SampleSufficient(policy->survey(), counts.responses);
    return absl::OkStatus();
  }));
  if (!sufficient) {
    response->Clear();
    response->set_withheld(true);
    return absl::OkStatus();
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(),
      absl::StrCat(request.parent(), "|", person_id), response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListComments(tx, j, campaign.id, person_id, after, limit);
      },
      [](const auto& row) { return row.first; },
      [&](const auto& row) { *response->add_comments() = row.second; });
}

}  // namespace auxpro::survey
