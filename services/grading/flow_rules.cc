#include "services/grading/flow_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"

namespace auxpro::grading {

namespace {

using policy::v1::GradingDeadlines;
using v1::Application;

bool HasDecided(const Application& app, common::v1::AgencyKind kind) {
  for (const auto& a : app.approvals()) {
    if (a.agency_kind() == kind) return true;
  }
  return false;
}

}  // namespace

std::vector<WantedHold> HoldsOf(const Application& app) {
  using common::v1::ENFORCEMENT_BUREAU;
  using common::v1::ESTABLISHMENT_OFFICE;
  using common::v1::HR_COMPANY;
  const bool joint = app.deciding_body() == policy::v1::BUREAU_AND_HR_COMPANY;
  switch (app.state()) {
    case Application::DRAFT:
      if (app.has_submitted_check()) return {{GradingDeadlines::RESUBMISSION, ENFORCEMENT_BUREAU}};
      return {};
    case Application::QUALIFICATION_REVIEW:
      return {{GradingDeadlines::QUALIFICATION_REVIEW, ENFORCEMENT_BUREAU}};
    case Application::EVALUATION: {
      if (!joint) return {{GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE}};
      std::vector<WantedHold> out;
      for (auto kind : {ENFORCEMENT_BUREAU, HR_COMPANY}) {
        if (!HasDecided(app, kind)) out.push_back({GradingDeadlines::EVALUATION, kind});
      }
      return out;
    }
    case Application::DECIDED:
      if (joint) {
        if (app.outcome() == v1::APPROVE) return {{GradingDeadlines::FILING, ENFORCEMENT_BUREAU}};
        return {};
      }
      return {{GradingDeadlines::NOTICE_PUBLICATION, ESTABLISHMENT_OFFICE}};
    default:
      return {};
  }
}

absl::StatusOr<Application> ReopenForEvaluation(Application app, const Actor& by) {
  if (app.state() != Application::PUBLISHED) {
    const std::string state = Application::State_Name(app.state());
    return WithErrorInfo(
        Precondition(absl::StrCat("reopen: application ", app.name(), " is ", state,
                                  "; only a published decision is overturned by an objection")),
        "WRONG_STATE", {{"application", app.name()}, {"state", state}, {"action", "reopen"}});
  }
  app.clear_approvals();
  app.clear_outcome();
  app.clear_evaluation_check();
  app.clear_decide_time();
  app.clear_effective_date();
  app.set_state(Application::EVALUATION);
  *app.mutable_update_time() = TimestampOf(by.now);
  return app;
}

v1::ResultNotice::EntryState EntryStateOf(DecisionState state) {
  switch (state) {
    case DecisionState::kAwaiting:
      return v1::ResultNotice::AWAITING;
    case DecisionState::kHeld:
      return v1::ResultNotice::HELD;
    case DecisionState::kInForce:
      return v1::ResultNotice::IN_FORCE;
    case DecisionState::kOverturned:
      return v1::ResultNotice::OVERTURNED;
  }
  return v1::ResultNotice::ENTRY_STATE_UNSPECIFIED;
}

v1::StepDeadline StepDeadlineOf(const StepHold& hold, const StepDeadline& where,
                                const SentMarkers& sent, const std::string& objection) {
  v1::StepDeadline d;
  d.set_step(hold.step);
  d.set_holder(hold.holder);
  *d.mutable_since() = ToProto(hold.since);
  d.set_working_days(where.working_days);
  if (where.deadline) *d.mutable_deadline() = ToProto(*where.deadline);
  if (where.reminder_on) *d.mutable_reminder_date() = ToProto(*where.reminder_on);
  d.set_reminder_sent(sent.reminder);
  d.set_escalation_sent(sent.escalation);
  d.set_objection(objection);
  return d;
}

}  // namespace auxpro::grading
