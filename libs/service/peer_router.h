#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "auxpro/common/v1/events.grpc.pb.h"
#include "libs/rpc/tls_files.h"

namespace auxpro::service {

// Channels from this process to the auxpro services by name ("points", "personnel"): services
// hosted here are reached through the server's own mTLS port, others through the addresses given
// with --peers. Every channel presents the server's certificate (a SERVICE identity), so a call
// is gated by the callee's access rules exactly as a remote one. Channels are made once and shared.
class PeerRouter {
 public:
  PeerRouter(std::map<std::string, std::string> addresses, rpc::TlsFiles identity);

  // The address a service is reached at; set for co-located services once the server listens.
  void SetAddress(const std::string& service, const std::string& address);
  // nullptr when the service has no route (not hosted here and not in --peers), and inside a
  // handler bound as a plain read (rpc::InBoundRead: UnaryService::BindRead), which must not wait
  // for a peer; that refusal is logged as an error.
  std::shared_ptr<grpc::Channel> ChannelTo(const std::string& service);
  // A stub of `Service` (generated gRPC class) on ChannelTo(service); nullptr without a route.
  template <typename Service>
  std::shared_ptr<typename Service::Stub> StubOf(const std::string& service) {
    auto channel = ChannelTo(service);
    if (channel == nullptr) return nullptr;
    return std::shared_ptr<typename Service::Stub>(Service::NewStub(channel));
  }
  // The outbox relay's route to a consumer service.
  std::shared_ptr<common::v1::EventConsumer::StubInterface> EventConsumer(
      const std::string& service);

 private:
  std::mutex mu_;
  std::map<std::string, std::string> addresses_;
  rpc::TlsFiles identity_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  std::map<std::string, std::shared_ptr<common::v1::EventConsumer::StubInterface>> consumers_;
};

}  // namespace auxpro::service
