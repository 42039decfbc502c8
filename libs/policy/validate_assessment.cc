#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

void ValidateAssessment(Problems p, const auxpro::policy::v1::Assessment& assessment) {
  p.Range("exam_pass_score", assessment.exam_pass_score(), 0, 100);
  p.Range("max_retakes_per_item_per_year", assessment.max_retakes_per_item_per_year(), 0, 12);
  p.RequiredCodes("daily_items", assessment.daily_items(), kUpperSnake);
  p.RequiredCodes("centralized_items", assessment.centralized_items(), kUpperSnake);
}

}  // namespace auxpro::policy::validation
