#include "libs/service/peer_router.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

namespace auxpro::service {

namespace {

// An mTLS channel (as rpc::MakeMtlsChannel) on a connection of its own: gRPC shares one
// connection between channels to the same address and settings, so without this the calls to all
// co-located services (a requirement check's four reads at once) would queue on one connection.
absl::StatusOr<std::shared_ptr<grpc::Channel>> PeerChannel(const std::string& target,
                                                           const rpc::TlsFiles& identity) {
  auto ca = rpc::ReadFile(identity.ca);
  if (!ca.ok()) return ca.status();
  auto cert = rpc::ReadFile(identity.cert);
  if (!cert.ok()) return cert.status();
  auto key = rpc::ReadFile(identity.key);
  if (!key.ok()) return key.status();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = *ca;
  options.pem_cert_chain = *cert;
  options.pem_private_key = *key;
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");  // certificates name "localhost"
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(options), args);
}

}  // namespace

PeerRouter::PeerRouter(std::map<std::string, std::string> addresses, rpc::TlsFiles identity)
    : addresses_(std::move(addresses)), identity_(std::move(identity)) {}

void PeerRouter::SetAddress(const std::string& service, const std::string& address) {
  std::lock_guard lock(mu_);
  if (addresses_[service] == address) return;
  addresses_[service] = address;
  channels_.erase(service);
  consumers_.erase(service);
}

std::shared_ptr<grpc::Channel> PeerRouter::ChannelTo(const std::string& service) {
  std::lock_guard lock(mu_);
  auto cached = channels_.find(service);
  if (cached != channels_.end()) return cached->second;
  auto address = addresses_.find(service);
  if (address == addresses_.end() || address->second.empty()) return nullptr;
  auto channel = PeerChannel(address->second, identity_);
  if (!channel.ok()) return nullptr;
  channels_[service] = *channel;
  return *channel;
}

std::shared_ptr<common::v1::EventConsumer::StubInterface> PeerRouter::EventConsumer(
    const std::string& service) {
  {
    std::lock_guard lock(mu_);
    auto cached = consumers_.find(service);
    if (cached != consumers_.end()) return cached->second;
  }
  auto channel = ChannelTo(service);
  if (channel == nullptr) return nullptr;
  std::shared_ptr<common::v1::EventConsumer::StubInterface> stub =
      common::v1::EventConsumer::NewStub(channel);
  std::lock_guard lock(mu_);
  consumers_[service] = stub;
  return stub;
}

}  // namespace auxpro::service
