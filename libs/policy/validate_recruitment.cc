#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

using auxpro::common::v1::Disqualifier;
using auxpro::common::v1::Disqualifier_IsValid;
using auxpro::common::v1::Education_IsValid;
using auxpro::policy::v1::AgeRange;

// No jurisdiction may recruit a minor (labour law: no one under 16; every regulation: 18).
constexpr int kAdultYears = 18;

void ValidateAgeRange(Problems p, const AgeRange& r) {
  p.Range("min_years", r.min_years(), 0, kMaxAgeYears);
  if (r.min_years() > 0 && r.min_years() < kAdultYears) {
    p.Add("min_years", absl::StrCat("must be at least ", kAdultYears,
                                    " (no minor may be recruited), got ", r.min_years()));
  }
  p.Range("max_years", r.max_years(), 0, kMaxAgeYears);
  if (r.min_years() > 0 && r.max_years() > 0) {
    p.NotAbove("min_years", r.min_years(), "max_years", r.max_years());
  }
}

}  // namespace

void ValidateRecruitment(Problems p, const auxpro::policy::v1::Recruitment& r) {
  ValidateAgeRange(p.Field("age"), r.age());
  if (r.age().min_years() == 0) {
    p.Add("age.min_years",
          absl::StrCat("must be set, at least ", kAdultYears, " (no minor may be recruited)"));
  }
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
  p.KnownEnum("min_education_former_auxiliary", r.min_education_former_auxiliary(),
              Education_IsValid, "education");
  if (r.max_age_first_hire_only() && r.age().max_years() == 0 && r.age_male().max_years() == 0 &&
      r.age_female().max_years() == 0) {
    p.Add("max_age_first_hire_only", "is true but no maximum age is set");
  }
  std::set<int> ruled;
  for (int i = 0; i < r.disqualifier_rules_size(); ++i) {
    const auto& rule = r.disqualifier_rules(i);
    Problems item = p.Item("disqualifier_rules", i);
    if (item.RequiredEnum("finding", rule.finding(), Disqualifier_IsValid, "disqualifier",
                          "must not be DISQUALIFIER_UNSPECIFIED")) {
      item.Distinct("finding", ruled, static_cast<int>(rule.finding()),
                    auxpro::common::v1::Disqualifier_Name(rule.finding()));
    }
    item.NonEmpty("article", rule.article());
    // Names of auxpro.personnel.v1.ExitReason: a misspelt one would never match an exit, and
    // the finding would silently not be derived.
    std::set<std::string> reasons;
    for (int k = 0; k < rule.from_exit_reasons_size(); ++k) {
      const std::string& name = rule.from_exit_reasons(k);
      Problems reason = item.Item("from_exit_reasons", k);
      auxpro::personnel::v1::ExitReason parsed;
      if (!auxpro::personnel::v1::ExitReason_Parse(name, &parsed) ||
          parsed == auxpro::personnel::v1::EXIT_REASON_UNSPECIFIED) {
        reason.Add("", absl::StrCat("must be an auxpro.personnel.v1.ExitReason name (e.g. "
                                    "DISCIPLINE_BREACH), got ",
                                    Quote(name)));
      } else {
        reason.Distinct("", reasons, name, Quote(name));
      }
    }
  }
  std::set<int> attested;
  for (int i = 0; i < r.required_attestations_size(); ++i) {
    const auto& rule = r.required_attestations(i);
    Problems item = p.Item("required_attestations", i);
    if (item.RequiredEnum("attestation", rule.attestation(),
                          auxpro::common::v1::Attestation_IsValid, "attestation",
                          "must not be ATTESTATION_UNSPECIFIED")) {
      item.Distinct("attestation", attested, static_cast<int>(rule.attestation()),
                    auxpro::common::v1::Attestation_Name(rule.attestation()));
    }
    item.NonEmpty("article", rule.article());
  }
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
