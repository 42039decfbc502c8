#include "libs/rpc/error_info.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace auxpro::rpc {

grpc::Status ToGrpcWithDetails(const absl::Status& status, const std::string& domain) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  auto info = ErrorInfoOf(status);
  if (!info) return grpc::Status(code, message);
  google::rpc::ErrorInfo detail;
  detail.set_reason(info->reason);
  detail.set_domain(info->domain.empty() ? domain : info->domain);
  for (const auto& [key, value] : info->metadata) (*detail.mutable_metadata())[key] = value;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(code));
  rich.set_message(message);
  rich.add_details()->PackFrom(detail);
  return grpc::Status(code, message, rich.SerializeAsString());
}

std::optional<ErrorInfo> ErrorInfoOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (status.error_details().empty() || !rich.ParseFromString(status.error_details())) {
    return std::nullopt;
  }
  for (const auto& any : rich.details()) {
    google::rpc::ErrorInfo detail;
    if (any.UnpackTo(&detail)) {
      ErrorInfo out{detail.reason(), detail.domain(), {}};
      for (const auto& [key, value] : detail.metadata()) out.metadata[key] = value;
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace auxpro::rpc
