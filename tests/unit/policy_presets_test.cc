#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "libs/policy/policy_queries.h"
#include "libs/policy/testing/policy_test_util.h"

// The values of the presets compiled in from policies/*.textproto.

namespace auxpro::policy {
namespace {

using auxpro::common::v1::BACHELOR;
using auxpro::common::v1::EDUCATION_UNSPECIFIED;
using auxpro::common::v1::HIGH_SCHOOL;
using auxpro::common::v1::JUNIOR_COLLEGE;
using auxpro::policy::v1::AnnualRating;
using auxpro::policy::v1::PointRule;
using auxpro::policy::v1::Policy;
using auxpro::policy::v1::Probation;
using google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using testutil::Preset;
using testutil::Presets;

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
                policy->has_daily_management() && policy->has_employment() &&
                policy->has_assessment() && policy->has_annual_rating() && policy->has_points() &&
                policy->has_grading() && policy->has_survey())
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
  EXPECT_EQ(p.recruitment().min_education_former_auxiliary(), auxpro::common::v1::JUNIOR_HIGH);
  // Annex 2 items 二 and 六: nationality, discipline, criminal, the catch-alls.
  EXPECT_EQ(p.recruitment().disqualifier_rules_size(), 8);
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
  EXPECT_TRUE(p.recruitment().max_age_first_hire_only());
  // Art. 13 (一)-(七), with (二) and (五) each covering more than one finding.
  EXPECT_EQ(p.recruitment().disqualifier_rules_size(), 11);
  EXPECT_EQ(p.assessment().failed_training_retakes(), 1u);  // art. 24(7)
}

TEST(PolicyPresetsTest, EveryPresetCarriesTheLeaveTiersAndTheSatisfactionMark) {
  for (const char* j : {"wenjiang", "haimen", "longquan", "template", "shanxi"}) {
    const auto& a = Preset(j).assessment();
    ASSERT_EQ(a.leave_approval_size(), 3) << j;
    EXPECT_EQ(a.leave_approval(0).max_days(), 1u) << j;
    EXPECT_EQ(a.leave_approval(0).approver_level(), "UNIT_LEADER") << j;
    EXPECT_EQ(a.leave_approval(1).max_days(), 3u) << j;
    EXPECT_EQ(a.leave_approval(1).approver_level(), "DEPUTY_DIRECTOR") << j;
    EXPECT_EQ(a.leave_approval(2).max_days(), 0u) << j;
    EXPECT_EQ(a.leave_approval(2).approver_level(), "DIRECTOR") << j;
    EXPECT_EQ(a.satisfaction_pass_percent(), 80u) << j;
    EXPECT_EQ(a.failed_training_retakes(), std::string(j) == "shanxi" ? 1u : 0u) << j;
  }
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

}  // namespace
}  // namespace auxpro::policy
