#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

using auxpro::common::v1::Disqualifier;
using auxpro::common::v1::Disqualifier_IsValid;
using auxpro::common::v1::Education_IsValid;
using auxpro::policy::v1::AgeRange;

void ValidateAgeRange(Problems p, const AgeRange& r) {
  p.Range("min_years", r.min_years(), 0, kMaxAgeYears);
  p.Range("max_years", r.max_years(), 0, kMaxAgeYears);
  if (r.min_years() > 0 && r.max_years() > 0) {
    p.NotAbove("min_years", r.min_years(), "max_years", r.max_years());
  }
}

}  // namespace

void ValidateRecruitment(Problems p, const auxpro::policy::v1::Recruitment& r) {
  ValidateAgeRange(p.Field("age"), r.age());
  ValidateAgeRange(p.Field("age_male"), r.age_male());
  ValidateAgeRange(p.Field("age_female"), r.age_female());
  ValidateAgeRange(p.Field("age_relaxed"), r.age_relaxed());
  if (r.relaxation_for_former_auxiliaries() && r.age_relaxed().min_years() == 0 &&
      r.age_relaxed().max_years() == 0) {
    p.Add("age_relaxed", "must be set when relaxation_for_former_auxiliaries is true");
  }
  // min_education may be unset (no minimum, longquan); the relaxed ones too (no relaxation).
  p.KnownEnum("min_education", r.min_education(), Education_IsValid, "education");
  p.KnownEnum("min_education_veteran", r.min_education_veteran(), Education_IsValid, "education");
  p.KnownEnum("min_education_party_member", r.min_education_party_member(), Education_IsValid,
              "education");
  std::set<int> seen;
  for (int i = 0; i < r.disqualifiers_size(); ++i) {
    const int d = r.disqualifiers(i);
    Problems item = p.Item("disqualifiers", i);
    if (item.RequiredEnum("", d, Disqualifier_IsValid, "disqualifier",
                          "must not be DISQUALIFIER_UNSPECIFIED")) {
      item.Distinct("", seen, d,
                    auxpro::common::v1::Disqualifier_Name(static_cast<Disqualifier>(d)));
    }
  }
  p.Range("max_female_percent", r.max_female_percent(), 0, 100);
  p.Range("retirement_age_male", r.retirement_age_male(), 0, kMaxAgeYears);
  p.Range("retirement_age_female", r.retirement_age_female(), 0, kMaxAgeYears);
}

}  // namespace auxpro::policy::validation
