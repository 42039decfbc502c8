#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

using auxpro::policy::v1::LevelRequirement;

void ValidateLevel(Problems p, const LevelRequirement& level) {
  p.Range("level", level.level(), kMinLevel, kMaxLevel);
  p.Range("max_age", level.max_age(), 0, kMaxAgeYears);
  p.RequiredEnum("min_education", level.min_education(), auxpro::common::v1::Education_IsValid,
                 "education");
  p.RequiredEnum("min_mandarin", level.min_mandarin(), auxpro::common::v1::MandarinLevel_IsValid,
                 "Mandarin level", "must be set (MANDARIN_NONE: no certificate needed)");
  p.Range("exam_min_score", level.exam_min_score(), 0, 100);
  p.Range("min_satisfaction_percent", level.min_satisfaction_percent(), 0, 100);
  p.Range("min_level_points", level.min_level_points(), 0, 1000);
  p.RequiredEnum("deciding_body", level.deciding_body(), auxpro::policy::v1::DecidingBody_IsValid,
                 "deciding body");
}

// 6.1 a) and d): findings of the person record, each named once.
void ValidateFindings(Problems p, const char* field,
                      const google::protobuf::RepeatedField<int>& findings) {
  std::set<int> seen;
  for (int i = 0; i < findings.size(); ++i) {
    Problems item = p.Item(field, i);
    if (item.RequiredEnum("", findings[i], auxpro::common::v1::Disqualifier_IsValid, "disqualifier",
                          "must not be DISQUALIFIER_UNSPECIFIED")) {
      item.Distinct("", seen, findings[i],
                    auxpro::common::v1::Disqualifier_Name(
                        static_cast<auxpro::common::v1::Disqualifier>(findings[i])));
    }
  }
}

}  // namespace

void ValidateGrading(Problems p, const auxpro::policy::v1::Grading& grading) {
  std::map<int, int> index_of_level;
  for (int i = 0; i < grading.levels_size(); ++i) {
    const LevelRequirement& level = grading.levels(i);
    Problems item = p.Item("levels", i);
    ValidateLevel(item, level);
    if (level.level() < kMinLevel || level.level() > kMaxLevel) {
      continue;
    }
    auto [it, inserted] = index_of_level.emplace(level.level(), i);
    if (!inserted) {
      item.Add("level", absl::StrCat("duplicate level ", level.level(), " (also at levels[",
                                     it->second, "])"));
    }
  }
  for (int level = kMinLevel; level <= kMaxLevel; ++level) {
    if (!index_of_level.contains(level)) {
      p.Add("levels", absl::StrCat("missing level ", level));
    }
  }
  p.Range("entry_level", grading.entry_level(), kMinLevel, kMaxLevel);
  ValidateFindings(p, "integrity_findings", grading.integrity_findings());
  ValidateFindings(p, "violation_findings", grading.violation_findings());
  p.KnownEnum("fitness_attestation", grading.fitness_attestation(),
              auxpro::common::v1::Attestation_IsValid, "attestation");
  p.KnownEnum("conduct_attestation", grading.conduct_attestation(),
              auxpro::common::v1::Attestation_IsValid, "attestation");
  p.NonEmpty("basic_article", grading.basic_article());
  p.NonEmpty("table_article", grading.table_article());
}

}  // namespace auxpro::policy::validation
