#include "services/grading/objections_handlers.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
#include "services/grading/flow.h"
#include "services/grading/flow_store.h"
#include "services/grading/grading_store.h"
#include "services/grading/level_changes.h"
#include "services/grading/notice_rules.h"

namespace auxpro::grading {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

struct ObjectionRef {
  std::string jurisdiction;
  std::string notice_id;
  std::string id;
};

// `jurisdictions/{j}/resultNotices/{n}/objections/{o}` of the caller's jurisdiction.
StatusOr<ObjectionRef> ScopeOfObjection(const auth::Principal& principal,
                                        const std::string& name) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 6 || parts[0] != "jurisdictions" || parts[2] != "resultNotices" ||
      parts[4] != "objections" || parts[1].empty() || parts[3].empty() || parts[5].empty()) {
    return Invalid(absl::StrCat("name: ", Quote(name),
                                " is not of the form "
                                "jurisdictions/{j}/resultNotices/{n}/objections/{o}"));
  }
  ASSIGN_OR_RETURN(auto notice,
                   auth::ScopeOfName(principal,
                                     absl::StrCat("jurisdictions/", parts[1], "/resultNotices/",
                                                  parts[3]),
                                     "resultNotices"));
  return ObjectionRef{notice.jurisdiction, notice.id, parts[5]};
}

NoticePeriod PeriodOf(const v1::ResultNotice& n) {
  NoticePeriod p;
  p.published_on = FromProto(n.publish_date());
  p.working_days = n.objection_working_days();
  p.last_day = p.working_days == 0 ? p.published_on : FromProto(n.objection_last_day());
  p.effective_on = p.working_days == 0 ? p.published_on : FromProto(n.effective_date());
  return p;
}

}  // namespace

Status Objections::Record(const CallContext& call, const v1::RecordObjectionRequest& request,
                          v1::Objection* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.parent(), "resultNotices",
                                               "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::Objection& in = request.objection();
  ASSIGN_OR_RETURN(std::string app_id,
                   auth::ScopeOfReference(call.principal, in.application(), "applications",
                                          "objection.application", j));
  RETURN_IF_ERROR(RequireText(in.text(), "objection.text", 2000));
  if (in.evidence_size() > 20) return Invalid("objection.evidence: at most 20 references");
  for (int i = 0; i < in.evidence_size(); ++i) {
    RETURN_IF_ERROR(
        LimitText(in.evidence(i).kind(), absl::StrCat("objection.evidence[", i, "].kind"), 64));
    RETURN_IF_ERROR(
        RequireText(in.evidence(i).ref(), absl::StrCat("objection.evidence[", i, "].ref"), 255));
  }
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Objection> {
    ASSIGN_OR_RETURN(auto notice, LoadNotice(tx, j, ref.id, /*lock=*/true));
    if (!notice) return NotFound("result notice", request.parent());
    std::vector<std::string> decisions;
    for (const auto& e : notice->entries()) decisions.push_back(e.application());
    std::vector<Objection> recorded;
    for (const auto& o : notice->objections()) recorded.push_back(ObjectionOf(o));
    v1::Objection o;
    const std::string id = NewId("o-");
    o.set_name(store::ObjectionName(j, ref.id, id));
    o.set_application(store::ApplicationName(j, app_id));
    o.set_text(in.text());
    *o.mutable_evidence() = in.evidence();
    o.set_agency_kind(call.principal.kind);
    o.set_agency(by.agency);
    o.set_actor(by.actor);
    *o.mutable_record_date() = DateOf(call.now);
    o.set_state(v1::Objection::PENDING);
    *o.mutable_create_time() = TimestampOf(call.now);
    RETURN_IF_ERROR(CheckObjectionAdmissible(PeriodOf(*notice), decisions, recorded,
                                             ObjectionOf(o)));
    ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, app_id, false));
    if (!app) return NotFound("application", o.application());
    const std::string person_id = db::LastSegment(app->person());
    RETURN_IF_ERROR(store::InsertObjection(tx, j, id, ref.id, app_id, o, call.now));
    RETURN_IF_ERROR(SyncObjectionHold(tx, *policy, j, app_id, person_id, id, true, call.now));
    RETURN_IF_ERROR(Archive(tx, j, person_id, o.application(), "OBJECTION", "PUBLISHED",
                            "PUBLISHED", by, absl::StrCat(o.name(), ": ", in.text())));
    RETURN_IF_ERROR(
        SettleNotice(tx, *policy, j, ref.id, FromProto(DateOf(call.now)), by, nullptr).status());
    return o;
  });
}

Status Objections::Answer(const CallContext& call, const v1::AnswerObjectionRequest& request,
                          v1::Objection* response) const {
  ASSIGN_OR_RETURN(ObjectionRef ref, ScopeOfObjection(call.principal, request.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.answer() != v1::Objection::DISMISSED &&
      request.answer() != v1::Objection::SUSTAINED) {
    return Invalid(
        "answer: DISMISSED (the decision stands) or SUSTAINED (the decision is overturned)");
  }
  RETURN_IF_ERROR(RequireText(request.answer_text(), "answer_text", 2000));
  const Actor by = ActorOf(call);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Objection> {
    ASSIGN_OR_RETURN(auto notice, store::GetNoticeForUpdate(tx, j, ref.notice_id));
    if (!notice) return NotFound("objection", request.name());
    ASSIGN_OR_RETURN(auto o, store::GetObjection(tx, j, ref.notice_id, ref.id, /*lock=*/true));
    if (!o) return NotFound("objection", request.name());
    const CivilDate today = FromProto(DateOf(call.now));
    RETURN_IF_ERROR(CheckObjectionAnswer(ObjectionOf(*o), call.principal.kind,
                                         request.answer() == v1::Objection::DISMISSED
                                             ? ObjectionAnswer::kDismissed
                                             : ObjectionAnswer::kSustained,
                                         today));
    o->set_state(request.answer());
    o->set_answer_text(request.answer_text());
    *o->mutable_answer_date() = DateOf(call.now);
    o->set_answered_by(absl::StrCat(by.agency, by.actor.empty() ? "" : " ", by.actor));
    RETURN_IF_ERROR(store::UpdateObjection(tx, j, ref.id, *o));
    const std::string app_id = db::LastSegment(o->application());
    ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, app_id, false));
    const std::string person_id = app ? db::LastSegment(app->person()) : "";
    RETURN_IF_ERROR(SyncObjectionHold(tx, *policy, j, app_id, person_id, ref.id, false, call.now));
    RETURN_IF_ERROR(Archive(tx, j, person_id, o->application(), "OBJECTION_ANSWER", "PENDING",
                            v1::Objection::State_Name(request.answer()), by,
                            absl::StrCat(o->name(), ": ", request.answer_text())));
    RETURN_IF_ERROR(SettleNotice(tx, *policy, j, ref.notice_id, today, by, nullptr).status());
    return *o;
  });
}

}  // namespace auxpro::grading
