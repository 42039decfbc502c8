#include "libs/common/errors.h"

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace auxpro {

namespace {
constexpr char kErrorInfoType[] = "type.googleapis.com/google.rpc.ErrorInfo";
}  // namespace

absl::Status Invalid(std::string_view message) {
  return absl::InvalidArgumentError(absl::string_view(message.data(), message.size()));
}

absl::Status Precondition(std::string_view message) {
  return absl::FailedPreconditionError(absl::string_view(message.data(), message.size()));
}

absl::Status NotFound(std::string_view what, std::string_view name) {
  return absl::NotFoundError(absl::StrCat(absl::string_view(what.data(), what.size()), " \"",
                                          absl::string_view(name.data(), name.size()),
                                          "\" not found"));
}

absl::Status AlreadyExists(std::string_view message) {
  return absl::AlreadyExistsError(absl::string_view(message.data(), message.size()));
}

absl::Status WithErrorInfo(absl::Status status, const std::string& reason,
                           std::map<std::string, std::string> metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  for (auto& [key, value] : metadata) (*info.mutable_metadata())[key] = std::move(value);
  status.SetPayload(kErrorInfoType, absl::Cord(info.SerializeAsString()));
  return status;
}

std::optional<ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  auto payload = status.GetPayload(kErrorInfoType);
  if (!payload) return std::nullopt;
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return std::nullopt;
  ErrorInfo out{info.reason(), info.domain(), {}};
  for (const auto& [key, value] : info.metadata()) out.metadata[key] = value;
  return out;
}

}  // namespace auxpro
