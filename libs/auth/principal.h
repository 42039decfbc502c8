#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "auxpro/common/v1/access.pb.h"

namespace grpc {
class AuthContext;
class ServerContextBase;
}  // namespace grpc

namespace auxpro::auth {

// The jurisdiction of auxpro's own services, which act on events of every jurisdiction.
inline constexpr char kSystemJurisdiction[] = "system";

// Who calls: taken from the client certificate, never from anything the caller can type.
struct Principal {
  std::string jurisdiction;  // e.g. "wenjiang"
  common::v1::AgencyKind kind = common::v1::AGENCY_KIND_UNSPECIFIED;
  std::string agency_id;  // e.g. "wenjiang-enforcement-bureau"
  std::string spiffe_id;
  // The person acting inside the agency, from metadata (audit only, never for access).
  std::string actor;

  // "ENFORCEMENT_BUREAU wenjiang-enforcement-bureau@wenjiang" — for audit rows and messages.
  std::string ToString() const;
};

// Parses `spiffe://auxpro/<jurisdiction>/<AGENCY_KIND>/<agency-id>`.
absl::StatusOr<Principal> ParseSpiffeId(const std::string& uri);

// The principal of a TLS peer: its certificate must carry exactly one URI SAN (gRPC's
// `peer_spiffe_id` property), which must parse. UNAUTHENTICATED otherwise.
absl::StatusOr<Principal> PrincipalFromAuthContext(const grpc::AuthContext& context);

// The principal of a server call, with the actor from `x-auxpro-actor-bin` (UTF-8) or
// `x-auxpro-actor` metadata.
absl::StatusOr<Principal> PrincipalOfCall(const grpc::ServerContextBase& context);

}  // namespace auxpro::auth
