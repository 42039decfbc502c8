#pragma once

// The SQL of centralized assessment sessions and their results. Every function takes the
// caller's transaction and the jurisdiction. Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// The participants by person id, each with its basis (one per person id, same order).
absl::StatusOr<v1::AssessmentSession> InsertSession(
    db::Transaction& tx, const std::string& j, const std::string& id,
    const v1::AssessmentSession& session, const std::vector<std::string>& person_ids,
    const std::vector<v1::AssessmentSession::ParticipationBasis>& bases, absl::Time now);
// Whether the person is a participant of any session of `j` yet.
absl::StatusOr<bool> SatBefore(db::Transaction& tx, const std::string& j,
                               const std::string& person_id);
// The session with its participants (person names and bases), or nullopt.
absl::StatusOr<std::optional<v1::AssessmentSession>> GetSession(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& id);
// Serializes the attempts of one person (the attempt rules read, then write).
absl::Status LockAttempts(db::Transaction& tx, const std::string& j, const std::string& person_id);
// Results of this person's earlier attempts at `item` in `year`, in attempt order.
absl::StatusOr<std::vector<bool>> EarlierResults(db::Transaction& tx, const std::string& j,
                                                 const std::string& person_id,
                                                 const std::string& item, int year);
absl::StatusOr<v1::CentralizedResult> InsertResult(
    db::Transaction& tx, const std::string& j, const std::string& id, const std::string& session_id,
    const std::string& person_id, int year, const v1::CentralizedResult& result, absl::Time now);
absl::StatusOr<std::vector<v1::CentralizedResult>> ListResults(db::Transaction& tx,
                                                               const std::string& j,
                                                               const std::string& session_id,
                                                               const std::string& after_id,
                                                               int limit);

}  // namespace auxpro::assessment::store
