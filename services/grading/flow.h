#pragma once

// What the handlers that move a case do inside their transaction for deadlines and result
// notices (issue 10): keep the step holds of an application in line with its state, send the due
// reminders and escalations of a hold through the outbox, and settle a result notice's decisions
// as of a day (bring into force those whose objection period has ended and that no objection
// holds). The rules are deadline_rules, notice_rules and flow_rules; the SQL is flow_store.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/db/transaction.h"
#include "services/grading/application_rules.h"
#include "services/grading/deadline_rules.h"
#include "services/grading/flow_store.h"
#include "services/grading/notice_rules.h"

namespace auxpro::grading {

// The policy's calendar, indexed.
WorkingDayCalendar CalendarOf(const policy::v1::Policy& policy);

// Closes the holds of `app` it has left and opens those it has entered (since = today), then
// writes `app` (with its open steps in `deadlines`) if its version is `expected_version`.
absl::StatusOr<v1::Application> SaveApplication(db::Transaction& tx,
                                                const policy::v1::Policy& policy,
                                                const std::string& j, const std::string& id,
                                                v1::Application app, int64_t expected_version,
                                                absl::Time now);

// Opens (open = true) or closes the OBJECTION_ANSWER hold of an objection to `application_id`.
absl::Status SyncObjectionHold(db::Transaction& tx, const policy::v1::Policy& policy,
                               const std::string& j, const std::string& application_id,
                               const std::string& person_id, const std::string& objection_id,
                               bool open, absl::Time now);

// Where `hold` stands on `as_of` and its API form.
absl::StatusOr<StepDeadline> ReviewHold(const policy::v1::Policy& policy,
                                        const WorkingDayCalendar& calendar,
                                        const store::HoldRow& hold, CivilDate as_of);
StepHold HoldOf(const store::HoldRow& row);

// Sends what `hold` is due on `as_of` (a reminder or an escalation, each once): the event through
// the outbox, the marker, and an entry in the application's history. Adds each to `out`.
absl::Status SendDueNotices(db::Transaction& tx, const policy::v1::Policy& policy,
                            const WorkingDayCalendar& calendar, const std::string& j,
                            const store::HoldRow& hold, CivilDate as_of, const Actor& by,
                            v1::RunGradingSweepResponse* out);

// The notice with its objections.
absl::StatusOr<std::optional<v1::ResultNotice>> LoadNotice(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::string& notice_id,
                                                           bool lock);

// Brings the notice's entries to where they stand on `as_of` (notice_rules DecisionsAsOf): an
// entry in force for the first time applies its decision (an approval changes the level,
// effective on the day it took effect); an overturned one reopens its application's evaluation.
// Writes and returns the notice. Adds what it did to `out` (may be null).
absl::StatusOr<v1::ResultNotice> SettleNotice(db::Transaction& tx,
                                              const policy::v1::Policy& policy,
                                              const std::string& j, const std::string& notice_id,
                                              CivilDate as_of, const Actor& by,
                                              v1::RunGradingSweepResponse* out);

// Where one day's sweep stands: the next page starts after the last hold it examined, then after
// the last notice. A fresh cursor is the start (the rpc, every call).
struct SweepCursor {
  int64_t after_hold = 0;
  bool holds_done = false;
  std::string after_notice;
};

// One page of the sweep as of `as_of` (RunGradingSweep's and its scheduler's): examines at most
// `limit` items from `cursor`, the open steps in id order (SendDueNotices each, row-locked) and
// then the unsettled notices (SettleNotice each), and moves `cursor` past them. Sets out->more when
// items remain. A step that cannot be counted (FAILED_PRECONDITION, INVALID_ARGUMENT: a year
// missing from the calendar) is reported in out->errors and skipped; any other error is returned.
absl::Status SweepPage(db::Transaction& tx, const policy::v1::Policy& policy, const std::string& j,
                       CivilDate as_of, int limit, const Actor& by, SweepCursor* cursor,
                       v1::RunGradingSweepResponse* out);

// The rules' form of an objection.
Objection ObjectionOf(const v1::Objection& o);

}  // namespace auxpro::grading
