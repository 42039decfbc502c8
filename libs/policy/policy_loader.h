#pragma once

// Loading and validating jurisdiction policies: PolicySet and ParsePolicy (policy_set.h),
// ValidatePolicy (validate_policy.h).

#include "libs/policy/policy_set.h"       // IWYU pragma: export
#include "libs/policy/validate_policy.h"  // IWYU pragma: export
