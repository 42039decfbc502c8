// DOMAIN.md section 7 example 1 as the facts of a requirement check: a field auxiliary, 38, 大专,
// 三级乙等, exam 72, 83 % of `responses` responses, at `current_level` with `level_points`. Shared by
// the check rules and the round rules tests.
#pragma once

#include "absl/status/status.h"
#include "services/grading/check_rules.h"

namespace auxpro::grading::testing {

inline CheckFacts Example1Facts(int current_level = 5, int level_points = 15,
                                int responses = 40) {
  CheckFacts f;
  f.person = "jurisdictions/wenjiang/persons/p-1";
  f.current_level = current_level;
  f.date.set_year(2026);
  f.date.set_month(12);
  f.date.set_day(2);
  auto& p = f.person_record.value;
  p.set_name(f.person);
  p.mutable_birth_date()->set_year(1988);
  p.mutable_birth_date()->set_month(6);
  p.mutable_birth_date()->set_day(1);
  p.set_education(common::v1::JUNIOR_COLLEGE);
  p.set_mandarin_level(common::v1::LEVEL_3B);
  p.set_smart_device_skill(true);
  p.add_attestations(common::v1::FIT_FOR_POST);
  p.add_attestations(common::v1::PROPER_CONDUCT);
  f.person_record.status = absl::OkStatus();
  f.standing.value.set_latest_exam_score(72);
  f.standing.value.set_latest_exam_result("jurisdictions/wenjiang/assessmentSessions/s/results/r");
  f.standing.value.set_last_annual_grade("QUALIFIED");
  f.standing.value.set_last_annual_year(2025);
  f.standing.value.set_competent(true);
  f.standing.status = absl::OkStatus();
  f.balance.value.set_level(current_level);
  f.balance.value.set_level_points(level_points);
  f.balance.status = absl::OkStatus();
  auto& s = f.satisfaction.value;
  s.set_response_count(responses);
  s.set_min_responses(30);
  s.set_insufficient(responses < 30);
  s.set_rate_percent(responses < 30 ? 0 : 83.0);
  f.satisfaction.status = absl::OkStatus();
  return f;
}

}  // namespace auxpro::grading::testing
