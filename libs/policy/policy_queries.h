#pragma once

#include <string_view>

#include "auxpro/common/v1/types.pb.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::policy {

// Rank of an education for "at least" comparisons: EDUCATION_UNSPECIFIED (and unknown values) 0,
// JUNIOR_HIGH 1, HIGH_SCHOOL and VOCATIONAL_SECONDARY 2 (they rank the same), JUNIOR_COLLEGE 3,
// BACHELOR 4, POSTGRADUATE 5.
int EducationRank(auxpro::common::v1::Education education);

// True when `have` is at least `minimum`; an unset minimum (EDUCATION_UNSPECIFIED) is always met.
bool MeetsMinEducation(auxpro::common::v1::Education have, auxpro::common::v1::Education minimum);

// The requirements of `level` (1..5) in policy.grading, or nullptr.
const auxpro::policy::v1::LevelRequirement* FindLevel(const auxpro::policy::v1::Policy& policy,
                                                      int level);

// The point rule with `code` in policy.points, or nullptr.
const auxpro::policy::v1::PointRule* FindPointRule(const auxpro::policy::v1::Policy& policy,
                                                   std::string_view code);

// How many auxiliaries of a unit of `unit_size` may get the top (first) annual grade: a unit
// smaller than small_unit_size gets small_unit_top_count (never more than its size); otherwise
// cap_percent of the unit, rounded as cap_rounding says (FLOOR: 15 % of 6 = 0; HALF_UP: 20 % of
// 13 = 2.6 -> 3). Exact integer arithmetic; 0 for an empty unit.
int AllowedTopGrades(const auxpro::policy::v1::AnnualRating& rating, int unit_size);

}  // namespace auxpro::policy
