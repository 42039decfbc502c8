// Fuzz target: the certificate-to-principal reader (libs/auth). Two inputs reach it from the
// network: the SPIFFE URI SAN of a client certificate (ParseSpiffeId: spiffe://auxpro/<j>/<kind>/
// <id>) and the x-forwarded-client-cert header a trusted proxy sends (ForwardedCertVerifier:
// URL-decoding, Envoy's XFCC element, PEM and DER parsing by OpenSSL, verification against the
// client CA, the URI SAN). Either yields a well-formed principal or UNAUTHENTICATED.
// Input: 'u' <uri> for the SPIFFE parser; anything else is a header value.

#include <cstdint>
#include <memory>
#include <string>

#include "libs/auth/forwarded_identity.h"
#include "libs/auth/principal.h"
#include "tests/fuzz/fuzz_check.h"

namespace auxpro::fuzz {
namespace {

// A CA made for this target alone (P-256, valid for 100 years); the seeds hold a client
// certificate it signed (spiffe://auxpro/wenjiang/ENFORCEMENT_BUREAU/wenjiang-enforcement-bureau).
constexpr char kCaPem[] = R"(
-----BEGIN CERTIFICATE-----
MIIBmjCCAT+gAwIBAgIULzlE/DvFEUM4PPSfeJquAHFwRIIwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOYXV4cHJvIGZ1enogQ0EwIBcNMjYxMjAyMTExMzM4WhgPMjEy
NjExMDgxMTEzMzhaMBkxFzAVBgNVBAMMDmF1eHBybyBmdXp6IENBMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEip0nfq3I1Q+097Fshpowg8XohTqfQC7zNZpIYaUX
6u/4cIcPtU2R+NvH1sM3SSQckULoSZgkUiKgXXuyLkIkgqNjMGEwHQYDVR0OBBYE
FLMNKIzMZvHv8xgb9hp826gzwUA4MB8GA1UdIwQYMBaAFLMNKIzMZvHv8xgb9hp8
26gzwUA4MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgIEMAoGCCqGSM49
BAMCA0kAMEYCIQDFjDw2SQkqex80u/2ZhDkxsku8Yy0ytUnMAhNTDXUJJgIhALjD
25BwXq7/r1b/BRALt86e0XQ8zjnCXaoKXtU1Jvuf
-----END CERTIFICATE-----
)";

void CheckPrincipal(const absl::StatusOr<auth::Principal>& p) {
  if (!p.ok()) {
    FUZZ_CHECK(p.status().code() == absl::StatusCode::kUnauthenticated);
    return;
  }
  FUZZ_CHECK(!p->jurisdiction.empty() && p->jurisdiction.size() <= 64);
  FUZZ_CHECK(!p->agency_id.empty() && p->agency_id.size() <= 64);
  FUZZ_CHECK(p->kind != common::v1::AGENCY_KIND_UNSPECIFIED);
  FUZZ_CHECK((p->jurisdiction == auth::kSystemJurisdiction) == (p->kind == common::v1::SERVICE));
  FUZZ_CHECK(auth::ParseSpiffeId(p->spiffe_id).ok());
  FUZZ_CHECK(!p->ToString().empty());
}

void Run(const std::string& input) {
  if (!input.empty() && input[0] == 'u') {
    CheckPrincipal(auth::ParseSpiffeId(input.substr(1)));
    return;
  }
  static const std::shared_ptr<const auth::ForwardedCertVerifier> verifier = [] {
    auto v = auth::ForwardedCertVerifier::Create(kCaPem);
    FUZZ_CHECK(v.ok());
    return *v;
  }();
  absl::StatusOr<std::string> uri = verifier->SpiffeIdOf(input);
  if (!uri.ok()) {
    FUZZ_CHECK(uri.status().code() == absl::StatusCode::kUnauthenticated);
    return;
  }
  CheckPrincipal(auth::ParseSpiffeId(*uri));
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auxpro::fuzz::Run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
