#include <cstdint>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

void ValidateSurvey(Problems p, const auxpro::policy::v1::Survey& survey) {
  p.Positive("min_responses", survey.min_responses());
  p.NotEmpty("satisfied_answers", survey.satisfied_answers());
  std::set<uint32_t> seen;
  for (int i = 0; i < survey.satisfied_answers_size(); ++i) {
    const uint32_t answer = survey.satisfied_answers(i);
    Problems item = p.Item("satisfied_answers", i);
    if (item.Range("", answer, 1, 5)) {
      item.Distinct("", seen, answer, absl::StrCat(answer));
    }
  }
  p.Range("rated_questions", survey.rated_questions(), 1, 100);
  p.Range("max_comment_chars", survey.max_comment_chars(), 1, 20000);
  p.Range("max_campaign_auxiliaries", survey.max_campaign_auxiliaries(), 1, 100000);
}

}  // namespace auxpro::policy::validation
