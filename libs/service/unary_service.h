#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/impl/rpc_service_method.h>
#include <grpcpp/impl/service_type.h>
#include <grpcpp/support/byte_buffer.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libs/rpc/call_context.h"
#include "libs/rpc/inline_guard.h"
#include "libs/rpc/unary.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/request_check.h"

namespace auxpro::service {

// A gRPC service whose methods are bound by name to handlers
// `absl::Status (const rpc::CallContext&, const Request&, Response*)`: the one declaration of a
// service's methods. Each call runs on the work pool (rpc::Offload; BindRead: a read of the own
// database may run on gRPC's thread, bounded); the handler's status becomes
// the call's status with its google.rpc.ErrorInfo details. Request and response types are checked
// against the proto's descriptor when bound, and Unbound() names any method of the proto left
// without a handler, so a service cannot start with a method missing or mistyped.
//
//   PersonnelService::PersonnelService(...) : UnaryService(v1::Personnel::service_full_name(), w) {
//     Bind("CreatePerson", &persons_, &Persons::Create);
//     ...
//   }
class UnaryService : public grpc::Service {
 public:
  UnaryService(const std::string& full_name, rpc::WorkPool& work);

  const std::string& full_name() const { return full_name_; }

  template <typename Handler, typename Request, typename Response>
  void Bind(const std::string& method, const Handler* handler,
            absl::Status (Handler::*fn)(const rpc::CallContext&, const Request&, Response*) const) {
    BindFunction<Request, Response>(
        method,
        [handler, fn](const rpc::CallContext& call, const Request& request, Response* response) {
          return (handler->*fn)(call, request, response);
        });
  }

  // Bind for a handler that only reads this service's own database (no peer call, no locking
  // read, no write): it may run on gRPC's own thread (rpc::Offload's inline_ok), bounded by
  // rpc::InlineLimit, and on the work pool beyond that.
  template <typename Handler, typename Request, typename Response>
  void BindRead(const std::string& method, const Handler* handler,
                absl::Status (Handler::*fn)(const rpc::CallContext&, const Request&, Response*)
                    const) {
    BindFunction<Request, Response>(
        method,
        [handler, fn](const rpc::CallContext& call, const Request& request, Response* response) {
          return (handler->*fn)(call, request, response);
        },
        /*inline_ok=*/true);
  }

  template <typename Request, typename Response>
  void BindFunction(
      const std::string& method,
      std::function<absl::Status(const rpc::CallContext&, const Request&, Response*)> fn,
      bool inline_ok = false) {
    const std::string* path = Register(method, Request::descriptor(), Response::descriptor());
    if (path == nullptr) return;
    rpc::WorkPool* work = &work_;
    // The request arrives as bytes and is parsed here rather than by gRPC, which answers a
    // request that does not parse (e.g. invalid UTF-8 in a string) UNIMPLEMENTED with no message:
    // here it is INVALID_ARGUMENT naming the field. Then CheckRequest (request_check.h) runs on
    // every request before the handler.
    MarkMethodCallback(
        static_cast<int>(paths_.size()) - 1,
        new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, Response>(
            [work, inline_ok, fn = std::move(fn), name = path->substr(1)](
                grpc::CallbackServerContext* context, const grpc::ByteBuffer* bytes,
                Response* response) {
              // Parsed on the work pool; held here too, so that the call log (after the body, or
              // when the queue is full) reads its request_id.
              auto request = std::make_shared<Request>();
              return rpc::Offload(
                  context, *work, name,
                  [&fn, bytes, request, response, inline_ok](const rpc::CallContext& call) {
                    // A read bound with BindRead gets no peer channel (PeerRouter), inline or not.
                    std::optional<rpc::BoundReadScope> read_only;
                    if (inline_ok) read_only.emplace();
                    absl::Status parsed = ParseRequest(*bytes, request.get());
                    if (!parsed.ok()) return parsed;
                    absl::Status checked = CheckRequest(*request);
                    if (!checked.ok()) return checked;
                    return fn(call, *request, response);
                  },
                  request.get(), inline_ok);
            }));
  }

  // OK when every method of the proto has a handler of the right types; otherwise INTERNAL naming
  // what is wrong.
  absl::Status Unbound() const;

 private:
  // Adds the method; nullptr (and an error for Unbound) when it is not in the proto, is bound
  // twice or has other types.
  const std::string* Register(const std::string& method,
                              const google::protobuf::Descriptor* request,
                              const google::protobuf::Descriptor* response);

  std::string full_name_;
  const google::protobuf::ServiceDescriptor* descriptor_;
  rpc::WorkPool& work_;
  std::deque<std::string> paths_;  // "/pkg.Service/Method"; RpcServiceMethod keeps the pointer
  std::set<std::string> bound_;
  std::string errors_;
};

}  // namespace auxpro::service
