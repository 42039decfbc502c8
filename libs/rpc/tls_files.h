#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace auxpro::rpc {

// PEM files of one TLS identity plus the CA that verifies the other side.
struct TlsFiles {
  std::string cert;  // certificate chain
  std::string key;   // private key
  std::string ca;    // CA bundle that verifies the peer
};

absl::StatusOr<std::string> ReadFile(const std::string& path);

// The single URI SAN of a PEM certificate file (its SPIFFE id); NOT_FOUND when it has none or
// several.
absl::StatusOr<std::string> SpiffeIdOfCertificate(const std::string& cert_path);

// A client channel with mTLS to `target` ("host:port"), presenting `identity`.
// `own_connection`: the channel gets a connection of its own (GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL);
// otherwise gRPC shares one connection between channels of the same target and settings.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeMtlsChannel(const std::string& target,
                                                               const TlsFiles& identity,
                                                               bool own_connection = false);

}  // namespace auxpro::rpc
