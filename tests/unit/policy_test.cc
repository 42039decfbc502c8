#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "libs/common/embedded_file.h"
#include "libs/policy/policy_loader.h"
#include "libs/policy/policy_queries.h"

namespace auxpro::policy::presets {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::policy::presets

namespace auxpro::policy {
namespace {

using auxpro::common::v1::BACHELOR;
using auxpro::common::v1::EDUCATION_UNSPECIFIED;
using auxpro::common::v1::HIGH_SCHOOL;
using auxpro::common::v1::JUNIOR_COLLEGE;
using auxpro::common::v1::JUNIOR_HIGH;
using auxpro::common::v1::POSTGRADUATE;
using auxpro::common::v1::VOCATIONAL_SECONDARY;
using auxpro::policy::v1::AnnualRating;
using auxpro::policy::v1::PointRule;
using auxpro::policy::v1::Policy;
using auxpro::policy::v1::Probation;
using google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const PolicySet& Presets() {
  static const PolicySet* set = [] {
    absl::StatusOr<PolicySet> loaded = PolicySet::LoadEmbedded();
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status();
      return new PolicySet();
    }
    return new PolicySet(*std::move(loaded));
  }();
  return *set;
}

const Policy& Preset(std::string_view jurisdiction) {
  const Policy* policy = Presets().Find(jurisdiction);
  if (policy == nullptr) {
    ADD_FAILURE() << "no preset " << jurisdiction;
    static const Policy empty;
    return empty;
  }
  return *policy;
}

std::string PresetText(const std::string& file_name) {
  for (const auto& file : presets::Files()) {
    if (file.name == file_name) {
      return file.content;
    }
  }
  ADD_FAILURE() << "no embedded file " << file_name;
  return "";
}

// A fresh, empty directory under the test's temp dir.
std::filesystem::path FreshDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "policy_test" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

// ---------------------------------------------------------------------------------------------
// Presets.

TEST(PolicyPresetsTest, AllPresetsLoadUnderTheirJurisdiction) {
  absl::StatusOr<PolicySet> set = PolicySet::LoadEmbedded();
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(set->Jurisdictions(),
              ElementsAre("haimen", "longquan", "shanxi", "template", "wenjiang"));
  for (const std::string& jurisdiction : set->Jurisdictions()) {
    const Policy* policy = set->Find(jurisdiction);
    ASSERT_NE(policy, nullptr) << jurisdiction;
    EXPECT_EQ(policy->jurisdiction(), jurisdiction);
    EXPECT_TRUE(ValidatePolicy(*policy).ok()) << ValidatePolicy(*policy);
  }
  EXPECT_NE(set->Find(kDefaultJurisdiction), nullptr);
}

TEST(PolicyPresetsTest, EveryEmbeddedFileParsesOnItsOwn) {
  ASSERT_EQ(presets::Files().size(), 5u);
  for (const auto& file : presets::Files()) {
    absl::StatusOr<Policy> policy = ParsePolicy(file.content, file.name);
    ASSERT_TRUE(policy.ok()) << policy.status();
    EXPECT_EQ(policy->jurisdiction() + ".textproto", file.name);
    // Every section is filled in every preset.
    EXPECT_TRUE(policy->has_recruitment() && policy->has_probation() && policy->has_training() &&
                policy->has_permit() && policy->has_headcount() && policy->has_exit() &&
                policy->has_daily_management() && policy->has_assessment() &&
                policy->has_annual_rating() && policy->has_points() && policy->has_grading() &&
                policy->has_survey())
        << file.name;
  }
}

TEST(PolicyPresetsTest, FindUnknownJurisdictionIsNull) {
  EXPECT_EQ(Presets().Find("atlantis"), nullptr);
  EXPECT_EQ(Presets().Find(""), nullptr);
}

TEST(PolicyPresetsTest, PointersSurviveMovingTheSet) {
  absl::StatusOr<PolicySet> set = PolicySet::LoadEmbedded();
  ASSERT_TRUE(set.ok()) << set.status();
  const Policy* before = set->Find("haimen");
  PolicySet moved = *std::move(set);
  EXPECT_EQ(moved.Find("haimen"), before);
}

TEST(PolicyPresetsTest, WenjiangPointsAreAppendixC) {
  const Policy& p = Preset("wenjiang");
  struct Want {
    std::string code;
    int amount;
    bool highest_once;
  };
  const std::vector<Want> fixed = {
      {"ANNUAL_TOP_GRADE", 5, false},
      {"COMMENDATION_GOVERNMENT_DISTRICT", 5, true},
      {"COMMENDATION_GOVERNMENT_CITY", 10, true},
      {"COMMENDATION_GOVERNMENT_PROVINCE", 15, true},
      {"COMMENDATION_GOVERNMENT_NATIONAL", 20, true},
      {"COMMENDATION_GENERAL_OFFICE_DISTRICT", 3, true},
      {"COMMENDATION_GENERAL_OFFICE_CITY", 5, true},
      {"COMMENDATION_GENERAL_OFFICE_PROVINCE", 10, true},
      {"COMMENDATION_GENERAL_OFFICE_NATIONAL", 15, true},
      {"COMMENDATION_DEPARTMENT_PROVINCIAL", 5, true},
      {"COMMENDATION_DEPARTMENT_CENTRAL", 10, true},
      {"NO_TOP_GRADE_3_YEARS", -8, false},
  };
  for (const Want& want : fixed) {
    const PointRule* rule = FindPointRule(p, want.code);
    ASSERT_NE(rule, nullptr) << want.code;
    EXPECT_EQ(rule->amount(), want.amount) << want.code;
    EXPECT_EQ(rule->min_amount(), 0) << want.code;
    EXPECT_EQ(rule->max_amount(), 0) << want.code;
    EXPECT_EQ(rule->highest_once_per_matter(), want.highest_once) << want.code;
  }
  for (const std::string code :
       {"BREACH_DISCIPLINE", "BREACH_MEDIA_EXPOSURE", "BREACH_REFUSED_ASSIGNMENT"}) {
    const PointRule* rule = FindPointRule(p, code);
    ASSERT_NE(rule, nullptr) << code;
    EXPECT_EQ(rule->amount(), 0) << code;
    EXPECT_EQ(rule->min_amount(), -20) << code;
    EXPECT_EQ(rule->max_amount(), -1) << code;
    EXPECT_FALSE(rule->highest_once_per_matter()) << code;
  }
  EXPECT_EQ(p.points().rules_size(), 15);
  EXPECT_EQ(p.points().annual_top_grade_rule(), "ANNUAL_TOP_GRADE");
  EXPECT_EQ(p.points().no_top_grade_rule(), "NO_TOP_GRADE_3_YEARS");
  EXPECT_EQ(p.points().no_top_grade_years(), 3u);
  EXPECT_EQ(p.points().promotion_threshold(), 15);
  EXPECT_EQ(p.points().demotion_threshold(), -15);
  EXPECT_EQ(p.points().demotion_from_level(), 4);
}

TEST(PolicyPresetsTest, WenjiangGradingIsTable1) {
  const Policy& p = Preset("wenjiang");
  EXPECT_EQ(p.grading().entry_level(), 5);
  struct Want {
    int level, max_age;
    auxpro::common::v1::Education education;
    auxpro::common::v1::MandarinLevel mandarin;
    bool english;
    uint32_t satisfaction;
    int points;
  };
  const std::vector<Want> table = {
      {5, 45, HIGH_SCHOOL, auxpro::common::v1::MANDARIN_NONE, false, 0, 0},
      {4, 0, HIGH_SCHOOL, auxpro::common::v1::LEVEL_3B, false, 80, 15},
      {3, 0, JUNIOR_COLLEGE, auxpro::common::v1::LEVEL_3B, false, 85, 15},
      {2, 0, JUNIOR_COLLEGE, auxpro::common::v1::LEVEL_3A, true, 90, 15},
      {1, 0, BACHELOR, auxpro::common::v1::LEVEL_3A, true, 95, 15},
  };
  ASSERT_EQ(p.grading().levels_size(), 5);
  for (const Want& want : table) {
    const auto* level = FindLevel(p, want.level);
    ASSERT_NE(level, nullptr) << want.level;
    EXPECT_EQ(level->max_age(), want.max_age) << want.level;
    EXPECT_EQ(level->min_education(), want.education) << want.level;
    EXPECT_EQ(level->min_mandarin(), want.mandarin) << want.level;
    EXPECT_EQ(level->basic_english(), want.english) << want.level;
    EXPECT_TRUE(level->smart_device_skill()) << want.level;
    EXPECT_EQ(level->exam_min_score(), 60u) << want.level;
    EXPECT_EQ(level->min_satisfaction_percent(), want.satisfaction) << want.level;
    EXPECT_EQ(level->min_level_points(), want.points) << want.level;
    EXPECT_TRUE(level->assessment_competent()) << want.level;
  }
}

TEST(PolicyPresetsTest, WenjiangValues) {
  const Policy& p = Preset("wenjiang");
  EXPECT_EQ(p.recruitment().age().max_years(), 45);
  EXPECT_EQ(p.recruitment().min_education(), HIGH_SCHOOL);
  EXPECT_EQ(p.probation().kind(), Probation::UNTIL_FIRST_CENTRALIZED_ASSESSMENT);
  EXPECT_EQ(p.training().annual_coverage_percent(), 100u);
  EXPECT_EQ(p.training().weekly_drill_min_hours(), 1u);
  EXPECT_EQ(p.daily_management().uniform_checks_per_week(), 2u);
  EXPECT_EQ(p.assessment().exam_pass_score(), 60u);
  EXPECT_EQ(p.assessment().max_retakes_per_item_per_year(), 3u);
  EXPECT_EQ(p.assessment().daily_items_size(), 8);
  EXPECT_THAT(p.assessment().centralized_items(),
              ElementsAre("PROFESSIONAL_EXAM", "PHYSICAL_TEST", "PSYCHOLOGICAL_ASSESSMENT",
                          "PUBLIC_SATISFACTION"));
  EXPECT_THAT(p.annual_rating().grades(),
              ElementsAre("EXCELLENT", "QUALIFIED", "BASICALLY_QUALIFIED", "UNQUALIFIED"));
  EXPECT_EQ(p.survey().min_responses(), 30u);
  EXPECT_THAT(p.survey().satisfied_answers(), ElementsAre(3u, 4u, 5u));
  EXPECT_EQ(p.survey().rated_questions(), 10u);
  EXPECT_EQ(p.permit().badge_prefix(), "WJ");
  EXPECT_EQ(p.permit().badge_region_code(), "");
  EXPECT_EQ(p.permit().badge_serial_digits(), 5u);
}

TEST(PolicyPresetsTest, HaimenValues) {
  const Policy& p = Preset("haimen");
  EXPECT_EQ(p.annual_rating().cap_percent(), 15u);
  EXPECT_EQ(p.annual_rating().cap_rounding(), AnnualRating::FLOOR);
  EXPECT_EQ(p.annual_rating().small_unit_size(), 0u);
  EXPECT_EQ(p.annual_rating().grades_size(), 4);
  EXPECT_EQ(p.recruitment().age().min_years(), 18);
  EXPECT_EQ(p.recruitment().age().max_years(), 40);
  EXPECT_EQ(p.recruitment().age_relaxed().max_years(), 45);
  EXPECT_TRUE(p.recruitment().relaxation_for_former_auxiliaries());
  EXPECT_EQ(p.recruitment().min_education(), HIGH_SCHOOL);
  EXPECT_THAT(p.recruitment().disqualifiers(),
              ElementsAre(auxpro::common::v1::UNFINISHED_DISCIPLINE,
                          auxpro::common::v1::CRIMINAL_CASE_PENDING));
}

TEST(PolicyPresetsTest, LongquanValues) {
  const Policy& p = Preset("longquan");
  EXPECT_THAT(p.annual_rating().grades(), ElementsAre("EXCELLENT", "GOOD", "FAIR"));
  EXPECT_EQ(p.annual_rating().cap_percent(), 20u);
  EXPECT_EQ(p.annual_rating().cap_rounding(), AnnualRating::HALF_UP);
  EXPECT_EQ(p.annual_rating().small_unit_size(), 5u);
  EXPECT_EQ(p.annual_rating().small_unit_top_count(), 1u);
  EXPECT_EQ(p.recruitment().age_male().max_years(), 45);
  EXPECT_EQ(p.recruitment().age_female().max_years(), 40);
  EXPECT_EQ(p.recruitment().min_education(), EDUCATION_UNSPECIFIED);
  EXPECT_EQ(p.recruitment().max_female_percent(), 15u);
  EXPECT_EQ(p.recruitment().retirement_age_male(), 60);
  EXPECT_EQ(p.recruitment().retirement_age_female(), 50);
  EXPECT_EQ(p.probation().kind(), Probation::MONTHS);
  EXPECT_EQ(p.probation().months(), 3u);
  EXPECT_EQ(p.headcount().ratio_to_established_staff_percent(), 100u);
  EXPECT_EQ(p.daily_management().unexcused_absences_per_year(), 3u);
  EXPECT_EQ(p.daily_management().disciplinary_notices_per_year(), 3u);
  EXPECT_EQ(p.daily_management().months_unable_to_work(), 3u);
}

TEST(PolicyPresetsTest, ShanxiValues) {
  const Policy& p = Preset("shanxi");
  EXPECT_EQ(p.permit().badge_prefix(), "XG");
  EXPECT_EQ(p.permit().badge_region_code(), "14");
  EXPECT_EQ(p.permit().badge_serial_digits(), 4u);
  EXPECT_EQ(p.training().pre_job_min_days(), 15u);
  EXPECT_EQ(p.training().annual_min_days(), 5u);
  EXPECT_EQ(p.training().annual_coverage_percent(), 100u);
  EXPECT_EQ(p.recruitment().age().min_years(), 18);
  EXPECT_EQ(p.recruitment().age().max_years(), 40);
  EXPECT_EQ(p.recruitment().min_education(), JUNIOR_COLLEGE);
  EXPECT_EQ(p.recruitment().min_education_veteran(), HIGH_SCHOOL);
  EXPECT_EQ(p.recruitment().disqualifiers_size(), 7);
}

TEST(PolicyPresetsTest, TemplateValues) {
  const Policy& p = Preset("template");
  EXPECT_EQ(p.probation().kind(), Probation::MONTHS);
  EXPECT_EQ(p.probation().months(), 1u);
  EXPECT_EQ(p.recruitment().age().max_years(), 35);
  EXPECT_EQ(p.annual_rating().grades_size(), 4);
}

TEST(PolicyPresetsTest, NonDefaultPresetsShareWenjiangGradingPointsAndSurvey) {
  const Policy& wenjiang = Preset("wenjiang");
  for (const std::string jurisdiction : {"haimen", "longquan", "shanxi", "template"}) {
    const Policy& p = Preset(jurisdiction);
    EXPECT_TRUE(MessageDifferencer::Equals(p.points(), wenjiang.points())) << jurisdiction;
    EXPECT_TRUE(MessageDifferencer::Equals(p.grading(), wenjiang.grading())) << jurisdiction;
    EXPECT_TRUE(MessageDifferencer::Equals(p.survey(), wenjiang.survey())) << jurisdiction;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation: break one field at a time, expect exactly that field's path.

struct BreakCase {
  std::string name;
  std::function<void(Policy&)> mutate;
  // The whole message after `policy "wenjiang": ` (or, when starts_with is set, its beginning).
  std::string want;
  bool starts_with = false;
};

void PrintTo(const BreakCase& c, std::ostream* os) { *os << c.name; }

class ValidatePolicyTest : public ::testing::TestWithParam<BreakCase> {};

TEST_P(ValidatePolicyTest, NamesTheBrokenField) {
  const BreakCase& c = GetParam();
  Policy policy = Preset("wenjiang");
  ASSERT_TRUE(ValidatePolicy(policy).ok());
  c.mutate(policy);
  absl::Status status = ValidatePolicy(policy);
  ASSERT_FALSE(status.ok()) << c.name;
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::string prefix = "policy \"" + policy.jurisdiction() + "\": ";
  if (c.starts_with) {
    EXPECT_THAT(std::string(status.message()), ::testing::StartsWith(prefix + c.want));
  } else {
    EXPECT_EQ(status.message(), prefix + c.want);
  }
}

std::vector<BreakCase> BreakCases() {
  using P = Policy;
  return {
      {"jurisdiction_upper", [](P& p) { p.set_jurisdiction("Wenjiang"); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"Wenjiang\""},
      {"jurisdiction_short", [](P& p) { p.set_jurisdiction("w"); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"w\""},
      {"jurisdiction_long", [](P& p) { p.set_jurisdiction(std::string(33, 'a')); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"" + std::string(33, 'a') + "\""},
      {"jurisdiction_empty", [](P& p) { p.clear_jurisdiction(); }, "jurisdiction: must be set"},
      {"display_name", [](P& p) { p.clear_display_name(); }, "display_name: must be set"},
      {"source", [](P& p) { p.clear_source(); }, "source: must be set"},
      // Sections.
      {"no_recruitment", [](P& p) { p.clear_recruitment(); }, "recruitment: must be set"},
      {"no_probation", [](P& p) { p.clear_probation(); }, "probation: must be set"},
      {"no_training", [](P& p) { p.clear_training(); }, "training: must be set"},
      {"no_permit", [](P& p) { p.clear_permit(); }, "permit: must be set"},
      {"no_headcount", [](P& p) { p.clear_headcount(); }, "headcount: must be set"},
      {"no_exit", [](P& p) { p.clear_exit(); }, "exit: must be set"},
      {"no_daily", [](P& p) { p.clear_daily_management(); }, "daily_management: must be set"},
      {"no_assessment", [](P& p) { p.clear_assessment(); }, "assessment: must be set"},
      {"no_annual_rating", [](P& p) { p.clear_annual_rating(); }, "annual_rating: must be set"},
      {"no_points", [](P& p) { p.clear_points(); }, "points: must be set"},
      {"no_grading", [](P& p) { p.clear_grading(); }, "grading: must be set"},
      {"no_survey", [](P& p) { p.clear_survey(); }, "survey: must be set"},
      // Recruitment.
      {"age_min_over_max", [](P& p) { p.mutable_recruitment()->mutable_age()->set_min_years(50); },
       "recruitment.age.min_years: must not exceed max_years (45), got 50"},
      {"age_female_max_range",
       [](P& p) { p.mutable_recruitment()->mutable_age_female()->set_max_years(200); },
       "recruitment.age_female.max_years: must be between 0 and 100, got 200"},
      {"age_male_negative",
       [](P& p) { p.mutable_recruitment()->mutable_age_male()->set_min_years(-1); },
       "recruitment.age_male.min_years: must be between 0 and 100, got -1"},
      {"age_relaxed_missing",
       [](P& p) { p.mutable_recruitment()->set_relaxation_for_former_auxiliaries(true); },
       "recruitment.age_relaxed: must be set when relaxation_for_former_auxiliaries is true"},
      {"min_education_unknown",
       [](P& p) {
         p.mutable_recruitment()->set_min_education(static_cast<auxpro::common::v1::Education>(42));
       },
       "recruitment.min_education: unknown education value 42"},
      {"disqualifier_duplicate",
       [](P& p) {
         p.mutable_recruitment()->add_disqualifiers(auxpro::common::v1::DISHONEST_PERSON_LIST);
       },
       "recruitment.disqualifiers[2]: duplicate DISHONEST_PERSON_LIST"},
      {"disqualifier_unspecified",
       [](P& p) {
         p.mutable_recruitment()->set_disqualifiers(1,
                                                    auxpro::common::v1::DISQUALIFIER_UNSPECIFIED);
       },
       "recruitment.disqualifiers[1]: must not be DISQUALIFIER_UNSPECIFIED"},
      {"female_percent", [](P& p) { p.mutable_recruitment()->set_max_female_percent(101); },
       "recruitment.max_female_percent: must be between 0 and 100, got 101"},
      {"retirement_age", [](P& p) { p.mutable_recruitment()->set_retirement_age_female(-5); },
       "recruitment.retirement_age_female: must be between 0 and 100, got -5"},
      // Probation.
      {"probation_kind", [](P& p) { p.mutable_probation()->set_kind(Probation::KIND_UNSPECIFIED); },
       "probation.kind: must be set"},
      {"probation_months_zero", [](P& p) { p.mutable_probation()->set_kind(Probation::MONTHS); },
       "probation.months: must be between 1 and 24, got 0"},
      {"probation_months_with_other_kind", [](P& p) { p.mutable_probation()->set_months(2); },
       "probation.months: must be 0 unless kind is MONTHS, got 2"},
      // Training.
      {"pre_job_days", [](P& p) { p.mutable_training()->set_pre_job_min_days(0); },
       "training.pre_job_min_days: must be greater than 0, got 0"},
      {"annual_days", [](P& p) { p.mutable_training()->set_annual_min_days(0); },
       "training.annual_min_days: must be greater than 0, got 0"},
      {"drill_hours", [](P& p) { p.mutable_training()->set_weekly_drill_min_hours(0); },
       "training.weekly_drill_min_hours: must be greater than 0, got 0"},
      {"coverage_zero", [](P& p) { p.mutable_training()->set_annual_coverage_percent(0); },
       "training.annual_coverage_percent: must be between 1 and 100, got 0"},
      {"coverage_over", [](P& p) { p.mutable_training()->set_annual_coverage_percent(101); },
       "training.annual_coverage_percent: must be between 1 and 100, got 101"},
      // Permit.
      {"badge_prefix_empty", [](P& p) { p.mutable_permit()->clear_badge_prefix(); },
       "permit.badge_prefix: must be set"},
      {"badge_prefix_lower", [](P& p) { p.mutable_permit()->set_badge_prefix("wj"); },
       "permit.badge_prefix: must be 1 to 8 characters of A-Z and 0-9, got \"wj\""},
      {"badge_region", [](P& p) { p.mutable_permit()->set_badge_region_code("1-4"); },
       "permit.badge_region_code: must be at most 8 characters of A-Z and 0-9, got \"1-4\""},
      {"serial_digits_zero", [](P& p) { p.mutable_permit()->set_badge_serial_digits(0); },
       "permit.badge_serial_digits: must be between 1 and 9, got 0"},
      {"serial_digits_ten", [](P& p) { p.mutable_permit()->set_badge_serial_digits(10); },
       "permit.badge_serial_digits: must be between 1 and 9, got 10"},
      // Exit.
      {"checklist_empty", [](P& p) { p.mutable_exit()->clear_checklist(); },
       "exit.checklist: must not be empty"},
      {"checklist_case", [](P& p) { p.mutable_exit()->set_checklist(1, "Equipment"); },
       "exit.checklist[1]: must match [a-z][a-z0-9_]*, got \"Equipment\""},
      {"checklist_duplicate", [](P& p) { p.mutable_exit()->add_checklist("uniform_returned"); },
       "exit.checklist[4]: duplicate \"uniform_returned\""},
      // Daily management.
      {"uniform_checks", [](P& p) { p.mutable_daily_management()->set_uniform_checks_per_week(8); },
       "daily_management.uniform_checks_per_week: must be between 0 and 7, got 8"},
      // Assessment.
      {"exam_pass_score", [](P& p) { p.mutable_assessment()->set_exam_pass_score(101); },
       "assessment.exam_pass_score: must be between 0 and 100, got 101"},
      {"daily_items_empty", [](P& p) { p.mutable_assessment()->clear_daily_items(); },
       "assessment.daily_items: must not be empty"},
      {"centralized_items_empty", [](P& p) { p.mutable_assessment()->clear_centralized_items(); },
       "assessment.centralized_items: must not be empty"},
      {"centralized_item_duplicate",
       [](P& p) { p.mutable_assessment()->add_centralized_items("PHYSICAL_TEST"); },
       "assessment.centralized_items[4]: duplicate \"PHYSICAL_TEST\""},
      {"daily_item_case", [](P& p) { p.mutable_assessment()->set_daily_items(0, "integrity"); },
       "assessment.daily_items[0]: must match [A-Z][A-Z0-9_]*, got \"integrity\""},
      // Annual rating.
      {"grades_empty", [](P& p) { p.mutable_annual_rating()->clear_grades(); },
       "annual_rating.grades: must not be empty"},
      {"grades_duplicate", [](P& p) { p.mutable_annual_rating()->set_grades(1, "EXCELLENT"); },
       "annual_rating.grades[1]: duplicate \"EXCELLENT\""},
      {"cap_over", [](P& p) { p.mutable_annual_rating()->set_cap_percent(150); },
       "annual_rating.cap_percent: must be between 1 and 100, got 150"},
      {"cap_zero", [](P& p) { p.mutable_annual_rating()->set_cap_percent(0); },
       "annual_rating.cap_percent: must be between 1 and 100, got 0"},
      {"rounding_unset",
       [](P& p) {
         p.mutable_annual_rating()->set_cap_rounding(AnnualRating::ROUNDING_UNSPECIFIED);
       },
       "annual_rating.cap_rounding: must be set"},
      {"small_unit_without_count", [](P& p) { p.mutable_annual_rating()->set_small_unit_size(5); },
       "annual_rating.small_unit_top_count: must be greater than 0 when small_unit_size is set"},
      {"small_unit_count_without_size",
       [](P& p) { p.mutable_annual_rating()->set_small_unit_top_count(1); },
       "annual_rating.small_unit_top_count: must be 0 when small_unit_size is 0, got 1"},
      // Points (wenjiang's rules: [0] ANNUAL_TOP_GRADE +5, [11] NO_TOP_GRADE_3_YEARS -8,
      // [12] BREACH_DISCIPLINE -20..-1).
      {"rule_code_duplicate",
       [](P& p) {
         p.mutable_points()->mutable_rules(2)->set_code("COMMENDATION_GOVERNMENT_DISTRICT");
       },
       "points.rules[2].code: duplicate \"COMMENDATION_GOVERNMENT_DISTRICT\""},
      {"rule_code_case", [](P& p) { p.mutable_points()->mutable_rules(13)->set_code("breach_x"); },
       "points.rules[13].code: must match [A-Z][A-Z0-9_]*, got \"breach_x\""},
      {"rule_code_empty", [](P& p) { p.mutable_points()->mutable_rules(13)->clear_code(); },
       "points.rules[13].code: must be set"},
      {"rule_description", [](P& p) { p.mutable_points()->mutable_rules(3)->clear_description(); },
       "points.rules[3].description: must be set"},
      {"rule_fixed_and_ranged", [](P& p) { p.mutable_points()->mutable_rules(12)->set_amount(-3); },
       "points.rules[12]: must have either amount or min_amount/max_amount, not both"},
      {"rule_neither",
       [](P& p) {
         p.mutable_points()->mutable_rules(12)->clear_min_amount();
         p.mutable_points()->mutable_rules(12)->clear_max_amount();
       },
       "points.rules[12].amount: must be set (or min_amount and max_amount for a ranged rule)"},
      {"rule_range_inverted",
       [](P& p) {
         p.mutable_points()->mutable_rules(12)->set_min_amount(-1);
         p.mutable_points()->mutable_rules(12)->set_max_amount(-20);
       },
       "points.rules[12].min_amount: must not exceed max_amount (-20), got -1"},
      {"rule_range_spans_zero",
       [](P& p) { p.mutable_points()->mutable_rules(12)->set_max_amount(5); },
       "points.rules[12]: min_amount and max_amount must be non-zero and of one sign, got -20..5"},
      {"rule_ranged_highest_once",
       [](P& p) { p.mutable_points()->mutable_rules(12)->set_highest_once_per_matter(true); },
       "points.rules[12].highest_once_per_matter: must be false for a ranged rule"},
      {"annual_top_rule_missing",
       [](P& p) { p.mutable_points()->set_annual_top_grade_rule("NOPE"); },
       "points.annual_top_grade_rule: no rule with code \"NOPE\" in points.rules"},
      {"annual_top_rule_unset", [](P& p) { p.mutable_points()->clear_annual_top_grade_rule(); },
       "points.annual_top_grade_rule: must be set"},
      {"annual_top_rule_ranged",
       [](P& p) { p.mutable_points()->set_annual_top_grade_rule("BREACH_DISCIPLINE"); },
       "points.annual_top_grade_rule: rule \"BREACH_DISCIPLINE\" must have a fixed positive "
       "amount, got 0"},
      {"no_top_rule_positive",
       [](P& p) { p.mutable_points()->set_no_top_grade_rule("ANNUAL_TOP_GRADE"); },
       "points.no_top_grade_rule: rule \"ANNUAL_TOP_GRADE\" must have a fixed negative amount, "
       "got 5"},
      {"no_top_rule_missing", [](P& p) { p.mutable_points()->set_no_top_grade_rule("GONE"); },
       "points.no_top_grade_rule: no rule with code \"GONE\" in points.rules"},
      {"promotion_threshold", [](P& p) { p.mutable_points()->set_promotion_threshold(0); },
       "points.promotion_threshold: must be greater than 0, got 0"},
      {"demotion_threshold", [](P& p) { p.mutable_points()->set_demotion_threshold(15); },
       "points.demotion_threshold: must be less than 0, got 15"},
      {"demotion_from_level", [](P& p) { p.mutable_points()->set_demotion_from_level(6); },
       "points.demotion_from_level: must be between 1 and 5, got 6"},
      {"no_top_grade_years", [](P& p) { p.mutable_points()->set_no_top_grade_years(0); },
       "points.no_top_grade_years: must be between 1 and 50, got 0"},
      // Grading (wenjiang's levels are listed 5, 4, 3, 2, 1).
      {"level_education",
       [](P& p) { p.mutable_grading()->mutable_levels(2)->clear_min_education(); },
       "grading.levels[2].min_education: must be set"},
      {"level_mandarin", [](P& p) { p.mutable_grading()->mutable_levels(1)->clear_min_mandarin(); },
       "grading.levels[1].min_mandarin: must be set (MANDARIN_NONE: no certificate needed)"},
      {"level_satisfaction",
       [](P& p) { p.mutable_grading()->mutable_levels(4)->set_min_satisfaction_percent(101); },
       "grading.levels[4].min_satisfaction_percent: must be between 0 and 100, got 101"},
      {"level_exam", [](P& p) { p.mutable_grading()->mutable_levels(0)->set_exam_min_score(120); },
       "grading.levels[0].exam_min_score: must be between 0 and 100, got 120"},
      {"level_points",
       [](P& p) { p.mutable_grading()->mutable_levels(3)->set_min_level_points(-1); },
       "grading.levels[3].min_level_points: must be between 0 and 1000, got -1"},
      {"level_duplicate", [](P& p) { p.mutable_grading()->mutable_levels(4)->set_level(5); },
       "grading.levels[4].level: duplicate level 5 (also at levels[0]); "
       "grading.levels: missing level 1"},
      {"level_out_of_range", [](P& p) { p.mutable_grading()->mutable_levels(4)->set_level(0); },
       "grading.levels[4].level: must be between 1 and 5, got 0; grading.levels: missing level 1"},
      {"level_missing", [](P& p) { p.mutable_grading()->mutable_levels()->RemoveLast(); },
       "grading.levels: missing level 1"},
      {"entry_level", [](P& p) { p.mutable_grading()->set_entry_level(0); },
       "grading.entry_level: must be between 1 and 5, got 0"},
      // Survey.
      {"min_responses", [](P& p) { p.mutable_survey()->set_min_responses(0); },
       "survey.min_responses: must be greater than 0, got 0"},
      {"satisfied_empty", [](P& p) { p.mutable_survey()->clear_satisfied_answers(); },
       "survey.satisfied_answers: must not be empty"},
      {"satisfied_range", [](P& p) { p.mutable_survey()->add_satisfied_answers(6); },
       "survey.satisfied_answers[3]: must be between 1 and 5, got 6"},
      {"satisfied_zero", [](P& p) { p.mutable_survey()->set_satisfied_answers(0, 0); },
       "survey.satisfied_answers[0]: must be between 1 and 5, got 0"},
      {"satisfied_duplicate", [](P& p) { p.mutable_survey()->add_satisfied_answers(4); },
       "survey.satisfied_answers[3]: duplicate 4"},
      {"rated_questions", [](P& p) { p.mutable_survey()->set_rated_questions(0); },
       "survey.rated_questions: must be between 1 and 100, got 0"},
  };
}

INSTANTIATE_TEST_SUITE_P(OneFieldAtATime, ValidatePolicyTest, ::testing::ValuesIn(BreakCases()),
                         [](const ::testing::TestParamInfo<BreakCase>& info) {
                           return info.param.name;
                         });

TEST(ValidatePolicyMessageTest, ReportsEveryProblemAtOnce) {
  Policy policy = Preset("haimen");
  policy.mutable_annual_rating()->set_cap_percent(150);
  policy.mutable_survey()->set_min_responses(0);
  absl::Status status = ValidatePolicy(policy);
  EXPECT_EQ(status.message(),
            "policy \"haimen\": annual_rating.cap_percent: must be between 1 and 100, got 150; "
            "survey.min_responses: must be greater than 0, got 0");
}

TEST(ValidatePolicyMessageTest, EmptyPolicyFails) {
  absl::Status status = ValidatePolicy(Policy());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              ::testing::StartsWith("policy \"\": jurisdiction: must be set"));
}

// ---------------------------------------------------------------------------------------------
// Parsing.

TEST(ParsePolicyTest, SyntaxErrorReportsLineAndColumn) {
  const std::string text =
      "jurisdiction: \"wenjiang\"\n"
      "display_name: \"x\"\n"
      "training { pre_job_min_days: fifteen }\n";
  absl::StatusOr<Policy> policy = ParsePolicy(text, "broken.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("broken.textproto:3:30: "));
}

TEST(ParsePolicyTest, UnknownFieldReportsLine) {
  std::string text = PresetText("wenjiang.textproto");
  text = absl::StrReplaceAll(text, {{"  min_responses: 30\n", "  min_response: 30\n"}});
  absl::StatusOr<Policy> policy = ParsePolicy(text, "wenjiang.textproto");
  ASSERT_FALSE(policy.ok());
  int line = 1;
  for (size_t i = 0; i < text.find("min_response: 30"); ++i) {
    line += text[i] == '\n';
  }
  EXPECT_THAT(std::string(policy.status().message()),
              HasSubstr("wenjiang.textproto:" + std::to_string(line) + ":"));
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("min_response"));
}

TEST(ParsePolicyTest, ValidationErrorNamesSourceAndPath) {
  std::string text = PresetText("haimen.textproto");
  const std::string edited =
      absl::StrReplaceAll(text, {{"cap_percent: 15\n", "cap_percent: 150\n"}});
  ASSERT_NE(edited, text);
  absl::StatusOr<Policy> policy = ParsePolicy(edited, "haimen.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(policy.status().message(),
            "haimen.textproto: policy \"haimen\": annual_rating.cap_percent: must be between 1 "
            "and 100, got 150");
}

TEST(ParsePolicyTest, RepeatedSingularFieldIsAnError) {
  std::string text = PresetText("wenjiang.textproto");
  text += "jurisdiction: \"haimen\"\n";
  absl::StatusOr<Policy> policy = ParsePolicy(text, "twice.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("twice.textproto:"));
}

// ---------------------------------------------------------------------------------------------
// LoadDirectory.

TEST(LoadDirectoryTest, LoadsEveryPresetFromDisk) {
  std::filesystem::path dir = FreshDir("all");
  for (const auto& file : presets::Files()) {
    WriteFile(dir / file.name, file.content);
  }
  WriteFile(dir / "README.md", "not a policy");
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->Jurisdictions(), Presets().Jurisdictions());
  for (const std::string& jurisdiction : set->Jurisdictions()) {
    EXPECT_TRUE(MessageDifferencer::Equals(*set->Find(jurisdiction), Preset(jurisdiction)))
        << jurisdiction;
  }
}

TEST(LoadDirectoryTest, FileNameMustMatchJurisdiction) {
  std::filesystem::path dir = FreshDir("mismatch");
  WriteFile(dir / "wenjiang.textproto", PresetText("wenjiang.textproto"));
  WriteFile(dir / "chengdu.textproto", PresetText("haimen.textproto"));
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("chengdu.textproto"));
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("\"haimen\""));
}

TEST(LoadDirectoryTest, BrokenFileIsNamedWithItsLine) {
  std::filesystem::path dir = FreshDir("broken");
  WriteFile(dir / "wenjiang.textproto", PresetText("wenjiang.textproto"));
  WriteFile(dir / "shanxi.textproto", "jurisdiction: \"shanxi\"\n\npermit {\n");
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("shanxi.textproto:4:"));
}

TEST(LoadDirectoryTest, InvalidPolicyInDirectoryNamesFileAndField) {
  std::filesystem::path dir = FreshDir("invalid");
  WriteFile(dir / "longquan.textproto",
            absl::StrReplaceAll(PresetText("longquan.textproto"),
                                {{"small_unit_top_count: 1\n", "small_unit_top_count: 0\n"}}));
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(std::string(set.status().message()),
              HasSubstr("longquan.textproto: policy \"longquan\": "
                        "annual_rating.small_unit_top_count: must be greater than 0"));
}

TEST(LoadDirectoryTest, EmptyOrMissingDirectoryIsNotFound) {
  std::filesystem::path dir = FreshDir("empty");
  WriteFile(dir / "notes.txt", "x");
  EXPECT_EQ(PolicySet::LoadDirectory(dir.string()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(PolicySet::LoadDirectory((dir / "nope").string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(PolicySetTest, AddRejectsDuplicatesAndInvalid) {
  PolicySet set;
  EXPECT_TRUE(set.Add(Preset("haimen")).ok());
  EXPECT_EQ(set.Add(Preset("haimen")).code(), absl::StatusCode::kAlreadyExists);
  Policy bad = Preset("shanxi");
  bad.mutable_permit()->set_badge_serial_digits(0);
  EXPECT_EQ(set.Add(bad).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(set.Jurisdictions(), ElementsAre("haimen"));
}

// ---------------------------------------------------------------------------------------------
// Queries.

TEST(PolicyQueriesTest, EducationRank) {
  EXPECT_EQ(EducationRank(EDUCATION_UNSPECIFIED), 0);
  EXPECT_EQ(EducationRank(static_cast<auxpro::common::v1::Education>(99)), 0);
  EXPECT_LT(EducationRank(JUNIOR_HIGH), EducationRank(HIGH_SCHOOL));
  EXPECT_EQ(EducationRank(HIGH_SCHOOL), EducationRank(VOCATIONAL_SECONDARY));
  EXPECT_LT(EducationRank(VOCATIONAL_SECONDARY), EducationRank(JUNIOR_COLLEGE));
  EXPECT_LT(EducationRank(JUNIOR_COLLEGE), EducationRank(BACHELOR));
  EXPECT_LT(EducationRank(BACHELOR), EducationRank(POSTGRADUATE));
  EXPECT_GT(EducationRank(JUNIOR_HIGH), 0);
}

TEST(PolicyQueriesTest, MeetsMinEducation) {
  EXPECT_TRUE(MeetsMinEducation(VOCATIONAL_SECONDARY, HIGH_SCHOOL));  // 中专 counts as 高中
  EXPECT_TRUE(MeetsMinEducation(HIGH_SCHOOL, VOCATIONAL_SECONDARY));
  EXPECT_FALSE(MeetsMinEducation(HIGH_SCHOOL, JUNIOR_COLLEGE));
  EXPECT_TRUE(MeetsMinEducation(POSTGRADUATE, BACHELOR));
  EXPECT_TRUE(MeetsMinEducation(JUNIOR_HIGH, EDUCATION_UNSPECIFIED));
  EXPECT_FALSE(MeetsMinEducation(EDUCATION_UNSPECIFIED, JUNIOR_HIGH));
}

TEST(PolicyQueriesTest, FindLevelAndRule) {
  const Policy& p = Preset("wenjiang");
  for (int level = 1; level <= 5; ++level) {
    const auto* found = FindLevel(p, level);
    ASSERT_NE(found, nullptr) << level;
    EXPECT_EQ(found->level(), level);
  }
  EXPECT_EQ(FindLevel(p, 0), nullptr);
  EXPECT_EQ(FindLevel(p, 6), nullptr);
  const PointRule* rule = FindPointRule(p, std::string_view("COMMENDATION_GOVERNMENT_CITY"));
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->amount(), 10);
  EXPECT_EQ(FindPointRule(p, "commendation_government_city"), nullptr);
  EXPECT_EQ(FindPointRule(p, ""), nullptr);
}

// DOMAIN.md section 7, example 4.
TEST(PolicyQueriesTest, AllowedTopGradesWorkedExamples) {
  const AnnualRating& longquan = Preset("longquan").annual_rating();
  EXPECT_EQ(AllowedTopGrades(longquan, 4), 1);
  EXPECT_EQ(AllowedTopGrades(longquan, 1), 1);
  EXPECT_EQ(AllowedTopGrades(longquan, 5), 1);   // 1.0
  EXPECT_EQ(AllowedTopGrades(longquan, 12), 2);  // 2.4
  EXPECT_EQ(AllowedTopGrades(longquan, 13), 3);  // 2.6
  EXPECT_EQ(AllowedTopGrades(longquan, 0), 0);
  const AnnualRating& haimen = Preset("haimen").annual_rating();
  EXPECT_EQ(AllowedTopGrades(haimen, 20), 3);
  EXPECT_EQ(AllowedTopGrades(haimen, 6), 0);   // 0.9
  EXPECT_EQ(AllowedTopGrades(haimen, 13), 1);  // 1.95
  const AnnualRating& wenjiang = Preset("wenjiang").annual_rating();
  EXPECT_EQ(AllowedTopGrades(wenjiang, 7), 7);
}

TEST(PolicyQueriesTest, HalfUpRoundsExactHalvesUp) {
  AnnualRating rating;
  rating.set_cap_percent(25);
  rating.set_cap_rounding(AnnualRating::HALF_UP);
  EXPECT_EQ(AllowedTopGrades(rating, 2), 1);  // 0.5 -> 1
  EXPECT_EQ(AllowedTopGrades(rating, 6), 2);  // 1.5 -> 2
  rating.set_cap_rounding(AnnualRating::FLOOR);
  EXPECT_EQ(AllowedTopGrades(rating, 6), 1);
}

}  // namespace
}  // namespace auxpro::policy
