#include "libs/policy/policy_queries.h"

#include <algorithm>
#include <cstdint>

namespace auxpro::policy {

using auxpro::common::v1::Education;
using auxpro::policy::v1::AnnualRating;
using auxpro::policy::v1::LevelRequirement;
using auxpro::policy::v1::PointRule;
using auxpro::policy::v1::Policy;

int EducationRank(Education education) {
  switch (education) {
    case auxpro::common::v1::JUNIOR_HIGH:
      return 1;
    case auxpro::common::v1::HIGH_SCHOOL:
    case auxpro::common::v1::VOCATIONAL_SECONDARY:
      return 2;
    case auxpro::common::v1::JUNIOR_COLLEGE:
      return 3;
    case auxpro::common::v1::BACHELOR:
      return 4;
    case auxpro::common::v1::POSTGRADUATE:
      return 5;
    default:
      return 0;
  }
}

bool MeetsMinEducation(Education have, Education minimum) {
  const int need = EducationRank(minimum);
  return need == 0 || EducationRank(have) >= need;
}

const LevelRequirement* FindLevel(const Policy& policy, int level) {
  for (const LevelRequirement& requirement : policy.grading().levels()) {
    if (requirement.level() == level) {
      return &requirement;
    }
  }
  return nullptr;
}

const PointRule* FindPointRule(const Policy& policy, std::string_view code) {
  for (const PointRule& rule : policy.points().rules()) {
    if (rule.code() == code) {
      return &rule;
    }
  }
  return nullptr;
}

int AllowedTopGrades(const AnnualRating& rating, int unit_size) {
  if (unit_size <= 0) {
    return 0;
  }
  if (rating.small_unit_size() > 0 && static_cast<uint32_t>(unit_size) < rating.small_unit_size()) {
    return std::min(static_cast<int>(rating.small_unit_top_count()), unit_size);
  }
  const int64_t scaled = static_cast<int64_t>(unit_size) * rating.cap_percent();  // percent * 100
  const int64_t allowed =
      rating.cap_rounding() == AnnualRating::HALF_UP ? (scaled + 50) / 100 : scaled / 100;
  return static_cast<int>(std::min<int64_t>(allowed, unit_size));
}

}  // namespace auxpro::policy
