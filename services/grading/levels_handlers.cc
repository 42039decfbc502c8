#include "services/grading/levels_handlers.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/grading/v1/events.pb.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
#include "libs/service/etag.h"
#include "libs/service/listing.h"
#include "services/grading/application_rules.h"
#include "services/grading/check_reader.h"
#include "services/grading/check_rules.h"
#include "services/grading/grading_store.h"
#include "services/grading/level_changes.h"
#include "services/grading/round_rules.h"

namespace auxpro::grading {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// `jurisdictions/{j}/persons/{p}/level`.
StatusOr<auth::ScopedName> ScopeOfLevel(const auth::Principal& principal, const std::string& name) {
  absl::string_view person = name;
  if (!absl::ConsumeSuffix(&person, "/level")) {
    return Invalid(absl::StrCat("name: \"", name,
                                "\" is not of the form jurisdictions/{j}/persons/{p}/level"));
  }
  return auth::ScopeOfName(principal, std::string(person), "persons");
}

Status NoLevel(const std::string& person) {
  return WithErrorInfo(Precondition(absl::StrCat("person ", person, " holds no level")), "NO_LEVEL",
                       {{"person", person}});
}

// The deciding body of a level held, from the policy.
StatusOr<policy::v1::DecidingBody> BodyOf(const policy::v1::Grading& g, int level) {
  ASSIGN_OR_RETURN(const auto* req, LevelOf(g, level));
  return req->deciding_body();
}

Status NotDemotable(const std::string& person, int level, int points, const policy::v1::Points& p) {
  return WithErrorInfo(
      Precondition(absl::StrCat(
          "person ", person, " at level ", level, " with level points ", points,
          " is not due for demotion: demotion needs level ", p.demotion_from_level(),
          " or above and level points <= ", p.demotion_threshold(), " (wenjiang 8.5)")),
      "NOT_DEMOTABLE",
      {{"person", person},
       {"level", absl::StrCat(level)},
       {"level_points", absl::StrCat(points)},
       {"threshold", absl::StrCat(p.demotion_threshold())}});
}

bool Demotable(const policy::v1::Points& p, int level, const points::v1::PointBalance& b) {
  return DemotionDue(p, level, b);
}

}  // namespace

Status Levels::Get(const CallContext& call, const v1::GetPersonLevelRequest& request,
                   v1::PersonLevel* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfLevel(call.principal, request.name()));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(*response, LoadPersonLevel(tx, ref.jurisdiction, ref.id, call.now));
    return absl::OkStatus();
  });
}

Status Levels::Revoke(const CallContext& call, const v1::RevokeLevelRequest& request,
                      v1::PersonLevel* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfLevel(call.principal, request.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.ground() != v1::VIOLATION && request.ground() != v1::FALSE_MATERIALS) {
    return Invalid("ground: VIOLATION or FALSE_MATERIALS (an exit revokes through personnel)");
  }
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  RETURN_IF_ERROR(RequireText(request.evidence_ref(), "evidence_ref", 255));
  const Actor by = ActorOf(call);
  const std::string person = store::PersonName(j, ref.id);
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::PersonLevel> {
        ASSIGN_OR_RETURN(store::LevelRecord level, store::GetLevel(tx, j, ref.id, true, call.now));
        if (level.level == 0) return NoLevel(person);
        ASSIGN_OR_RETURN(auto body, BodyOf(policy->grading(), level.level));
        RETURN_IF_ERROR(CheckDecidingBody(body, call.principal.kind, request.name(), level.level));
        RETURN_IF_ERROR(
            ApplyLevelChange(tx, policy->grading(), j, ref.id, level.level, 0, v1::REVOKED,
                             absl::StrCat(v1::RevocationGround_Name(request.ground()), ": ",
                                          request.reason(), " (", request.evidence_ref(), ")"),
                             request.name(), by, request.ground())
                .status());
        return LoadPersonLevel(tx, j, ref.id, call.now);
      });
}

Status Levels::OpenCase(const CallContext& call, const v1::OpenDemotionCaseRequest& request,
                        v1::DemotionCase* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::DemotionCase& in = request.demotion_case();
  ASSIGN_OR_RETURN(
      std::string person_id,
      auth::ScopeOfReference(call.principal, in.person(), "persons", "demotion_case.person", j));
  RETURN_IF_ERROR(RequireText(in.reason(), "demotion_case.reason", 1000));
  const std::string person = store::PersonName(j, person_id);
  // Read over gRPC before the transaction, refused only inside it: a retry of a request_id
  // already answered replays that answer first.
  const StatusOr<points::v1::PointBalance> read = ReadBalance(ctx_, j, person_id);
  const Actor by = ActorOf(call);
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::DemotionCase> {
        RETURN_IF_ERROR(read.status());
        const points::v1::PointBalance& balance = *read;
        ASSIGN_OR_RETURN(store::LevelRecord level,
                         store::GetLevel(tx, j, person_id, true, call.now));
        if (level.level == 0) return NoLevel(person);
        if (!Demotable(policy->points(), level.level, balance)) {
          return NotDemotable(person, level.level, balance.level_points(), policy->points());
        }
        ASSIGN_OR_RETURN(auto body, BodyOf(policy->grading(), level.level));
        const std::string id = NewId("d-");
        v1::DemotionCase c;
        c.set_name(store::CaseName(j, id));
        c.set_person(person);
        c.set_reason(in.reason());
        c.set_from_level(level.level);
        c.set_to_level(level.level + 1);
        c.set_level_points(balance.level_points());
        c.set_threshold(policy->points().demotion_threshold());
        c.set_points_record(balance.name());
        c.set_state(v1::DemotionCase::OPEN);
        c.set_deciding_body(body);
        *c.mutable_create_time() = TimestampOf(call.now);
        *c.mutable_update_time() = TimestampOf(call.now);
        RETURN_IF_ERROR(
            Archive(tx, j, person_id, c.name(), "OPEN_DEMOTION", "", "OPEN", by, in.reason()));
        return store::InsertCase(tx, j, id, person_id, std::move(c), call.now);
      });
}

Status Levels::GetCase(const CallContext& call, const v1::GetDemotionCaseRequest& request,
                       v1::DemotionCase* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "demotionCases"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, store::GetCase(tx, ref.jurisdiction, ref.id, false));
    if (!c) return NotFound("demotion case", request.name());
    *response = *c;
    return absl::OkStatus();
  });
}

Status Levels::DecideCase(const CallContext& call, const v1::DecideDemotionCaseRequest& request,
                          v1::DemotionCase* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "demotionCases"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.outcome() != v1::APPROVE && request.outcome() != v1::REJECT) {
    return Invalid("outcome: APPROVE or REJECT");
  }
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  if (request.etag().empty()) return Invalid("etag: required");
  // Read before the transaction, refused only inside it, after the request_id's replay.
  std::string person_id;
  points::v1::PointBalance balance;
  const Status pre = [&]() -> Status {
    std::optional<v1::DemotionCase> current;
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(current, store::GetCase(tx, j, ref.id, false));
      return absl::OkStatus();
    }));
    if (!current) return NotFound("demotion case", request.name());
    person_id = db::LastSegment(current->person());
    if (request.outcome() == v1::APPROVE && current->state() == v1::DemotionCase::OPEN) {
      ASSIGN_OR_RETURN(balance, ReadBalance(ctx_, j, person_id));  // the figures again, live
    }
    return absl::OkStatus();
  }();
  const Actor by = ActorOf(call);
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::DemotionCase> {
        RETURN_IF_ERROR(pre);
        ASSIGN_OR_RETURN(auto c, store::GetCase(tx, j, ref.id, true));
        if (!c) return NotFound("demotion case", request.name());
        RETURN_IF_ERROR(service::CheckEtag(c->etag(), request.etag(), "etag"));
        const int64_t version = std::stoll(c->etag());
        ASSIGN_OR_RETURN(v1::DemotionCase next,
                         grading::DecideCase(*c, request.outcome(), request.reason(), by));
        if (request.outcome() == v1::APPROVE &&
            !Demotable(policy->points(), next.from_level(), balance)) {
          return NotDemotable(next.person(), next.from_level(), balance.level_points(),
                              policy->points());
        }
        RETURN_IF_ERROR(Archive(tx, j, person_id, next.name(), v1::Outcome_Name(request.outcome()),
                                "OPEN", v1::DemotionCase::State_Name(next.state()), by,
                                request.reason()));
        if (next.state() == v1::DemotionCase::DECIDED && next.outcome() == v1::APPROVE) {
          RETURN_IF_ERROR(ApplyLevelChange(tx, policy->grading(), j, person_id, next.from_level(),
                                           next.to_level(), v1::DEMOTED, request.reason(),
                                           next.name(), by)
                              .status());
        }
        return store::UpdateCase(tx, j, ref.id, std::move(next), version, call.now);
      });
}

Status Levels::ListArchive(const CallContext& call, const v1::ListArchiveEntriesRequest& request,
                           v1::ListArchiveEntriesResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  std::string person_id;
  if (!request.person().empty()) {
    ASSIGN_OR_RETURN(person_id, auth::ScopeOfReference(call.principal, request.person(), "persons",
                                                       "person", j));
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", person_id),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        int64_t seq = 0;
        if (!after.empty()) (void)absl::SimpleAtoi(after, &seq);
        return store::ListArchive(tx, j, seq, limit, person_id);
      },
      [](const store::ArchiveRow& r) { return absl::StrCat(r.seq); },
      [&](const store::ArchiveRow& r) { *response->add_entries() = r.entry; });
}

Status Levels::Consume(const CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const {
  const common::v1::Event& event = request.event();
  const std::string& j = event.jurisdiction();
  if (event.event_id().empty()) return Invalid("event.event_id: required");
  const std::string& type = event.event_type();
  // Hires, transfers and annual ratings change nothing here: the check reads them live.
  if (type == personnel::v1::PersonHired::descriptor()->full_name() ||
      type == personnel::v1::PersonTransferred::descriptor()->full_name() ||
      type == assessment::v1::AnnualRatingFinalized::descriptor()->full_name() ||
      // Deadline notices grading sent itself: the application's history has them already.
      type == v1::DeadlineReminder::descriptor()->full_name() ||
      type == v1::DeadlineEscalation::descriptor()->full_name()) {
    response->Clear();
    return absl::OkStatus();
  }
  if (type != personnel::v1::PersonExited::descriptor()->full_name()) {
    return Invalid(absl::StrCat("event_type: grading does not consume \"", type, "\""));
  }
  personnel::v1::PersonExited exited;
  if (!event.payload().UnpackTo(&exited)) return Invalid("event: payload is not a PersonExited");
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const std::string prefix = absl::StrCat("jurisdictions/", j, "/persons/");
  if (exited.person().rfind(prefix, 0) != 0 || exited.person().size() == prefix.size()) {
    return Invalid(absl::StrCat("PersonExited.person: \"", exited.person(), "\" not of ", j));
  }
  const std::string person_id = exited.person().substr(prefix.size());
  Actor by{common::v1::SERVICE, absl::StrCat("SERVICE ", event.producer()), "", call.now};
  response->Clear();
  return ctx_.mutate.WithKey(
      call, j, event.event_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(store::LevelRecord level,
                         store::GetLevel(tx, j, person_id, true, call.now));
        if (level.level > 0) {  // 8.5 岗级取消: 已解除劳动关系
          RETURN_IF_ERROR(
              ApplyLevelChange(
                  tx, policy->grading(), j, person_id, level.level, 0, v1::REVOKED,
                  absl::StrCat("EXIT: ", personnel::v1::ExitReason_Name(exited.exit_reason())),
                  absl::StrCat("event ", event.event_id()), by, v1::EXIT)
                  .status());
        }
        return store::LevelName(j, person_id);
      });
}

}  // namespace auxpro::grading
