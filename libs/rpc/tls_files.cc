#include "libs/rpc/tls_files.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"

namespace auxpro::rpc {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read file ", path));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

absl::StatusOr<std::string> SpiffeIdOfCertificate(const std::string& cert_path) {
  auto pem = ReadFile(cert_path);
  if (!pem.ok()) return pem.status();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem->data(), pem->size()),
                                                &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) return absl::InvalidArgumentError(absl::StrCat(cert_path, ": not a PEM certificate"));
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
    return absl::NotFoundError(
        absl::StrCat(cert_path, ": needs exactly one URI SAN, has ", uris.size()));
  }
  return uris.front();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeMtlsChannel(const std::string& target,
                                                               const TlsFiles& identity,
                                                               bool own_connection) {
  grpc::SslCredentialsOptions options;
  auto ca = ReadFile(identity.ca);
  if (!ca.ok()) return ca.status();
  auto cert = ReadFile(identity.cert);
  if (!cert.ok()) return cert.status();
  auto key = ReadFile(identity.key);
  if (!key.ok()) return key.status();
  options.pem_root_certs = *ca;
  options.pem_cert_chain = *cert;
  options.pem_private_key = *key;
  grpc::ChannelArguments args;
  // Certificates name "localhost"; allow dialing by IP address.
  args.SetSslTargetNameOverride("localhost");
  if (own_connection) args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(options), args);
}

}  // namespace auxpro::rpc
