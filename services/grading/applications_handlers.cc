#include "services/grading/applications_handlers.h"

#include <functional>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/safe_text.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
#include "libs/service/etag.h"
#include "libs/service/listing.h"
#include "services/grading/application_rules.h"
#include "services/grading/check_reader.h"
#include "services/grading/check_rules.h"
#include "services/grading/flow.h"
#include "services/grading/flow_store.h"
#include "services/grading/grading_store.h"
#include "services/grading/level_changes.h"

namespace auxpro::grading {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;
using v1::Application;

std::string StateName(Application::State s) { return Application::State_Name(s); }

Status ValidateEvidence(const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  if (evidence.size() > 50) return Invalid("evidence: at most 50 references");
  for (int i = 0; i < evidence.size(); ++i) {
    RETURN_IF_ERROR(RequireText(evidence[i].kind(), absl::StrCat("evidence[", i, "].kind"), 64));
    RETURN_IF_ERROR(RequireText(evidence[i].ref(), absl::StrCat("evidence[", i, "].ref"), 255));
  }
  return absl::OkStatus();
}

StatusOr<int64_t> VersionOf(const std::string& etag) {
  std::string e = etag;
  if (e.size() >= 2 && e.front() == '"' && e.back() == '"') e = e.substr(1, e.size() - 2);
  int64_t v = 0;
  if (e.empty()) return Invalid("etag: required (send the etag of the application you read)");
  if (!absl::SimpleAtoi(e, &v) || v < 1)
    return Invalid(absl::StrCat("etag: malformed ", QuoteInput(etag)));
  return v;
}

// Loads the application for a transition: locked, its etag checked against `etag`.
StatusOr<Application> LoadForChange(db::Transaction& tx, const std::string& j,
                                    const std::string& id, const std::string& name,
                                    const std::string& etag) {
  ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, id, /*lock=*/true));
  if (!app) return NotFound("application", name);
  RETURN_IF_ERROR(service::CheckEtag(app->etag(), etag, "etag"));
  return *app;
}

// One open application per person (DOMAIN.md section 5): FAILED_PRECONDITION APPLICATION_OPEN
// while another application of the person (not `except_id`) is not final, a decision still
// waiting under its result notice included.
Status RequireNoOtherOpenApplication(db::Transaction& tx, const std::string& j,
                                     const std::string& person_id, const std::string& except_id) {
  std::string after;
  while (true) {
    ASSIGN_OR_RETURN(auto apps, store::ListApplications(tx, j, after, 100, 0, person_id));
    for (const Application& a : apps) {
      if (db::LastSegment(a.name()) == except_id || IsFinal(a)) continue;
      return OtherApplicationOpen(store::PersonName(j, person_id), a);
    }
    if (apps.size() < 100) return absl::OkStatus();
    after = db::LastSegment(apps.back().name());
  }
}

}  // namespace

StatusOr<v1::RequirementCheck> Applications::Compute(const CallContext& call, const std::string& j,
                                                     const std::string& person_id,
                                                     int target) const {
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  store::LevelRecord level;
  std::map<int, v1::PersonAttestation> attestations;
  // grading's own rows are read while the four peers answer (the check's latency is the slower
  // of the two, not their sum).
  Status own;
  CheckFacts facts = ReadCheckFacts(ctx_, j, person_id, 0, DateOf(call.now), [&] {
    own = ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(level, store::GetLevel(tx, j, person_id, false, call.now));
      ASSIGN_OR_RETURN(attestations, store::LatestAttestations(tx, j, person_id));
      return absl::OkStatus();
    });
  });
  RETURN_IF_ERROR(own);
  facts.current_level = level.level;
  if (target == 0) target = NextLevel(policy->grading(), level.level);
  facts.attestations = std::move(attestations);
  if (absl::IsNotFound(facts.person_record.status)) {
    return NotFound("person", store::PersonName(j, person_id));
  }
  v1::RequirementCheck check = EvaluateRequirements(*policy, facts, target);
  *check.mutable_compute_time() = TimestampOf(call.now);
  return check;
}

Status Applications::Check(const CallContext& call, const v1::CheckRequirementsRequest& request,
                           v1::RequirementCheck* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.person(), "persons", "person"));
  if (request.target_level() < 0 || request.target_level() > 5) {
    return Invalid(absl::StrCat("target_level: must be 1 to 5 (0: the next level), got ",
                                request.target_level()));
  }
  ASSIGN_OR_RETURN(*response, Compute(call, ref.jurisdiction, ref.id, request.target_level()));
  return absl::OkStatus();
}

Status Applications::Create(const CallContext& call, const v1::CreateApplicationRequest& request,
                            Application* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const Application& in = request.application();
  ASSIGN_OR_RETURN(
      std::string person_id,
      auth::ScopeOfReference(call.principal, in.person(), "persons", "application.person", j));
  if (in.target_level() < 1 || in.target_level() > 5) {
    return Invalid(
        absl::StrCat("application.target_level: must be 1 to 5, got ", in.target_level()));
  }
  RETURN_IF_ERROR(ValidateEvidence(in.evidence()));
  // Read before the transaction (personnel over gRPC), refused only inside it: a retry of a
  // request_id already answered replays its answer first, whatever holds now.
  const policy::v1::LevelRequirement* level_req = nullptr;
  const Status pre = [&]() -> Status {
    ASSIGN_OR_RETURN(personnel::v1::Person person, ReadPerson(ctx_, j, person_id));
    RETURN_IF_ERROR(RequireEmployed(person));
    ASSIGN_OR_RETURN(level_req, LevelOf(policy->grading(), in.target_level()));
    return absl::OkStatus();
  }();
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    RETURN_IF_ERROR(pre);
    ASSIGN_OR_RETURN(store::LevelRecord level, store::GetLevel(tx, j, person_id, true, call.now));
    RETURN_IF_ERROR(CheckOneLevelAtATime(policy->grading(), store::PersonName(j, person_id),
                                         level.level, in.target_level()));
    RETURN_IF_ERROR(RequireNoOtherOpenApplication(tx, j, person_id, ""));
    const std::string id = NewId("a-");
    Application app;
    app.set_name(store::ApplicationName(j, id));
    app.set_person(store::PersonName(j, person_id));
    app.set_target_level(in.target_level());
    app.set_from_level(level.level);
    *app.mutable_evidence() = in.evidence();
    app.set_state(Application::DRAFT);
    app.set_deciding_body(level_req->deciding_body());
    app.set_policy_version(PolicyVersion(*policy));
    *app.mutable_create_time() = TimestampOf(call.now);
    *app.mutable_update_time() = TimestampOf(call.now);
    RETURN_IF_ERROR(Archive(tx, j, person_id, app.name(), "CREATE", "", "DRAFT", by,
                            absl::StrCat("level ", level.level, " -> ", in.target_level())));
    return store::InsertApplication(tx, j, id, person_id, std::move(app), call.now);
  });
}

Status Applications::Get(const CallContext& call, const v1::GetApplicationRequest& request,
                         Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, ref.jurisdiction, ref.id, false));
    if (!app) return NotFound("application", request.name());
    *response = *app;
    return absl::OkStatus();
  });
}

Status Applications::List(const CallContext& call, const v1::ListApplicationsRequest& request,
                          v1::ListApplicationsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  std::string person_id;
  if (!request.person().empty()) {
    ASSIGN_OR_RETURN(person_id, auth::ScopeOfReference(call.principal, request.person(), "persons",
                                                       "person", j));
  }
  if (!Application::State_IsValid(request.state())) return Invalid("state: unknown value");
  const int state = static_cast<int>(request.state());
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(),
      absl::StrCat(j, "|", state, "|", person_id), response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListApplications(tx, j, after, limit, state, person_id);
      },
      [](const Application& a) { return service::IdOf(a); },
      [&](const Application& a) { *response->add_applications() = a; });
}

Status Applications::Submit(const CallContext& call, const v1::SubmitApplicationRequest& request,
                            Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  RETURN_IF_ERROR(ValidateEvidence(request.evidence()));
  // The state and the live reads (over gRPC) before the transaction, refused only inside it,
  // after the request_id: a retry of a submission already answered replays that answer.
  std::string person_id;
  v1::RequirementCheck check;
  const Status pre = [&]() -> Status {
    Application current;
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, ref.id, false));
      if (!app) return NotFound("application", request.name());
      current = *app;
      return absl::OkStatus();
    }));
    // The etag before the state: a submission on a stale read is ABORTED (API-STYLE), whatever
    // the state it was moved to since.
    RETURN_IF_ERROR(service::CheckEtag(current.etag(), request.etag(), "etag"));
    RETURN_IF_ERROR(RequireState(current, Application::DRAFT, "submit"));
    person_id = db::LastSegment(current.person());
    ASSIGN_OR_RETURN(personnel::v1::Person person, ReadPerson(ctx_, j, person_id));
    RETURN_IF_ERROR(RequireEmployed(person));
    ASSIGN_OR_RETURN(check, Compute(call, j, person_id, current.target_level()));
    return absl::OkStatus();
  }();
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    RETURN_IF_ERROR(pre);
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    RETURN_IF_ERROR(RequireNoOtherOpenApplication(tx, j, person_id, ref.id));
    if (!request.evidence().empty()) *app.mutable_evidence() = request.evidence();
    ASSIGN_OR_RETURN(Application next, grading::Submit(std::move(app), check, by));
    RETURN_IF_ERROR(Archive(tx, j, person_id, next.name(), "SUBMIT", "DRAFT",
                            StateName(next.state()), by,
                            check.passed() ? "check passed" : "check does not pass"));
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::PassReview(const CallContext& call,
                                const v1::PassQualificationReviewRequest& request,
                                Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  RETURN_IF_ERROR(LimitText(request.reason(), "reason", 1000));
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    const std::string from = StateName(app.state());
    ASSIGN_OR_RETURN(Application next, PassQualificationReview(std::move(app), by));
    RETURN_IF_ERROR(Archive(tx, j, db::LastSegment(next.person()), next.name(),
                            "PASS_QUALIFICATION_REVIEW", from, StateName(next.state()), by,
                            request.reason()));
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::Decide(const CallContext& call, const v1::DecideApplicationRequest& request,
                            Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  if (request.outcome() != v1::APPROVE && request.outcome() != v1::REJECT) {
    return Invalid("outcome: APPROVE or REJECT");
  }
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  // As for Submit: read first, refuse inside the mutation, after the request_id's replay.
  std::string person_id;
  v1::RequirementCheck check;
  const Status pre = [&]() -> Status {
    Application current;
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, ref.id, false));
      if (!app) return NotFound("application", request.name());
      current = *app;
      return absl::OkStatus();
    }));
    // The etag before the state: the loser of two decisions on one application, read at the
    // same etag, is ABORTED (ETAG_MISMATCH), not told the application is DECIDED already.
    RETURN_IF_ERROR(service::CheckEtag(current.etag(), request.etag(), "etag"));
    RETURN_IF_ERROR(RequireState(current, Application::EVALUATION, "decide"));
    RETURN_IF_ERROR(CheckDecidingBody(current.deciding_body(), call.principal.kind, current.name(),
                                      current.target_level()));
    person_id = db::LastSegment(current.person());
    if (request.outcome() == v1::APPROVE) {  // recomputed at evaluation
      ASSIGN_OR_RETURN(check, Compute(call, j, person_id, current.target_level()));
    }
    return absl::OkStatus();
  }();
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    RETURN_IF_ERROR(pre);
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    ASSIGN_OR_RETURN(Application next, grading::Decide(std::move(app), request.outcome(),
                                                       request.reason(), check, by));
    RETURN_IF_ERROR(Archive(tx, j, person_id, next.name(), v1::Outcome_Name(request.outcome()),
                            "EVALUATION", StateName(next.state()), by, request.reason()));
    if (ChangesLevelAtDecision(next)) {
      RETURN_IF_ERROR(ApplyLevelChange(tx, policy->grading(), j, person_id, next.from_level(),
                                       next.target_level(),
                                       next.from_level() == 0 ? v1::GRANTED : v1::PROMOTED,
                                       request.reason(), next.name(), by)
                          .status());
    }
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::Return(const CallContext& call, const v1::ReturnApplicationRequest& request,
                            Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    const std::string from = StateName(app.state());
    ASSIGN_OR_RETURN(Application next, grading::Return(std::move(app), by));
    RETURN_IF_ERROR(Archive(tx, j, db::LastSegment(next.person()), next.name(), "RETURN", from,
                            StateName(next.state()), by, request.reason()));
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::Withdraw(const CallContext& call,
                              const v1::WithdrawApplicationRequest& request,
                              Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    const std::string from = StateName(app.state());
    ASSIGN_OR_RETURN(Application next, grading::Withdraw(std::move(app), by));
    RETURN_IF_ERROR(Archive(tx, j, db::LastSegment(next.person()), next.name(), "WITHDRAW", from,
                            StateName(next.state()), by, request.reason()));
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::File(const CallContext& call, const v1::FileApplicationRequest& request,
                          Application* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "applications"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(request.etag()));
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<Application> {
    ASSIGN_OR_RETURN(Application app, LoadForChange(tx, j, ref.id, request.name(), request.etag()));
    ASSIGN_OR_RETURN(Application next, grading::File(std::move(app), by));
    RETURN_IF_ERROR(Archive(tx, j, db::LastSegment(next.person()), next.name(), "FILE", "DECIDED",
                            "FILED", by, "filed with the establishment office (wenjiang 8.4.1.1)"));
    return SaveApplication(tx, *policy, j, ref.id, std::move(next), version, call.now);
  });
}

Status Applications::Publish(const CallContext& call, const v1::PublishResultNoticeRequest& request,
                             v1::ResultNotice* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::ResultNotice& in = request.result_notice();
  RETURN_IF_ERROR(RequireText(in.document_ref(), "result_notice.document_ref", 128));
  if (in.applications().empty()) return Invalid("result_notice.applications: required");
  if (in.applications_size() > 500) return Invalid("result_notice.applications: at most 500");
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (int i = 0; i < in.applications_size(); ++i) {
    ASSIGN_OR_RETURN(std::string id, auth::ScopeOfReference(
                                         call.principal, in.applications(i), "applications",
                                         absl::StrCat("result_notice.applications[", i, "]"), j));
    if (!seen.insert(id).second) {
      return Invalid(
          absl::StrCat("result_notice.applications[", i, "]: duplicate ", in.applications(i)));
    }
    ids.push_back(id);
  }
  const Actor by = ActorOf(call);
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::ResultNotice> {
        const std::string notice_id = NewId("n-");
        // The objection period (公示): the policy's result_notice_working_days from today (not
        // counted). Without one the decisions take effect today, as before.
        const uint32_t period_days = policy->grading_deadlines().result_notice_working_days();
        ASSIGN_OR_RETURN(
            NoticePeriod period,
            NoticePeriodOf(CalendarOf(*policy), FromProto(DateOf(call.now)), period_days));
        v1::ResultNotice notice;
        notice.set_name(store::NoticeName(j, notice_id));
        notice.set_document_ref(in.document_ref());
        *notice.mutable_publish_date() = DateOf(call.now);
        *notice.mutable_create_time() = TimestampOf(call.now);
        notice.set_objection_working_days(period_days);
        notice.set_issuer(by.agency);
        *notice.mutable_objection_last_day() = ToProto(period.last_day);
        *notice.mutable_effective_date() = ToProto(period.effective_on);
        for (const std::string& id : ids) {
          ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, id, /*lock=*/true));
          if (!app) return NotFound("application", store::ApplicationName(j, id));
          const int64_t version = std::stoll(app->etag());
          ASSIGN_OR_RETURN(Application next, grading::Publish(*app, notice.name(), by));
          const std::string person_id = db::LastSegment(next.person());
          auto* entry = notice.add_entries();
          entry->set_application(next.name());
          entry->set_person(next.person());
          entry->set_from_level(next.from_level());
          entry->set_target_level(next.target_level());
          entry->set_outcome(next.outcome());
          entry->set_state(v1::ResultNotice::AWAITING);
          *entry->mutable_effective_date() = ToProto(period.effective_on);
          RETURN_IF_ERROR(Archive(tx, j, person_id, next.name(), "PUBLISH", "DECIDED", "PUBLISHED",
                                  by, in.document_ref()));
          RETURN_IF_ERROR(
              SaveApplication(tx, *policy, j, id, std::move(next), version, call.now).status());
        }
        RETURN_IF_ERROR(Archive(
            tx, j, "", notice.name(), "PUBLISH_NOTICE", "", "PUBLISHED", by,
            absl::StrCat(in.document_ref(), "; objections until ", FormatDate(period.last_day))));
        notice.set_settled(false);
        RETURN_IF_ERROR(store::InsertNotice(tx, j, notice_id, notice, call.now).status());
        RETURN_IF_ERROR(store::SetNoticePeriod(tx, j, notice_id, period_days,
                                               notice.objection_last_day(), notice.effective_date(),
                                               false));
        // No objection period: in force today (the level changes now).
        return SettleNotice(tx, *policy, j, notice_id, FromProto(DateOf(call.now)), by, nullptr);
      });
}

Status Applications::GetNotice(const CallContext& call, const v1::GetResultNoticeRequest& request,
                               v1::ResultNotice* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "resultNotices"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto n, LoadNotice(tx, ref.jurisdiction, ref.id, /*lock=*/false));
    if (!n) return NotFound("result notice", request.name());
    *response = *n;
    return absl::OkStatus();
  });
}

}  // namespace auxpro::grading
