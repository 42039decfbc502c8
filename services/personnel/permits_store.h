#pragma once

// The SQL of work permits and badge serials. Every function takes the caller's transaction and the
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

// The highest badge serial ever issued in the jurisdiction (0 when none); locks the jurisdiction's
// serial row until the transaction ends, so concurrent issues take serials one after another.
absl::StatusOr<int64_t> LockBadgeSerials(db::Transaction& tx, const std::string& j);
// Writes a VALID permit with `badge` and records `serial` as the highest issued.
absl::StatusOr<v1::Permit> InsertPermit(db::Transaction& tx, const std::string& j,
                                        const std::string& badge, int64_t serial,
                                        const std::string& person_id,
                                        const common::v1::Date& issue_date);
absl::StatusOr<std::optional<v1::Permit>> GetPermit(db::Transaction& tx, const std::string& j,
                                                    const std::string& badge, bool lock = false);
// The VALID permit of a person, if any.
absl::StatusOr<std::optional<v1::Permit>> ValidPermitOf(db::Transaction& tx, const std::string& j,
                                                        const std::string& person_id);
absl::StatusOr<v1::Permit> RevokePermit(db::Transaction& tx, const std::string& j,
                                        const v1::Permit& permit,
                                        const common::v1::Date& revoke_date,
                                        const std::string& reason);
absl::StatusOr<std::vector<v1::Permit>> ListPermits(db::Transaction& tx, const std::string& j,
                                                    const std::string& after_badge, int limit);

}  // namespace auxpro::personnel::store
