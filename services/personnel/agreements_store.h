#pragma once

// The SQL of dispatch agreements. Every function takes the caller's transaction and the
// jurisdiction. Writes return the row as written.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

struct AgreementRecord {
  std::string id;
  v1::DispatchAgreement agreement;  // name filled; assigned_count filled by Get/List
  int64_t version = 0;
};
// The list key of a record (found by service::ListInJurisdiction through argument lookup).
inline std::string IdOf(const AgreementRecord& record) { return record.id; }

absl::StatusOr<AgreementRecord> InsertAgreement(db::Transaction& tx, const std::string& j,
                                                const AgreementRecord& record, absl::Time now);
absl::StatusOr<std::optional<AgreementRecord>> GetAgreement(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& id,
                                                            bool lock = false);
absl::StatusOr<std::vector<AgreementRecord>> ListAgreements(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& after_id, int limit);
// Stores the signatures of `record.agreement` (hr_company_signed, bureau_signed).
absl::StatusOr<AgreementRecord> UpdateAgreementSignatures(db::Transaction& tx, const std::string& j,
                                                          const AgreementRecord& record);

}  // namespace auxpro::personnel::store
