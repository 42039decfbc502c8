#pragma once

// The requirement check (pure): the facts read from the other services and the policy in, one
// row per basic requirement of wenjiang 6.1 and per row of table 1 out, each with the value
// found, where it came from, and PASS / FAIL / INSUFFICIENT / UNAVAILABLE / NOT_REQUIRED.

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/points/v1/points_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"

namespace auxpro::grading {

// One service's answer: the value, or why there is none (UNAVAILABLE when the service did not
// answer; any other error is shown as such on the rows).
template <typename T>
struct Read {
  absl::Status status = absl::UnavailableError("not read");
  T value;
  bool ok() const { return status.ok(); }
};

struct CheckFacts {
  std::string person;  // resource name
  int current_level = 0;
  common::v1::Date date;
  Read<personnel::v1::Person> person_record;
  Read<assessment::v1::AssessmentStanding> standing;
  Read<points::v1::PointBalance> balance;
  Read<survey::v1::SatisfactionRate> satisfaction;
  // The latest attestation records grading keeps for the person, by Attestation value.
  std::map<int, v1::PersonAttestation> attestations;
};

// The level requirement of `level` in the policy; FAILED_PRECONDITION naming it when missing.
absl::StatusOr<const policy::v1::LevelRequirement*> LevelOf(const policy::v1::Grading& grading,
                                                            int level);

// The one level a person at `current` may apply for: the entry level without a level, else one
// step up; 0 when already at the top (1).
int NextLevel(const policy::v1::Grading& grading, int current);

// FAILED_PRECONDITION ONE_LEVEL_AT_A_TIME unless `target` is NextLevel(current) (wenjiang 8.5
// 逐级晋升; 8.4.1.1 the first level is 5).
absl::Status CheckOneLevelAtATime(const policy::v1::Grading& grading, const std::string& person,
                                  int current, int target);

// Every row for `target`; `passed` when each row is PASS or NOT_REQUIRED.
v1::RequirementCheck EvaluateRequirements(const policy::v1::Policy& policy, const CheckFacts& facts,
                                          int target);

// FAILED_PRECONDITION REQUIREMENTS_NOT_MET naming every row that does not pass, or OK.
absl::Status RequirePassed(const v1::RequirementCheck& check);

// The digest of the policy (first 16 hex digits of its SHA-256), kept with applications.
std::string PolicyVersion(const policy::v1::Policy& policy);

}  // namespace auxpro::grading
