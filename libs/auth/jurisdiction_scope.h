#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"

namespace auxpro::auth {

// The jurisdiction a call acts in, from a `parent` ("jurisdictions/<j>") the caller sent.
// INVALID_ARGUMENT when malformed; NOT_FOUND when it is not the caller's own jurisdiction, as for
// any resource of another jurisdiction (API-STYLE); SERVICE principals act in any jurisdiction.
absl::StatusOr<std::string> ScopeOfParent(const Principal& principal, const std::string& parent,
                                          const std::string& field = "parent");

// The jurisdiction and the rest of a resource name "jurisdictions/<j>/<collection>/<id>...".
// INVALID_ARGUMENT when malformed or of another collection; NOT_FOUND when it lies in another
// jurisdiction than the caller's (its existence is not revealed).
struct ScopedName {
  std::string jurisdiction;
  std::string id;  // the segment after `collection`
};
absl::StatusOr<ScopedName> ScopeOfName(const Principal& principal, const std::string& name,
                                       const std::string& collection,
                                       const std::string& field = "name");

// The id of a reference to another resource (`field` of a request) that must lie in
// `jurisdiction`, the one the call acts in. INVALID_ARGUMENT naming the field when malformed, of
// another collection or of another jurisdiction (a reference, unlike the target of the call, is
// the caller's mistake to correct).
absl::StatusOr<std::string> ScopeOfReference(const Principal& principal, const std::string& name,
                                             const std::string& collection,
                                             const std::string& field,
                                             const std::string& jurisdiction);

// True when the principal may act in `jurisdiction`.
bool MayActIn(const Principal& principal, const std::string& jurisdiction);

}  // namespace auxpro::auth
