#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

void ValidateAssessment(Problems p, const auxpro::policy::v1::Assessment& assessment) {
  p.Range("exam_pass_score", assessment.exam_pass_score(), 0, 100);
  p.Range("max_retakes_per_item_per_year", assessment.max_retakes_per_item_per_year(), 0, 12);
  p.RequiredCodes("daily_items", assessment.daily_items(), kUpperSnake);
  p.RequiredCodes("centralized_items", assessment.centralized_items(), kUpperSnake);
  // Tiers grow, only the last one is unbounded (max_days 0); none: no leave rule.
  const int tiers = assessment.leave_approval_size();
  for (int i = 0; i < tiers; ++i) {
    const auto& tier = assessment.leave_approval(i);
    Problems item = p.Item("leave_approval", i);
    item.RequiredCode("approver_level", tier.approver_level(), kUpperSnake);
    const bool last = i + 1 == tiers;
    if (last != (tier.max_days() == 0)) {
      item.Add("max_days", "0 (any length) on the last tier only");
    } else if (!last && i > 0 && tier.max_days() <= assessment.leave_approval(i - 1).max_days()) {
      item.Add("max_days", absl::StrCat("must be above the previous tier's (",
                                        assessment.leave_approval(i - 1).max_days(), "), got ",
                                        tier.max_days()));
    }
  }
  p.Range("failed_training_retakes", assessment.failed_training_retakes(), 0, 12);
  p.Range("satisfaction_pass_percent", assessment.satisfaction_pass_percent(), 0, 100);
}

}  // namespace auxpro::policy::validation
