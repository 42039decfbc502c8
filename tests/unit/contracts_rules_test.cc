// contracts_rules against the presets as compiled in, one test per article: labour contracts
// (template art. 10 term and renewal, longquan art. 18 after probation, wenjiang 5.2 minimum
// service period), the resignation recorded with the exit (longquan art. 15, template art. 20)
// backbone posts (longquan art. 14, 17) and the staffing report (haimen annex 1, longquan art. 3).
#include "services/personnel/contracts_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"
#include "services/personnel/staffing_rules.h"

namespace auxpro::personnel {
namespace {

using policy::testutil::Preset;
using ::testing::HasSubstr;

std::string Reason(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

v1::Person Employed(v1::PersonState state, CivilDate hire, bool direct = false) {
  v1::Person p;
  p.set_name("jurisdictions/x/persons/p1");
  p.set_unit("jurisdictions/x/units/u1");
  p.set_state(state);
  p.set_employment_kind(direct ? v1::DIRECT : v1::DISPATCHED);
  *p.mutable_hire_date() = ToProto(hire);
  return p;
}

v1::LabourContract Contract(CivilDate start, std::optional<CivilDate> end = std::nullopt) {
  v1::LabourContract c;
  *c.mutable_start_date() = ToProto(start);
  if (end) *c.mutable_end_date() = ToProto(*end);
  return c;
}

v1::LabourContract Existing(const std::string& id, CivilDate start, CivilDate end) {
  v1::LabourContract c = Contract(start, end);
  c.set_name("jurisdictions/x/persons/p1/labourContracts/" + id);
  c.set_state(v1::LabourContract::IN_FORCE);
  return c;
}

// ------------------------------------------------------------------ labour contracts

TEST(LabourContract, TemplateArt10OneYearTermAfterAPassedProbation) {
  const auto& policy = Preset("template");
  const CivilDate hire{2026, 1, 1};
  auto in_probation =
      DecideContract(policy, {Employed(v1::PROBATION, hire), Contract({2026, 2, 1}), {}, {}});
  EXPECT_EQ(Reason(in_probation.status()), "PROBATION_NOT_PASSED");
  auto c = DecideContract(policy, {Employed(v1::ACTIVE, hire), Contract({2026, 2, 1}), {}, {}});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(FormatDate(FromProto(c->end_date())), "2027-01-31");  // 聘期为一年
  EXPECT_FALSE(c->renewal());
  EXPECT_EQ(c->employer(), common::v1::HR_COMPANY);
  auto longer = DecideContract(
      policy, {Employed(v1::ACTIVE, hire), Contract({2026, 2, 1}, CivilDate{2028, 1, 31}), {}, {}});
  EXPECT_EQ(Reason(longer.status()), "CONTRACT_TERM");
  EXPECT_THAT(longer.status().message(), HasSubstr("2027-01-31"));
}

TEST(LabourContract, TemplateArt10RenewalReadsTheAnnualRatingNeverPassesByDefault) {
  const auto& policy = Preset("template");
  const v1::Person p = Employed(v1::ACTIVE, {2025, 1, 1});
  const std::vector<v1::LabourContract> first = {Existing("c1", {2025, 2, 1}, {2026, 1, 31})};
  auto none = DecideContract(policy, {p, Contract({2026, 2, 1}), first, std::nullopt});
  EXPECT_EQ(Reason(none.status()), "RENEWAL_RATING");
  EXPECT_THAT(none.status().message(), HasSubstr("not available"));
  auto below = DecideContract(policy, {p, Contract({2026, 2, 1}), first, "UNQUALIFIED"});
  EXPECT_EQ(Reason(below.status()), "RENEWAL_RATING");
  auto renewed = DecideContract(policy, {p, Contract({2026, 2, 1}), first, "QUALIFIED"});
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_TRUE(renewed->renewal());
  EXPECT_EQ(renewed->renewal_grade(), "QUALIFIED");
}

TEST(LabourContract, AContractThatOverlapsAnotherIsRefusedNamingIt) {
  const v1::Person p = Employed(v1::ACTIVE, {2025, 1, 1});
  auto out = DecideContract(Preset("shanxi"), {p,
                                               Contract({2025, 6, 1}, CivilDate{2026, 5, 31}),
                                               {Existing("c1", {2025, 1, 1}, {2025, 12, 31})},
                                               {}});
  EXPECT_EQ(Reason(out.status()), "CONTRACT_OVERLAPS");
  EXPECT_THAT(out.status().message(), HasSubstr("labourContracts/c1"));
}

TEST(LabourContract, Wenjiang52StatesAMinimumServicePeriod) {
  const auto& policy = Preset("wenjiang");
  const v1::Person p = Employed(v1::PROBATION, {2026, 1, 1}, /*direct=*/true);
  v1::LabourContract c = Contract({2026, 1, 1}, CivilDate{2028, 12, 31});
  auto missing = DecideContract(policy, {p, c, {}, {}});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(), HasSubstr("min_service_months"));
  c.set_min_service_months(36);
  auto out = DecideContract(policy, {p, c, {}, {}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->employer(), common::v1::ENFORCEMENT_BUREAU);  // direct: the bureau signs
}

TEST(LabourContract, BadDatesNameTheField) {
  const v1::Person p = Employed(v1::ACTIVE, {2026, 1, 1});
  auto before_hire = DecideContract(Preset("shanxi"),
                                    {p, Contract({2025, 12, 1}, CivilDate{2026, 12, 1}), {}, {}});
  EXPECT_EQ(Reason(before_hire.status()), "DATE_BEFORE_HIRE");
  auto backwards =
      DecideContract(Preset("shanxi"), {p, Contract({2026, 6, 1}, CivilDate{2026, 5, 1}), {}, {}});
  EXPECT_THAT(backwards.status().message(), HasSubstr("labour_contract.end_date"));
  auto no_end = DecideContract(Preset("shanxi"), {p, Contract({2026, 6, 1}), {}, {}});
  EXPECT_THAT(no_end.status().message(), HasSubstr("labour_contract.end_date: required"));
  v1::Person exited = p;
  exited.set_state(v1::EXITED);
  EXPECT_EQ(
      Reason(DecideContract(Preset("shanxi"), {exited, Contract({2026, 6, 1}), {}, {}}).status()),
      "INVALID_STATE_TRANSITION");
}

TEST(LabourContract, EndingTwiceIsRefused) {
  auto ended =
      DecideContractEnd(Existing("c1", {2026, 1, 1}, {2026, 12, 31}), {2026, 6, 30}, "辞职");
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->state(), v1::LabourContract::ENDED);
  EXPECT_EQ(FormatDate(FromProto(ended->end_date())), "2026-06-30");
  EXPECT_EQ(Reason(DecideContractEnd(*ended, {2026, 7, 1}, "x").status()), "CONTRACT_ENDED");
}

TEST(LabourContract, TheEmployerOfRecordSigns) {
  EXPECT_TRUE(CheckEmployer(Employed(v1::ACTIVE, {2026, 1, 1}), common::v1::HR_COMPANY).ok());
  EXPECT_EQ(
      CheckEmployer(Employed(v1::ACTIVE, {2026, 1, 1}), common::v1::ENFORCEMENT_BUREAU).code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(
      CheckEmployer(Employed(v1::ACTIVE, {2026, 1, 1}, true), common::v1::ENFORCEMENT_BUREAU).ok());
}

// ------------------------------------------------------------------ resignation

TEST(ResignationOnExit, LongquanArt15NoticeAndThreeSignOffs) {
  const auto& rules = Preset("longquan").employment().resignation();
  v1::Resignation r;
  *r.mutable_notice_date() = ToProto(CivilDate{2026, 6, 1});
  r.add_signed_off_by("team_head");
  auto short_notice = CheckResignationOnExit(rules, v1::RESIGNATION, &r, {2026, 6, 10});
  EXPECT_EQ(Reason(short_notice), "RESIGNATION_INCOMPLETE");
  EXPECT_THAT(short_notice.message(), HasSubstr("at least 15"));
  EXPECT_THAT(short_notice.message(), HasSubstr("director"));
  r.add_signed_off_by("deputy_director");
  r.add_signed_off_by("director");
  EXPECT_TRUE(CheckResignationOnExit(rules, v1::RESIGNATION, &r, {2026, 6, 16}).ok());
  EXPECT_EQ(CheckResignationOnExit(rules, v1::RESIGNATION, nullptr, {2026, 6, 16}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckResignationOnExit(rules, v1::DISCIPLINE_BREACH, &r, {2026, 6, 16}).code(),
            absl::StatusCode::kInvalidArgument);
  auto after_exit = CheckResignationOnExit(rules, v1::RESIGNATION, &r, {2026, 5, 1});
  EXPECT_THAT(after_exit.message(), HasSubstr("resignation.notice_date"));
}

TEST(ResignationOnExit, TemplateArt20PermitAndUniformHandedBack) {
  const auto& rules = Preset("template").employment().resignation();
  v1::Resignation r;
  *r.mutable_notice_date() = ToProto(CivilDate{2026, 1, 1});
  for (const auto& who : rules.signoffs()) r.add_signed_off_by(who);
  auto missing = CheckResignationOnExit(rules, v1::RESIGNATION, &r, {2026, 3, 1});
  EXPECT_EQ(Reason(missing), "RESIGNATION_INCOMPLETE");
  for (const auto& item : rules.handback()) r.add_handed_back(item);
  EXPECT_TRUE(CheckResignationOnExit(rules, v1::RESIGNATION, &r, {2026, 3, 1}).ok());
}

// ------------------------------------------------------------------ backbone posts

BackboneFacts Facts(v1::BackbonePost current, v1::BackbonePost post, int leaders, int deputies) {
  BackboneFacts f{Employed(v1::ACTIVE, {2022, 3, 1}), post, 1, 2, leaders, deputies, {2026, 3, 1}};
  f.person.set_backbone_post(current);
  return f;
}

TEST(BackbonePost, LongquanArt14DeputyFromTheUnitWithinItsNumber) {
  const auto& policy = Preset("longquan");
  auto out = DecideBackbonePost(policy, Facts(v1::MEMBER, v1::DEPUTY_LEADER, 0, 1));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->backbone_post(), v1::DEPUTY_LEADER);
  // Art. 17(五) 300 a month + (四) 30 a year for 4 whole years since 2022-03-01.
  EXPECT_EQ(out->backbone_monthly_pay_fen(), 30000 + 4 * 3000);
  auto full = DecideBackbonePost(policy, Facts(v1::MEMBER, v1::DEPUTY_LEADER, 0, 2));
  EXPECT_EQ(Reason(full.status()), "BACKBONE_QUOTA");
  EXPECT_EQ(ErrorInfoOf(full.status())->metadata.at("quota"), "2");
}

TEST(BackbonePost, LongquanArt14LeaderFromTheDeputiesAndDemotion) {
  const auto& policy = Preset("longquan");
  EXPECT_EQ(Reason(DecideBackbonePost(policy, Facts(v1::MEMBER, v1::LEADER, 0, 0)).status()),
            "LEADER_FROM_DEPUTIES");
  auto leader = DecideBackbonePost(policy, Facts(v1::DEPUTY_LEADER, v1::LEADER, 0, 1));
  ASSERT_TRUE(leader.ok()) << leader.status();
  EXPECT_EQ(leader->backbone_monthly_pay_fen(), 50000 + 4 * 5000);
  EXPECT_EQ(Reason(DecideBackbonePost(policy, Facts(v1::DEPUTY_LEADER, v1::LEADER, 1, 1)).status()),
            "BACKBONE_QUOTA");
  // 能上能下: demoted to member, seniority pay only.
  auto demoted = DecideBackbonePost(policy, Facts(v1::LEADER, v1::MEMBER, 1, 0));
  ASSERT_TRUE(demoted.ok());
  EXPECT_EQ(demoted->backbone_monthly_pay_fen(), 4 * 2000);
  EXPECT_EQ(Reason(DecideBackbonePost(policy, Facts(v1::LEADER, v1::LEADER, 1, 0)).status()),
            "ALREADY_IN_POST");
}

TEST(BackbonePost, WenjiangHasNoBackbonePosts) {
  EXPECT_EQ(
      Reason(DecideBackbonePost(Preset("wenjiang"), Facts(v1::MEMBER, v1::DEPUTY_LEADER, 0, 0))
                 .status()),
      "BACKBONE_DISABLED");
  EXPECT_EQ(
      DecideBackbonePost(Preset("longquan"), Facts(v1::MEMBER, v1::BACKBONE_POST_UNSPECIFIED, 0, 0))
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro::personnel

// ------------------------------------------------------------------ staffing

namespace auxpro::personnel {
namespace {

UnitStaffing Town(const std::string& id, const std::string& display, int members,
                  std::optional<int> recorded = std::nullopt) {
  UnitStaffing u;
  u.unit.set_name("jurisdictions/haimen/units/" + id);
  u.unit.set_display_name(display);
  u.unit.set_member_count(members);
  u.recorded_minimum = recorded;
  if (recorded) u.recorded_document_ref = "海编〔2026〕2号";
  return u;
}

TEST(StaffingReport, HaimenAnnex1MinimumsPerTownSumTo557) {
  const auto& policy = Preset("haimen");
  int total = 0;
  for (const auto& f : policy.headcount().staffing_floors()) total += f.minimum();
  EXPECT_EQ(total, 557);
  EXPECT_EQ(policy.headcount().staffing_floors_size(), 11);
  auto report = BuildStaffingReport(
      policy, {Town("u1", "海门街道", 169), Town("u2", "三厂街道", 32), Town("u3", "新单位", 3)},
      0);
  ASSERT_EQ(report.units_size(), 3);
  EXPECT_EQ(report.units(0).minimum(), 170);
  EXPECT_EQ(report.units(0).minimum_source(), "haimen annex 1");
  EXPECT_TRUE(report.units(0).below_minimum());
  EXPECT_FALSE(report.units(1).below_minimum());  // 不低于: 32 of 32 is enough
  EXPECT_EQ(report.units(2).minimum(), 0);
  EXPECT_EQ(report.below_minimum_size(), 1);
  EXPECT_EQ(report.minimum_total(), 202);
}

TEST(StaffingReport, TheOfficesRecordedMinimumReplacesThePolicyFloor) {
  auto report = BuildStaffingReport(Preset("haimen"), {Town("u1", "海门街道", 150, 150)}, 0);
  EXPECT_EQ(report.units(0).minimum(), 150);
  EXPECT_EQ(report.units(0).minimum_source(), "海编〔2026〕2号");
  EXPECT_FALSE(report.units(0).below_minimum());
}

TEST(StaffingReport, LongquanArt3OneAuxiliaryPerEstablishedStaff) {
  const auto& policy = Preset("longquan");
  auto at = BuildStaffingReport(policy, {Town("u1", "一中队", 40)}, 40);
  EXPECT_EQ(at.ratio_cap_percent(), 100);
  EXPECT_EQ(at.ratio_allows(), 40);
  EXPECT_DOUBLE_EQ(at.ratio_percent(), 100.0);
  EXPECT_FALSE(at.over_ratio_cap());
  auto over = BuildStaffingReport(policy, {Town("u1", "一中队", 41)}, 40);
  EXPECT_TRUE(over.over_ratio_cap());
  // Wenjiang sets no ratio.
  EXPECT_FALSE(
      BuildStaffingReport(Preset("wenjiang"), {Town("u1", "一中队", 41)}, 1).over_ratio_cap());
}

}  // namespace
}  // namespace auxpro::personnel
