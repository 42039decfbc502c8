#include "services/assessment/sessions_handlers.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/outbox/outbox.h"
#include "libs/service/listing.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/resource_names.h"
#include "services/assessment/session_rules.h"
#include "services/assessment/sessions_store.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

constexpr int kMaxParticipants = 500;
const std::vector<std::string> kProbationConsumers = {"personnel"};

// The session `id` of `j` as the caller may see it: an assessor sees only the sessions it is
// commissioned for; another's is NOT_FOUND (its existence is not revealed).
StatusOr<v1::AssessmentSession> LoadVisibleSession(db::Transaction& tx, const CallContext& call,
                                                   const std::string& j, const std::string& id) {
  ASSIGN_OR_RETURN(auto session, store::GetSession(tx, j, id));
  if (!session || (call.principal.kind == common::v1::ASSESSOR &&
                   session->assessor() != call.principal.agency_id)) {
    return NotFound("assessment session", SessionName(j, id));
  }
  return *session;
}

const v1::AssessmentSession::Participant* Sits(const v1::AssessmentSession& session,
                                               const std::string& person) {
  for (const auto& p : session.participants()) {
    if (p.person() == person) return &p;
  }
  return nullptr;
}

}  // namespace

Status Sessions::Create(const CallContext& call, const v1::CreateAssessmentSessionRequest& request,
                        v1::AssessmentSession* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  const v1::AssessmentSession& in = request.assessment_session();
  RETURN_IF_ERROR(CheckQuarterNotFuture(in.year(), in.quarter(), FromProto(DateOf(call.now))));
  RETURN_IF_ERROR(RequireText(in.assessor(), "assessment_session.assessor", 128));
  if (in.participants().empty() || in.participants_size() > kMaxParticipants) {
    return Invalid(absl::StrCat("assessment_session.participants: 1-", kMaxParticipants,
                                " persons; got ", in.participants_size()));
  }
  std::vector<std::string> person_ids;
  std::set<std::string> seen;
  for (const auto& p : in.participants()) {
    ASSIGN_OR_RETURN(std::string id,
                     auth::ScopeOfReference(call.principal, p.person(), "persons",
                                            "assessment_session.participants.person", j));
    if (!seen.insert(id).second) {
      return Invalid(absl::StrCat("assessment_session.participants: ", p.person(), " given twice"));
    }
    person_ids.push_back(std::move(id));
  }
  std::vector<ParticipantFacts> facts;
  for (const std::string& id : person_ids) {
    ASSIGN_OR_RETURN(auto person, personnel_.EmployedPerson(
                                      PersonName(j, id), "assessment_session.participants.person"));
    ParticipantFacts& f = facts.emplace_back();
    f.person = person.name();
    f.on_probation = person.state() == personnel::v1::PROBATION;
  }
  const std::string id = NewId("s-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::AssessmentSession> {
        // Each participant's first placement is decided under its attempt lock (taken in id
        // order), so two sessions created at once cannot both be a probationer's first.
        for (const std::string& person_id : seen) {
          RETURN_IF_ERROR(store::LockAttempts(tx, j, person_id));
        }
        std::vector<v1::AssessmentSession::ParticipationBasis> bases;
        for (size_t i = 0; i < person_ids.size(); ++i) {
          ASSIGN_OR_RETURN(facts[i].sat_before, store::SatBefore(tx, j, person_ids[i]));
          bases.push_back(DecideParticipation(facts[i]));
        }
        return store::InsertSession(tx, j, id, in, person_ids, bases, call.now);
      });
}

Status Sessions::Get(const CallContext& call, const v1::GetAssessmentSessionRequest& request,
                     v1::AssessmentSession* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.name(), "assessmentSessions"));
  v1::AssessmentSession session;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(session, LoadVisibleSession(tx, call, ref.jurisdiction, ref.id));
    return absl::OkStatus();
  }));
  // Name and badge number, read live: what the assessor needs to identify who sits the session.
  for (auto& p : *session.mutable_participants()) {
    ASSIGN_OR_RETURN(auto person, personnel_.Person(p.person(), "participants.person"));
    p.set_full_name(person.full_name());
    p.set_badge_number(person.badge_number());
  }
  *response = std::move(session);
  return absl::OkStatus();
}

Status Sessions::Record(const CallContext& call, const v1::RecordCentralizedResultRequest& request,
                        v1::CentralizedResult* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.parent(),
                                               "assessmentSessions", "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::CentralizedResult& in = request.result();
  ASSIGN_OR_RETURN(
      const std::string person_id,
      auth::ScopeOfReference(call.principal, in.person(), "persons", "result.person", j));
  ASSIGN_OR_RETURN(bool passed,
                   DecideResult(policy->assessment(), in.item(), in.score(), in.passed()));
  const std::string person = PersonName(j, person_id);
  v1::CentralizedResult row;
  row.set_item(in.item());
  row.set_score(in.score());
  if (in.item() == kPublicSatisfaction) {
    // Read from the survey, never typed in nor made up (wenjiang 7.3.1.5).
    ASSIGN_OR_RETURN(const std::string campaign_id,
                     auth::ScopeOfReference(call.principal, in.survey_campaign(), "campaigns",
                                            "result.survey_campaign", j));
    const std::string campaign = absl::StrCat("jurisdictions/", j, "/campaigns/", campaign_id);
    ASSIGN_OR_RETURN(auto rate, survey_.Rate(person, campaign, "result.survey_campaign"));
    ASSIGN_OR_RETURN(passed, DecideSatisfaction(policy->assessment(), rate));
    row.set_survey_campaign(campaign);
    row.set_satisfaction_percent(rate.rate_percent());
    row.set_satisfaction_responses(rate.response_count());
  } else if (!in.survey_campaign().empty()) {
    return Invalid(absl::StrCat(
        "result.survey_campaign: only for PUBLIC_SATISFACTION; got one for ", in.item()));
  }
  row.set_passed(passed);
  const std::string id = NewId("r-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::CentralizedResult> {
        ASSIGN_OR_RETURN(auto session, store::GetSession(tx, j, ref.id));
        if (!session) return NotFound("assessment session", request.parent());
        if (session->assessor() != call.principal.agency_id) {
          return WithErrorInfo(
              absl::PermissionDeniedError(absl::StrCat(
                  "assessor \"", call.principal.agency_id, "\" is not commissioned for ",
                  session->name(), " (commissioned: \"", session->assessor(), "\")")),
              "ASSESSOR_NOT_COMMISSIONED",
              {{"session", session->name()}, {"assessor", call.principal.agency_id}});
        }
        const auto* participant = Sits(*session, person);
        if (participant == nullptr) {
          return WithErrorInfo(
              Precondition(absl::StrCat(person, " does not sit ", session->name())),
              "NOT_A_PARTICIPANT", {{"session", session->name()}, {"person", person}});
        }
        RETURN_IF_ERROR(store::LockAttempts(tx, j, person_id));
        ASSIGN_OR_RETURN(auto earlier,
                         store::EarlierResults(tx, j, person_id, in.item(), session->year()));
        ASSIGN_OR_RETURN(const int attempt,
                         DecideAttempt(policy->assessment(), in.item(), session->year(), earlier));
        row.set_attempt(attempt);
        ASSIGN_OR_RETURN(auto written, store::InsertResult(tx, j, id, ref.id, person_id,
                                                           session->year(), row, call.now));
        if (participant->basis() == v1::AssessmentSession::PROBATION_FIRST_SESSION) {
          v1::ProbationAssessmentResult event;
          event.set_person(person);
          event.set_session(session->name());
          event.set_result(written.name());
          event.set_year(session->year());
          event.set_quarter(session->quarter());
          event.set_item(written.item());
          event.set_attempt(written.attempt());
          event.set_passed(written.passed());
          RETURN_IF_ERROR(
              outbox::Enqueue(tx, {"assessment", kProbationConsumers, j, person, &event}, call.now)
                  .status());
        }
        return written;
      });
}

Status Sessions::ListResults(const CallContext& call,
                             const v1::ListCentralizedResultsRequest& request,
                             v1::ListCentralizedResultsResponse* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.parent(),
                                               "assessmentSessions", "parent"));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), request.parent(), response,
      [&](db::Transaction& tx, const std::string& after,
          int limit) -> StatusOr<std::vector<v1::CentralizedResult>> {
        RETURN_IF_ERROR(LoadVisibleSession(tx, call, ref.jurisdiction, ref.id).status());
        return store::ListResults(tx, ref.jurisdiction, ref.id, after, limit);
      },
      [](const v1::CentralizedResult& r) { return service::IdOf(r); },
      [&](const v1::CentralizedResult& r) { *response->add_results() = r; });
}

}  // namespace auxpro::assessment
