#pragma once

// The satisfaction rate (DOMAIN.md section 6, policy survey.*): answers in the policy's satisfied
// set to the rated questions divided by all answers to them, with the response count;
// insufficient below the minimum sample, and then nothing but the count is shown.

#include <array>
#include <cstdint>

#include "auxpro/policy/v1/policy.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"

namespace auxpro::survey {

// Summed counters: responses, and per question (1-based, up to 100) the count of each answer
// (1-5).
struct AnswerCounts {
  int64_t responses = 0;
  std::array<std::array<int64_t, 6>, 101> by_question{};
};

// The rate of `counts` under `survey`; distributions filled only when `with_distributions` and
// the sample is sufficient.
v1::SatisfactionRate DecideRate(const policy::v1::Survey& survey, const AnswerCounts& counts,
                                bool with_distributions);

// True when `responses` reach the minimum sample (a person's comments are withheld below it).
bool SampleSufficient(const policy::v1::Survey& survey, int64_t responses);

}  // namespace auxpro::survey
