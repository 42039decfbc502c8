#include "libs/rpc/grpc_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <chrono>
#include <set>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "libs/auth/access_processor.h"

namespace auxpro::rpc {

namespace {

void MarkServing(grpc::Server* server, const std::vector<std::string>& names, bool serving) {
  if (server == nullptr || server->GetHealthCheckService() == nullptr) return;
  server->GetHealthCheckService()->SetServingStatus(serving);
  for (const auto& name : names) server->GetHealthCheckService()->SetServingStatus(name, serving);
}

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(
    const ServerConfig& config, const std::vector<grpc::Service*>& services,
    const std::vector<std::string>& health_names) {
  auto ca = ReadFile(config.tls.ca);
  if (!ca.ok()) return ca.status();
  auto cert = ReadFile(config.tls.cert);
  if (!cert.ok()) return cert.status();
  auto key = ReadFile(config.tls.key);
  if (!key.ok()) return key.status();

  std::unique_ptr<GrpcServer> result(new GrpcServer());
  result->health_names_ = health_names;
  grpc::EnableDefaultHealthCheckService(true);

  if (!config.health_listen.empty()) {
    // Health only: the generic service answers every other method UNIMPLEMENTED (no handler).
    grpc::ServerBuilder health;
    health.AddListeningPort(config.health_listen, grpc::InsecureServerCredentials(),
                            &result->health_port_);
    result->health_fallback_ = std::make_unique<grpc::CallbackGenericService>();
    health.RegisterCallbackGenericService(result->health_fallback_.get());
    result->health_server_ = health.BuildAndStart();
    if (result->health_server_ == nullptr || result->health_port_ == 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen for health checks on ", config.health_listen));
    }
  }

  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  // Reflection describes what the generated pool holds; gRPC's built-in health service carries no
  // descriptor, so link grpc.health.v1's (proto/grpc/health/v1) for grpcurl and the like.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::SslServerCredentialsOptions tls(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  tls.pem_root_certs = *ca;
  tls.pem_key_cert_pairs.push_back({*key, *cert});
  auto credentials = grpc::SslServerCredentials(tls);
  auto own_id = SpiffeIdOfCertificate(config.tls.cert);
  if (!own_id.ok()) return own_id.status();
  std::set<std::string> trusted(config.trusted_service_ids.begin(),
                                config.trusted_service_ids.end());
  trusted.insert(*own_id);
  auto forwarded = auth::ForwardedCertVerifier::Create(*ca);
  if (!forwarded.ok()) return forwarded.status();
  credentials->SetAuthMetadataProcessor(std::make_shared<auth::AccessProcessor>(
      trusted,
      std::set<std::string>(config.trusted_proxy_ids.begin(), config.trusted_proxy_ids.end()),
      *forwarded, std::set<std::string>(config.jurisdictions.begin(), config.jurisdictions.end())));

  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, credentials, &result->port_);
  for (grpc::Service* service : services) builder.RegisterService(service);
  result->server_ = builder.BuildAndStart();
  if (result->server_ == nullptr || result->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }
  MarkServing(result->server_.get(), health_names, true);
  MarkServing(result->health_server_.get(), health_names, true);
  return result;
}

void GrpcServer::MarkNotServing(const std::vector<std::string>& names) {
  for (grpc::Server* server : {server_.get(), health_server_.get()}) {
    if (server == nullptr || server->GetHealthCheckService() == nullptr) continue;
    // SetServingStatus(bool) would set every service: only "" and the failed ones change.
    server->GetHealthCheckService()->SetServingStatus("", false);
    for (const auto& name : names) server->GetHealthCheckService()->SetServingStatus(name, false);
  }
}

void GrpcServer::MarkDraining() {
  draining_ = true;
  MarkServing(server_.get(), health_names_, false);
  MarkServing(health_server_.get(), health_names_, false);
}

void GrpcServer::SetServing(const std::vector<std::string>& names, bool serving, bool overall) {
  if (shut_down_ || draining_) return;
  for (grpc::Server* server : {server_.get(), health_server_.get()}) {
    if (server == nullptr || server->GetHealthCheckService() == nullptr) continue;
    for (const auto& name : names) server->GetHealthCheckService()->SetServingStatus(name, serving);
    server->GetHealthCheckService()->SetServingStatus("", overall);
  }
}

void GrpcServer::Shutdown(int grace_seconds) {
  if (shut_down_) return;
  shut_down_ = true;
  MarkServing(server_.get(), health_names_, false);
  MarkServing(health_server_.get(), health_names_, false);
  const auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(grace_seconds);
  // server_ is null when it never started (the port was taken): nothing to shut down.
  if (server_) server_->Shutdown(deadline);
  if (health_server_) health_server_->Shutdown(deadline);
}

void GrpcServer::Wait() {
  if (server_) server_->Wait();
}

GrpcServer::~GrpcServer() { Shutdown(0); }

}  // namespace auxpro::rpc
