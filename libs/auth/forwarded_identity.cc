#include "libs/auth/forwarded_identity.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <vector>

#include "absl/strings/str_cat.h"

namespace auxpro::auth {

struct ForwardedCertVerifier::Store {
  X509_STORE* store = nullptr;
  ~Store() {
    if (store != nullptr) X509_STORE_free(store);
  }
};

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

absl::StatusOr<std::string> UrlDecode(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) {
      return absl::UnauthenticatedError("x-forwarded-client-cert: truncated %-escape");
    }
    const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
    if (hi < 0 || lo < 0)
      return absl::UnauthenticatedError("x-forwarded-client-cert: bad %-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// The certificate part of the header: Envoy's `...;Cert="<pem>";...` element, or the whole value.
absl::string_view CertPart(absl::string_view value) {
  // Envoy appends one element per proxy hop, comma-separated; the last is the nearest hop's.
  const size_t comma = value.rfind(',');
  if (comma != absl::string_view::npos && value.find("Cert=", comma) != absl::string_view::npos) {
    value = value.substr(comma + 1);
  }
  const size_t at = value.find("Cert=\"");
  if (at == absl::string_view::npos) return value;
  value = value.substr(at + 6);
  return value.substr(0, value.find('"'));
}

}  // namespace

ForwardedCertVerifier::~ForwardedCertVerifier() = default;

absl::StatusOr<std::shared_ptr<const ForwardedCertVerifier>> ForwardedCertVerifier::Create(
    const std::string& ca_pem) {
  std::shared_ptr<ForwardedCertVerifier> v(new ForwardedCertVerifier());
  v->store_ = std::make_unique<Store>();
  v->store_->store = X509_STORE_new();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(ca_pem.data(), ca_pem.size()),
                                                &BIO_free);
  int added = 0;
  while (X509* ca = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    if (X509_STORE_add_cert(v->store_->store, ca) == 1) ++added;
    X509_free(ca);
  }
  if (added == 0) return absl::InvalidArgumentError("client CA: no PEM certificate in it");
  return std::shared_ptr<const ForwardedCertVerifier>(std::move(v));
}

absl::StatusOr<std::string> ForwardedCertVerifier::SpiffeIdOf(
    absl::string_view header_value) const {
  auto pem = UrlDecode(CertPart(header_value));
  if (!pem.ok()) return pem.status();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem->data(), pem->size()),
                                                &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) {
    return absl::UnauthenticatedError("x-forwarded-client-cert: not a URL-encoded PEM certificate");
  }
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      &X509_STORE_CTX_free);
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store_->store, cert.get(), nullptr) != 1) {
    return absl::InternalError("x-forwarded-client-cert: cannot set up verification");
  }
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  if (X509_verify_cert(ctx.get()) != 1) {
    return absl::UnauthenticatedError(absl::StrCat(
        "x-forwarded-client-cert: the certificate does not verify against the client CA: ",
        X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()))));
  }
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  std::vector<std::string> uris;
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_URI) {
      const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
      uris.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                        ASN1_STRING_length(uri));
    }
  }
  GENERAL_NAMES_free(names);
  if (uris.size() != 1) {
    return absl::UnauthenticatedError(
        "x-forwarded-client-cert: the certificate must carry exactly one URI SAN");
  }
  return uris.front();
}

}  // namespace auxpro::auth
