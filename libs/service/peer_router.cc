#include "libs/service/peer_router.h"

#include "libs/log/log.h"
#include "libs/rpc/inline_guard.h"

namespace auxpro::service {

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
  if (rpc::InBoundRead()) {
    // A programming error, refused in every build: the handler was bound with BindRead but
    // calls a peer, which would hold one of gRPC's threads for the peer's answer.
    logging::Error("service", "a handler bound with BindRead asked for a peer; refused",
                   logging::Fields().Str("peer", service));
    return nullptr;
  }
  std::lock_guard lock(mu_);
  auto cached = channels_.find(service);
  if (cached != channels_.end()) return cached->second;
  auto address = addresses_.find(service);
  if (address == addresses_.end() || address->second.empty()) return nullptr;
  // A connection of its own: with gRPC's shared one, the calls to all co-located services (a
  // requirement check's four reads at once) would queue on one connection.
  auto channel = rpc::MakeMtlsChannel(address->second, identity_, /*own_connection=*/true);
  if (!channel.ok()) return nullptr;
  channels_[service] = *channel;
  return *channel;
}

std::shared_ptr<common::v1::EventConsumer::StubInterface> PeerRouter::EventConsumer(
    const std::string& service) {
  if (rpc::InBoundRead()) return nullptr;  // as ChannelTo (which logs it): no peer for a read
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
