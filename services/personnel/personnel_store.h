#pragma once

// All SQL of the personnel service. Every function takes the caller's transaction and the
// jurisdiction; rows of other jurisdictions are never read or written. Names of resources are
// built here (the store knows ids, the API knows names).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/personnel_rules.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

std::string PersonName(const std::string& jurisdiction, const std::string& id);
std::string UnitName(const std::string& jurisdiction, const std::string& id);
std::string AgreementName(const std::string& jurisdiction, const std::string& id);
std::string PermitName(const std::string& jurisdiction, const std::string& badge);
std::string TrainingName(const std::string& jurisdiction, const std::string& person_id,
                         const std::string& id);
std::string HeadcountName(const std::string& jurisdiction, const std::string& scope);

// ---- units
absl::Status InsertUnit(db::Transaction& tx, const std::string& j, const std::string& id,
                        const std::string& display_name, absl::Time now);
// FOR UPDATE when `lock` (serializes hires into the unit).
absl::StatusOr<std::optional<v1::Unit>> GetUnit(db::Transaction& tx, const std::string& j,
                                                const std::string& id, bool lock = false);
absl::StatusOr<std::vector<v1::Unit>> ListUnits(db::Transaction& tx, const std::string& j,
                                                const std::string& after_id, int limit);

// ---- persons
struct PersonRecord {
  std::string id;
  // person.name, unit and dispatch_agreement are full names; national_id is left empty (the
  // service decides between clear and masked).
  v1::Person person;
  std::string unit_id;
  std::string agreement_id;
  std::string national_id_sealed;
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
};

absl::Status InsertPerson(db::Transaction& tx, const std::string& j, const PersonRecord& record,
                          const std::string& national_id_index, absl::Time now);
absl::StatusOr<std::optional<PersonRecord>> GetPerson(db::Transaction& tx, const std::string& j,
                                                      const std::string& id, bool lock = false);
absl::StatusOr<std::optional<std::string>> FindPersonByNationalIdIndex(db::Transaction& tx,
                                                                       const std::string& j,
                                                                       const std::string& index);
absl::StatusOr<std::vector<PersonRecord>> ListPersons(db::Transaction& tx, const std::string& j,
                                                      const PersonFilter& filter,
                                                      const std::string& after_id, int limit);
// Writes every mutable column of the record if its version is still `record.version`;
// ABORTED (ETAG_MISMATCH) otherwise. Bumps the version.
absl::Status UpdatePerson(db::Transaction& tx, const std::string& j, const PersonRecord& record,
                          absl::Time now);
// Persons in PROBATION or ACTIVE: in the jurisdiction (unit_id empty) or one unit.
absl::StatusOr<int> CountMembers(db::Transaction& tx, const std::string& j,
                                 const std::string& unit_id);
absl::StatusOr<TeamComposition> CountTeam(db::Transaction& tx, const std::string& j);
// Serializes hires of a jurisdiction until the transaction ends (take it before CountTeam).
absl::Status LockHiring(db::Transaction& tx, const std::string& j);
absl::StatusOr<int> CountAgreementAssigned(db::Transaction& tx, const std::string& j,
                                           const std::string& agreement_id);
// Person ids of PROBATION or ACTIVE persons, ordered.
absl::StatusOr<std::vector<std::string>> ListMemberIds(db::Transaction& tx, const std::string& j);

// ---- dispatch agreements
struct AgreementRecord {
  std::string id;
  v1::DispatchAgreement agreement;  // name filled; assigned_count filled by Get/List
  int64_t version = 0;
};
absl::Status InsertAgreement(db::Transaction& tx, const std::string& j,
                             const AgreementRecord& record, absl::Time now);
absl::StatusOr<std::optional<AgreementRecord>> GetAgreement(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& id,
                                                            bool lock = false);
absl::StatusOr<std::vector<AgreementRecord>> ListAgreements(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& after_id, int limit);
absl::Status UpdateAgreementSignatures(db::Transaction& tx, const std::string& j,
                                       const std::string& id, bool hr_company_signed,
                                       bool bureau_signed);

// ---- head-count limits (scope "all" or a unit id)
absl::Status UpsertHeadcountLimit(db::Transaction& tx, const std::string& j,
                                  const std::string& scope, int limit,
                                  const std::string& document_ref, absl::Time now);
absl::StatusOr<std::optional<v1::HeadcountLimit>> GetHeadcountLimit(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& scope,
                                                                    bool lock = false);
absl::StatusOr<std::vector<v1::HeadcountLimit>> ListHeadcountLimits(db::Transaction& tx,
                                                                    const std::string& j);

// ---- training
absl::Status InsertTraining(db::Transaction& tx, const std::string& j, const std::string& person_id,
                            const std::string& id, const v1::TrainingRecord& record,
                            absl::Time now);
absl::StatusOr<std::vector<v1::TrainingRecord>> ListTraining(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& person_id,
                                                             const std::string& after_id,
                                                             int limit);
// Every training record of the given persons (for rules), by person id.
absl::StatusOr<std::map<std::string, std::vector<TrainingRecord>>> TrainingForRules(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids);

// ---- permits and badge serials
// Takes the next serial of the jurisdiction (locks its row until commit).
absl::StatusOr<int64_t> TakeNextBadgeSerial(db::Transaction& tx, const std::string& j);
absl::Status InsertPermit(db::Transaction& tx, const std::string& j, const std::string& badge,
                          const std::string& person_id, const std::string& issue_date);
absl::StatusOr<std::optional<v1::Permit>> GetPermit(db::Transaction& tx, const std::string& j,
                                                    const std::string& badge, bool lock = false);
// The VALID permit of a person, if any.
absl::StatusOr<std::optional<v1::Permit>> ValidPermitOf(db::Transaction& tx, const std::string& j,
                                                        const std::string& person_id);
absl::Status RevokePermit(db::Transaction& tx, const std::string& j, const std::string& badge,
                          const std::string& revoke_date, const std::string& reason);
absl::StatusOr<std::vector<v1::Permit>> ListPermits(db::Transaction& tx, const std::string& j,
                                                    const std::string& after_badge, int limit);

}  // namespace auxpro::personnel::store
