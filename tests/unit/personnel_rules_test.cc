// Unit tests of the personnel service's *_rules: one test per rule of DOMAIN.md sections 1, 2
// and 7 (worked example 6 for badge numbers). Policies are built in code with only the fields a
// test needs, so the tests do not depend on the preset files' exact contents.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "libs/common/national_id.h"
#include "services/personnel/agreements_rules.h"
#include "services/personnel/employment_rules.h"
#include "services/personnel/organisation_rules.h"
#include "services/personnel/permits_rules.h"
#include "services/personnel/recruitment_rules.h"
#include "services/personnel/training_rules.h"

namespace auxpro {
// Readable failure output for gtest.
void PrintTo(const RuleFailure& f, std::ostream* os) {
  *os << "{" << f.condition << ": " << f.reason << "}";
}
}  // namespace auxpro

namespace auxpro::personnel {
namespace {

using common::v1::Disqualifier;
using common::v1::Education;
using policy::v1::Policy;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr CivilDate kHire{2026, 3, 1};
// A team where one more woman keeps the share under 15 % (1 of 101).
constexpr TeamComposition kBigTeam{100, 0};

// ---------------------------------------------------------------------- policies in code

Policy Wenjiang() {
  Policy p;
  p.set_jurisdiction("wenjiang");
  auto* r = p.mutable_recruitment();
  r->mutable_age()->set_max_years(45);
  r->set_min_education(common::v1::HIGH_SCHOOL);
  r->add_disqualifiers(common::v1::DISHONEST_PERSON_LIST);
  r->add_disqualifiers(common::v1::PRIOR_VIOLATION);
  p.mutable_probation()->set_kind(policy::v1::Probation::UNTIL_FIRST_CENTRALIZED_ASSESSMENT);
  auto* t = p.mutable_training();
  t->set_pre_job_min_days(15);
  t->set_annual_min_days(5);
  t->set_annual_coverage_percent(100);
  t->set_weekly_drill_min_hours(1);
  p.mutable_exit()->add_checklist("equipment_returned");
  p.mutable_exit()->add_checklist("uniform_returned");
  p.mutable_exit()->add_checklist("archive_transferred");
  return p;
}

Policy Haimen() {
  Policy p;
  p.set_jurisdiction("haimen");
  auto* r = p.mutable_recruitment();
  r->mutable_age()->set_min_years(18);
  r->mutable_age()->set_max_years(40);
  r->mutable_age_relaxed()->set_max_years(45);  // min inherits 18
  r->set_relaxation_for_former_auxiliaries(true);
  r->set_min_education(common::v1::HIGH_SCHOOL);
  r->set_min_education_veteran(common::v1::JUNIOR_HIGH);
  r->set_min_education_party_member(common::v1::JUNIOR_HIGH);
  r->add_disqualifiers(common::v1::UNFINISHED_DISCIPLINE);
  r->add_disqualifiers(common::v1::CRIMINAL_CASE_PENDING);
  return p;
}

Policy Longquan() {
  Policy p;
  p.set_jurisdiction("longquan");
  auto* r = p.mutable_recruitment();
  r->mutable_age_male()->set_max_years(45);
  r->mutable_age_female()->set_max_years(40);
  r->add_disqualifiers(common::v1::CRIMINAL_RECORD);
  r->set_max_female_percent(15);
  r->set_retirement_age_male(60);
  r->set_retirement_age_female(50);
  p.mutable_probation()->set_kind(policy::v1::Probation::MONTHS);
  p.mutable_probation()->set_months(3);
  p.mutable_headcount()->set_ratio_to_established_staff_percent(100);
  auto* d = p.mutable_daily_management();
  d->set_unexcused_absences_per_year(3);
  d->set_disciplinary_notices_per_year(3);
  d->set_months_unable_to_work(3);
  return p;
}

Policy Shanxi() {
  Policy p;
  p.set_jurisdiction("shanxi");
  auto* r = p.mutable_recruitment();
  r->mutable_age()->set_min_years(18);
  r->mutable_age()->set_max_years(40);
  r->set_min_education(common::v1::JUNIOR_COLLEGE);
  r->set_min_education_veteran(common::v1::HIGH_SCHOOL);
  for (Disqualifier d : {common::v1::CRIMINAL_RECORD, common::v1::CRIMINAL_CASE_PENDING,
                         common::v1::DETENTION_OR_DRUGS, common::v1::DISMISSED_FROM_PUBLIC_BODY,
                         common::v1::CULT_PARTICIPATION, common::v1::BAD_CREDIT,
                         common::v1::DISMISSED_AS_AUXILIARY}) {
    r->add_disqualifiers(d);
  }
  auto* t = p.mutable_training();
  t->set_pre_job_min_days(15);
  t->set_annual_min_days(5);
  t->set_annual_coverage_percent(100);
  auto* permit = p.mutable_permit();
  permit->set_badge_prefix("XG");
  permit->set_badge_region_code("14");
  permit->set_badge_serial_digits(4);
  permit->set_require_pre_job_training(true);
  return p;
}

policy::v1::Probation TemplateProbation() {
  policy::v1::Probation p;
  p.set_kind(policy::v1::Probation::MONTHS);
  p.set_months(1);
  return p;
}

// A candidate of the given age on kHire (birthday on 1 March).
Candidate AgedOnHire(int age, common::v1::Gender gender = common::v1::MALE,
                     Education education = common::v1::JUNIOR_COLLEGE) {
  Candidate c;
  c.birth_date = {kHire.year - age, 3, 1};
  c.gender = gender;
  c.education = education;
  return c;
}

std::vector<std::string> Conditions(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& f : d.failures) {
    out.push_back(f.condition);
  }
  return out;
}

TrainingRecord Record(TrainingKind kind, CivilDate start, double days, bool passed,
                      double hours = 0) {
  return {kind, start, days, hours, passed};
}

// --------------------------------------------------------------- recruitment eligibility

TEST(RecruitmentEligibility, WenjiangAged45IsEligibleAnd46IsNot) {
  EXPECT_TRUE(CheckEligibility(Wenjiang(), AgedOnHire(45), kHire, {}).ok());
  const Decision d = CheckEligibility(Wenjiang(), AgedOnHire(46), kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0], (RuleFailure{"age", "age 46 on 2026-03-01 is above the maximum 45"}));
}

TEST(RecruitmentEligibility, WenjiangHighSchoolAndVocationalSecondaryRankEqual) {
  EXPECT_TRUE(CheckEligibility(Wenjiang(),
                               AgedOnHire(30, common::v1::MALE, common::v1::HIGH_SCHOOL), kHire, {})
                  .ok());
  EXPECT_TRUE(CheckEligibility(Wenjiang(),
                               AgedOnHire(30, common::v1::MALE, common::v1::VOCATIONAL_SECONDARY),
                               kHire, {})
                  .ok());
  const Decision d = CheckEligibility(
      Wenjiang(), AgedOnHire(30, common::v1::MALE, common::v1::JUNIOR_HIGH), kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0],
            (RuleFailure{"education", "education JUNIOR_HIGH is below the minimum HIGH_SCHOOL"}));
}

TEST(RecruitmentEligibility, WenjiangDishonestPersonListAndPriorViolationDisqualify) {
  Candidate c = AgedOnHire(30);
  c.findings = {common::v1::DISHONEST_PERSON_LIST, common::v1::PRIOR_VIOLATION};
  const Decision d = CheckEligibility(Wenjiang(), c, kHire, {});
  EXPECT_THAT(Conditions(d),
              ElementsAre("disqualifier.dishonest_person_list", "disqualifier.prior_violation"));
  EXPECT_EQ(d.failures[0].reason,
            "background finding dishonest_person_list disqualifies a candidate in wenjiang");
}

TEST(RecruitmentEligibility, HaimenAgeIs18To40) {
  EXPECT_TRUE(CheckEligibility(Haimen(), AgedOnHire(18), kHire, {}).ok());
  EXPECT_TRUE(CheckEligibility(Haimen(), AgedOnHire(40), kHire, {}).ok());
  const Decision old = CheckEligibility(Haimen(), AgedOnHire(41), kHire, {});
  ASSERT_EQ(old.failures.size(), 1u);
  EXPECT_EQ(old.failures[0].reason, "age 41 on 2026-03-01 is above the maximum 40");
  const Decision young = CheckEligibility(Haimen(), AgedOnHire(17), kHire, {});
  ASSERT_EQ(young.failures.size(), 1u);
  EXPECT_EQ(young.failures[0],
            (RuleFailure{"age", "age 17 on 2026-03-01 is below the minimum 18"}));
}

TEST(RecruitmentEligibility, HaimenVeteranAged44IsEligible) {
  Candidate c = AgedOnHire(44);
  c.veteran = true;
  EXPECT_TRUE(CheckEligibility(Haimen(), c, kHire, {}).ok());
  c = AgedOnHire(46);
  c.veteran = true;
  const Decision d = CheckEligibility(Haimen(), c, kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0].reason, "age 46 on 2026-03-01 is above the maximum 45 for veterans");
  // The relaxation widens only: the minimum 18 still holds for a 17-year-old veteran.
  c = AgedOnHire(17);
  c.veteran = true;
  EXPECT_EQ(CheckEligibility(Haimen(), c, kHire, {}).failures.at(0).reason,
            "age 17 on 2026-03-01 is below the minimum 18 for veterans");
}

TEST(RecruitmentEligibility, HaimenFormerAuxiliaryAged45IsEligibleOnlyWhenPolicyRelaxes) {
  Candidate c = AgedOnHire(45);
  c.former_auxiliary = true;
  EXPECT_TRUE(CheckEligibility(Haimen(), c, kHire, {}).ok());
  Policy strict = Haimen();
  strict.mutable_recruitment()->set_relaxation_for_former_auxiliaries(false);
  const Decision d = CheckEligibility(strict, c, kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0].reason, "age 45 on 2026-03-01 is above the maximum 40");
}

TEST(RecruitmentEligibility, HaimenPartyMembersAndVeteransHaveRelaxedEducation) {
  Candidate c = AgedOnHire(30, common::v1::MALE, common::v1::JUNIOR_HIGH);
  const Decision plain = CheckEligibility(Haimen(), c, kHire, {});
  ASSERT_EQ(plain.failures.size(), 1u);
  EXPECT_EQ(plain.failures[0].reason, "education JUNIOR_HIGH is below the minimum HIGH_SCHOOL");
  c.party_member = true;
  EXPECT_TRUE(CheckEligibility(Haimen(), c, kHire, {}).ok());
  c.party_member = false;
  c.veteran = true;
  EXPECT_TRUE(CheckEligibility(Haimen(), c, kHire, {}).ok());
  c.education = common::v1::EDUCATION_UNSPECIFIED;
  EXPECT_EQ(CheckEligibility(Haimen(), c, kHire, {}).failures.at(0).reason,
            "education EDUCATION_UNSPECIFIED is below the minimum JUNIOR_HIGH for veterans");
}

TEST(RecruitmentEligibility, HaimenUnfinishedDisciplineAndCriminalCaseDisqualify) {
  Candidate c = AgedOnHire(30);
  // BAD_CREDIT is not a haimen disqualifier; a repeated finding is reported once.
  c.findings = {common::v1::BAD_CREDIT, common::v1::CRIMINAL_CASE_PENDING,
                common::v1::UNFINISHED_DISCIPLINE, common::v1::CRIMINAL_CASE_PENDING};
  const Decision d = CheckEligibility(Haimen(), c, kHire, {});
  EXPECT_THAT(Conditions(d), ElementsAre("disqualifier.criminal_case_pending",
                                         "disqualifier.unfinished_discipline"));
}

TEST(RecruitmentEligibility, LongquanMenUpTo45WomenUpTo40) {
  EXPECT_TRUE(CheckEligibility(Longquan(), AgedOnHire(45, common::v1::MALE), kHire, {}).ok());
  EXPECT_TRUE(
      CheckEligibility(Longquan(), AgedOnHire(40, common::v1::FEMALE), kHire, kBigTeam).ok());
  const Decision d =
      CheckEligibility(Longquan(), AgedOnHire(41, common::v1::FEMALE), kHire, kBigTeam);
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0],
            (RuleFailure{"age", "age 41 on 2026-03-01 is above the maximum 40 for women"}));
  EXPECT_EQ(CheckEligibility(Longquan(), AgedOnHire(46, common::v1::MALE), kHire, {})
                .failures.at(0)
                .reason,
            "age 46 on 2026-03-01 is above the maximum 45 for men");
}

TEST(RecruitmentEligibility, LongquanJuniorCollegePreferredNotRequired) {
  EXPECT_TRUE(CheckEligibility(Longquan(),
                               AgedOnHire(30, common::v1::MALE, common::v1::JUNIOR_HIGH), kHire, {})
                  .ok());
}

TEST(RecruitmentEligibility, LongquanCriminalRecordDisqualifies) {
  Candidate c = AgedOnHire(30);
  c.findings = {common::v1::CRIMINAL_RECORD};
  const Decision d = CheckEligibility(Longquan(), c, kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0],
            (RuleFailure{"disqualifier.criminal_record",
                         "background finding criminal_record disqualifies a candidate in "
                         "longquan"}));
}

TEST(RecruitmentEligibility, LongquanWomenAtMost15PercentOfTheWholeTeam) {
  const Candidate woman = AgedOnHire(30, common::v1::FEMALE);
  // 20 in the team, 2 women: after the hire 3 of 21 = 14.3 %.
  EXPECT_TRUE(CheckEligibility(Longquan(), woman, kHire, {20, 2}).ok());
  // Exactly 15 %: 2 of 19 before, 3 of 20 after.
  EXPECT_TRUE(CheckEligibility(Longquan(), woman, kHire, {19, 2}).ok());
  // 20 in the team, 3 women: after the hire 4 of 21 = 19.0 %.
  const Decision d = CheckEligibility(Longquan(), woman, kHire, {20, 3});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0],
            (RuleFailure{"female_share",
                         "hiring a woman would make women 4 of 21 (19.0%) of the team, above the "
                         "maximum 15%"}));
  // Hiring a man never breaks the women's share.
  EXPECT_TRUE(CheckEligibility(Longquan(), AgedOnHire(30, common::v1::MALE), kHire, {20, 10}).ok());
}

TEST(RecruitmentEligibility, LongquanRetirementAgeMen60Women50) {
  // Retirement alone, without an age maximum.
  Policy p = Longquan();
  p.mutable_recruitment()->clear_age_male();
  p.mutable_recruitment()->clear_age_female();
  EXPECT_TRUE(CheckEligibility(p, AgedOnHire(59, common::v1::MALE), kHire, {}).ok());
  EXPECT_EQ(
      CheckEligibility(p, AgedOnHire(60, common::v1::MALE), kHire, {}).failures,
      (std::vector<RuleFailure>{
          {"retirement_age", "age 60 on 2026-03-01 has reached the retirement age 60 for men"}}));
  EXPECT_TRUE(CheckEligibility(p, AgedOnHire(49, common::v1::FEMALE), kHire, kBigTeam).ok());
  EXPECT_EQ(
      CheckEligibility(p, AgedOnHire(50, common::v1::FEMALE), kHire, kBigTeam).failures,
      (std::vector<RuleFailure>{
          {"retirement_age", "age 50 on 2026-03-01 has reached the retirement age 50 for women"}}));
}

TEST(RecruitmentEligibility, LongquanMan60FailsBothAgeAndRetirement) {
  const Decision d = CheckEligibility(Longquan(), AgedOnHire(60, common::v1::MALE), kHire, {});
  EXPECT_THAT(Conditions(d), ElementsAre("age", "retirement_age"));
  EXPECT_EQ(d.Summary(),
            "age 60 on 2026-03-01 is above the maximum 45 for men; age 60 on 2026-03-01 has "
            "reached the retirement age 60 for men");
}

TEST(RecruitmentEligibility, ShanxiJuniorCollegeRequiredVeteransHighSchool) {
  const Decision d = CheckEligibility(
      Shanxi(), AgedOnHire(30, common::v1::MALE, common::v1::HIGH_SCHOOL), kHire, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0].reason, "education HIGH_SCHOOL is below the minimum JUNIOR_COLLEGE");
  Candidate veteran = AgedOnHire(30, common::v1::MALE, common::v1::VOCATIONAL_SECONDARY);
  veteran.veteran = true;
  EXPECT_TRUE(CheckEligibility(Shanxi(), veteran, kHire, {}).ok());
  // Party members are not relaxed in shanxi.
  Candidate member = AgedOnHire(30, common::v1::MALE, common::v1::HIGH_SCHOOL);
  member.party_member = true;
  EXPECT_TRUE(CheckEligibility(Shanxi(), member, kHire, {}).Failed("education"));
}

TEST(RecruitmentEligibility, ShanxiEveryListedFindingIsReported) {
  Candidate c = AgedOnHire(30);
  c.findings = {common::v1::CRIMINAL_RECORD,
                common::v1::DETENTION_OR_DRUGS,
                common::v1::DISMISSED_FROM_PUBLIC_BODY,
                common::v1::CULT_PARTICIPATION,
                common::v1::BAD_CREDIT,
                common::v1::DISMISSED_AS_AUXILIARY};
  EXPECT_THAT(
      Conditions(CheckEligibility(Shanxi(), c, kHire, {})),
      ElementsAre("disqualifier.criminal_record", "disqualifier.detention_or_drugs",
                  "disqualifier.dismissed_from_public_body", "disqualifier.cult_participation",
                  "disqualifier.bad_credit", "disqualifier.dismissed_as_auxiliary"));
}

TEST(RecruitmentEligibility, EveryFailedConditionIsReportedTogether) {
  // Shanxi: 41 years old, high school without being a veteran, criminal record.
  Candidate c = AgedOnHire(41, common::v1::MALE, common::v1::HIGH_SCHOOL);
  c.findings = {common::v1::CRIMINAL_RECORD};
  const Decision d = CheckEligibility(Shanxi(), c, kHire, {});
  EXPECT_FALSE(d.ok());
  EXPECT_EQ(d.failures,
            (std::vector<RuleFailure>{
                {"age", "age 41 on 2026-03-01 is above the maximum 40"},
                {"education", "education HIGH_SCHOOL is below the minimum JUNIOR_COLLEGE"},
                {"disqualifier.criminal_record",
                 "background finding criminal_record disqualifies a candidate in shanxi"}}));
  // Longquan: a 41-year-old woman with a criminal record in a team already at 15 % women.
  Candidate w = AgedOnHire(41, common::v1::FEMALE);
  w.findings = {common::v1::CRIMINAL_RECORD};
  EXPECT_THAT(Conditions(CheckEligibility(Longquan(), w, kHire, {20, 3})),
              ElementsAre("age", "disqualifier.criminal_record", "female_share"));
}

TEST(RecruitmentEligibility, InvalidBirthDateAndMissingGenderAreNamed) {
  Candidate c = AgedOnHire(30, common::v1::GENDER_UNSPECIFIED);
  c.birth_date = {1995, 2, 29};
  const Decision d = CheckEligibility(Longquan(), c, kHire, {});
  EXPECT_EQ(d.failures,
            (std::vector<RuleFailure>{
                {"gender",
                 "gender is not specified but the recruitment policy of longquan has rules by "
                 "gender"},
                {"birth_date", "birth date 1995-02-29 is not a valid calendar date"}}));
  Candidate unborn = AgedOnHire(30);
  unborn.birth_date = {2027, 1, 1};
  EXPECT_EQ(CheckEligibility(Wenjiang(), unborn, kHire, {}).failures.at(0).reason,
            "birth date 2027-01-01 is after the hire date 2026-03-01");
}

// ---------------------------------------------------------------------------- probation

TEST(Probation, LongquanThreeMonthsClampsToMonthEnd) {
  const Policy policy = Longquan();
  const auto& p = policy.probation();
  EXPECT_EQ(ProbationEnd(p, {2026, 1, 15}), (CivilDate{2026, 4, 15}));
  EXPECT_EQ(ProbationEnd(p, {2025, 11, 30}), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(ProbationEnd(p, {2027, 11, 30}), (CivilDate{2028, 2, 29}));
  EXPECT_EQ(ProbationEnd(p, {2026, 5, 31}), (CivilDate{2026, 8, 31}));
}

TEST(Probation, TemplateOneMonthClampsToMonthEnd) {
  EXPECT_EQ(ProbationEnd(TemplateProbation(), {2026, 1, 31}), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(ProbationEnd(TemplateProbation(), {2028, 1, 31}), (CivilDate{2028, 2, 29}));
  EXPECT_EQ(ProbationEnd(TemplateProbation(), {2026, 12, 15}), (CivilDate{2027, 1, 15}));
}

TEST(Probation, WenjiangUntilFirstCentralizedAssessmentHasNoFixedEnd) {
  EXPECT_EQ(ProbationEnd(Wenjiang().probation(), {2026, 1, 31}), std::nullopt);
  EXPECT_EQ(ProbationEnd(policy::v1::Probation(), {2026, 1, 31}), std::nullopt);
}

// ------------------------------------------------------------------------ badge numbers

TEST(BadgeNumber, ShanxiFormatIsXGCityCodeSerial) {
  const Policy policy = Shanxi();
  const auto& permit = policy.permit();
  EXPECT_EQ(FormatBadge(permit, 1), "XG140001");
  EXPECT_EQ(FormatBadge(permit, 7), "XG140007");
  EXPECT_EQ(FormatBadge(permit, 9999), "XG149999");
  EXPECT_EQ(CheckBadgeSerial(permit, 1), std::nullopt);
  EXPECT_EQ(CheckBadgeSerial(permit, 9999), std::nullopt);
}

TEST(BadgeNumber, SerialBeyondTheDigitsIsRefused) {
  const Policy policy = Shanxi();
  const auto& permit = policy.permit();
  EXPECT_EQ(CheckBadgeSerial(permit, 10000),
            (RuleFailure{"badge_serial",
                         "badge serial 10000 does not fit in 4 digits: the serials of XG14 end at "
                         "9999"}));
  EXPECT_EQ(CheckBadgeSerial(permit, 0),
            (RuleFailure{"badge_serial", "badge serial 0 is not positive"}));
}

TEST(BadgeNumber, WorkedExample6ExitedBadgeXG140007IsNeverReissued) {
  const Policy policy = Shanxi();
  const auto& permit = policy.permit();
  // Badges XG140001 .. XG140007 were issued; XG140007 was revoked on exit. The highest serial
  // ever issued counts, revoked or not.
  const int64_t next = NextBadgeSerial(7);
  EXPECT_EQ(next, 8);
  EXPECT_EQ(CheckBadgeSerial(permit, next), std::nullopt);
  EXPECT_EQ(FormatBadge(permit, next), "XG140008");
  EXPECT_EQ(NextBadgeSerial(0), 1);
  // The decision for the next hire's permit takes serial 8, never 7 again.
  IssueFacts facts;
  facts.person.set_name("jurisdictions/shanxi/persons/p-8");
  facts.person.set_state(personnel::v1::ACTIVE);
  facts.training = {{TrainingKind::kPreJob, {2026, 1, 5}, 20, 0, true}};
  facts.last_serial = 7;
  auto badge = DecideIssuePermit(policy, facts);
  ASSERT_TRUE(badge.ok()) << badge.status();
  EXPECT_EQ(badge->badge_number, "XG140008");
  EXPECT_EQ(badge->serial, 8);
}

// ---------------------------------------------------------------------------- head-count

TEST(Headcount, HireOverLimitNamesLimitAndCount) {
  const HeadcountLimit unit{"unit \"一中队\"", 20, 20};
  EXPECT_EQ(CheckHeadcount(unit, 1),
            (RuleFailure{"headcount",
                         "head-count limit of unit \"一中队\" is 20 and 20 are already counted; "
                         "adding 1 would make 21"}));
  EXPECT_EQ(CheckHeadcount({"jurisdiction \"haimen\"", 557, 555}, 3)->reason,
            "head-count limit of jurisdiction \"haimen\" is 557 and 555 are already counted; "
            "adding 3 would make 558");
}

TEST(Headcount, HireUpToTheLimitIsAllowed) {
  EXPECT_EQ(CheckHeadcount({"unit \"一中队\"", 20, 19}, 1), std::nullopt);
  EXPECT_EQ(CheckHeadcount({"unit \"一中队\"", 20, 20}, 0), std::nullopt);
  EXPECT_EQ(CheckHeadcount({"unit \"二中队\"", 1, 1}, 1)->reason,
            "head-count limit of unit \"二中队\" is 1 and 1 is already counted; adding 1 would "
            "make 2");
}

// --------------------------------------------------------------------- dispatch agreement

TEST(DispatchAgreement, HeadcountOfTheAgreementMayNotBeExceeded) {
  EXPECT_EQ(CheckAgreementCapacity(10, 9, 1), std::nullopt);
  EXPECT_EQ(CheckAgreementCapacity(10, 10, 1),
            (RuleFailure{"agreement_headcount",
                         "dispatch agreement head-count is 10 and 10 are already assigned; adding "
                         "1 would make 11"}));
}

TEST(DispatchAgreement, AssignmentOnlyWithinTheAgreementTerm) {
  const CivilDate start{2026, 1, 1};
  const CivilDate end{2026, 12, 31};
  EXPECT_EQ(CheckAgreementActive(start, end, start), std::nullopt);
  EXPECT_EQ(CheckAgreementActive(start, end, end), std::nullopt);
  EXPECT_EQ(
      CheckAgreementActive(start, end, {2025, 12, 31}),
      (RuleFailure{"agreement_term", "dispatch agreement starts on 2026-01-01, after 2025-12-31"}));
  EXPECT_EQ(
      CheckAgreementActive(start, end, {2027, 1, 1}),
      (RuleFailure{"agreement_term", "dispatch agreement ended on 2026-12-31, before 2027-01-01"}));
}

// ----------------------------------------------------------------------------- training

TEST(Training, PreJobAtLeast15WorkingDaysPassed) {
  const Policy p = Shanxi();
  EXPECT_EQ(CheckPreJobTraining(p, {Record(TrainingKind::kPreJob, {2026, 1, 5}, 15, true)}),
            std::nullopt);
  // Two passed modules add up.
  EXPECT_EQ(CheckPreJobTraining(p, {Record(TrainingKind::kPreJob, {2026, 1, 5}, 10, true),
                                    Record(TrainingKind::kPreJob, {2026, 2, 2}, 5, true)}),
            std::nullopt);
  EXPECT_EQ(CheckPreJobTraining(p, {Record(TrainingKind::kPreJob, {2026, 1, 5}, 14, true)}),
            (RuleFailure{"pre_job_training",
                         "pre-job training passed covers 14 working days, below the minimum 15"}));
  EXPECT_EQ(CheckPreJobTraining(p, {Record(TrainingKind::kPreJob, {2026, 1, 5}, 15, false)}),
            (RuleFailure{"pre_job_training",
                         "pre-job training was not passed; 15 working days passed are required"}));
  EXPECT_EQ(CheckPreJobTraining(p, {Record(TrainingKind::kAnnual, {2026, 1, 5}, 15, true)}),
            (RuleFailure{"pre_job_training",
                         "no pre-job training is recorded; 15 working days passed are required"}));
}

TEST(Training, ShanxiPermitNeedsPassedPreJobTraining) {
  Policy p = Shanxi();
  EXPECT_TRUE(CheckPermitPrerequisites(p, {}).has_value());
  EXPECT_EQ(CheckPermitPrerequisites(p, {}), CheckPreJobTraining(p, {}));
  EXPECT_EQ(CheckPermitPrerequisites(p, {Record(TrainingKind::kPreJob, {2026, 1, 5}, 15, true)}),
            std::nullopt);
  p.mutable_permit()->set_require_pre_job_training(false);
  EXPECT_EQ(CheckPermitPrerequisites(p, {}), std::nullopt);
}

TEST(Training, AnnualCoverageMustBe100PercentAndNamesWhoIsMissing) {
  const Policy p = Wenjiang();
  const std::vector<CoverageInput> inputs = {
      {"XG140001", {Record(TrainingKind::kAnnual, {2026, 4, 1}, 5, true)}},
      {"XG140002", {Record(TrainingKind::kAnnual, {2026, 4, 1}, 4, true)}},
      // Five days, but in the year before.
      {"XG140003", {Record(TrainingKind::kAnnual, {2025, 12, 1}, 5, true)}},
      // Three plus two days in the year.
      {"XG140004",
       {Record(TrainingKind::kAnnual, {2026, 4, 1}, 3, true),
        Record(TrainingKind::kAnnual, {2026, 9, 1}, 2, true)}},
      // Not completed.
      {"XG140005", {Record(TrainingKind::kAnnual, {2026, 4, 1}, 5, false)}},
      // Pre-job training is not annual training.
      {"XG140006", {Record(TrainingKind::kPreJob, {2026, 1, 5}, 15, true)}},
  };
  const Coverage c = TrainingCoverage(p, 2026, inputs);
  EXPECT_EQ(c.required, 6);
  EXPECT_EQ(c.covered, 2);
  EXPECT_NEAR(c.percent, 100.0 * 2 / 6, 1e-9);
  EXPECT_FALSE(c.target_met);
  EXPECT_THAT(c.missing, ElementsAre("XG140002", "XG140003", "XG140005", "XG140006"));

  const Coverage all =
      TrainingCoverage(p, 2026,
                       {{"XG140001", {Record(TrainingKind::kAnnual, {2026, 4, 1}, 5, true)}},
                        {"XG140001", {}},  // merged with the first
                        {"XG140004", {Record(TrainingKind::kAnnual, {2026, 4, 1}, 6, true)}}});
  EXPECT_EQ(all.required, 2);
  EXPECT_EQ(all.covered, 2);
  EXPECT_DOUBLE_EQ(all.percent, 100.0);
  EXPECT_TRUE(all.target_met);
  EXPECT_THAT(all.missing, IsEmpty());
}

// --------------------------------------------------------------------------------- exit

TEST(Exit, ChecklistNamesEveryUnconfirmedItem) {
  const Policy policy = Wenjiang();
  const auto& exit = policy.exit();
  EXPECT_THAT(MissingExitItems(exit, {"uniform_returned"}),
              ElementsAre("equipment_returned", "archive_transferred"));
  const Decision d = CheckExitChecklist(exit, {"uniform_returned"});
  EXPECT_EQ(
      d.failures,
      (std::vector<RuleFailure>{
          {"exit_checklist.missing", "exit checklist item \"equipment_returned\" is not confirmed"},
          {"exit_checklist.missing",
           "exit checklist item \"archive_transferred\" is not confirmed"}}));
}

TEST(Exit, UnknownConfirmedItemIsAnError) {
  const Policy policy = Wenjiang();
  const auto& exit = policy.exit();
  const Decision d = CheckExitChecklist(
      exit, {"equipment_returned", "uniform_returned", "archive_transferred", "car_returned"});
  EXPECT_EQ(
      d.failures,
      (std::vector<RuleFailure>{{"exit_checklist.unknown",
                                 "confirmed item \"car_returned\" is not on the exit checklist"}}));
}

TEST(Exit, AnItemConfirmedTwiceIsInvalidArgumentNamingTheField) {
  // Found by e2e_fuzz_inputs_store_test: a known item repeated a thousand times passed the
  // checklist and overflowed the stored list (the database refused it, no field named).
  const Policy policy = Wenjiang();
  std::vector<std::string> confirmed = {"archive_transferred", "equipment_returned",
                                        "uniform_returned"};
  EXPECT_TRUE(CheckConfirmedOnce(confirmed).ok());
  for (int i = 0; i < 1000; ++i) confirmed.push_back("uniform_returned");
  const absl::Status s = CheckConfirmedOnce(confirmed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(),
              ::testing::HasSubstr("confirmed_checklist: \"uniform_returned\" is confirmed twice"));
  personnel::v1::Person active;
  active.set_state(personnel::v1::ACTIVE);
  const auto exited =
      DecideExit(policy, {active, personnel::v1::RESIGNATION, confirmed, {2026, 6, 1}});
  EXPECT_EQ(exited.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(exited.status().message(), ::testing::HasSubstr("confirmed_checklist:"));
}

TEST(Exit, CompleteChecklistPasses) {
  const Policy policy = Wenjiang();
  const auto& exit = policy.exit();
  EXPECT_TRUE(
      CheckExitChecklist(exit, {"archive_transferred", "equipment_returned", "uniform_returned"})
          .ok());
  EXPECT_THAT(
      MissingExitItems(exit, {"archive_transferred", "equipment_returned", "uniform_returned"}),
      IsEmpty());
}

// ------------------------------------------------------------------------- person state

TEST(PersonState, HiringStepsLeadFromCandidateToActive) {
  EXPECT_EQ(NextState(PersonState::kCandidate, PersonAction::kHire), PersonState::kProbation);
  EXPECT_EQ(NextState(PersonState::kProbation, PersonAction::kEndProbation), PersonState::kActive);
  EXPECT_TRUE(CheckTransition(PersonState::kCandidate, PersonAction::kHire).ok());
  EXPECT_TRUE(CheckTransition(PersonState::kProbation, PersonAction::kEndProbation).ok());
}

TEST(PersonState, PermitAndTransferKeepTheState) {
  for (PersonState s : {PersonState::kProbation, PersonState::kActive}) {
    EXPECT_EQ(NextState(s, PersonAction::kIssuePermit), s);
    EXPECT_EQ(NextState(s, PersonAction::kTransfer), s);
  }
  EXPECT_EQ(NextState(PersonState::kCandidate, PersonAction::kIssuePermit), std::nullopt);
  EXPECT_EQ(NextState(PersonState::kExited, PersonAction::kTransfer), std::nullopt);
}

TEST(PersonState, ExitFromProbationOrActiveEndsThePeriodOnlyARehireFollows) {
  EXPECT_EQ(NextState(PersonState::kProbation, PersonAction::kExit), PersonState::kExited);
  EXPECT_EQ(NextState(PersonState::kActive, PersonAction::kExit), PersonState::kExited);
  // Haimen annex 2 items 3-4: a former auxiliary is recruited again on the same archive.
  EXPECT_EQ(NextState(PersonState::kExited, PersonAction::kHire), PersonState::kProbation);
  for (PersonAction a : {PersonAction::kEndProbation, PersonAction::kIssuePermit,
                         PersonAction::kTransfer, PersonAction::kExit}) {
    EXPECT_FALSE(CheckTransition(PersonState::kExited, a).ok()) << PersonActionName(a);
  }
}

TEST(PersonState, RefusedTransitionNamesStateAndAction) {
  EXPECT_EQ(
      CheckTransition(PersonState::kCandidate, PersonAction::kEndProbation).failures,
      (std::vector<RuleFailure>{
          {"transition", "action end_probation is not allowed for a person in state candidate"}}));
  EXPECT_EQ(CheckTransition(PersonState::kActive, PersonAction::kHire).failures.at(0).reason,
            "action hire is not allowed for a person in state active");
  EXPECT_EQ(CheckTransition(PersonState::kExited, PersonAction::kIssuePermit).failures.at(0).reason,
            "action issue_permit is not allowed for a person in state exited");
  EXPECT_EQ(
      CheckTransition(PersonState::kActive, PersonAction::kEndProbation).failures.at(0).reason,
      "action end_probation is not allowed for a person in state active");
}

}  // namespace
}  // namespace auxpro::personnel
