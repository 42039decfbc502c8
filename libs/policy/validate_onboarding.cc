#include <string>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

// A part of a badge number: at most 8 characters of A-Z and 0-9.
bool IsBadgePart(const std::string& s) { return IsUpperAlnum(s) && s.size() <= 8; }

}  // namespace

using auxpro::policy::v1::Probation;

void ValidateProbation(Problems p, const Probation& probation) {
  if (!p.RequiredEnum("kind", probation.kind(), auxpro::policy::v1::Probation_Kind_IsValid,
                      "kind")) {
    return;
  }
  if (probation.kind() == Probation::MONTHS) {
    p.Range("months", probation.months(), 1, 24);
  } else if (probation.months() != 0) {
    p.Add("months", absl::StrCat("must be 0 unless kind is MONTHS, got ", probation.months()));
  }
}

void ValidateTraining(Problems p, const auxpro::policy::v1::Training& training) {
  p.Positive("pre_job_min_days", training.pre_job_min_days());
  p.Positive("annual_min_days", training.annual_min_days());
  p.Range("annual_coverage_percent", training.annual_coverage_percent(), 1, 100);
  p.Positive("weekly_drill_min_hours", training.weekly_drill_min_hours());
}

void ValidatePermit(Problems p, const auxpro::policy::v1::Permit& permit) {
  const std::string& prefix = permit.badge_prefix();
  if (p.NonEmpty("badge_prefix", prefix) && !IsBadgePart(prefix)) {
    p.Add("badge_prefix",
          absl::StrCat("must be 1 to 8 characters of A-Z and 0-9, got ", Quote(prefix)));
  }
  const std::string& region = permit.badge_region_code();
  if (!IsBadgePart(region)) {
    p.Add("badge_region_code",
          absl::StrCat("must be at most 8 characters of A-Z and 0-9, got ", Quote(region)));
  }
  p.Range("badge_serial_digits", permit.badge_serial_digits(), 1, 9);
}

}  // namespace auxpro::policy::validation
