#include "services/assessment/assessment_policy.h"

#include <google/protobuf/text_format.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "libs/common/embedded_file.h"
#include "libs/common/errors.h"

namespace auxpro::assessment::policies {
const std::vector<EmbeddedFile>& Files();
}  // namespace auxpro::assessment::policies

namespace auxpro::assessment {

namespace {

bool IsLevelCode(const std::string& s) {
  if (s.empty() || s.size() > 64 || s.front() < 'A' || s.front() > 'Z' || s.back() == '_') {
    return false;
  }
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

struct Loaded {
  absl::Status status;
  std::map<std::string, v1::AssessmentPolicy> by_jurisdiction;
};

const Loaded& Load() {
  static const Loaded* loaded = [] {
    auto* out = new Loaded;
    for (const EmbeddedFile& file : policies::Files()) {
      v1::AssessmentPolicy policy;
      if (!google::protobuf::TextFormat::ParseFromString(file.content, &policy)) {
        out->status = absl::InvalidArgumentError(absl::StrCat(file.name, ": does not parse"));
        break;
      }
      if (absl::Status s = ValidateAssessmentPolicy(policy); !s.ok()) {
        out->status = absl::InvalidArgumentError(absl::StrCat(file.name, ": ", s.message()));
        break;
      }
      out->by_jurisdiction[policy.jurisdiction()] = std::move(policy);
    }
    return out;
  }();
  return *loaded;
}

}  // namespace

absl::Status ValidateAssessmentPolicy(const v1::AssessmentPolicy& p) {
  if (p.jurisdiction().empty()) return Invalid("jurisdiction: required");
  for (int i = 0; i < p.leave_approval_size(); ++i) {
    const auto& t = p.leave_approval(i);
    const std::string field = absl::StrCat("leave_approval[", i, "]");
    if (!IsLevelCode(t.approver_level())) {
      return Invalid(absl::StrCat(field, ".approver_level: an UPPER_SNAKE code; got \"",
                                  t.approver_level(), "\""));
    }
    const bool last = i + 1 == p.leave_approval_size();
    if (last != (t.max_days() == 0)) {
      return Invalid(absl::StrCat(field, ".max_days: 0 (any length) on the last tier only"));
    }
    if (!last && i > 0 && t.max_days() <= p.leave_approval(i - 1).max_days()) {
      return Invalid(absl::StrCat(field, ".max_days: must be above the previous tier's"));
    }
  }
  if (p.failed_training_retakes() > 12) {
    return Invalid(
        absl::StrCat("failed_training_retakes: 0-12; got ", p.failed_training_retakes()));
  }
  if (p.satisfaction_pass_percent() > 100) {
    return Invalid(
        absl::StrCat("satisfaction_pass_percent: 0-100; got ", p.satisfaction_pass_percent()));
  }
  return absl::OkStatus();
}

absl::Status CheckAssessmentPolicies() { return Load().status; }

absl::StatusOr<const v1::AssessmentPolicy*> AssessmentPolicyOf(const std::string& j,
                                                               const std::string& what) {
  const Loaded& loaded = Load();
  if (!loaded.status.ok()) return absl::InternalError(loaded.status.message());
  auto it = loaded.by_jurisdiction.find(j);
  if (it == loaded.by_jurisdiction.end()) {
    return Precondition(absl::StrCat("jurisdiction ", j, " has no assessment policy (", what,
                                     ", services/assessment/policies)"));
  }
  return &it->second;
}

}  // namespace auxpro::assessment
