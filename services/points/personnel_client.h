#pragma once

// The points service's one cross-service read: is a person employed in a jurisdiction? Asked of
// the personnel service (GetPerson) over the peer router with a deadline, co-located or remote.

#include <string>

#include "absl/status/status.h"
#include "libs/service/service_context.h"
#include "services/points/ledger_store.h"

namespace auxpro::points {

// OK when `jurisdictions/<j>/persons/<person_id>` is in PROBATION or ACTIVE. NOT_FOUND for an
// unknown person; FAILED_PRECONDITION PERSON_NOT_EMPLOYED naming the state otherwise; UNAVAILABLE
// when the personnel service has no route or does not answer.
absl::Status CheckEmployed(const service::ServiceContext& ctx, const std::string& j,
                           const std::string& person_id);

// The person's state as personnel knows it: OK and true/false for employed, NOT_FOUND for a person
// personnel does not know, UNAVAILABLE as above.
absl::StatusOr<bool> IsEmployed(const service::ServiceContext& ctx, const std::string& j,
                                const std::string& person_id, std::string* state_name);

// Whether the ledger may post for a person: one the ledger knows (from personnel's PersonHired,
// or an earlier posting) is decided by its own record, with no call, so postings never wait on
// another service; only a person the ledger has never seen is asked of personnel (CheckEmployed).
absl::Status CheckKnownOrEmployed(const service::ServiceContext& ctx, const std::string& j,
                                  const std::string& person_id);

// FAILED_PRECONDITION PERSON_NOT_EMPLOYED when the ledger's record says the person has exited.
absl::Status RequireEmployed(const store::Figures& figures, const std::string& j,
                             const std::string& person_id);

}  // namespace auxpro::points
