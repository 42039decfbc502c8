#pragma once

#include <grpcpp/security/auth_metadata_processor.h>

#include <memory>
#include <set>
#include <string>

#include "libs/auth/forwarded_identity.h"

namespace auxpro::auth {

// The one gate every call passes before any handler runs. Installed on the server's TLS
// credentials, it sees the verified client certificate and the method path of each call:
// - no usable identity (no URI SAN, several, or not spiffe://auxpro/...) -> UNAUTHENTICATED;
// - the method's (auxpro.common.v1.access) option does not list the caller's agency kind, or the
//   method has no such option -> PERMISSION_DENIED.
// - a SERVICE identity not in `trusted_services` -> UNAUTHENTICATED (agencies' certificates come
//   from the same CA, so the kind in a certificate alone does not make a service);
// - x-forwarded-client-cert (forwarded_identity.h) from a peer not in `trusted_proxies`, or a
//   trusted proxy's call without it, or a forwarded certificate that does not verify ->
//   UNAUTHENTICATED; a verified one is the caller (added to the call's auth context).
// - an agency of a jurisdiction without a policy on this server -> PERMISSION_DENIED;
// (A call without a certificate signed by the CA never gets this far: the TLS handshake fails.)
class AccessProcessor : public grpc::AuthMetadataProcessor {
 public:
  // `jurisdictions`: those served; an agency certificate of any other jurisdiction is
  // PERMISSION_DENIED (an empty set checks nothing).
  explicit AccessProcessor(std::set<std::string> trusted_services,
                           std::set<std::string> trusted_proxies = {},
                           std::shared_ptr<const ForwardedCertVerifier> forwarded = nullptr,
                           std::set<std::string> jurisdictions = {})
      : trusted_services_(std::move(trusted_services)),
        trusted_proxies_(std::move(trusted_proxies)),
        forwarded_(std::move(forwarded)),
        jurisdictions_(std::move(jurisdictions)) {}

  // Runs inline on the transport thread: it does no I/O.
  bool IsBlocking() const override { return false; }
  grpc::Status Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  const std::set<std::string> trusted_services_;
  const std::set<std::string> trusted_proxies_;
  const std::shared_ptr<const ForwardedCertVerifier> forwarded_;
  const std::set<std::string> jurisdictions_;
};

}  // namespace auxpro::auth
