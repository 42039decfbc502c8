#include <string>

#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

// [a-z][a-z0-9-]{1,31}
bool IsJurisdictionId(const std::string& s) {
  if (s.size() < 2 || s.size() > 32 || !IsLower(s[0])) {
    return false;
  }
  for (char c : s) {
    if (!IsLower(c) && !IsDigit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

constexpr CodePattern kJurisdictionId = {IsJurisdictionId, "[a-z][a-z0-9-]{1,31}"};

}  // namespace

void ValidateIdentity(Problems p, const auxpro::policy::v1::Policy& policy) {
  p.RequiredCode("jurisdiction", policy.jurisdiction(), kJurisdictionId);
  p.NonEmpty("display_name", policy.display_name());
  p.NonEmpty("source", policy.source());
}

}  // namespace auxpro::policy::validation
