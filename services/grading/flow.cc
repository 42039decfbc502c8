#include "services/grading/flow.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "auxpro/grading/v1/events.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "libs/outbox/outbox.h"
#include "services/grading/deadline_rules.h"
#include "services/grading/flow_rules.h"
#include "services/grading/grading_store.h"
#include "services/grading/level_changes.h"
#include "services/grading/notice_rules.h"

namespace auxpro::grading {

namespace {

using absl::Status;
using absl::StatusOr;
using policy::v1::GradingDeadlines;

// Deadline notices go through the outbox to grading's own consumer, which keeps them with the
// application; a notification channel for the agencies subscribes to the same events.
const std::vector<std::string> kDeadlineConsumers = {"grading"};

std::string StepName(int step) {
  return GradingDeadlines::Step_Name(static_cast<GradingDeadlines::Step>(step));
}
std::string AgencyName(int kind) {
  return common::v1::AgencyKind_Name(static_cast<common::v1::AgencyKind>(kind));
}

// The open steps of an application in its API form, as of `today`.
StatusOr<std::vector<v1::StepDeadline>> OpenSteps(db::Transaction& tx,
                                                  const policy::v1::Policy& policy,
                                                  const WorkingDayCalendar& calendar,
                                                  const std::string& j, const std::string& id,
                                                  CivilDate today) {
  ASSIGN_OR_RETURN(auto holds, store::OpenHoldsOf(tx, j, id, ""));
  std::vector<v1::StepDeadline> out;
  for (const auto& h : holds) {
    StatusOr<StepDeadline> where = ReviewHold(policy, calendar, h, today);
    StepDeadline known;
    if (where.ok()) {
      known = *where;
    } else {
      known.working_days = static_cast<uint32_t>(h.working_days);
      known.deadline = h.due_on;
    }
    out.push_back(
        StepDeadlineOf(HoldOf(h), known, {h.reminder_sent, h.escalation_sent}, h.objection_id));
  }
  return out;
}

Status OpenHold(db::Transaction& tx, const policy::v1::Policy& policy,
                const WorkingDayCalendar& calendar, const std::string& j,
                const std::string& application_id, const std::string& person_id,
                const std::string& objection_id, WantedHold w, absl::Time now) {
  const GradingDeadlines::StepLimit* limit = LimitOf(policy.grading_deadlines(), w.step);
  if (limit == nullptr || limit->working_days() == 0) return absl::OkStatus();  // no deadline
  store::HoldRow h;
  h.application_id = application_id;
  h.person_id = person_id;
  h.objection_id = objection_id;
  h.step = w.step;
  h.holder = w.holder;
  h.since = FromProto(DateOf(now));
  h.working_days = static_cast<int>(limit->working_days());
  // A deadline in a year the calendar does not list yet is unknown, not guessed.
  StatusOr<CivilDate> due = AddWorkingDays(calendar, h.since, h.working_days);
  if (due.ok()) h.due_on = *due;
  return store::InsertHold(tx, j, h, now);
}

}  // namespace

WorkingDayCalendar CalendarOf(const policy::v1::Policy& policy) {
  return WorkingDayCalendar::FromProto(policy.working_calendar());
}

StepHold HoldOf(const store::HoldRow& row) {
  return StepHold{static_cast<DeadlineStep>(row.step),
                  static_cast<common::v1::AgencyKind>(row.holder), row.since};
}

StatusOr<StepDeadline> ReviewHold(const policy::v1::Policy& policy,
                                  const WorkingDayCalendar& calendar, const store::HoldRow& hold,
                                  CivilDate as_of) {
  return ReviewStepDeadline(policy.grading_deadlines(), calendar, HoldOf(hold),
                            SentMarkers{hold.reminder_sent, hold.escalation_sent}, as_of);
}

StatusOr<v1::Application> SaveApplication(db::Transaction& tx, const policy::v1::Policy& policy,
                                          const std::string& j, const std::string& id,
                                          v1::Application app, int64_t expected_version,
                                          absl::Time now) {
  const WorkingDayCalendar calendar = CalendarOf(policy);
  const std::string person_id = db::LastSegment(app.person());
  const std::vector<WantedHold> wanted = HoldsOf(app);
  ASSIGN_OR_RETURN(auto open, store::OpenHoldsOf(tx, j, id, ""));
  for (const auto& h : open) {
    const WantedHold have{static_cast<DeadlineStep>(h.step),
                          static_cast<common::v1::AgencyKind>(h.holder)};
    if (std::find(wanted.begin(), wanted.end(), have) == wanted.end()) {
      RETURN_IF_ERROR(store::CloseHold(tx, j, h.id, now));
    }
  }
  for (const WantedHold& w : wanted) {
    const bool is_open = std::any_of(open.begin(), open.end(), [&](const store::HoldRow& h) {
      return h.step == w.step && h.holder == w.holder;
    });
    if (!is_open) RETURN_IF_ERROR(OpenHold(tx, policy, calendar, j, id, person_id, "", w, now));
  }
  ASSIGN_OR_RETURN(auto steps, OpenSteps(tx, policy, calendar, j, id, FromProto(DateOf(now))));
  app.clear_deadlines();
  for (auto& s : steps) *app.add_deadlines() = std::move(s);
  return store::UpdateApplication(tx, j, id, std::move(app), expected_version, now);
}

Status SyncObjectionHold(db::Transaction& tx, const policy::v1::Policy& policy,
                         const std::string& j, const std::string& application_id,
                         const std::string& person_id, const std::string& objection_id, bool open,
                         absl::Time now) {
  ASSIGN_OR_RETURN(auto holds, store::OpenHoldsOf(tx, j, application_id, objection_id));
  if (!open) {
    for (const auto& h : holds) RETURN_IF_ERROR(store::CloseHold(tx, j, h.id, now));
    return absl::OkStatus();
  }
  if (!holds.empty()) return absl::OkStatus();
  return OpenHold(tx, policy, CalendarOf(policy), j, application_id, person_id, objection_id,
                  {GradingDeadlines::OBJECTION_ANSWER, common::v1::ESTABLISHMENT_OFFICE}, now);
}

Status SendDueNotices(db::Transaction& tx, const policy::v1::Policy& policy,
                      const WorkingDayCalendar& calendar, const std::string& j,
                      const store::HoldRow& hold, CivilDate as_of, const Actor& by,
                      v1::RunGradingSweepResponse* out) {
  if (as_of < hold.since) return absl::OkStatus();  // not yet in the holder's hands on as_of
  ASSIGN_OR_RETURN(StepDeadline where, ReviewHold(policy, calendar, hold, as_of));
  const std::string app = store::ApplicationName(j, hold.application_id);
  const std::string person = store::PersonName(j, hold.person_id);
  const std::string deadline = where.deadline ? FormatDate(*where.deadline) : "unknown";
  for (const DeadlineNotice& n : where.to_send) {
    const bool escalation = n.kind == DeadlineNoticeKind::kEscalation;
    std::string reason;
    if (escalation) {
      v1::DeadlineEscalation e;
      e.set_application(app);
      e.set_person(person);
      e.set_step(hold.step == 0 ? GradingDeadlines::STEP_UNSPECIFIED
                                : static_cast<DeadlineStep>(hold.step));
      e.set_holder(static_cast<common::v1::AgencyKind>(hold.holder));
      e.set_recipient(n.recipient);
      *e.mutable_since() = ToProto(hold.since);
      if (where.deadline) *e.mutable_deadline() = ToProto(*where.deadline);
      e.set_working_days(where.working_days);
      e.set_working_days_overdue(where.working_days_overdue);
      e.set_objection(hold.objection_id);
      RETURN_IF_ERROR(
          outbox::Enqueue(tx, {"grading", kDeadlineConsumers, j, app, &e}, by.now).status());
      reason = absl::StrCat("escalated to ", common::v1::AgencyKind_Name(n.recipient), ": step ",
                            StepName(hold.step), " held by ", AgencyName(hold.holder),
                            " since ", FormatDate(hold.since), " was due on ", deadline, " (",
                            where.working_days, " working days); ", where.working_days_overdue,
                            " working days overdue on ", FormatDate(as_of));
      out->set_escalations_sent(out->escalations_sent() + 1);
    } else {
      v1::DeadlineReminder r;
      r.set_application(app);
      r.set_person(person);
      r.set_step(static_cast<DeadlineStep>(hold.step));
      r.set_holder(static_cast<common::v1::AgencyKind>(hold.holder));
      *r.mutable_since() = ToProto(hold.since);
      if (where.deadline) *r.mutable_deadline() = ToProto(*where.deadline);
      r.set_working_days(where.working_days);
      r.set_objection(hold.objection_id);
      RETURN_IF_ERROR(
          outbox::Enqueue(tx, {"grading", kDeadlineConsumers, j, app, &r}, by.now).status());
      reason = absl::StrCat("reminder to ", AgencyName(hold.holder), ": step ",
                            StepName(hold.step), " since ", FormatDate(hold.since), " is due on ",
                            deadline, " (", where.working_days, " working days)");
      out->set_reminders_sent(out->reminders_sent() + 1);
    }
    RETURN_IF_ERROR(store::MarkHoldSent(tx, j, hold.id, escalation, by.now));
    RETURN_IF_ERROR(Archive(tx, j, hold.person_id, app,
                            escalation ? "DEADLINE_ESCALATION" : "DEADLINE_REMINDER",
                            StepName(hold.step), StepName(hold.step), by, reason));
    auto* action = out->add_actions();
    action->set_action(escalation ? "DEADLINE_ESCALATION" : "DEADLINE_REMINDER");
    action->set_subject(app);
    action->set_recipient(n.recipient);
    action->set_step(static_cast<DeadlineStep>(hold.step));
  }
  return absl::OkStatus();
}

Status SweepPage(db::Transaction& tx, const policy::v1::Policy& policy, const std::string& j,
                 CivilDate as_of, int limit, const Actor& by, SweepCursor* cursor,
                 v1::RunGradingSweepResponse* out) {
  const WorkingDayCalendar calendar = CalendarOf(policy);
  int examined = 0;
  if (!cursor->holds_done) {
    // Locked: a second sweep at the same time waits, then finds the markers set.
    ASSIGN_OR_RETURN(auto holds, store::ListOpenHolds(tx, j, cursor->after_hold, limit + 1, 0,
                                                      /*lock=*/true));
    for (const auto& h : holds) {
      if (examined == limit) {
        out->set_more(true);
        return absl::OkStatus();
      }
      ++examined;
      cursor->after_hold = h.id;
      Status sent = SendDueNotices(tx, policy, calendar, j, h, as_of, by, out);
      if (!sent.ok()) {
        if (!absl::IsFailedPrecondition(sent) && !absl::IsInvalidArgument(sent)) return sent;
        *out->add_errors() =
            absl::StrCat(store::ApplicationName(j, h.application_id), ": ", sent.message());
      }
    }
    cursor->holds_done = true;
  }
  ASSIGN_OR_RETURN(auto notices,
                   store::UnsettledNotices(tx, j, limit - examined + 1, cursor->after_notice));
  for (const std::string& id : notices) {
    if (examined == limit) {
      out->set_more(true);
      return absl::OkStatus();
    }
    ++examined;
    cursor->after_notice = id;
    // As for the holds: a notice that cannot be settled is reported and passed, so that it never
    // keeps the later notices of the jurisdiction from taking effect.
    absl::Status settled = SettleNotice(tx, policy, j, id, as_of, by, out).status();
    if (!settled.ok()) {
      if (!absl::IsFailedPrecondition(settled) && !absl::IsInvalidArgument(settled) &&
          !absl::IsNotFound(settled)) {
        return settled;
      }
      *out->add_errors() = absl::StrCat(store::NoticeName(j, id), ": ", settled.message());
    }
  }
  return absl::OkStatus();
}

Objection ObjectionOf(const v1::Objection& o) {
  Objection r;
  r.decision = o.application();
  r.by = o.agency_kind();
  r.text = o.text();
  for (const auto& e : o.evidence()) r.evidence.push_back(e.ref());
  r.recorded_on = FromProto(o.record_date());
  switch (o.state()) {
    case v1::Objection::DISMISSED:
      r.answer = ObjectionAnswer::kDismissed;
      break;
    case v1::Objection::SUSTAINED:
      r.answer = ObjectionAnswer::kSustained;
      break;
    default:
      r.answer = ObjectionAnswer::kPending;
  }
  if (r.answer != ObjectionAnswer::kPending) r.answered_on = FromProto(o.answer_date());
  return r;
}

StatusOr<std::optional<v1::ResultNotice>> LoadNotice(db::Transaction& tx, const std::string& j,
                                                     const std::string& notice_id, bool lock) {
  std::optional<v1::ResultNotice> notice;
  if (lock) {
    ASSIGN_OR_RETURN(notice, store::GetNoticeForUpdate(tx, j, notice_id));
  } else {
    ASSIGN_OR_RETURN(notice, store::GetNotice(tx, j, notice_id));
  }
  if (!notice) return notice;
  ASSIGN_OR_RETURN(auto objections, store::ObjectionsOf(tx, j, notice_id));
  notice->clear_objections();
  for (auto& o : objections) *notice->add_objections() = std::move(o);
  return notice;
}

StatusOr<v1::ResultNotice> SettleNotice(db::Transaction& tx, const policy::v1::Policy& policy,
                                        const std::string& j, const std::string& notice_id,
                                        CivilDate as_of, const Actor& by,
                                        v1::RunGradingSweepResponse* out) {
  ASSIGN_OR_RETURN(auto loaded, LoadNotice(tx, j, notice_id, /*lock=*/true));
  if (!loaded) return NotFound("result notice", store::NoticeName(j, notice_id));
  v1::ResultNotice notice = std::move(*loaded);
  NoticePeriod period;
  period.published_on = FromProto(notice.publish_date());
  period.working_days = notice.objection_working_days();
  period.last_day = period.working_days == 0 ? period.published_on
                                             : FromProto(notice.objection_last_day());
  period.effective_on =
      period.working_days == 0 ? period.published_on : FromProto(notice.effective_date());
  std::vector<std::string> decisions;
  for (const auto& e : notice.entries()) decisions.push_back(e.application());
  std::vector<Objection> objections;
  for (const auto& o : notice.objections()) objections.push_back(ObjectionOf(o));
  const std::vector<DecisionOutcome> outcomes =
      DecisionsAsOf(period, decisions, objections, as_of);
  bool settled = true;
  for (int i = 0; i < notice.entries_size(); ++i) {
    auto* entry = notice.mutable_entries(i);
    const DecisionOutcome& o = outcomes[static_cast<size_t>(i)];
    const auto prior = entry->state();
    if (prior == v1::ResultNotice::IN_FORCE || prior == v1::ResultNotice::OVERTURNED) continue;
    const auto next = EntryStateOf(o.state);
    if (o.effective_on) *entry->mutable_effective_date() = ToProto(*o.effective_on);
    if (next == v1::ResultNotice::IN_FORCE || next == v1::ResultNotice::OVERTURNED) {
      const std::string app_id = db::LastSegment(entry->application());
      ASSIGN_OR_RETURN(auto app, store::GetApplication(tx, j, app_id, /*lock=*/true));
      if (!app) return NotFound("application", entry->application());
      const int64_t version = std::stoll(app->etag());
      const std::string person_id = db::LastSegment(app->person());
      v1::Application next_app = *app;
      if (next == v1::ResultNotice::IN_FORCE) {
        const common::v1::Date effective = ToProto(*o.effective_on);
        std::string note = absl::StrCat("result notice ", notice.document_ref(),
                                        ": in force from ", FormatDate(*o.effective_on));
        if (entry->outcome() == v1::APPROVE) {
          StatusOr<store::LevelRecord> changed = ApplyLevelChange(
              tx, policy.grading(), j, person_id, entry->from_level(), entry->target_level(),
              v1::PROMOTED, notice.document_ref(), entry->application(), by,
              v1::REVOCATION_GROUND_UNSPECIFIED, &effective);
          if (!changed.ok()) {
            // The level moved since the decision (a revocation, an exit): nothing to promote.
            if (!absl::IsFailedPrecondition(changed.status())) return changed.status();
            note = absl::StrCat(note, "; the level was not changed: ", changed.status().message());
            if (out != nullptr) *out->add_errors() = note;
          }
        }
        next_app.set_state(v1::Application::PUBLISHED);
        *next_app.mutable_effective_date() = effective;
        RETURN_IF_ERROR(Archive(tx, j, person_id, entry->application(), "TAKE_EFFECT", "PUBLISHED",
                                "PUBLISHED", by, note));
        if (out != nullptr) {
          out->set_decisions_in_force(out->decisions_in_force() + 1);
          auto* action = out->add_actions();
          action->set_action("TAKE_EFFECT");
          action->set_subject(entry->application());
        }
      } else {
        ASSIGN_OR_RETURN(next_app, ReopenForEvaluation(std::move(next_app), by));
        RETURN_IF_ERROR(Archive(tx, j, person_id, entry->application(), "OVERTURN", "PUBLISHED",
                                "EVALUATION", by,
                                absl::StrCat("result notice ", notice.document_ref(),
                                             ": a sustained objection overturned the decision")));
      }
      RETURN_IF_ERROR(
          SaveApplication(tx, policy, j, app_id, std::move(next_app), version, by.now).status());
    }
    entry->set_state(next);
    if (next != v1::ResultNotice::IN_FORCE && next != v1::ResultNotice::OVERTURNED) {
      settled = false;
    }
  }
  notice.set_settled(settled);
  RETURN_IF_ERROR(store::UpdateNotice(tx, j, notice_id, notice, by.now));
  return notice;
}

}  // namespace auxpro::grading
