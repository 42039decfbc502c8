// Unit tests of services/points/ledger_rules: one test per rule of DOMAIN.md section 4 (wenjiang
// appendix C), with worked examples 2, 3 and 6 of section 7. The policy is the wenjiang preset,
// so the tests also pin the preset's catalogue.
#include <gtest/gtest.h>

#include <vector>

#include "libs/common/errors.h"
#include "libs/policy/policy_set.h"
#include "services/points/ledger_rules.h"

namespace auxpro::points {
namespace {

using common::v1::CommendationBody;
using common::v1::CommendationLevel;

const policy::v1::Points& Wenjiang() {
  static const policy::PolicySet* set = new policy::PolicySet(*policy::PolicySet::LoadEmbedded());
  return set->Find("wenjiang")->points();
}

v1::Commendation Of(CommendationBody body, CommendationLevel level, bool own = true,
                    const std::string& matter = "deed-1") {
  v1::Commendation c;
  c.set_body(body);
  c.set_level(level);
  c.set_in_own_name(own);
  c.set_matter_id(matter);
  c.set_reason("r");
  return c;
}

// Posts a commendation against a running matter, as the store would count it.
struct Matter {
  MatterFacts facts;
  int Post(const policy::v1::Points& points, const v1::Commendation& c) {
    Posting p = DecideCommendation(points, c, facts);
    facts.posted_sum += p.amount;
    if (p.not_counted == v1::NOT_COUNTED_UNSPECIFIED ||
        p.not_counted == v1::MATTER_ALREADY_COUNTED) {
      facts.highest_rule_amount = std::max(facts.highest_rule_amount, p.rule_amount);
    }
    return p.amount;
  }
};

TEST(PointsRules, CommendationAmountsByBodyAndLevel) {
  struct Want {
    CommendationBody body;
    CommendationLevel level;
    int amount;
  };
  for (const Want& w : std::vector<Want>{{common::v1::PARTY_GOVERNMENT, common::v1::DISTRICT, 5},
                                         {common::v1::PARTY_GOVERNMENT, common::v1::CITY, 10},
                                         {common::v1::PARTY_GOVERNMENT, common::v1::PROVINCE, 15},
                                         {common::v1::PARTY_GOVERNMENT, common::v1::NATIONAL, 20},
                                         {common::v1::GENERAL_OFFICE, common::v1::DISTRICT, 3},
                                         {common::v1::GENERAL_OFFICE, common::v1::CITY, 5},
                                         {common::v1::GENERAL_OFFICE, common::v1::PROVINCE, 10},
                                         {common::v1::GENERAL_OFFICE, common::v1::NATIONAL, 15},
                                         {common::v1::DEPARTMENT, common::v1::PROVINCE, 5},
                                         {common::v1::DEPARTMENT, common::v1::NATIONAL, 10}}) {
    Posting p = DecideCommendation(Wenjiang(), Of(w.body, w.level), {});
    EXPECT_EQ(p.amount, w.amount) << w.body << "/" << w.level;
    EXPECT_EQ(p.not_counted, v1::NOT_COUNTED_UNSPECIFIED);
    EXPECT_EQ(p.kind, v1::COMMENDATION);
  }
}

TEST(PointsRules, OnlyPersonalCommendationsAtDistrictLevelOrAboveCount) {
  Posting collective =
      DecideCommendation(Wenjiang(), Of(common::v1::PARTY_GOVERNMENT, common::v1::CITY, false), {});
  EXPECT_EQ(collective.amount, 0);
  EXPECT_EQ(collective.not_counted, v1::NOT_IN_OWN_NAME);
  Posting street = DecideCommendation(
      Wenjiang(), Of(common::v1::PARTY_GOVERNMENT, common::v1::BELOW_DISTRICT), {});
  EXPECT_EQ(street.amount, 0);
  EXPECT_EQ(street.not_counted, v1::NO_RULE_FOR_BODY_AND_LEVEL);
  // C.1 d) pays departments from provincial level only.
  Posting district_department =
      DecideCommendation(Wenjiang(), Of(common::v1::DEPARTMENT, common::v1::CITY), {});
  EXPECT_EQ(district_department.amount, 0);
  EXPECT_EQ(district_department.not_counted, v1::NO_RULE_FOR_BODY_AND_LEVEL);
}

// DOMAIN.md 7, example 2: city government (+10) then provincial department (+5) for one deed →
// +10; then provincial government (+15) → +5 more, +15 in all.
TEST(PointsRules, SameMatterHighestOnceWorkedExample2) {
  Matter m;
  EXPECT_EQ(m.Post(Wenjiang(), Of(common::v1::PARTY_GOVERNMENT, common::v1::CITY)), 10);
  EXPECT_EQ(m.Post(Wenjiang(), Of(common::v1::DEPARTMENT, common::v1::PROVINCE)), 0);
  EXPECT_EQ(m.facts.posted_sum, 10);
  EXPECT_EQ(m.Post(Wenjiang(), Of(common::v1::PARTY_GOVERNMENT, common::v1::PROVINCE)), 5);
  EXPECT_EQ(m.facts.posted_sum, 15);
  Posting equal = DecideCommendation(
      Wenjiang(), Of(common::v1::PARTY_GOVERNMENT, common::v1::PROVINCE), m.facts);
  EXPECT_EQ(equal.amount, 0);
  EXPECT_EQ(equal.not_counted, v1::MATTER_ALREADY_COUNTED);
}

TEST(PointsRules, SameMatterWithinEachBodyWhenThePolicySaysSo) {
  policy::v1::Points points = Wenjiang();
  points.set_highest_once_across_bodies(false);
  EXPECT_NE(MatterGroupOf(points, common::v1::PARTY_GOVERNMENT),
            MatterGroupOf(points, common::v1::DEPARTMENT));
  EXPECT_EQ(MatterGroupOf(Wenjiang(), common::v1::PARTY_GOVERNMENT),
            MatterGroupOf(Wenjiang(), common::v1::DEPARTMENT));
}

TEST(PointsRules, BreachAmountChosenWithinTheRange) {
  auto ok = DecideBreach(Wenjiang(), "BREACH_MEDIA_EXPOSURE", -10);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->amount, -10);
  EXPECT_EQ(ok->kind, v1::BREACH);
  EXPECT_TRUE(DecideBreach(Wenjiang(), "BREACH_DISCIPLINE", -1).ok());
  EXPECT_TRUE(DecideBreach(Wenjiang(), "BREACH_DISCIPLINE", -20).ok());
  for (int bad : {0, 3, -21}) {
    auto s = DecideBreach(Wenjiang(), "BREACH_DISCIPLINE", bad).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ErrorInfoOf(s)->reason, "AMOUNT_NOT_ALLOWED") << bad;
    EXPECT_NE(s.message().find("BREACH_DISCIPLINE"), std::string::npos) << s.message();
  }
  for (const char* code :
       {"NO_SUCH_RULE", "COMMENDATION_GOVERNMENT_CITY", "NO_TOP_GRADE_3_YEARS"}) {
    auto s = DecideBreach(Wenjiang(), code, -5).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(ErrorInfoOf(s)->reason, "UNKNOWN_RULE") << code;
  }
}

// Found by fuzz_points_requests (tests/fuzz/regressions/points_requests/long_rule_code): a 3000
// character rule_code came back whole in the message and in the ErrorInfo details.
TEST(PointsRules, AnUnknownRuleCodeIsQuotedShortly) {
  const std::string code(3000, 'B');
  auto s = DecideBreach(Wenjiang(), code, -5).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_LT(s.message().size(), 200u) << s.message();
  EXPECT_NE(s.message().find("rule_code: \"BBBB"), std::string::npos) << s.message();
  ASSERT_TRUE(ErrorInfoOf(s).has_value());
  EXPECT_EQ(ErrorInfoOf(s)->reason, "UNKNOWN_RULE");
  EXPECT_LT(ErrorInfoOf(s)->metadata.at("rule_code").size(), 120u);
  EXPECT_EQ(ErrorInfoOf(DecideBreach(Wenjiang(), "NO_SUCH_RULE", -5).status())->metadata.at(
                "rule_code"),
            "NO_SUCH_RULE");
}

TEST(PointsRules, ReversalPostsTheOppositeAmountOnce) {
  auto r = DecideReversal({"e/1", v1::BREACH, "BREACH_DISCIPLINE", -7, "", ""});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->amount, 7);
  EXPECT_EQ(r->kind, v1::REVERSAL);
  auto twice = DecideReversal({"e/1", v1::BREACH, "BREACH_DISCIPLINE", -7, "", "e/2"}).status();
  EXPECT_EQ(twice.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorInfoOf(twice)->reason, "ALREADY_REVERSED");
  for (v1::EntryKind kind : {v1::REVERSAL, v1::CLOSING}) {
    auto s = DecideReversal({"e/3", kind, "X", 7, "", ""}).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ErrorInfoOf(s)->reason, "REVERSAL_NOT_REVERSIBLE");
  }
}

// DOMAIN.md 7, example 3: a level-3 auxiliary gets −8 (three years without a top grade) and −10
// (media exposure): level points −18, demotion due; after demotion (to level 4) 0: not due.
TEST(PointsRules, DemotionDueWorkedExample3) {
  std::vector<AnnualPosting> run = DecideAnnualRatings(
      Wenjiang(), {{2023, false, 3}, {2024, false, 3}, {2025, false, 3}}, {}, {});
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].posting.amount, -8);
  auto media = DecideBreach(Wenjiang(), "BREACH_MEDIA_EXPOSURE", -10);
  ASSERT_TRUE(media.ok());
  const int level_points = run[0].posting.amount + media->amount;
  EXPECT_EQ(level_points, -18);
  EXPECT_TRUE(DemotionDue(Wenjiang(), 3, level_points));
  EXPECT_FALSE(DemotionDue(Wenjiang(), 4, 0));
  EXPECT_TRUE(DemotionDue(Wenjiang(), 4, -15));
  EXPECT_FALSE(DemotionDue(Wenjiang(), 5, -18));  // level 5 is below demotion_from_level
  EXPECT_FALSE(DemotionDue(Wenjiang(), 3, -14));
}

TEST(PointsRules, PromotionFromFifteenLevelPoints) {
  EXPECT_TRUE(PromotionMayBeApplied(Wenjiang(), 15));
  EXPECT_FALSE(PromotionMayBeApplied(Wenjiang(), 14));
}

TEST(PointsRules, AnnualTopGradeOncePerYear) {
  auto first = DecideAnnualRatings(Wenjiang(), {{2025, true, 5}}, {}, {});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].posting.amount, 5);
  EXPECT_EQ(first[0].posting.kind, v1::ANNUAL_TOP_GRADE);
  EXPECT_TRUE(DecideAnnualRatings(Wenjiang(), {{2025, true, 5}}, {2025}, {}).empty());
}

TEST(PointsRules, ThreeYearsWithoutTopGradeRestartsAfterEachDeduction) {
  std::vector<RatingYear> six;
  for (int y = 2020; y < 2026; ++y) six.push_back({y, false, 4});
  auto out = DecideAnnualRatings(Wenjiang(), six, {}, {});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].year, 2022);
  EXPECT_EQ(out[1].year, 2025);
  // Already posted: nothing again, whatever the order of arrival.
  EXPECT_TRUE(DecideAnnualRatings(Wenjiang(), six, {}, {2022, 2025}).empty());
  // A top grade, a lower level or a gap ends the run.
  EXPECT_TRUE(
      DecideAnnualRatings(Wenjiang(), {{2020, false, 4}, {2021, true, 4}, {2022, false, 4}}, {}, {})
          .size() == 1);  // only the +5
  EXPECT_TRUE(DecideAnnualRatings(Wenjiang(),
                                  {{2020, false, 5}, {2021, false, 5}, {2022, false, 5}}, {}, {})
                  .empty());
  EXPECT_TRUE(DecideAnnualRatings(Wenjiang(),
                                  {{2019, false, 4}, {2021, false, 4}, {2022, false, 4}}, {}, {})
                  .empty());
  // A late earlier year does not cost a second deduction for an overlapping run.
  EXPECT_TRUE(
      DecideAnnualRatings(Wenjiang(),
                          {{2021, false, 4}, {2022, false, 4}, {2023, false, 4}, {2024, false, 4}},
                          {}, {2024})
          .empty());
}

// DOMAIN.md 7, example 6 (the points part): exit clears the balance with one closing entry.
TEST(PointsRules, ExitClosingEntryWorkedExample6) {
  Posting closing = DecideClosing(23);
  EXPECT_EQ(closing.kind, v1::CLOSING);
  EXPECT_EQ(closing.amount, -23);
  EXPECT_EQ(23 + closing.amount, 0);
  EXPECT_EQ(DecideClosing(-4).amount, 4);
}

}  // namespace
}  // namespace auxpro::points
