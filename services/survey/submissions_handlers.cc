#include "services/survey/submissions_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
#include "services/survey/campaigns_handlers.h"
#include "services/survey/campaigns_rules.h"
#include "services/survey/personnel_lookup.h"
#include "services/survey/responses_store.h"
#include "services/survey/survey_keys.h"

namespace auxpro::survey {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

namespace {

constexpr size_t kMaxRespondentKeyBytes = 256;

StatusOr<Target> ResolveTarget(const service::ServiceContext& ctx, const CallContext& call,
                               const std::string& campaign_name, const std::string& badge,
                               const std::string& payload, const std::string& name_field) {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, campaign_name, "campaigns", name_field));
  if (badge.empty() == payload.empty()) {
    return Invalid("badge_number, link_payload: exactly one of the two required");
  }
  Target t;
  t.j = ref.jurisdiction;
  RETURN_IF_ERROR(ctx.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(t.campaign, LoadCampaign(call, tx, t.j, ref.id, store::Lock::kNone, false));
    return absl::OkStatus();
  }));
  ASSIGN_OR_RETURN(t.secret, SecretOf(ctx, t.j, t.campaign));
  if (!payload.empty()) {
    auto signed_badge = BadgeOfLinkPayload(t.secret, t.campaign.id, payload);
    if (!signed_badge) {
      return WithErrorInfo(
          Invalid("link_payload: not a link of this campaign (malformed or not signed by it)"),
          "LINK_PAYLOAD_INVALID");
    }
    t.badge_number = *signed_badge;
  } else {
    t.badge_number = badge;
  }
  RETURN_IF_ERROR(CheckBadgeNumber(t.badge_number, "badge_number"));
  return t;
}

}  // namespace

Status Submissions::Questionnaire(const CallContext& call,
                                  const v1::GetCampaignQuestionnaireRequest& request,
                                  v1::Questionnaire* response) const {
  ASSIGN_OR_RETURN(Target t, ResolveTarget(ctx_, call, request.name(), request.badge_number(),
                                           request.link_payload(), "name"));
  RETURN_IF_ERROR(CheckOpenFor(t.campaign.campaign, DateOf(call.now)));
  ASSIGN_OR_RETURN(auto aux, FindByBadge(ctx_.peers, t.j, t.badge_number));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    bool covered = false;
    if (aux) {
      ASSIGN_OR_RETURN(covered, store::Covers(tx, t.j, t.campaign.id, aux->person_id, false));
    }
    RETURN_IF_ERROR(CheckCovered(t.campaign.campaign, covered, t.badge_number));
    const std::string& pinned = aux->post_type == personnel::v1::OFFICE
                                    ? t.campaign.campaign.office_questionnaire()
                                    : t.campaign.campaign.field_questionnaire();
    ASSIGN_OR_RETURN(auto q, store::GetQuestionnaire(tx, db::LastSegment(pinned)));
    if (!q) return absl::InternalError(absl::StrCat("pinned questionnaire ", pinned, " missing"));
    *response = *q;
    response->set_campaign(t.campaign.campaign.name());
    response->set_badge_number(t.badge_number);
    return absl::OkStatus();
  });
}

Status Submissions::Submit(const CallContext& call, const v1::SubmitResponseRequest& request,
                           v1::SurveyResponse* response) const {
  RETURN_IF_ERROR(RequireText(request.submission_id(), "submission_id", 36));
  RETURN_IF_ERROR(RequireText(request.respondent_key(), "respondent_key", kMaxRespondentKeyBytes));
  // A bound before any lookup: four bytes a character at the policies' longest.
  RETURN_IF_ERROR(LimitText(request.comment(), "comment", 4 * 20000));
  ASSIGN_OR_RETURN(Target t, ResolveTarget(ctx_, call, request.parent(), request.badge_number(),
                                           request.link_payload(), "parent"));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(t.j));
  RETURN_IF_ERROR(LimitChars(request.comment(), "comment", policy->survey().max_comment_chars()));
  RETURN_IF_ERROR(CheckAnswers(policy->survey().rated_questions(), request.answers()));
  const std::string respondent_hash = RespondentHash(t.secret, request.respondent_key());
  ASSIGN_OR_RETURN(auto aux, FindByBadge(ctx_.peers, t.j, t.badge_number));
  // What is digested and audited: the request with the respondent key replaced by its hash.
  v1::SubmitResponseRequest kept = request;
  kept.set_respondent_key(respondent_hash);
  // (Twins of one submission id that deadlock on its first claim are run again by the mutator.)
  return SubmitOnce(call, t, kept, request, aux, respondent_hash, response);
}

Status Submissions::SubmitOnce(const CallContext& call, const Target& t,
                               const v1::SubmitResponseRequest& kept,
                               const v1::SubmitResponseRequest& request,
                               const std::optional<Auxiliary>& aux,
                               const std::string& respondent_hash,
                               v1::SurveyResponse* response) const {
  const common::v1::Date today = DateOf(call.now);
  const std::string response_id = NewId("r");
  return ctx_.mutate.WithKey(
      call, t.j, request.submission_id(), kept, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(auto rec,
                         LoadCampaign(call, tx, t.j, t.campaign.id, store::Lock::kShare, false));
        RETURN_IF_ERROR(CheckOpenFor(rec.campaign, today));
        bool covered = false;
        if (aux) {
          // Locks the auxiliary's coverage row: submissions about one auxiliary queue here.
          ASSIGN_OR_RETURN(covered, store::Covers(tx, t.j, rec.id, aux->person_id, true));
        }
        RETURN_IF_ERROR(CheckCovered(rec.campaign, covered, t.badge_number));
        auto already_responded = [&] {
          return WithErrorInfo(
              AlreadyExists(absl::StrCat("one response per respondent: this respondent already "
                                         "answered about badge number \"",
                                         t.badge_number, "\" in campaign \"", rec.campaign.name(),
                                         "\"")),
              "ALREADY_RESPONDED",
              {{"campaign", rec.campaign.name()}, {"badge_number", t.badge_number}});
        };
        store::ResponseRow row;
        row.id = response_id;
        row.campaign_id = rec.id;
        row.person_id = aux->person_id;
        row.badge_number = t.badge_number;
        row.questionnaire_id = db::LastSegment(aux->post_type == personnel::v1::OFFICE
                                                   ? rec.campaign.office_questionnaire()
                                                   : rec.campaign.field_questionnaire());
        row.respondent_hash = respondent_hash;
        row.submit_date = today;
        row.answers.assign(request.answers().begin(), request.answers().end());
        row.comment = request.comment();
        // One response per respondent: the insert's unique key says so (ALREADY_EXISTS), with
        // no read before it; the coverage row's lock above orders twins of one auxiliary.
        auto inserted = store::InsertResponse(tx, t.j, row);
        if (absl::IsAlreadyExists(inserted.status())) return already_responded();
        if (!inserted.ok()) return inserted.status();
        *response = *std::move(inserted);
        // The audit names the campaign, not the response: the audit row's time must not date a
        // response more finely than its day.
        return rec.campaign.name();
      });
}

}  // namespace auxpro::survey
