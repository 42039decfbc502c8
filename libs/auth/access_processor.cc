#include "libs/auth/access_processor.h"

#include <string>

#include "libs/auth/method_access.h"
#include "libs/auth/principal.h"

namespace auxpro::auth {

grpc::Status AccessProcessor::Process(const InputMetadata& auth_metadata,
                                      grpc::AuthContext* context, OutputMetadata*,
                                      OutputMetadata*) {
  auto path_it = auth_metadata.find(":path");
  if (path_it == auth_metadata.end()) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "call refused: no method path");
  }
  const std::string path(path_it->second.data(), path_it->second.size());
  auto principal = PrincipalFromAuthContext(*context);
  if (!principal.ok()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        std::string(principal.status().message()));
  }
  if (principal->kind == common::v1::SERVICE &&
      trusted_services_.count(principal->spiffe_id) == 0) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "service identity " + principal->spiffe_id + " is not trusted here");
  }
  if (principal->kind != common::v1::SERVICE && !jurisdictions_.empty() &&
      jurisdictions_.count(principal->jurisdiction) == 0) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "jurisdiction \"" + principal->jurisdiction +
                            "\" has no policy on this server: its agencies are not served here");
  }
  absl::Status access = CheckMethodAccess(path, principal->kind);
  if (!access.ok()) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, std::string(access.message()));
  }
  return grpc::Status::OK;
}

}  // namespace auxpro::auth
