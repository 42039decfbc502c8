#pragma once

// The identity of an agency whose TLS a gateway terminated: a trusted proxy (a gateway holding a
// certificate of this CA, e.g. spiffe://auxpro/system/SERVICE/agency-gateway, listed with
// --trusted_proxies) verifies the agency's client certificate and forwards it in the
// `x-forwarded-client-cert` header — nginx's $ssl_client_escaped_cert (the URL-encoded PEM) or
// Envoy's XFCC element `Cert="<URL-encoded PEM>"`. The server verifies the forwarded certificate
// again against its own client CA and takes the caller from its single URI SAN, exactly as from a
// direct connection. The header from anyone but a trusted proxy is refused, and so is a trusted
// proxy's call without it (the proxy itself is no caller).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace auxpro::auth {

inline constexpr char kForwardedCertHeader[] = "x-forwarded-client-cert";
// The auth-context property the access gate adds to a call that came through a trusted proxy:
// the forwarded certificate's SPIFFE id, which PrincipalFromAuthContext then prefers.
inline constexpr char kForwardedSpiffeIdProperty[] = "auxpro_forwarded_spiffe_id";

class ForwardedCertVerifier {
 public:
  // `ca_pem`: the CA (bundle) that signs agency client certificates.
  static absl::StatusOr<std::shared_ptr<const ForwardedCertVerifier>> Create(
      const std::string& ca_pem);
  ~ForwardedCertVerifier();

  // The SPIFFE id of the certificate in a header value: URL-decoded, parsed, verified against the
  // CA for client authentication (validity dates included), exactly one URI SAN.
  // UNAUTHENTICATED saying why otherwise.
  absl::StatusOr<std::string> SpiffeIdOf(absl::string_view header_value) const;

 private:
  ForwardedCertVerifier() = default;
  struct Store;
  std::unique_ptr<Store> store_;
};

}  // namespace auxpro::auth
