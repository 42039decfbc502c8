#pragma once

#include "absl/status/status.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::policy {

// Checks every field that must be set or lie in a range. On failure returns INVALID_ARGUMENT whose
// message names each offending field by its path, e.g.
// `policy "haimen": annual_rating.cap_percent: must be between 1 and 100, got 150`; several
// problems are joined with "; ".
absl::Status ValidatePolicy(const auxpro::policy::v1::Policy& policy);

}  // namespace auxpro::policy
