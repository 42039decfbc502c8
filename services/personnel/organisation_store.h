#pragma once

// The SQL of units and head-count limits. Every function takes the caller's transaction and the
// jurisdiction. Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

// ALREADY_EXISTS when the id is taken.
absl::StatusOr<v1::Unit> InsertUnit(db::Transaction& tx, const std::string& j,
                                    const std::string& id, const std::string& display_name,
                                    absl::Time now);
// FOR UPDATE when `lock` (serializes hires into the unit).
absl::StatusOr<std::optional<v1::Unit>> GetUnit(db::Transaction& tx, const std::string& j,
                                                const std::string& id, bool lock = false);
absl::StatusOr<std::vector<v1::Unit>> ListUnits(db::Transaction& tx, const std::string& j,
                                                const std::string& after_id, int limit);

// Head-count limits: scope "all" (the jurisdiction) or a unit id.
absl::StatusOr<v1::HeadcountLimit> UpsertHeadcountLimit(db::Transaction& tx, const std::string& j,
                                                        const std::string& scope, int limit,
                                                        const std::string& document_ref,
                                                        absl::Time now);
absl::StatusOr<std::optional<v1::HeadcountLimit>> GetHeadcountLimit(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& scope,
                                                                    bool lock = false);
// "all" first, then units by id; `after` is the key of the last row of the previous page ("" for
// the first page; ListKey of a limit).
absl::StatusOr<std::vector<v1::HeadcountLimit>> ListHeadcountLimits(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& after,
                                                                    int limit);
// The page key of a limit in ListHeadcountLimits' order.
std::string ListKey(const v1::HeadcountLimit& limit);

}  // namespace auxpro::personnel::store
