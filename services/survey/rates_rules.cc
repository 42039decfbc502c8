#include "services/survey/rates_rules.h"

#include <algorithm>

namespace auxpro::survey {

bool SampleSufficient(const policy::v1::Survey& survey, int64_t responses) {
  return responses >= static_cast<int64_t>(survey.min_responses());
}

v1::SatisfactionRate DecideRate(const policy::v1::Survey& survey, const AnswerCounts& counts,
                                bool with_distributions) {
  v1::SatisfactionRate rate;
  rate.set_response_count(counts.responses);
  rate.set_min_responses(survey.min_responses());
  if (!SampleSufficient(survey, counts.responses)) {
    rate.set_insufficient(true);
    return rate;
  }
  const uint32_t questions = std::min<uint32_t>(survey.rated_questions(), 100);
  int64_t satisfied = 0;
  int64_t rated = 0;
  for (uint32_t q = 1; q <= questions; ++q) {
    for (int a = 1; a <= 5; ++a) {
      const int64_t n = counts.by_question[q][a];
      rated += n;
      if (std::find(survey.satisfied_answers().begin(), survey.satisfied_answers().end(),
                    static_cast<uint32_t>(a)) != survey.satisfied_answers().end()) {
        satisfied += n;
      }
    }
    if (with_distributions) {
      v1::QuestionDistribution* d = rate.add_distributions();
      d->set_question(static_cast<int32_t>(q));
      for (int a = 1; a <= 5; ++a) d->add_counts(counts.by_question[q][a]);
    }
  }
  rate.set_satisfied_answers(satisfied);
  rate.set_rated_answers(rated);
  rate.set_rate_percent(
      rated == 0 ? 0.0 : 100.0 * static_cast<double>(satisfied) / static_cast<double>(rated));
  return rate;
}

}  // namespace auxpro::survey
