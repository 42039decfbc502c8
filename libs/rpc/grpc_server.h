#pragma once

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/server.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/rpc/tls_files.h"

namespace auxpro::rpc {

struct ServerConfig {
  // mTLS port for partners and services, e.g. "0.0.0.0:7443"; port 0 picks a free one.
  std::string listen = "127.0.0.1:0";
  TlsFiles tls;  // server identity + the CA that signs client certificates
  // Optional plaintext port for Kubernetes gRPC probes (they cannot present client
  // certificates): grpc.health.v1.Health, and reflection of the public contract because gRPC's
  // reflection plugin adds itself to every server of the process; no API method. Empty: none.
  std::string health_listen;
  // SPIFFE ids of the SERVICE identities this server accepts, besides its own certificate's:
  // agency certificates come from the same CA, so the kind alone is not trusted.
  std::vector<std::string> trusted_service_ids;
  // SPIFFE ids of gateways whose x-forwarded-client-cert header names the caller (libs/auth/
  // forwarded_identity.h); the header from anyone else is refused.
  std::vector<std::string> trusted_proxy_ids;
  // The jurisdictions served (those with a policy): an agency certificate of any other is refused
  // at the gate (PERMISSION_DENIED). Empty: not checked (ServiceHost always fills it).
  std::vector<std::string> jurisdictions;
};

// A started gRPC server: mTLS with client certificates required and verified, every call gated by
// auth::AccessProcessor, health checking per service name, server reflection.
class GrpcServer {
 public:
  // `services` are registered as given; `health_names` are marked SERVING once started.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerConfig& config, const std::vector<grpc::Service*>& services,
      const std::vector<std::string>& health_names);
  ~GrpcServer();

  int port() const { return port_; }
  int health_port() const { return health_port_; }
  // Marks these services, and the server as a whole (service ""), NOT_SERVING: a module that
  // failed to start.
  void MarkNotServing(const std::vector<std::string>& names);
  // Sets these services, and the server as a whole (service ""), to `serving` (a module whose
  // database went away and came back).
  void SetServing(const std::vector<std::string>& names, bool serving, bool overall);
  // The first step of a drain: every service (and "") NOT_SERVING on both ports, for good (later
  // SetServing calls change nothing), while calls are still accepted and answered.
  void MarkDraining();
  // Marks every service NOT_SERVING, stops accepting calls (new connections are refused, new
  // calls on open ones answered UNAVAILABLE) and waits up to `grace_seconds` for calls in
  // flight, then cancels what is left; returns once every handler has finished.
  void Shutdown(int grace_seconds);
  void Wait();

 private:
  GrpcServer() = default;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> health_server_;
  std::unique_ptr<grpc::CallbackGenericService> health_fallback_;
  std::vector<std::string> health_names_;
  int port_ = 0;
  int health_port_ = 0;
  bool shut_down_ = false;
  std::atomic<bool> draining_{false};
};

}  // namespace auxpro::rpc
