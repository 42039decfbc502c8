#pragma once

// The SQL of the annual registration form's recorded parts (longquan annex 2), one row per person
// and year. Every function takes the caller's transaction and the jurisdiction.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// The recorded parts: personal_summary, unit_comment, supervisor_opinion, party_group_opinion,
// acknowledge_date, acknowledgement_ref, update_time; `revision` counts writes (0: none yet).
struct RegistrationRow {
  v1::AnnualRegistration parts;
  int64_t revision = 0;
  // The day every part was first complete (the form filed).
  std::optional<common::v1::Date> completed_on;
};

// The row, locked FOR UPDATE when `lock`; an empty row (revision 0) when none is recorded.
absl::StatusOr<RegistrationRow> FindRegistration(db::Transaction& tx, const std::string& j,
                                                 const std::string& person_id, int year,
                                                 bool lock);
// Writes the parts of `row` with revision + 1 (inserting at revision 0).
absl::StatusOr<RegistrationRow> WriteRegistration(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id, int year,
                                                  const RegistrationRow& row, absl::Time now);

}  // namespace auxpro::assessment::store
