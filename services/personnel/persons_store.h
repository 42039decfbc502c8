#pragma once

// The SQL of person records. Every function takes the caller's transaction and the jurisdiction;
// rows of other jurisdictions are never read or written. Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/recruitment_rules.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

struct PersonRecord {
  std::string id;
  // person.name, unit and dispatch_agreement are full names (the unit and agreement ids are
  // stored); the national ID fields of the message are left empty (the handler decides what the
  // caller sees).
  v1::Person person;
  std::string national_id_sealed;  // AES-GCM, bound to the person's name
  std::string national_id_masked;
  std::string exit_checklist;  // comma-separated confirmed items
  std::string exit_note;
  int64_t version = 0;
};

struct PersonFilter {
  std::optional<int> state;
  std::optional<std::string> unit_id;
  std::optional<int> post_type;
  std::optional<std::string> agreement_id;
  // The holder of this badge number's valid permit.
  std::optional<std::string> badge_number;
};

// ALREADY_EXISTS when the national ID index is taken in the jurisdiction.
absl::StatusOr<PersonRecord> InsertPerson(db::Transaction& tx, const std::string& j,
                                          const PersonRecord& record,
                                          const std::string& national_id_index, absl::Time now);
// FOR UPDATE when `lock`.
absl::StatusOr<std::optional<PersonRecord>> GetPerson(db::Transaction& tx, const std::string& j,
                                                      const std::string& id, bool lock = false);
absl::StatusOr<std::optional<std::string>> FindPersonByNationalIdIndex(db::Transaction& tx,
                                                                       const std::string& j,
                                                                       const std::string& index);
absl::StatusOr<std::vector<PersonRecord>> ListPersons(db::Transaction& tx, const std::string& j,
                                                      const PersonFilter& filter,
                                                      const std::string& after_id, int limit);
// Writes every mutable column of the record if its version is still `record.version`;
// ABORTED (ETAG_MISMATCH) otherwise. Returns the record with its new version and etag.
absl::StatusOr<PersonRecord> UpdatePerson(db::Transaction& tx, const std::string& j,
                                          const PersonRecord& record, absl::Time now);
// Members (PROBATION or ACTIVE) of the jurisdiction.
absl::StatusOr<TeamComposition> CountTeam(db::Transaction& tx, const std::string& j);
// Serializes hires of a jurisdiction until the transaction ends (take it before CountTeam).
absl::Status LockHiring(db::Transaction& tx, const std::string& j);
// Person ids of PROBATION or ACTIVE persons, ordered.
absl::StatusOr<std::vector<std::string>> ListMemberIds(db::Transaction& tx, const std::string& j);

}  // namespace auxpro::personnel::store
