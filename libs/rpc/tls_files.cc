#include "libs/rpc/tls_files.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace auxpro::rpc {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read file ", path));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeMtlsChannel(const std::string& target,
                                                               const TlsFiles& identity) {
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
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(options), args);
}

}  // namespace auxpro::rpc
