#include "services/grading/forms_handlers.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
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

constexpr char kQualificationFormTitle[] = "综合执法辅助岗位任职资格标准考核认证表";
constexpr char kNoticeTitle[] = "辅助岗位定级结果通知";

// `{resource}/{suffix}` scoped as `resource` of `collection`.
StatusOr<auth::ScopedName> ScopeOfSuffixed(const auth::Principal& principal,
                                           const std::string& name, const std::string& collection,
                                           const std::string& suffix) {
  absl::string_view base = name;
  if (!absl::ConsumeSuffix(&base, absl::StrCat("/", suffix))) {
    return Invalid(absl::StrCat("name: ", Quote(name), " is not of the form jurisdictions/{j}/",
                                collection, "/{id}/", suffix));
  }
  return auth::ScopeOfName(principal, std::string(base), collection);
}

v1::FormSignature Signature(const std::string& role, const v1::Approval& a) {
  v1::FormSignature s;
  s.set_role(role);
  s.set_agency_kind(a.agency_kind());
  s.set_agency(a.agency());
  s.set_actor(a.actor());
  s.set_outcome(a.outcome());
  s.set_reason(a.reason());
  *s.mutable_sign_time() = a.decide_time();
  return s;
}

}  // namespace

Status Forms::RecordAttestation(const CallContext& call,
                                const v1::RecordAttestationRequest& request,
                                v1::PersonAttestation* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.parent(), "persons", "parent"));
  const std::string& j = ref.jurisdiction;
  const v1::PersonAttestation& in = request.attestation();
  if (in.attestation() != common::v1::PROPER_CONDUCT &&
      in.attestation() != common::v1::FIT_FOR_POST) {
    return Invalid(
        "attestation.attestation: PROPER_CONDUCT (wenjiang 6.1 c) or FIT_FOR_POST (6.1 b)");
  }
  RETURN_IF_ERROR(RequireText(in.evidence_ref(), "attestation.evidence_ref", 255));
  RETURN_IF_ERROR(LimitText(in.reason(), "attestation.reason", 1000));
  // The person must be known to personnel (not necessarily employed: the record is history).
  // Refused inside the mutation, after the request_id's replay.
  const Status known = ReadPerson(ctx_, j, ref.id).status();
  const Actor by = ActorOf(call);
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::PersonAttestation> {
        RETURN_IF_ERROR(known);
        v1::PersonAttestation a;
        a.set_name(store::AttestationName(j, ref.id, in.attestation()));
        a.set_person(store::PersonName(j, ref.id));
        a.set_attestation(in.attestation());
        a.set_attested(in.attested());
        a.set_evidence_ref(in.evidence_ref());
        a.set_reason(in.reason());
        *a.mutable_attest_date() = DateOf(call.now);
        a.set_agency(by.agency);
        a.set_actor(by.actor);
        *a.mutable_create_time() = TimestampOf(call.now);
        RETURN_IF_ERROR(store::InsertAttestation(tx, j, ref.id, a, call.now));
        RETURN_IF_ERROR(
            Archive(tx, j, ref.id, a.name(), in.attested() ? "ATTEST" : "WITHDRAW_ATTESTATION", "",
                    common::v1::Attestation_Name(in.attestation()), by,
                    absl::StrCat(in.evidence_ref(), in.reason().empty() ? "" : ": ", in.reason())));
        return a;
      });
}

Status Forms::QualificationForm(const CallContext& call,
                                const v1::GetQualificationFormRequest& request,
                                v1::QualificationForm* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfSuffixed(call.principal, request.name(), "applications",
                                             "qualificationForm"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  v1::Application app;
  store::LevelRecord level;
  std::map<int, v1::PersonAttestation> attestations;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto a, store::GetApplication(tx, j, ref.id, false));
    if (!a) return NotFound("application", store::ApplicationName(j, ref.id));
    app = *a;
    ASSIGN_OR_RETURN(level, store::GetLevel(tx, j, db::LastSegment(app.person()), false, call.now));
    ASSIGN_OR_RETURN(attestations, store::LatestAttestations(tx, j, db::LastSegment(app.person())));
    return absl::OkStatus();
  }));
  const std::string person_id = db::LastSegment(app.person());
  v1::QualificationForm& f = *response;
  f.Clear();
  f.set_name(request.name());
  f.set_application(app.name());
  f.set_title(kQualificationFormTitle);
  f.set_article(app.deciding_body() == policy::v1::BUREAU_AND_HR_COMPANY ? "wenjiang 8.4.1.1"
                                                                         : "wenjiang 8.4.1.2");
  f.set_person(app.person());
  StatusOr<personnel::v1::Person> person = ReadPerson(ctx_, j, person_id);
  if (person.ok()) {
    f.set_full_name(person->full_name());
    f.set_gender(person->gender());
    *f.mutable_birth_date() = person->birth_date();
    f.set_education(person->education());
    f.set_badge_number(person->badge_number());
    f.set_unit(person->unit());
    f.set_post_type(personnel::v1::PostType_Name(person->post_type()));
    *f.mutable_hire_date() = person->hire_date();
  } else {
    f.set_person_unavailable(true);
  }
  f.set_current_level(level.level);
  f.set_target_level(app.target_level());
  f.set_deciding_body(app.deciding_body());
  f.set_state(app.state());
  if (app.has_evaluation_check()) {
    f.set_check_source("EVALUATION");
    *f.mutable_check() = app.evaluation_check();
  } else if (app.has_submitted_check()) {
    f.set_check_source("SUBMISSION");
    *f.mutable_check() = app.submitted_check();
  } else {
    f.set_check_source("LIVE");
    CheckFacts facts = ReadCheckFacts(ctx_, j, person_id, level.level, DateOf(call.now));
    facts.attestations = std::move(attestations);
    *f.mutable_check() = EvaluateRequirements(*policy, facts, app.target_level());
    *f.mutable_check()->mutable_compute_time() = TimestampOf(call.now);
  }
  *f.mutable_evidence() = app.evidence();
  for (const auto& a : app.approvals()) *f.add_signatures() = Signature("评定", a);
  f.set_policy_version(app.policy_version());
  f.set_result_notice(app.result_notice());
  *f.mutable_print_time() = TimestampOf(call.now);
  return absl::OkStatus();
}

Status Forms::NoticeForm(const CallContext& call, const v1::GetResultNoticeFormRequest& request,
                         v1::ResultNoticeForm* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   ScopeOfSuffixed(call.principal, request.name(), "resultNotices", "form"));
  const std::string& j = ref.jurisdiction;
  v1::ResultNotice notice;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto n, LoadNotice(tx, j, ref.id, false));
    if (!n) return NotFound("result notice", store::NoticeName(j, ref.id));
    notice = *n;
    return absl::OkStatus();
  }));
  v1::ResultNoticeForm& f = *response;
  f.Clear();
  f.set_name(request.name());
  f.set_result_notice(notice.name());
  f.set_title(kNoticeTitle);
  f.set_document_ref(notice.document_ref());
  f.set_issuer(notice.issuer());
  *f.mutable_publish_date() = notice.publish_date();
  f.set_objection_working_days(notice.objection_working_days());
  *f.mutable_objection_last_day() = notice.objection_last_day();
  *f.mutable_effective_date() = notice.effective_date();
  for (const auto& e : notice.entries()) {
    auto* line = f.add_lines();
    line->set_application(e.application());
    line->set_person(e.person());
    StatusOr<personnel::v1::Person> p = ReadPerson(ctx_, j, db::LastSegment(e.person()));
    if (p.ok()) {
      line->set_full_name(p->full_name());
      line->set_badge_number(p->badge_number());
      line->set_unit(p->unit());
    } else {
      f.set_persons_unavailable(true);
    }
    line->set_from_level(e.from_level());
    line->set_target_level(e.target_level());
    line->set_outcome(e.outcome());
    line->set_state(e.state());
    *line->mutable_effective_date() = e.effective_date();
  }
  int pending = 0;
  for (const auto& o : notice.objections()) {
    if (o.state() == v1::Objection::PENDING) ++pending;
  }
  f.set_objections(notice.objections_size());
  f.set_objections_pending(pending);
  *f.mutable_print_time() = TimestampOf(call.now);
  return absl::OkStatus();
}

}  // namespace auxpro::grading
