#include "services/grading/application_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/grading/check_rules.h"

namespace auxpro::grading {

namespace {

using v1::Application;

std::string StateName(Application::State s) { return Application::State_Name(s); }

google::protobuf::Timestamp Stamp(absl::Time t) { return TimestampOf(t); }

// Records one agency's decision; ALREADY_APPROVED when the same kind decided already.
absl::Status AddApproval(google::protobuf::RepeatedPtrField<v1::Approval>* approvals,
                         const std::string& subject, v1::Outcome outcome, const std::string& reason,
                         const Actor& by) {
  for (const auto& a : *approvals) {
    if (a.agency_kind() == by.kind) {
      return WithErrorInfo(
          Precondition(absl::StrCat(subject, ": ", common::v1::AgencyKind_Name(by.kind),
                                    " decided already (", a.agency(), ")")),
          "ALREADY_APPROVED", {{"subject", subject}, {"agency", a.agency()}});
    }
  }
  v1::Approval* a = approvals->Add();
  a->set_agency_kind(by.kind);
  a->set_agency(by.agency);
  a->set_actor(by.actor);
  a->set_outcome(outcome);
  a->set_reason(reason);
  *a->mutable_decide_time() = Stamp(by.now);
  return absl::OkStatus();
}

// The outcome once `approvals` are in: REJECT on any rejection, APPROVE when the body is
// complete, OUTCOME_UNSPECIFIED while a joint decision waits for its second approval.
v1::Outcome Settled(policy::v1::DecidingBody body,
                    const google::protobuf::RepeatedPtrField<v1::Approval>& approvals) {
  bool bureau = false, hr = false, office = false;
  for (const auto& a : approvals) {
    if (a.outcome() == v1::REJECT) return v1::REJECT;
    bureau |= a.agency_kind() == common::v1::ENFORCEMENT_BUREAU;
    hr |= a.agency_kind() == common::v1::HR_COMPANY;
    office |= a.agency_kind() == common::v1::ESTABLISHMENT_OFFICE;
  }
  if (body == policy::v1::BUREAU_AND_HR_COMPANY) {
    return bureau && hr ? v1::APPROVE : v1::OUTCOME_UNSPECIFIED;
  }
  return office ? v1::APPROVE : v1::OUTCOME_UNSPECIFIED;
}

Application Moved(Application app, Application::State to, const Actor& by) {
  app.set_state(to);
  *app.mutable_update_time() = Stamp(by.now);
  return app;
}

}  // namespace

absl::Status CheckDecidingBody(policy::v1::DecidingBody body, common::v1::AgencyKind kind,
                               const std::string& subject, int level) {
  const bool ok =
      body == policy::v1::BUREAU_AND_HR_COMPANY
          ? kind == common::v1::ENFORCEMENT_BUREAU || kind == common::v1::HR_COMPANY
          : body == policy::v1::ESTABLISHMENT_OFFICE && kind == common::v1::ESTABLISHMENT_OFFICE;
  if (ok) return absl::OkStatus();
  return WithErrorInfo(
      absl::PermissionDeniedError(absl::StrCat(
          subject, ": level ", level, " is decided by ", policy::v1::DecidingBody_Name(body),
          " (wenjiang 8.1), not by ", common::v1::AgencyKind_Name(kind))),
      "WRONG_DECIDING_BODY",
      {{"subject", subject},
       {"level", absl::StrCat(level)},
       {"deciding_body", policy::v1::DecidingBody_Name(body)},
       {"agency", common::v1::AgencyKind_Name(kind)}});
}

absl::Status RequireState(const Application& app, Application::State state,
                          const std::string& action) {
  if (app.state() == state) return absl::OkStatus();
  return WithErrorInfo(
      Precondition(absl::StrCat(action, ": application ", app.name(), " is ",
                                StateName(app.state()), ", not ", StateName(state))),
      "WRONG_STATE",
      {{"application", app.name()}, {"state", StateName(app.state())}, {"action", action}});
}

absl::StatusOr<Application> Submit(Application app, const v1::RequirementCheck& check,
                                   const Actor& by) {
  RETURN_IF_ERROR(RequireState(app, Application::DRAFT, "submit"));
  *app.mutable_submitted_check() = check;
  app.clear_evaluation_check();
  app.clear_approvals();
  app.set_policy_version(check.policy_version());
  return Moved(std::move(app), Application::QUALIFICATION_REVIEW, by);
}

absl::StatusOr<Application> PassQualificationReview(Application app, const Actor& by) {
  RETURN_IF_ERROR(RequireState(app, Application::QUALIFICATION_REVIEW, "qualification review"));
  RETURN_IF_ERROR(RequirePassed(app.submitted_check()));
  return Moved(std::move(app), Application::EVALUATION, by);
}

absl::StatusOr<Application> Decide(Application app, v1::Outcome outcome, const std::string& reason,
                                   const v1::RequirementCheck& check, const Actor& by) {
  RETURN_IF_ERROR(RequireState(app, Application::EVALUATION, "decide"));
  RETURN_IF_ERROR(CheckDecidingBody(app.deciding_body(), by.kind, app.name(), app.target_level()));
  if (outcome == v1::APPROVE) {
    *app.mutable_evaluation_check() = check;
    RETURN_IF_ERROR(RequirePassed(check));
  }
  RETURN_IF_ERROR(AddApproval(app.mutable_approvals(), app.name(), outcome, reason, by));
  const v1::Outcome settled = Settled(app.deciding_body(), app.approvals());
  if (settled == v1::OUTCOME_UNSPECIFIED) {
    *app.mutable_update_time() = Stamp(by.now);
    return app;
  }
  app.set_outcome(settled);
  *app.mutable_decide_time() = Stamp(by.now);
  return Moved(std::move(app), Application::DECIDED, by);
}

absl::StatusOr<Application> Return(Application app, const Actor& by) {
  if (app.state() == Application::QUALIFICATION_REVIEW) {
    if (by.kind != common::v1::ENFORCEMENT_BUREAU) {
      return WithErrorInfo(
          absl::PermissionDeniedError(absl::StrCat(
              "return: application ", app.name(),
              " is in the bureau's qualification review (wenjiang 8.3.1); only the bureau returns "
              "it")),
          "WRONG_DECIDING_BODY",
          {{"subject", app.name()}, {"agency", common::v1::AgencyKind_Name(by.kind)}});
    }
  } else if (app.state() == Application::EVALUATION) {
    if (by.kind != common::v1::ENFORCEMENT_BUREAU) {
      RETURN_IF_ERROR(
          CheckDecidingBody(app.deciding_body(), by.kind, app.name(), app.target_level()));
    }
  } else {
    return RequireState(app, Application::EVALUATION, "return");
  }
  app.clear_approvals();
  return Moved(std::move(app), Application::DRAFT, by);
}

absl::StatusOr<Application> Withdraw(Application app, const Actor& by) {
  switch (app.state()) {
    case Application::DRAFT:
      return Moved(std::move(app), Application::WITHDRAWN, by);
    case Application::QUALIFICATION_REVIEW:
    case Application::EVALUATION:
      app.clear_approvals();
      return Moved(std::move(app), Application::DRAFT, by);
    default:
      return WithErrorInfo(
          Precondition(absl::StrCat("withdraw: application ", app.name(), " is ",
                                    StateName(app.state()),
                                    "; only an application before its decision "
                                    "may be withdrawn")),
          "WRONG_STATE",
          {{"application", app.name()}, {"state", StateName(app.state())}, {"action", "withdraw"}});
  }
}

absl::StatusOr<Application> File(Application app, const Actor& by) {
  RETURN_IF_ERROR(RequireState(app, Application::DECIDED, "file"));
  if (app.deciding_body() != policy::v1::BUREAU_AND_HR_COMPANY || app.outcome() != v1::APPROVE) {
    return WithErrorInfo(
        Precondition(absl::StrCat("file: only an approved joint (level-5) result is filed with the "
                                  "establishment office (wenjiang 8.4.1.1); ",
                                  app.name(), " is level ", app.target_level(), ", ",
                                  v1::Outcome_Name(app.outcome()))),
        "WRONG_STATE",
        {{"application", app.name()}, {"state", StateName(app.state())}, {"action", "file"}});
  }
  return Moved(std::move(app), Application::FILED, by);
}

absl::StatusOr<Application> Publish(Application app, const std::string& notice, const Actor& by) {
  RETURN_IF_ERROR(RequireState(app, Application::DECIDED, "publish"));
  if (app.deciding_body() != policy::v1::ESTABLISHMENT_OFFICE) {
    return WithErrorInfo(
        Precondition(absl::StrCat("publish: application ", app.name(), " (level ",
                                  app.target_level(),
                                  ") is not decided by the establishment office; it is filed")),
        "WRONG_STATE",
        {{"application", app.name()}, {"state", StateName(app.state())}, {"action", "publish"}});
  }
  app.set_result_notice(notice);
  return Moved(std::move(app), Application::PUBLISHED, by);
}

bool ChangesLevelAtDecision(const Application& app) {
  return app.state() == Application::DECIDED && app.outcome() == v1::APPROVE &&
         app.deciding_body() == policy::v1::BUREAU_AND_HR_COMPANY;
}

bool IsFinal(const Application& app) {
  switch (app.state()) {
    case Application::WITHDRAWN:
    case Application::FILED:
      return true;
    case Application::DECIDED:
      // An office decision waits for its result notice; a joint one is in force when taken.
      return app.deciding_body() != policy::v1::ESTABLISHMENT_OFFICE;
    case Application::PUBLISHED:
      return app.has_effective_date();
    default:
      return false;
  }
}

absl::Status OtherApplicationOpen(const std::string& person, const Application& open) {
  return WithErrorInfo(
      Precondition(absl::StrCat(
          "one open application per person: ", person, " has application ", open.name(), " in ",
          StateName(open.state()),
          open.state() == Application::DECIDED || open.state() == Application::PUBLISHED
              ? ", its decision not yet in force under a result notice"
              : "",
          "; a second application waits until it is final")),
      "APPLICATION_OPEN", {{"person", person}, {"application", open.name()}});
}

absl::StatusOr<v1::DemotionCase> DecideCase(v1::DemotionCase c, v1::Outcome outcome,
                                            const std::string& reason, const Actor& by) {
  if (c.state() != v1::DemotionCase::OPEN) {
    return WithErrorInfo(Precondition(absl::StrCat("decide: demotion case ", c.name(), " is ",
                                                   v1::DemotionCase::State_Name(c.state()))),
                         "WRONG_STATE", {{"application", c.name()}, {"action", "decide"}});
  }
  RETURN_IF_ERROR(CheckDecidingBody(c.deciding_body(), by.kind, c.name(), c.from_level()));
  RETURN_IF_ERROR(AddApproval(c.mutable_approvals(), c.name(), outcome, reason, by));
  *c.mutable_update_time() = Stamp(by.now);
  const v1::Outcome settled = Settled(c.deciding_body(), c.approvals());
  if (settled != v1::OUTCOME_UNSPECIFIED) {
    c.set_outcome(settled);
    c.set_state(v1::DemotionCase::DECIDED);
  }
  return c;
}

absl::StatusOr<v1::LevelChange> DecideLevelChange(const policy::v1::Grading& grading, int current,
                                                  int expected_from, int to,
                                                  v1::LevelChangeKind kind,
                                                  const std::string& reason,
                                                  const std::string& decision, const Actor& by) {
  auto refuse = [&](const std::string& why) {
    return WithErrorInfo(Precondition(absl::StrCat(decision, ": ", why)), "LEVEL_CHANGED",
                         {{"current_level", absl::StrCat(current)},
                          {"expected_level", absl::StrCat(expected_from)}});
  };
  if (current != expected_from) {
    return refuse(absl::StrCat("the level is ", current, " now, not ", expected_from,
                               " as when the decision was prepared"));
  }
  bool ok = false;
  switch (kind) {
    case v1::GRANTED:
      ok = current == 0 && to == grading.entry_level();
      break;
    case v1::PROMOTED:
      ok = current > 1 && to == current - 1;
      break;
    case v1::DEMOTED:
      ok = current >= 1 && current < grading.entry_level() && to == current + 1;
      break;
    case v1::REVOKED:
      ok = current > 0 && to == 0;
      break;
    default:
      break;
  }
  if (!ok) {
    return refuse(absl::StrCat("a ", v1::LevelChangeKind_Name(kind), " from level ", current,
                               " to ", to, " is not one step (wenjiang 8.5)"));
  }
  v1::LevelChange change;
  change.set_from_level(current);
  change.set_to_level(to);
  change.set_kind(kind);
  change.set_reason(reason);
  change.set_decision(decision);
  *change.mutable_effective_date() = DateOf(by.now);
  change.set_agency(by.agency);
  change.set_actor(by.actor);
  *change.mutable_create_time() = Stamp(by.now);
  return change;
}

}  // namespace auxpro::grading
