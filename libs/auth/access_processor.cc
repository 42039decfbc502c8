#include "libs/auth/access_processor.h"

#include <string>

#include "libs/auth/method_access.h"
#include "libs/auth/principal.h"
#include "libs/log/log.h"

namespace auxpro::auth {

grpc::Status AccessProcessor::Process(const InputMetadata& auth_metadata,
                                      grpc::AuthContext* context, OutputMetadata*,
                                      OutputMetadata*) {
  auto path_it = auth_metadata.find(":path");
  if (path_it == auth_metadata.end()) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "call refused: no method path");
  }
  const std::string path(path_it->second.data(), path_it->second.size());
  // Refusals are logged (they never reach a handler, so the call log does not see them).
  auto refuse = [&](grpc::StatusCode code, const std::string& why, const std::string& spiffe_id) {
    logging::Warn("auth", "call refused",
                  logging::Fields()
                      .Str("path", path)
                      .Str("code", code == grpc::StatusCode::UNAUTHENTICATED ? "UNAUTHENTICATED"
                                                                             : "PERMISSION_DENIED")
                      .Str("spiffe_id", spiffe_id)
                      .Str("why", why));
    return grpc::Status(code, why);
  };
  auto principal = PrincipalFromAuthContext(*context);
  if (!principal.ok()) {
    return refuse(grpc::StatusCode::UNAUTHENTICATED, std::string(principal.status().message()), "");
  }
  const bool from_proxy = trusted_proxies_.count(principal->spiffe_id) > 0;
  auto forwarded = auth_metadata.find(kForwardedCertHeader);
  if (forwarded != auth_metadata.end()) {
    if (!from_proxy || forwarded_ == nullptr) {
      return refuse(grpc::StatusCode::UNAUTHENTICATED,
                    std::string(kForwardedCertHeader) +
                        " is accepted only from a trusted proxy, and " + principal->spiffe_id +
                        " is none",
                    principal->spiffe_id);
    }
    auto id = forwarded_->SpiffeIdOf(
        absl::string_view(forwarded->second.data(), forwarded->second.size()));
    if (!id.ok()) {
      return refuse(grpc::StatusCode::UNAUTHENTICATED, std::string(id.status().message()),
                    principal->spiffe_id);
    }
    auto agency = ParseSpiffeId(*id);
    if (!agency.ok()) {
      return refuse(grpc::StatusCode::UNAUTHENTICATED, std::string(agency.status().message()), *id);
    }
    if (agency->kind == common::v1::SERVICE) {
      return refuse(grpc::StatusCode::UNAUTHENTICATED,
                    "a SERVICE identity is never accepted through a proxy", *id);
    }
    context->AddProperty(kForwardedSpiffeIdProperty, *id);
    principal = std::move(agency);
  } else if (from_proxy) {
    return refuse(
        grpc::StatusCode::UNAUTHENTICATED,
        "a call through the proxy " + principal->spiffe_id + " must carry " + kForwardedCertHeader,
        principal->spiffe_id);
  }
  if (principal->kind == common::v1::SERVICE &&
      trusted_services_.count(principal->spiffe_id) == 0) {
    return refuse(grpc::StatusCode::UNAUTHENTICATED,
                  "service identity " + principal->spiffe_id + " is not trusted here",
                  principal->spiffe_id);
  }
  if (principal->kind != common::v1::SERVICE && !jurisdictions_.empty() &&
      jurisdictions_.count(principal->jurisdiction) == 0) {
    return refuse(grpc::StatusCode::PERMISSION_DENIED,
                  "jurisdiction \"" + principal->jurisdiction +
                      "\" has no policy on this server: its agencies are not served here",
                  principal->spiffe_id);
  }
  absl::Status access = CheckMethodAccess(path, principal->kind);
  if (!access.ok()) {
    return refuse(grpc::StatusCode::PERMISSION_DENIED, std::string(access.message()),
                  principal->spiffe_id);
  }
  return grpc::Status::OK;
}

}  // namespace auxpro::auth
