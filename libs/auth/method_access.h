#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/common/v1/access.pb.h"

namespace auxpro::auth {

// Infrastructure methods any authenticated caller may use: health checking and reflection.
bool IsInfrastructureMethod(const std::string& path);

// The agency kinds allowed on a method, read from its `(auxpro.common.v1.access)` option.
// `path` is the HTTP/2 path, "/auxpro.personnel.v1.Personnel/HirePerson". NOT_FOUND when the
// method is not in the compiled contracts; FAILED_PRECONDITION when it declares no access option.
absl::StatusOr<std::vector<common::v1::AgencyKind>> AllowedAgencies(const std::string& path);

// OK when `kind` may call the method at `path`; PERMISSION_DENIED naming the method, the caller's
// kind and the allowed kinds otherwise (also for a method without an access option).
absl::Status CheckMethodAccess(const std::string& path, common::v1::AgencyKind kind);

}  // namespace auxpro::auth
