// Recruitment eligibility against the five presets as compiled in (policies/*.textproto), one test
// per article of the regulations (seeds 000-004): the disqualifiers each jurisdiction lists, with
// the article in the failure message; the age floor and caps at their boundary birthdays; the
// education relaxations; findings whose penalty or sanction has ended.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "libs/policy/testing/policy_test_util.h"
#include "services/personnel/recruitment_rules.h"

namespace auxpro::personnel {
namespace {

using common::v1::Disqualifier;
using policy::testutil::Preset;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr CivilDate kHire{2026, 3, 1};
constexpr TeamComposition kBigTeam{1000, 0};

// A man (or woman) with the given birth date and the education and attestations every preset
// accepts, so that only what a test changes can fail.
Candidate BornOn(CivilDate birth, common::v1::Gender gender = common::v1::MALE) {
  Candidate c;
  c.birth_date = birth;
  c.gender = gender;
  c.education = common::v1::BACHELOR;
  c.attestations = {common::v1::FIT_FOR_POST, common::v1::SPEAKS_MANDARIN,
                    common::v1::UNDERSTANDS_LOCAL_DIALECT};
  return c;
}
// Age `years` on the hire date, on the birthday itself.
Candidate OnBirthday(int years) { return BornOn({kHire.year - years, kHire.month, kHire.day}); }
// 17 years and 364 days on the hire date: the 18th birthday is tomorrow.
Candidate DayBefore18() { return BornOn({kHire.year - 18, kHire.month, kHire.day + 1}); }
Candidate DayBeforeBirthday(int years) {
  return BornOn({kHire.year - years, kHire.month, kHire.day + 1});
}

Decision Check(std::string_view j, const Candidate& c, std::vector<RuleFailure>* w = nullptr) {
  return CheckEligibility(Preset(j), c, kHire, kBigTeam, w);
}

std::vector<std::string> Conditions(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& f : d.failures) out.push_back(f.condition);
  return out;
}

std::string ReasonOf(const Decision& d, std::string_view condition) {
  for (const auto& f : d.failures) {
    if (f.condition == condition) return f.reason;
  }
  return "";
}

Candidate WithFinding(Candidate c, Disqualifier kind, std::optional<CivilDate> ended = {}) {
  c.dated_findings.push_back({kind, ended});
  return c;
}

std::string Code(Disqualifier d) {
  std::string s = common::v1::Disqualifier_Name(d);
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return "disqualifier." + s;
}

// Refused with the article cited, for each finding.
void ExpectRefusedCiting(std::string_view j, const std::vector<Disqualifier>& findings,
                         std::string_view article) {
  for (Disqualifier f : findings) {
    Decision d = Check(j, WithFinding(OnBirthday(30), f));
    EXPECT_THAT(Conditions(d), Contains(Code(f))) << j << " " << Code(f);
    EXPECT_THAT(ReasonOf(d, Code(f)), HasSubstr(std::string(article))) << j << " " << Code(f);
  }
}

const char* const kPresets[] = {"haimen", "longquan", "shanxi", "template", "wenjiang"};

// --------------------------------------------------------------- every preset

TEST(RecruitmentArticles, EveryPresetRefusesAMinorAndAdmitsAnAdult) {
  for (const char* j : kPresets) {
    EXPECT_THAT(Conditions(Check(j, DayBefore18())), Contains("age")) << j;
    EXPECT_TRUE(Check(j, OnBirthday(18)).ok()) << j << ": " << Check(j, OnBirthday(18)).Summary();
  }
}

TEST(RecruitmentArticles, EveryDisqualifierOfEveryPresetIsRefusedWithItsArticle) {
  for (const char* j : kPresets) {
    const auto& rules = Preset(j).recruitment().disqualifier_rules();
    ASSERT_FALSE(rules.empty()) << j;
    for (const auto& rule : rules) {
      ASSERT_FALSE(rule.article().empty()) << j;
      Decision d = Check(j, WithFinding(OnBirthday(30), rule.finding()));
      EXPECT_THAT(ReasonOf(d, Code(rule.finding())), HasSubstr(rule.article()))
          << j << " " << Code(rule.finding()) << ": " << d.Summary();
    }
    // A clean candidate passes.
    EXPECT_TRUE(Check(j, OnBirthday(30)).ok()) << j << ": " << Check(j, OnBirthday(30)).Summary();
  }
}

TEST(RecruitmentArticles, AFindingNoPresetListsDoesNotRefuse) {
  // Haimen lists no bad-credit finding; longquan no pending case.
  EXPECT_TRUE(Check("haimen", WithFinding(OnBirthday(30), common::v1::BAD_CREDIT)).ok());
  EXPECT_TRUE(
      Check("longquan", WithFinding(OnBirthday(30), common::v1::CRIMINAL_CASE_PENDING)).ok());
}

// --------------------------------------------------------------- haimen (seed 001, annex 2)

TEST(RecruitmentArticles, HaimenAnnex2Item2ChineseNationality) {
  ExpectRefusedCiting("haimen", {common::v1::NOT_CHINESE_NATIONAL}, "haimen annex 2 item 二");
}

TEST(RecruitmentArticles, HaimenAnnex2Item3AgeCap40RaisedTo45ForVeteransAndFormerAuxiliaries) {
  EXPECT_TRUE(Check("haimen", DayBeforeBirthday(41)).ok());
  EXPECT_THAT(Conditions(Check("haimen", OnBirthday(41))), Contains("age"));
  for (int who = 0; who < 2; ++who) {
    Candidate c41 = OnBirthday(41), c45 = DayBeforeBirthday(46), c46 = OnBirthday(46);
    for (Candidate* c : {&c41, &c45, &c46}) (who == 0 ? c->veteran : c->former_auxiliary) = true;
    EXPECT_TRUE(Check("haimen", c41).ok()) << who;
    EXPECT_TRUE(Check("haimen", c45).ok()) << who;
    EXPECT_THAT(Conditions(Check("haimen", c46)), Contains("age")) << who;
  }
  // The relaxation raises the cap, not the floor: a veteran minor is still refused.
  Candidate minor = DayBefore18();
  minor.veteran = true;
  EXPECT_THAT(Conditions(Check("haimen", minor)), Contains("age"));
}

TEST(RecruitmentArticles,
     HaimenAnnex2Item4EducationRelaxedForPartyMembersVeteransFormerAuxiliaries) {
  Candidate c = OnBirthday(30);
  c.education = common::v1::JUNIOR_HIGH;
  EXPECT_THAT(Conditions(Check("haimen", c)), Contains("education"));
  Candidate party = c, veteran = c, former = c;
  party.party_member = true;
  veteran.veteran = true;
  former.former_auxiliary = true;
  EXPECT_TRUE(Check("haimen", party).ok());
  EXPECT_TRUE(Check("haimen", veteran).ok());
  EXPECT_TRUE(Check("haimen", former).ok());
}

TEST(RecruitmentArticles, HaimenAnnex2Item6EveryFindingIsRefused) {
  ExpectRefusedCiting("haimen",
                      {common::v1::UNFINISHED_DISCIPLINE, common::v1::DISCIPLINARY_SANCTION,
                       common::v1::DISCIPLINE_UNDER_REVIEW, common::v1::CRIMINAL_RECORD,
                       common::v1::CRIMINAL_CASE_PENDING, common::v1::OTHERWISE_UNSUITABLE,
                       common::v1::LEGALLY_BARRED},
                      "haimen annex 2 item 六");
}

TEST(RecruitmentArticles, HaimenAnnex2Item6SanctionCountsUntilLiftedPenaltyUntilItsTermEnds) {
  for (Disqualifier f : {common::v1::DISCIPLINARY_SANCTION, common::v1::CRIMINAL_RECORD}) {
    // Ended before or on the hire date: no longer in force.
    EXPECT_TRUE(Check("haimen", WithFinding(OnBirthday(30), f, CivilDate{2026, 2, 28})).ok());
    EXPECT_TRUE(Check("haimen", WithFinding(OnBirthday(30), f, kHire)).ok());
    // Ends after the hire date: still in force.
    Decision d = Check("haimen", WithFinding(OnBirthday(30), f, CivilDate{2026, 3, 2}));
    EXPECT_THAT(Conditions(d), Contains(Code(f)));
    EXPECT_THAT(ReasonOf(d, Code(f)), HasSubstr("2026-03-02"));
  }
}

// --------------------------------------------------------------- longquan (seed 002)

TEST(RecruitmentArticles, LongquanArt5Item1NoRecordOfAViolationOfLawOrACrime) {
  ExpectRefusedCiting("longquan",
                      {common::v1::CRIMINAL_RECORD, common::v1::PRIOR_VIOLATION,
                       common::v1::ADMINISTRATIVE_DETENTION},
                      "longquan art. 5(一)");
  // A served sentence is still a record.
  Decision d = Check(
      "longquan", WithFinding(OnBirthday(30), common::v1::CRIMINAL_RECORD, CivilDate{2010, 1, 1}));
  EXPECT_THAT(Conditions(d), Contains("disqualifier.criminal_record"));
}

TEST(RecruitmentArticles, LongquanArt5Item3MenUpTo45WomenUpTo40) {
  EXPECT_TRUE(Check("longquan", DayBeforeBirthday(46)).ok());
  EXPECT_THAT(Conditions(Check("longquan", OnBirthday(46))), Contains("age"));
  Candidate woman40 = BornOn({kHire.year - 41, kHire.month, kHire.day + 1}, common::v1::FEMALE);
  Candidate woman41 = BornOn({kHire.year - 41, kHire.month, kHire.day}, common::v1::FEMALE);
  EXPECT_TRUE(Check("longquan", woman40).ok()) << Check("longquan", woman40).Summary();
  EXPECT_THAT(Conditions(Check("longquan", woman41)), Contains("age"));
}

TEST(RecruitmentArticles, LongquanArt5Items2And3FitMandarinAndTheLocalDialect) {
  Candidate c = OnBirthday(30);
  c.attestations.clear();
  Decision d = Check("longquan", c);
  EXPECT_THAT(Conditions(d),
              ::testing::ElementsAre("attestation.fit_for_post", "attestation.speaks_mandarin",
                                     "attestation.understands_local_dialect"));
  EXPECT_THAT(ReasonOf(d, "attestation.fit_for_post"), HasSubstr("longquan art. 5(二)"));
  EXPECT_THAT(ReasonOf(d, "attestation.understands_local_dialect"),
              HasSubstr("longquan art. 5(三)"));
  // Elsewhere the dialect is not asked for.
  c.attestations = {common::v1::FIT_FOR_POST, common::v1::SPEAKS_MANDARIN};
  EXPECT_TRUE(Check("wenjiang", c).ok());
}

TEST(RecruitmentArticles, EveryPresetRequiresARecordedFitnessFinding) {
  for (const char* j : kPresets) {
    Candidate c = OnBirthday(30);
    c.attestations = {common::v1::SPEAKS_MANDARIN, common::v1::UNDERSTANDS_LOCAL_DIALECT};
    EXPECT_THAT(Conditions(Check(j, c)), Contains("attestation.fit_for_post")) << j;
  }
}

// --------------------------------------------------------------- shanxi (seed 004)

TEST(RecruitmentArticles, ShanxiArt12Item1AgeCapAtTheFirstHireOnly) {
  EXPECT_TRUE(Check("shanxi", DayBeforeBirthday(41)).ok());
  EXPECT_THAT(Conditions(Check("shanxi", OnBirthday(41))), Contains("age"));
  Candidate rehire = OnBirthday(50);
  rehire.former_auxiliary = true;
  EXPECT_TRUE(Check("shanxi", rehire).ok()) << Check("shanxi", rehire).Summary();
  Candidate minor = DayBefore18();
  minor.former_auxiliary = true;
  EXPECT_THAT(Conditions(Check("shanxi", minor)), Contains("age"));
  // Haimen's cap is not first-hire-only: a former auxiliary at 46 is refused there.
  Candidate former46 = OnBirthday(46);
  former46.former_auxiliary = true;
  EXPECT_THAT(Conditions(Check("haimen", former46)), Contains("age"));
}

TEST(RecruitmentArticles, ShanxiArt13AllSevenItems) {
  ExpectRefusedCiting("shanxi", {common::v1::CRIMINAL_RECORD, common::v1::CRIMINAL_CASE_PENDING},
                      "shanxi art. 13(一)");
  ExpectRefusedCiting("shanxi", {common::v1::ADMINISTRATIVE_DETENTION, common::v1::DRUG_HISTORY},
                      "shanxi art. 13(二)");
  ExpectRefusedCiting("shanxi", {common::v1::DISMISSED_FROM_PUBLIC_BODY}, "shanxi art. 13(三)");
  ExpectRefusedCiting("shanxi", {common::v1::CULT_PARTICIPATION}, "shanxi art. 13(四)");
  // A dishonest-person listing is a serious bad-credit record.
  ExpectRefusedCiting("shanxi", {common::v1::BAD_CREDIT, common::v1::DISHONEST_PERSON_LIST},
                      "shanxi art. 13(五)");
  ExpectRefusedCiting("shanxi", {common::v1::DISMISSED_AS_AUXILIARY}, "shanxi art. 13(六)");
  ExpectRefusedCiting("shanxi", {common::v1::OTHERWISE_UNSUITABLE}, "shanxi art. 13(七)");
}

// Art. 13(六) 曾因违反协管人员管理相关规定，被解聘的: an earlier period on the same archive that ended in
// a dismissal for breaking the rules counts without a recorded finding; other endings do not.
TEST(RecruitmentArticles, ShanxiArt13Item6DismissedAsAnAuxiliaryBeforeFromTheEarlierPeriods) {
  const std::string code = Code(common::v1::DISMISSED_AS_AUXILIARY);
  for (const char* reason : {"DISCIPLINE_BREACH", "REFUSED_ASSIGNMENT", "CRIMINAL_PENALTY"}) {
    Candidate c = OnBirthday(30);
    c.former_auxiliary = true;
    c.earlier_exits = {{{2024, 6, 30}, "CONTRACT_ENDED"}, {{2025, 6, 30}, reason}};
    Decision d = Check("shanxi", c);
    EXPECT_THAT(Conditions(d), Contains(code)) << reason;
    EXPECT_THAT(ReasonOf(d, code), HasSubstr("shanxi art. 13(六)")) << reason;
    EXPECT_THAT(ReasonOf(d, code), HasSubstr("2025-06-30")) << reason;
    EXPECT_THAT(ReasonOf(d, code), HasSubstr(reason));
  }
  for (const char* reason : {"RESIGNATION", "CONTRACT_ENDED", "RETIREMENT", "FAILED_PROBATION",
                             "INCOMPETENCE", "FAILED_ASSESSMENT"}) {
    Candidate c = OnBirthday(30);
    c.former_auxiliary = true;
    c.earlier_exits = {{{2025, 6, 30}, reason}};
    EXPECT_TRUE(Check("shanxi", c).ok()) << reason << ": " << Check("shanxi", c).Summary();
  }
  // Reported once, also with a recorded finding of the same kind.
  Candidate both = WithFinding(OnBirthday(30), common::v1::DISMISSED_AS_AUXILIARY);
  both.earlier_exits = {{{2025, 6, 30}, "DISCIPLINE_BREACH"}};
  const std::vector<std::string> conditions = Conditions(Check("shanxi", both));
  EXPECT_EQ(std::count(conditions.begin(), conditions.end(), code), 1);
  // Only shanxi's regulation has the clause: elsewhere an earlier dismissal alone does not refuse.
  for (const char* j : {"haimen", "longquan", "template", "wenjiang"}) {
    Candidate c = OnBirthday(30);
    c.former_auxiliary = true;
    c.earlier_exits = {{{2025, 6, 30}, "DISCIPLINE_BREACH"}};
    EXPECT_THAT(Conditions(Check(j, c)), Not(Contains(code))) << j;
  }
}

// The earlier periods come from the archive: past periods and, for an exited person, the one just
// closed.
TEST(RecruitmentArticles, ShanxiArt13Item6ReadsThePeriodsOfThePersonRecord) {
  v1::Person p;
  *p.mutable_birth_date() = ToProto(CivilDate{1996, 3, 1});
  p.set_gender(common::v1::MALE);
  p.set_education(common::v1::BACHELOR);
  p.add_attestations(common::v1::FIT_FOR_POST);
  p.set_state(v1::EXITED);
  *p.mutable_exit_date() = ToProto(CivilDate{2025, 9, 1});
  p.set_exit_reason(v1::DISCIPLINE_BREACH);
  auto* past = p.add_past_periods();
  *past->mutable_exit_date() = ToProto(CivilDate{2023, 1, 1});
  past->set_exit_reason(v1::RESIGNATION);
  const Candidate c = CandidateOf(p);
  ASSERT_EQ(c.earlier_exits.size(), 2u);
  EXPECT_EQ(c.earlier_exits[0].reason, "RESIGNATION");
  EXPECT_EQ(c.earlier_exits[1].reason, "DISCIPLINE_BREACH");
  EXPECT_THAT(Conditions(Check("shanxi", c)),
              Contains(Code(common::v1::DISMISSED_AS_AUXILIARY)));
}

// Every exit reason a preset derives a finding from is an ExitReason name (a misspelt one would
// never match).
TEST(RecruitmentArticles, EveryPresetsFromExitReasonsAreExitReasonNames) {
  for (const char* j : kPresets) {
    for (const auto& rule : Preset(j).recruitment().disqualifier_rules()) {
      for (const std::string& reason : rule.from_exit_reasons()) {
        v1::ExitReason parsed;
        EXPECT_TRUE(v1::ExitReason_Parse(reason, &parsed) &&
                    parsed != v1::EXIT_REASON_UNSPECIFIED)
            << j << ": " << reason;
      }
    }
  }
}

// --------------------------------------------------------------- template (seed 003)

TEST(RecruitmentArticles, TemplateArt9NoRecordOfBadConductAndAtMost35) {
  ExpectRefusedCiting("template",
                      {common::v1::CRIMINAL_RECORD, common::v1::PRIOR_VIOLATION,
                       common::v1::ADMINISTRATIVE_DETENTION, common::v1::DRUG_HISTORY},
                      "template art. 9");
  EXPECT_TRUE(Check("template", DayBeforeBirthday(36)).ok());
  EXPECT_THAT(Conditions(Check("template", OnBirthday(36))), Contains("age"));
}

// --------------------------------------------------------------- wenjiang (seed 000)

TEST(RecruitmentArticles, Wenjiang61aNotOnTheDishonestPersonList) {
  ExpectRefusedCiting("wenjiang", {common::v1::DISHONEST_PERSON_LIST}, "wenjiang 6.1 a)");
}

TEST(RecruitmentArticles, Wenjiang61dNeverPunishedForAViolationOfLawOrDiscipline) {
  ExpectRefusedCiting("wenjiang",
                      {common::v1::CRIMINAL_RECORD, common::v1::ADMINISTRATIVE_DETENTION,
                       common::v1::DISCIPLINARY_SANCTION, common::v1::PRIOR_VIOLATION},
                      "wenjiang 6.1 d)");
  // Ever: a sanction lifted years ago still counts.
  Decision d = Check("wenjiang", WithFinding(OnBirthday(30), common::v1::DISCIPLINARY_SANCTION,
                                             CivilDate{2015, 6, 1}));
  EXPECT_THAT(Conditions(d), Contains("disqualifier.disciplinary_sanction"));
}

TEST(RecruitmentArticles, WenjiangTable1Level5AgeAtMost45) {
  EXPECT_TRUE(Check("wenjiang", DayBeforeBirthday(46)).ok());
  EXPECT_THAT(Conditions(Check("wenjiang", OnBirthday(46))), Contains("age"));
}

TEST(RecruitmentArticles, AWarningOnlyRuleWarnsInsteadOfRefusing) {
  policy::v1::Policy p = Preset("wenjiang");
  for (auto& rule : *p.mutable_recruitment()->mutable_disqualifier_rules()) {
    if (rule.finding() == common::v1::DISCIPLINARY_SANCTION) rule.set_warning_only(true);
  }
  std::vector<RuleFailure> warnings;
  Decision d = CheckEligibility(p, WithFinding(OnBirthday(30), common::v1::DISCIPLINARY_SANCTION),
                                kHire, kBigTeam, &warnings);
  EXPECT_TRUE(d.ok()) << d.Summary();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].condition, "disqualifier.disciplinary_sanction");
  EXPECT_THAT(warnings[0].reason, HasSubstr("wenjiang 6.1 d)"));
}

}  // namespace
}  // namespace auxpro::personnel
