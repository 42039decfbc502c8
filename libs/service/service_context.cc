#include "libs/service/service_context.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::service {

absl::StatusOr<const policy::v1::Policy*> ServiceContext::Policy(
    const std::string& jurisdiction) const {
  const policy::v1::Policy* policy = policies.Find(jurisdiction);
  if (policy == nullptr) {
    return Precondition(
        absl::StrCat("no policy is configured for jurisdiction \"", jurisdiction, "\""));
  }
  return policy;
}

}  // namespace auxpro::service
