#include "services/personnel/training_rules.h"

#include <algorithm>
#include <unordered_map>

namespace auxpro::personnel {
// Sum of `days` of passed records of one kind, optionally within one year.
double PassedDays(const std::vector<TrainingRecord>& records, TrainingKind kind,
                  std::optional<int> year) {
  double sum = 0;
  for (const auto& r : records) {
    if (r.kind != kind || !r.passed) {
      continue;
    }
    if (year && r.start.year != *year) {
      continue;
    }
    sum += r.days;
  }
  return sum;
}

std::optional<RuleFailure> CheckPreJobTraining(const policy::v1::Policy& policy,
                                               const std::vector<TrainingRecord>& records) {
  const double min_days = policy.training().pre_job_min_days();
  const bool any_passed = std::any_of(records.begin(), records.end(), [](const TrainingRecord& r) {
    return r.kind == TrainingKind::kPreJob && r.passed;
  });
  if (!any_passed) {
    const bool any = std::any_of(records.begin(), records.end(), [](const TrainingRecord& r) {
      return r.kind == TrainingKind::kPreJob;
    });
    return RuleFailure{
        "pre_job_training",
        std::string(any ? "pre-job training was not passed" : "no pre-job training is recorded") +
            "; " + FormatNumber(min_days) + " working days passed are required"};
  }
  const double days = PassedDays(records, TrainingKind::kPreJob, std::nullopt);
  if (days < min_days) {
    return RuleFailure{"pre_job_training", "pre-job training passed covers " + FormatNumber(days) +
                                               " working days, below the minimum " +
                                               FormatNumber(min_days)};
  }
  return std::nullopt;
}

std::optional<RuleFailure> CheckPermitPrerequisites(const policy::v1::Policy& policy,
                                                    const std::vector<TrainingRecord>& records) {
  if (!policy.permit().require_pre_job_training()) {
    return std::nullopt;
  }
  return CheckPreJobTraining(policy, records);
}

Coverage TrainingCoverage(const policy::v1::Policy& policy, int year,
                          const std::vector<CoverageInput>& inputs) {
  // Merge by person, keeping first-seen order.
  std::vector<std::string> order;
  std::unordered_map<std::string, double> days;
  for (const auto& in : inputs) {
    auto [it, inserted] = days.emplace(in.person, 0.0);
    if (inserted) {
      order.push_back(in.person);
    }
    it->second += PassedDays(in.records, TrainingKind::kAnnual, year);
  }
  Coverage c;
  c.required = static_cast<int>(order.size());
  const double min_days = policy.training().annual_min_days();
  for (const auto& person : order) {
    if (days[person] >= min_days) {
      ++c.covered;
    } else {
      c.missing.push_back(person);
    }
  }
  c.percent = c.required == 0 ? 100.0 : 100.0 * c.covered / c.required;
  c.target_met = static_cast<int64_t>(c.covered) * 100 >=
                 static_cast<int64_t>(policy.training().annual_coverage_percent()) * c.required;
  return c;
}

}  // namespace auxpro::personnel
