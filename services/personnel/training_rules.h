// Training rules (wenjiang 4.2, DOMAIN.md 2): pre-job training before a permit, annual coverage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

enum class TrainingKind { kPreJob, kAnnual, kDrill };

struct TrainingRecord {
  TrainingKind kind = TrainingKind::kPreJob;
  CivilDate start;
  double days = 0;   // working days
  double hours = 0;  // used for drills
  bool passed = false;
};

// Sum of `days` of the passed records of one kind, within one year when given.
double PassedDays(const std::vector<TrainingRecord>& records, TrainingKind kind,
                  std::optional<int> year = std::nullopt);

// "pre_job_training": the passed PRE_JOB records do not add up to training.pre_job_min_days (at
// least one passed record is always needed).
std::optional<RuleFailure> CheckPreJobTraining(const policy::v1::Policy& policy,
                                               const std::vector<TrainingRecord>& records);
// Before a work permit is issued: CheckPreJobTraining when permit.require_pre_job_training.
std::optional<RuleFailure> CheckPermitPrerequisites(const policy::v1::Policy& policy,
                                                    const std::vector<TrainingRecord>& records);
struct CoverageInput {
  std::string person;  // e.g. a badge number; inputs with the same person are merged
  std::vector<TrainingRecord> records;
};

struct Coverage {
  int required = 0;  // distinct persons
  int covered = 0;
  double percent = 100.0;            // 100 when nobody is required
  bool target_met = true;            // covered / required >= annual_coverage_percent
  std::vector<std::string> missing;  // persons not covered, in input order
};

// A person is covered when the passed ANNUAL records starting in `year` add up to at least
// training.annual_min_days.
Coverage TrainingCoverage(const policy::v1::Policy& policy, int year,
                          const std::vector<CoverageInput>& inputs);

}  // namespace auxpro::personnel
