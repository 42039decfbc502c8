#include "libs/auth/method_access.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace auxpro::auth {

bool IsInfrastructureMethod(const std::string& path) {
  return path.rfind("/grpc.health.v1.Health/", 0) == 0 ||
         path.rfind("/grpc.reflection.v1alpha.ServerReflection/", 0) == 0 ||
         path.rfind("/grpc.reflection.v1.ServerReflection/", 0) == 0;
}

absl::StatusOr<std::vector<common::v1::AgencyKind>> AllowedAgencies(const std::string& path) {
  // "/pkg.Service/Method" -> "pkg.Service.Method"
  if (path.size() < 4 || path[0] != '/') {
    return absl::NotFoundError(absl::StrCat("malformed method path \"", path, "\""));
  }
  std::string full = path.substr(1);
  const size_t slash = full.find('/');
  if (slash == std::string::npos) {
    return absl::NotFoundError(absl::StrCat("malformed method path \"", path, "\""));
  }
  full[slash] = '.';
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full);
  if (method == nullptr) return absl::NotFoundError(absl::StrCat("unknown method ", path));
  if (!method->options().HasExtension(common::v1::access)) {
    return absl::FailedPreconditionError(
        absl::StrCat("method ", full, " declares no (auxpro.common.v1.access) option"));
  }
  const common::v1::AccessRule& rule = method->options().GetExtension(common::v1::access);
  std::vector<common::v1::AgencyKind> kinds;
  for (int k : rule.agencies()) kinds.push_back(static_cast<common::v1::AgencyKind>(k));
  return kinds;
}

absl::Status CheckMethodAccess(const std::string& path, common::v1::AgencyKind kind) {
  if (IsInfrastructureMethod(path)) return absl::OkStatus();
  auto allowed = AllowedAgencies(path);
  if (!allowed.ok()) {
    return absl::PermissionDeniedError(absl::StrCat("call refused: ", allowed.status().message()));
  }
  if (std::find(allowed->begin(), allowed->end(), kind) != allowed->end()) {
    return absl::OkStatus();
  }
  std::vector<std::string> names;
  for (auto k : *allowed) names.push_back(common::v1::AgencyKind_Name(k));
  return absl::PermissionDeniedError(absl::StrCat(
      "agency kind ", common::v1::AgencyKind_Name(kind), " may not call ", path.substr(1),
      " (allowed: ", names.empty() ? "none" : absl::StrJoin(names, ", "), ")"));
}

}  // namespace auxpro::auth
