#include "services/survey/campaigns_handlers.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/etag.h"
#include "libs/service/listing.h"
#include "services/survey/assessment_lookup.h"
#include "services/survey/campaigns_rules.h"
#include "services/survey/personnel_lookup.h"
#include "services/survey/survey_keys.h"
#include "services/survey/survey_names.h"

namespace auxpro::survey {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

namespace {

bool IsAssessor(const CallContext& call) { return call.principal.kind == common::v1::ASSESSOR; }

std::string SecretContext(const std::string& j, const std::string& id) {
  return absl::StrCat("survey-campaign\n", CampaignName(j, id));
}

// The questionnaire id a campaign pins for a post type: the one named (which must be of that
// post type), or the newest.
StatusOr<std::string> PinQuestionnaire(db::Transaction& tx, const std::string& name,
                                       personnel::v1::PostType post_type,
                                       const std::string& field) {
  if (name.empty()) {
    ASSIGN_OR_RETURN(auto newest, store::NewestQuestionnaire(tx, post_type));
    if (!newest) return Precondition(absl::StrCat(field, ": no questionnaire is seeded"));
    return *newest;
  }
  if (!absl::StartsWith(name, "questionnaires/")) {
    return Invalid(absl::StrCat(field, ": \"", name, "\" is not a questionnaire name"));
  }
  const std::string id = name.substr(std::string("questionnaires/").size());
  ASSIGN_OR_RETURN(auto q, store::GetQuestionnaire(tx, id));
  if (!q) return Invalid(absl::StrCat(field, ": questionnaire \"", name, "\" does not exist"));
  if (q->post_type() != post_type) {
    return Invalid(absl::StrCat(field, ": questionnaire \"", name, "\" is for ",
                                personnel::v1::PostType_Name(q->post_type()), " staff"));
  }
  return id;
}

// The ids of the auxiliaries a campaign covers: at least one, at most the policy's number, each a
// person of the jurisdiction named once.
StatusOr<std::vector<std::string>> CoveredIds(const CallContext& call, const std::string& j,
                                              const policy::v1::Policy& policy,
                                              const v1::Campaign& in) {
  const int max_auxiliaries = static_cast<int>(policy.survey().max_campaign_auxiliaries());
  if (in.auxiliaries_size() == 0 || in.auxiliaries_size() > max_auxiliaries) {
    return Invalid(absl::StrCat("campaign.auxiliaries: 1-", max_auxiliaries,
                                " person names required (policy survey.max_campaign_auxiliaries), "
                                "got ",
                                in.auxiliaries_size()));
  }
  std::vector<std::string> person_ids;
  std::set<std::string> seen;
  for (int i = 0; i < in.auxiliaries_size(); ++i) {
    const std::string field = absl::StrCat("campaign.auxiliaries[", i, "]");
    ASSIGN_OR_RETURN(
        auto id, auth::ScopeOfReference(call.principal, in.auxiliaries(i), "persons", field, j));
    if (!seen.insert(id).second) return Invalid(absl::StrCat(field, ": named twice"));
    person_ids.push_back(id);
  }
  return person_ids;
}

// The settings of a campaign as created or updated: display name, period, auxiliaries (their
// ids returned).
StatusOr<std::vector<std::string>> CheckSettings(const CallContext& call, const std::string& j,
                                                 const policy::v1::Policy& policy,
                                                 const v1::Campaign& in) {
  RETURN_IF_ERROR(RequireText(in.display_name(), "campaign.display_name", 255));
  RETURN_IF_ERROR(RequireDate(in.period_start(), "campaign.period_start"));
  RETURN_IF_ERROR(RequireDate(in.period_end(), "campaign.period_end"));
  if (CompareDates(in.period_end(), in.period_start()) < 0) {
    return Invalid("campaign.period_end: must not be before campaign.period_start");
  }
  return CoveredIds(call, j, policy, in);
}

}  // namespace

StatusOr<store::CampaignRecord> LoadCampaign(const CallContext& call, db::Transaction& tx,
                                             const std::string& j, const std::string& id,
                                             store::Lock lock, bool with_auxiliaries) {
  ASSIGN_OR_RETURN(auto rec, store::GetCampaign(tx, j, id, lock, with_auxiliaries));
  if (!rec || (IsAssessor(call) && rec->campaign.creator_agency() != call.principal.agency_id)) {
    return NotFound("campaign", CampaignName(j, id));
  }
  return *rec;
}

StatusOr<std::string> SecretOf(const service::ServiceContext& ctx, const std::string& j,
                               const store::CampaignRecord& rec) {
  return ctx.cipher.Decrypt(rec.secret_sealed, SecretContext(j, rec.id));
}

Status Campaigns::GetQuestionnaire(const CallContext& call,
                                   const v1::GetQuestionnaireRequest& request,
                                   v1::Questionnaire* response) const {
  if (!absl::StartsWith(request.name(), "questionnaires/")) {
    return Invalid(absl::StrCat("name: \"", request.name(), "\" is not a questionnaire name"));
  }
  const std::string id = request.name().substr(std::string("questionnaires/").size());
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto q, store::GetQuestionnaire(tx, id));
    if (!q) return NotFound("questionnaire", request.name());
    *response = *q;
    return absl::OkStatus();
  });
}

Status Campaigns::Create(const CallContext& call, const v1::CreateCampaignRequest& request,
                         v1::Campaign* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  const v1::Campaign& in = request.campaign();
  if (IsAssessor(call)) {
    RETURN_IF_ERROR(RequireText(in.assessment_session(), "campaign.assessment_session", 255));
  } else {
    RETURN_IF_ERROR(LimitText(in.assessment_session(), "campaign.assessment_session", 255));
  }
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(std::vector<std::string> person_ids, CheckSettings(call, j, *policy, in));
  if (!in.assessment_session().empty()) {
    RETURN_IF_ERROR(
        CheckAssessmentSession(ctx_.peers, call, j, in.assessment_session(), person_ids));
  }
  const std::string id = NewId("c");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Campaign> {
        store::CampaignRecord rec;
        rec.id = id;
        rec.campaign = in;
        rec.campaign.clear_auxiliaries();
        ASSIGN_OR_RETURN(auto field_q,
                         PinQuestionnaire(tx, in.field_questionnaire(), personnel::v1::FIELD,
                                          "campaign.field_questionnaire"));
        ASSIGN_OR_RETURN(auto office_q,
                         PinQuestionnaire(tx, in.office_questionnaire(), personnel::v1::OFFICE,
                                          "campaign.office_questionnaire"));
        rec.campaign.set_field_questionnaire(QuestionnaireName(field_q));
        rec.campaign.set_office_questionnaire(QuestionnaireName(office_q));
        rec.campaign.set_state(v1::Campaign::DRAFT);
        rec.campaign.set_creator_agency(call.principal.agency_id);
        rec.creator_kind = call.principal.kind;
        rec.secret_sealed = ctx_.cipher.Encrypt(NewCampaignSecret(), SecretContext(j, id));
        ASSIGN_OR_RETURN(auto written, store::InsertCampaign(tx, j, rec, person_ids));
        for (const auto& p : person_ids) written.campaign.add_auxiliaries(PersonName(j, p));
        return written.campaign;
      });
}

Status Campaigns::Update(const CallContext& call, const v1::UpdateCampaignRequest& request,
                         v1::Campaign* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.campaign().name(),
                                               "campaigns", "campaign.name"));
  const std::string& j = ref.jurisdiction;
  const std::vector<std::string> paths(request.update_mask().paths().begin(),
                                       request.update_mask().paths().end());
  // The field names first: an unknown one is the caller's mistake whatever the campaign's state.
  RETURN_IF_ERROR(CheckCampaignUpdate(request.campaign(), false, paths));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  // A new coverage of a session's campaign stays within the session's participants; checked
  // before the transaction (the session is immutable, so reading it first is safe).
  if (std::find(paths.begin(), paths.end(), "auxiliaries") != paths.end()) {
    store::CampaignRecord current;
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(current, LoadCampaign(call, tx, j, ref.id, store::Lock::kNone, false));
      return absl::OkStatus();
    }));
    if (!current.campaign.assessment_session().empty()) {
      ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       CoveredIds(call, j, *policy, request.campaign()));
      RETURN_IF_ERROR(
          CheckAssessmentSession(ctx_.peers, call, j, current.campaign.assessment_session(), ids));
    }
  }
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Campaign> {
        ASSIGN_OR_RETURN(auto rec, LoadCampaign(call, tx, j, ref.id, store::Lock::kUpdate, true));
        RETURN_IF_ERROR(
            service::CheckEtag(rec.campaign.etag(), request.campaign().etag(), "campaign.etag"));
        ASSIGN_OR_RETURN(bool has_responses, store::HasResponses(tx, j, rec.id));
        RETURN_IF_ERROR(CheckCampaignUpdate(rec.campaign, has_responses, paths));
        v1::Campaign merged = rec.campaign;
        const v1::Campaign& in = request.campaign();
        bool coverage = false;
        for (const std::string& path : paths) {
          if (path == "display_name") merged.set_display_name(in.display_name());
          if (path == "period_start") *merged.mutable_period_start() = in.period_start();
          if (path == "period_end") *merged.mutable_period_end() = in.period_end();
          if (path == "auxiliaries") {
            *merged.mutable_auxiliaries() = in.auxiliaries();
            coverage = true;
          }
          if (path == "field_questionnaire") {
            ASSIGN_OR_RETURN(auto id,
                             PinQuestionnaire(tx, in.field_questionnaire(), personnel::v1::FIELD,
                                              "campaign.field_questionnaire"));
            merged.set_field_questionnaire(QuestionnaireName(id));
          }
          if (path == "office_questionnaire") {
            ASSIGN_OR_RETURN(auto id,
                             PinQuestionnaire(tx, in.office_questionnaire(), personnel::v1::OFFICE,
                                              "campaign.office_questionnaire"));
            merged.set_office_questionnaire(QuestionnaireName(id));
          }
        }
        ASSIGN_OR_RETURN(std::vector<std::string> person_ids,
                         CheckSettings(call, j, *policy, merged));
        rec.campaign = merged;
        ASSIGN_OR_RETURN(
            auto written,
            store::UpdateCampaignSettings(
                tx, j, rec,
                coverage ? std::optional<std::vector<std::string>>(person_ids) : std::nullopt));
        return written.campaign;
      });
}

Status Campaigns::Get(const CallContext& call, const v1::GetCampaignRequest& request,
                      v1::Campaign* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "campaigns"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rec, LoadCampaign(call, tx, ref.jurisdiction, ref.id, store::Lock::kNone,
                                            /*with_auxiliaries=*/true));
    *response = rec.campaign;
    return absl::OkStatus();
  });
}

Status Campaigns::List(const CallContext& call, const v1::ListCampaignsRequest& request,
                       v1::ListCampaignsResponse* response) const {
  const std::string creator = IsAssessor(call) ? call.principal.agency_id : "";
  return service::ListInJurisdiction(
      ctx_.pool, call, request, response,
      [&](db::Transaction& tx, const std::string& j, const std::string& after, int limit) {
        return store::ListCampaigns(tx, j, creator, after, limit);
      },
      [&](const store::CampaignRecord& rec) { *response->add_campaigns() = rec.campaign; });
}

Status Campaigns::Transition(const CallContext& call, const google::protobuf::Message& request,
                             const std::string& name, const std::string& action,
                             v1::Campaign* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, name, "campaigns"));
  const std::string& j = ref.jurisdiction;
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Campaign> {
        ASSIGN_OR_RETURN(auto rec, LoadCampaign(call, tx, j, ref.id, store::Lock::kUpdate, true));
        ASSIGN_OR_RETURN(auto state, DecideTransition(rec.campaign, action));
        ASSIGN_OR_RETURN(auto written, store::UpdateCampaignState(tx, j, rec, state));
        return written.campaign;
      });
}

Status Campaigns::Open(const CallContext& call, const v1::OpenCampaignRequest& request,
                       v1::Campaign* response) const {
  return Transition(call, request, request.name(), "open", response);
}

Status Campaigns::Close(const CallContext& call, const v1::CloseCampaignRequest& request,
                        v1::Campaign* response) const {
  return Transition(call, request, request.name(), "close", response);
}

Status Campaigns::Link(const CallContext& call, const v1::GetSurveyLinkRequest& request,
                       v1::SurveyLink* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "campaigns"));
  RETURN_IF_ERROR(CheckBadgeNumber(request.badge_number(), "badge_number"));
  const std::string& j = ref.jurisdiction;
  store::CampaignRecord rec;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(rec, LoadCampaign(call, tx, j, ref.id, store::Lock::kNone, false));
    return absl::OkStatus();
  }));
  ASSIGN_OR_RETURN(auto aux, FindByBadge(ctx_.peers, j, request.badge_number()));
  bool covered = false;
  if (aux) {
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(covered, store::Covers(tx, j, ref.id, aux->person_id, false));
      return absl::OkStatus();
    }));
  }
  RETURN_IF_ERROR(CheckCovered(rec.campaign, covered, request.badge_number()));
  ASSIGN_OR_RETURN(auto secret, SecretOf(ctx_, j, rec));
  response->set_campaign(rec.campaign.name());
  response->set_badge_number(request.badge_number());
  response->set_payload(LinkPayload(secret, rec.id, request.badge_number()));
  return absl::OkStatus();
}

}  // namespace auxpro::survey
