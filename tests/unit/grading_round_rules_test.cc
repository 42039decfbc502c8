// The round's rules without a database (services/grading/round_rules): who of a page of persons
// is PROMOTION_ELIGIBLE (the check of the next level up passes) and who is DEMOTION_DUE (level 4
// or above with level points <= -15, wenjiang 8.5 and DOMAIN.md section 4), each with the check.
#include <gtest/gtest.h>

#include "libs/policy/policy_set.h"
#include "services/grading/round_rules.h"
#include "tests/unit/grading_example1_facts.h"

namespace auxpro::grading {
namespace {

const policy::v1::Policy& Wenjiang() {
  static const policy::PolicySet* set = new policy::PolicySet(*policy::PolicySet::LoadEmbedded());
  return *set->Find("wenjiang");
}

// DOMAIN.md 7 example 1 at `level` with `level_points`.
RoundCandidate Example1(int level, int level_points) {
  RoundCandidate c;
  c.facts = testing::Example1Facts(level, level_points);
  return c;
}

TEST(GradingRoundRules, Example1AtLevel5With15PointsIsPromotionEligibleForLevel4) {
  const auto entries = RoundEntriesOf(Wenjiang(), Example1(5, 15), v1::ROUND_ENTRY_KIND_UNSPECIFIED);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind(), v1::PROMOTION_ELIGIBLE);
  EXPECT_EQ(entries[0].current_level(), 5);
  EXPECT_EQ(entries[0].target_level(), 4);
  EXPECT_TRUE(entries[0].check().passed());
  EXPECT_EQ(entries[0].check().target_level(), 4);
}

TEST(GradingRoundRules, AFailingCheckIsNotListed) {
  // At level 4 the level-3 check fails on level points (0) and satisfaction (83 < 85).
  EXPECT_TRUE(RoundEntriesOf(Wenjiang(), Example1(4, 0), v1::ROUND_ENTRY_KIND_UNSPECIFIED).empty());
  // A service that did not answer: its rows are UNAVAILABLE, nobody is listed on a default.
  RoundCandidate c = Example1(5, 15);
  c.facts.satisfaction.status = absl::UnavailableError("survey down");
  EXPECT_TRUE(RoundEntriesOf(Wenjiang(), c, v1::ROUND_ENTRY_KIND_UNSPECIFIED).empty());
}

// Example 3: a level-3 auxiliary at -18 is due for demotion to level 4; -15 is due (以下 includes
// the number), -14 is not; level 5 is below demotion_from_level 4 and never due.
TEST(GradingRoundRules, DemotionDueAtLevel4OrAboveWithLevelPointsAtOrBelowTheThreshold) {
  const auto due = RoundEntriesOf(Wenjiang(), Example1(3, -18), v1::ROUND_ENTRY_KIND_UNSPECIFIED);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind(), v1::DEMOTION_DUE);
  EXPECT_EQ(due[0].target_level(), 4);
  EXPECT_EQ(due[0].level_points(), -18);
  EXPECT_EQ(due[0].demotion_threshold(), -15);
  EXPECT_EQ(due[0].check().target_level(), 2);  // the check of the next level up
  const auto& points = Wenjiang().points();
  points::v1::PointBalance b;
  b.set_level(4);
  b.set_level_points(-15);
  EXPECT_TRUE(DemotionDue(points, 4, b));
  b.set_level_points(-14);
  EXPECT_FALSE(DemotionDue(points, 4, b));
  b.set_level(5);
  b.set_level_points(-30);
  EXPECT_FALSE(DemotionDue(points, 5, b));
  // The points service's period not yet at the level held: not due on it.
  b.set_level(4);
  EXPECT_FALSE(DemotionDue(points, 3, b));
  // At level 1 the check behind the entry is that of the level held.
  const auto top = RoundEntriesOf(Wenjiang(), Example1(1, -20), v1::ROUND_ENTRY_KIND_UNSPECIFIED);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].kind(), v1::DEMOTION_DUE);
  EXPECT_EQ(top[0].check().target_level(), 1);
}

TEST(GradingRoundRules, KindKeepsOneKind) {
  EXPECT_TRUE(RoundEntriesOf(Wenjiang(), Example1(3, -18), v1::PROMOTION_ELIGIBLE).empty());
  EXPECT_EQ(RoundEntriesOf(Wenjiang(), Example1(3, -18), v1::DEMOTION_DUE).size(), 1u);
  EXPECT_TRUE(RoundEntriesOf(Wenjiang(), Example1(5, 15), v1::DEMOTION_DUE).empty());
}

TEST(GradingRoundRules, APersonWithoutALevelIsEligibleForTheEntryLevel) {
  RoundCandidate c = Example1(0, 0);
  const auto entries = RoundEntriesOf(Wenjiang(), c, v1::ROUND_ENTRY_KIND_UNSPECIFIED);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].target_level(), 5);
  c.facts.person_record.value.mutable_birth_date()->set_year(1970);  // 56 > 45
  EXPECT_TRUE(RoundEntriesOf(Wenjiang(), c, v1::ROUND_ENTRY_KIND_UNSPECIFIED).empty());
}

}  // namespace
}  // namespace auxpro::grading
