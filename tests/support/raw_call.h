#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

namespace auxpro::testing {

// Calls a unary method by its path with raw request bytes (no generated stub), waits up to 10 s,
// and appends the raw response bytes to `response` when given.
grpc::Status RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                          const std::string& request, std::string* response = nullptr);

// The bytes of grpc.health.v1.HealthCheckRequest{service}.
std::string HealthCheckRequest(const std::string& service);

}  // namespace auxpro::testing
