#pragma once

// The SQL of deadlines, result-notice objection periods and attestations (issue 10): the step
// holds of applications (migration 0002 step_holds), the notices' periods and settlement, the
// objections, and the attestations of wenjiang 6.1 recorded by grading. Every query names the
// jurisdiction.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"

namespace auxpro::grading::store {

std::string ObjectionName(const std::string& j, const std::string& notice_id,
                          const std::string& id);
std::string AttestationName(const std::string& j, const std::string& person_id,
                            common::v1::Attestation a);

// One step of an application in one agency's hands.
struct HoldRow {
  int64_t id = 0;
  std::string application_id;
  std::string person_id;
  std::string objection_id;  // "" unless OBJECTION_ANSWER
  int step = 0;
  int holder = 0;
  CivilDate since;
  int working_days = 0;
  std::optional<CivilDate> due_on;
  bool reminder_sent = false;
  bool escalation_sent = false;
};

// The open holds of one application (objection_id "" : its own steps; else that objection's).
absl::StatusOr<std::vector<HoldRow>> OpenHoldsOf(db::Transaction& tx, const std::string& j,
                                                 const std::string& application_id,
                                                 const std::string& objection_id);
absl::Status InsertHold(db::Transaction& tx, const std::string& j, const HoldRow& hold,
                        absl::Time now);
absl::Status CloseHold(db::Transaction& tx, const std::string& j, int64_t id, absl::Time now);
// Open holds of the jurisdiction with id > after_id, in id order; holder 0: every holder. `lock`
// takes the row locks (the sweep), so two sweeps never send the same notice twice.
absl::StatusOr<std::vector<HoldRow>> ListOpenHolds(db::Transaction& tx, const std::string& j,
                                                   int64_t after_id, int limit, int holder,
                                                   bool lock);
// Marks the reminder (or escalation) of an open hold as sent.
absl::Status MarkHoldSent(db::Transaction& tx, const std::string& j, int64_t id, bool escalation,
                          absl::Time now);

// Result notices: the period columns, the body and the settled flag (all entries in force or
// overturned) after a change.
absl::Status SetNoticePeriod(db::Transaction& tx, const std::string& j, const std::string& id,
                             uint32_t working_days, const common::v1::Date& last_day,
                             const common::v1::Date& effective_on, bool settled);
absl::StatusOr<std::optional<v1::ResultNotice>> GetNoticeForUpdate(db::Transaction& tx,
                                                                   const std::string& j,
                                                                   const std::string& id);
absl::Status UpdateNotice(db::Transaction& tx, const std::string& j, const std::string& id,
                          const v1::ResultNotice& notice, absl::Time now);
// Ids of the notices not yet settled, in id order after `after_id`, at most `limit`.
absl::StatusOr<std::vector<std::string>> UnsettledNotices(db::Transaction& tx,
                                                          const std::string& j, int limit,
                                                          const std::string& after_id = "");

// Objections.
absl::Status InsertObjection(db::Transaction& tx, const std::string& j, const std::string& id,
                             const std::string& notice_id, const std::string& application_id,
                             const v1::Objection& objection, absl::Time now);
absl::Status UpdateObjection(db::Transaction& tx, const std::string& j, const std::string& id,
                             const v1::Objection& objection);
absl::StatusOr<std::optional<v1::Objection>> GetObjection(db::Transaction& tx,
                                                          const std::string& j,
                                                          const std::string& notice_id,
                                                          const std::string& id, bool lock);
// The objections of a notice, oldest first.
absl::StatusOr<std::vector<v1::Objection>> ObjectionsOf(db::Transaction& tx, const std::string& j,
                                                        const std::string& notice_id);

// Attestations.
absl::Status InsertAttestation(db::Transaction& tx, const std::string& j,
                               const std::string& person_id, const v1::PersonAttestation& a,
                               absl::Time now);
// The latest record of each attestation of a person.
absl::StatusOr<std::map<int, v1::PersonAttestation>> LatestAttestations(
    db::Transaction& tx, const std::string& j, const std::string& person_id);

}  // namespace auxpro::grading::store
