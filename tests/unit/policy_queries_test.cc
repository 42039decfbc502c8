#include "libs/policy/policy_queries.h"

#include <string_view>

#include "gtest/gtest.h"
#include "libs/policy/testing/policy_test_util.h"

// policy_queries.cc.

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
using testutil::Preset;

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
