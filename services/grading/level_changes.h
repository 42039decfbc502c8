#pragma once

// What every handler that moves a case does inside its transaction: record the transition in the
// archive, and change a level (the row locked, the history appended, LevelChanged to points).

#include <string>

#include "absl/status/statusor.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/db/transaction.h"
#include "libs/rpc/call_context.h"
#include "services/grading/application_rules.h"
#include "services/grading/grading_store.h"

namespace auxpro::grading {

// The actor of a call.
Actor ActorOf(const rpc::CallContext& call);

// Appends one archive entry.
absl::Status Archive(db::Transaction& tx, const std::string& j, const std::string& person_id,
                     const std::string& subject, const std::string& action,
                     const std::string& from_state, const std::string& to_state, const Actor& by,
                     const std::string& reason);

// Changes the person's level from `expected_from` to `to` (one step; DecideLevelChange), writes
// the history and the archive, and emits LevelChanged to the points service. The change takes
// effect today unless `effective_date` is given (a result notice's decision in force after its
// objection period).
absl::StatusOr<store::LevelRecord> ApplyLevelChange(
    db::Transaction& tx, const policy::v1::Grading& grading, const std::string& j,
    const std::string& person_id, int expected_from, int to, v1::LevelChangeKind kind,
    const std::string& reason, const std::string& decision, const Actor& by,
    v1::RevocationGround ground = v1::REVOCATION_GROUND_UNSPECIFIED,
    const common::v1::Date* effective_date = nullptr);

// The PersonLevel resource of a person, with its history.
absl::StatusOr<v1::PersonLevel> LoadPersonLevel(db::Transaction& tx, const std::string& j,
                                                const std::string& person_id, absl::Time now);

}  // namespace auxpro::grading
