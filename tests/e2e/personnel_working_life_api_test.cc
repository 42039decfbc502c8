// An auxiliary's working life after the hire, through the gRPC API against MariaDB: probation
// ended by its result (longquan art. 6, template art. 10, wenjiang 7.3.1.2), re-hire of a former
// auxiliary (haimen annex 2 items 3-4, wenjiang C.3), each refusal with its code and the field or
// rule named, nothing half-written.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;
using ::testing::HasSubstr;
using testing::MakeNationalId;
using testing::TestServer;

std::string NextRequestId() {
  static std::atomic<int> n{0};
  return absl::StrCat("wl-", absl::ToUnixMicros(absl::Now()), "-", n++);
}

common::v1::Date DaysFromToday(int days) {
  return ToProto(AddDays(FromProto(DateOf(absl::Now())), days));
}

const char* const kWenjiangChecklist[] = {"work_permit_returned", "equipment_returned",
                                          "uniform_returned", "labor_relation_ended"};

class PersonnelWorkingLifeApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Assessment co-located: a renewal reads the annual rating from it.
    testing::TestServerOptions options;
    options.per_service_users = true;
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{assessment::AssessmentModule(),
                                         personnel::PersonnelModule()},
        options);
  }

  std::unique_ptr<v1::Personnel::Stub> Stub(const std::string& kind,
                                            const std::string& j = "wenjiang") {
    return v1::Personnel::NewStub(server_->Channel(j, kind));
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_->Db("personnel"), sql); }

  template <typename Method, typename Request, typename Response>
  grpc::Status As(const std::string& kind, Method method, const Request& request,
                  Response* response, const std::string& j = "wenjiang") {
    return testing::Call(*Stub(kind, j), method, request, response);
  }

  // A unit, a jurisdiction limit and a signed dispatch agreement.
  void Ready(const std::string& j = "wenjiang") {
    v1::CreateUnitRequest u;
    u.set_parent("jurisdictions/" + j);
    u.set_unit_id("unit-1");
    u.mutable_unit()->set_display_name("一中队");
    u.set_request_id(NextRequestId());
    v1::Unit unit;
    ASSERT_TRUE(As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateUnit, u, &unit, j).ok());
    unit_ = unit.name();
    v1::SetHeadcountLimitRequest l;
    l.set_parent("jurisdictions/" + j);
    l.set_limit(50);
    l.set_document_ref("编发〔2026〕1号");
    l.set_request_id(NextRequestId());
    v1::HeadcountLimit limit;
    ASSERT_TRUE(
        As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetHeadcountLimit, l, &limit, j).ok());
    v1::CreateDispatchAgreementRequest a;
    a.set_parent("jurisdictions/" + j);
    auto* ag = a.mutable_dispatch_agreement();
    ag->set_title("劳务派遣协议");
    ag->set_headcount(50);
    *ag->mutable_start_date() = DaysFromToday(-365);
    *ag->mutable_end_date() = DaysFromToday(365);
    a.set_request_id(NextRequestId());
    v1::DispatchAgreement agreement;
    ASSERT_TRUE(
        As("HR_COMPANY", &v1::Personnel::Stub::CreateDispatchAgreement, a, &agreement, j).ok());
    v1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement.name());
    sign.set_request_id(NextRequestId());
    ASSERT_TRUE(
        As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::SignDispatchAgreement, sign, &agreement, j)
            .ok());
    agreement_ = agreement.name();
  }

  v1::Person NewPerson(int serial, const std::string& j = "wenjiang", int birth_year = 1990,
                       common::v1::Education education = common::v1::HIGH_SCHOOL) {
    v1::CreatePersonRequest r;
    r.set_parent("jurisdictions/" + j);
    auto* p = r.mutable_person();
    p->set_full_name(absl::StrCat("在职人员", serial));
    p->set_national_id(MakeNationalId(birth_year, 5, 17, serial));
    p->set_education(education);
    p->set_post_type(v1::FIELD);
    p->add_attestations(common::v1::FIT_FOR_POST);
    p->add_attestations(common::v1::SPEAKS_MANDARIN);
    p->add_attestations(common::v1::UNDERSTANDS_LOCAL_DIALECT);
    r.set_request_id(NextRequestId());
    v1::Person out;
    grpc::Status s = As("HR_COMPANY", &v1::Personnel::Stub::CreatePerson, r, &out, j);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Hire(const v1::Person& p, v1::Person* out, const std::string& j = "wenjiang",
                    int days_ago = 0, bool direct = false) {
    v1::HirePersonRequest r;
    r.set_name(p.name());
    r.set_unit(unit_);
    if (direct) {
      r.set_direct(true);
    } else {
      r.set_dispatch_agreement(agreement_);
    }
    if (days_ago > 0) *r.mutable_hire_date() = DaysFromToday(-days_ago);
    r.set_request_id(NextRequestId());
    return As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::HirePerson, r, out, j);
  }

  grpc::Status Exit(const v1::Person& p, v1::Person* out) {
    v1::ExitPersonRequest r;
    r.set_name(p.name());
    r.set_reason(v1::DISCIPLINE_BREACH);
    for (const char* item : kWenjiangChecklist) r.add_confirmed_checklist(item);
    r.set_request_id(NextRequestId());
    return As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::ExitPerson, r, out);
  }

  // An exit with `reason`, every item of the jurisdiction's checklist confirmed.
  grpc::Status ExitFor(const v1::Person& p, v1::ExitReason reason, const std::string& j,
                       v1::Person* out, int days_ago = 0) {
    v1::ExitPersonRequest r;
    r.set_name(p.name());
    r.set_reason(reason);
    if (days_ago > 0) *r.mutable_exit_date() = DaysFromToday(-days_ago);
    for (const auto& item : server_->policies().Find(j)->exit().checklist()) {
      r.add_confirmed_checklist(item);
    }
    r.set_request_id(NextRequestId());
    return As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::ExitPerson, r, out, j);
  }

  // Every step of the jurisdiction's policy recorded as passed today (a step with a period
  // started long enough before).
  void PolicySteps(const v1::Person& p, const std::string& j, int days_ago = 0) {
    for (const auto& step : server_->policies().Find(j)->employment().hiring_steps()) {
      v1::RecordHiringStepRequest r;
      r.set_name(p.name());
      r.mutable_step()->set_step(step.code());
      *r.mutable_step()->mutable_start_date() =
          DaysFromToday(-days_ago - static_cast<int>(step.min_days()) - 1);
      *r.mutable_step()->mutable_date() = DaysFromToday(-days_ago);
      r.mutable_step()->set_result(v1::HiringStepRecord::PASSED);
      r.mutable_step()->set_evidence_ref("晋建 " + step.code());
      r.set_request_id(NextRequestId());
      v1::Person out;
      grpc::Status s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::RecordHiringStep, r, &out, j);
      ASSERT_TRUE(s.ok()) << step.code() << ": " << s.error_message();
    }
  }

  v1::CheckRecruitmentEligibilityResponse Eligibility(const v1::Person& p,
                                                      const std::string& j = "wenjiang") {
    v1::CheckRecruitmentEligibilityRequest check;
    check.set_name(p.name());
    v1::CheckRecruitmentEligibilityResponse verdict;
    grpc::Status s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CheckRecruitmentEligibility,
                        check, &verdict, j);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return verdict;
  }

  static std::string FailureReason(const v1::CheckRecruitmentEligibilityResponse& v,
                                   const std::string& condition) {
    for (const auto& f : v.failures()) {
      if (f.condition() == condition) return f.reason();
    }
    return "";
  }

  // Every step of the jurisdiction's hiring procedure recorded as passed today.
  void AllSteps(const v1::Person& p, const std::string& j) {
    for (const char* step :
         {"political_review", "written_exam", "interview", "medical", "party_group_decision"}) {
      v1::RecordHiringStepRequest r;
      r.set_name(p.name());
      r.mutable_step()->set_step(step);
      *r.mutable_step()->mutable_date() = DaysFromToday(0);
      r.mutable_step()->set_result(v1::HiringStepRecord::PASSED);
      r.mutable_step()->set_evidence_ref(std::string("龙综执 ") + step);
      r.set_request_id(NextRequestId());
      v1::Person out;
      grpc::Status s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::RecordHiringStep, r, &out, j);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
  }

  grpc::Status IssuePermit(const v1::Person& p, v1::Permit* out) {
    v1::RecordTrainingRequest t;
    t.set_parent(p.name());
    t.mutable_training_record()->set_kind(v1::PRE_JOB);
    t.mutable_training_record()->set_days(15);
    t.mutable_training_record()->set_passed(true);
    *t.mutable_training_record()->mutable_start_date() = DaysFromToday(0);
    t.set_request_id(NextRequestId());
    v1::TrainingRecord rec;
    grpc::Status s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::RecordTraining, t, &rec);
    if (!s.ok()) return s;
    v1::IssuePermitRequest r;
    r.set_name(p.name());
    r.set_request_id(NextRequestId());
    return As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::IssuePermit, r, out);
  }

  v1::EndProbationRequest EndRequest(const v1::Person& p, v1::ProbationResult result) {
    v1::EndProbationRequest r;
    r.set_name(p.name());
    r.set_result(result);
    r.set_evidence_ref("2026年第一季度集中考核");
    r.set_request_id(NextRequestId());
    return r;
  }

  std::unique_ptr<TestServer> server_;
  std::string unit_, agreement_;
};

TEST_F(PersonnelWorkingLifeApiTest, ProbationPassedConfirmsTheHireWithItsEvidence) {
  Ready();
  v1::Person p = NewPerson(601), out;
  ASSERT_TRUE(Hire(p, &out).ok());
  grpc::Status s = As("HR_COMPANY", &v1::Personnel::Stub::EndProbation,
                      EndRequest(p, v1::PROBATION_PASSED), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::ACTIVE);
  EXPECT_EQ(out.probation_result(), v1::PROBATION_PASSED);
  v1::GetPersonRequest get;
  get.set_name(p.name());
  ASSERT_TRUE(As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::GetPerson, get, &out).ok());
  EXPECT_EQ(out.probation_result(), v1::PROBATION_PASSED);
  EXPECT_EQ(out.probation_evidence_ref(), "2026年第一季度集中考核");
}

TEST_F(PersonnelWorkingLifeApiTest, WenjiangProbationWithoutAResultIsRefusedNothingWritten) {
  Ready();
  v1::Person p = NewPerson(602), out;
  ASSERT_TRUE(Hire(p, &out).ok());
  v1::EndProbationRequest r = EndRequest(p, v1::PROBATION_RESULT_UNSPECIFIED);
  grpc::Status s = As("HR_COMPANY", &v1::Personnel::Stub::EndProbation, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("result: required"));
  r = EndRequest(p, v1::PROBATION_PASSED);
  r.clear_evidence_ref();
  s = As("HR_COMPANY", &v1::Personnel::Stub::EndProbation, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("evidence_ref"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 2"), 1);  // still PROBATION
}

TEST_F(PersonnelWorkingLifeApiTest, ProbationFailedEndsTheEmploymentRevokesThePermitAndEmits) {
  Ready();
  v1::Person p = NewPerson(603), out;
  ASSERT_TRUE(Hire(p, &out).ok());
  v1::Permit permit;
  ASSERT_TRUE(IssuePermit(p, &permit).ok());
  v1::EndProbationRequest r = EndRequest(p, v1::PROBATION_FAILED);
  grpc::Status s = As("HR_COMPANY", &v1::Personnel::Stub::EndProbation, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "EXIT_CHECKLIST_INCOMPLETE");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM permits WHERE state = 1"), 1);  // nothing half-written
  for (const char* item : kWenjiangChecklist) r.add_confirmed_checklist(item);
  r.set_request_id(NextRequestId());
  s = As("HR_COMPANY", &v1::Personnel::Stub::EndProbation, r, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::EXITED);
  EXPECT_EQ(out.exit_reason(), v1::FAILED_PROBATION);
  EXPECT_EQ(out.probation_result(), v1::PROBATION_FAILED);
  EXPECT_TRUE(out.badge_number().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM permits WHERE state = 2"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = "
                  "'auxpro.personnel.v1.PersonExited' AND consumer IN ('points', 'grading')"),
            2);
}

}  // namespace
}  // namespace auxpro

namespace auxpro {
namespace {

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

TEST_F(PersonnelWorkingLifeApiTest, RehireReopensTheArchiveAsANewPeriodWithANewBadge) {
  Ready();
  v1::Person p = NewPerson(611), out;
  ASSERT_TRUE(Hire(p, &out).ok());
  v1::Permit first;
  ASSERT_TRUE(IssuePermit(p, &first).ok());
  ASSERT_TRUE(Exit(p, &out).ok());
  v1::CheckRecruitmentEligibilityRequest check;
  check.set_name(p.name());
  v1::CheckRecruitmentEligibilityResponse verdict;
  grpc::Status s =
      As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CheckRecruitmentEligibility, check, &verdict);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::Person again;
  s = Hire(p, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.name(), p.name());  // the same archive
  EXPECT_EQ(again.state(), v1::PROBATION);
  EXPECT_TRUE(again.former_auxiliary());
  ASSERT_EQ(again.past_periods_size(), 1);
  EXPECT_EQ(again.past_periods(0).exit_reason(), v1::DISCIPLINE_BREACH);
  EXPECT_EQ(again.past_periods(0).unit(), unit_);
  EXPECT_EQ(again.exit_reason(), v1::EXIT_REASON_UNSPECIFIED);
  v1::Permit second;
  ASSERT_TRUE(IssuePermit(p, &second).ok());
  EXPECT_NE(second.badge_number(), first.badge_number());  // never reused
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);
  // Points start again from zero: a second PersonHired goes to points.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = "
                  "'auxpro.personnel.v1.PersonHired' AND consumer = 'points'"),
            2);
  v1::GetPersonRequest get;
  get.set_name(p.name());
  ASSERT_TRUE(As("HR_COMPANY", &v1::Personnel::Stub::GetPerson, get, &out).ok());
  EXPECT_EQ(out.past_periods_size(), 1);
  // Someone employed is not re-hired.
  EXPECT_EQ(Hire(p, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PersonnelWorkingLifeApiTest, TemplateDirectHireContractTermOverlapRenewalAndEnd) {
  Ready("template");
  v1::Person p = NewPerson(621, "template", 1996), out;
  grpc::Status s = Hire(p, &out, "template", /*days_ago=*/400, /*direct=*/true);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::CreateLabourContractRequest c;
  c.set_parent(p.name());
  *c.mutable_labour_contract()->mutable_start_date() = DaysFromToday(-360);
  c.mutable_labour_contract()->set_document_ref("劳动合同 2025-001");
  c.set_request_id(NextRequestId());
  v1::LabourContract contract;
  // Template art. 10: signed after a passed probation.
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateLabourContract, c, &contract,
         "template");
  EXPECT_EQ(Reason(s), "PROBATION_NOT_PASSED");
  v1::EndProbationRequest end = EndRequest(p, v1::PROBATION_PASSED);
  *end.mutable_end_date() = DaysFromToday(-365);
  ASSERT_TRUE(As("HR_COMPANY", &v1::Personnel::Stub::EndProbation, end, &out, "template").ok());
  // A direct hire's contract is the bureau's, not the HR company's.
  c.set_request_id(NextRequestId());
  s = As("HR_COMPANY", &v1::Personnel::Stub::CreateLabourContract, c, &contract, "template");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  c.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateLabourContract, c, &contract,
         "template");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(contract.employer(), common::v1::ENFORCEMENT_BUREAU);
  EXPECT_FALSE(contract.renewal());
  EXPECT_EQ(contract.state(), v1::LabourContract::IN_FORCE);
  // 聘期为一年: the end follows from the start.
  EXPECT_EQ(FormatDate(FromProto(contract.end_date())),
            FormatDate(AddDays(AddMonths(FromProto(DaysFromToday(-360)), 12), -1)));
  v1::CreateLabourContractRequest overlap = c;
  *overlap.mutable_labour_contract()->mutable_start_date() = DaysFromToday(-100);
  overlap.set_request_id(NextRequestId());
  v1::LabourContract other;
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateLabourContract, overlap, &other,
         "template");
  EXPECT_EQ(Reason(s), "CONTRACT_OVERLAPS");
  // The renewal reads the annual rating from the assessment service: none yet, so refused.
  v1::CreateLabourContractRequest renewal = c;
  *renewal.mutable_labour_contract()->mutable_start_date() =
      ToProto(AddDays(FromProto(contract.end_date()), 1));
  renewal.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateLabourContract, renewal, &other,
         "template");
  EXPECT_EQ(Reason(s), "RENEWAL_RATING");
  EXPECT_THAT(s.error_message(), HasSubstr("not available"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM labour_contracts"), 1);
  // The end of the labour relation.
  v1::EndLabourContractRequest stop;
  stop.set_name(contract.name());
  stop.set_reason("合同期满不再续订");
  stop.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::EndLabourContract, stop, &other, "template");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(other.state(), v1::LabourContract::ENDED);
  stop.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::EndLabourContract, stop, &other, "template");
  EXPECT_EQ(Reason(s), "CONTRACT_ENDED");
  v1::ListLabourContractsRequest list;
  list.set_parent(p.name());
  v1::ListLabourContractsResponse contracts;
  ASSERT_TRUE(As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::ListLabourContracts, list,
                 &contracts, "template")
                  .ok());
  ASSERT_EQ(contracts.labour_contracts_size(), 1);
  EXPECT_EQ(contracts.labour_contracts(0).end_reason(), "合同期满不再续订");
}

TEST_F(PersonnelWorkingLifeApiTest, LongquanBackbonePostsWithinTheUnitsNumberAndResignation) {
  Ready("longquan");
  v1::Person a = NewPerson(631, "longquan"), b = NewPerson(633, "longquan"), out;
  AllSteps(a, "longquan");
  AllSteps(b, "longquan");
  ASSERT_TRUE(Hire(a, &out, "longquan").ok());
  ASSERT_TRUE(Hire(b, &out, "longquan").ok());
  v1::SetBackbonePostsRequest posts;
  posts.set_unit(unit_);
  posts.set_leader_posts(1);
  posts.set_deputy_posts(1);
  posts.set_request_id(NextRequestId());
  v1::BackbonePosts numbers;
  ASSERT_TRUE(
      As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::SetBackbonePosts, posts, &numbers, "longquan")
          .ok());
  EXPECT_EQ(numbers.deputy_posts(), 1);
  auto appoint = [&](const v1::Person& p, v1::BackbonePost post, v1::Person* res) {
    v1::AppointBackbonePostRequest r;
    r.set_name(p.name());
    r.set_post(post);
    r.set_decision_ref("局党组会议纪要〔2026〕3号");
    r.set_request_id(NextRequestId());
    return As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::AppointBackbonePost, r, res, "longquan");
  };
  grpc::Status s = appoint(a, v1::LEADER, &out);
  EXPECT_EQ(Reason(s), "LEADER_FROM_DEPUTIES");
  s = appoint(a, v1::DEPUTY_LEADER, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.backbone_post(), v1::DEPUTY_LEADER);
  EXPECT_EQ(out.backbone_monthly_pay_fen(), 30000);  // art. 17(五), no whole year yet
  s = appoint(b, v1::DEPUTY_LEADER, &out);
  EXPECT_EQ(Reason(s), "BACKBONE_QUOTA");
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->metadata["quota"], "1");
  ASSERT_TRUE(appoint(a, v1::LEADER, &out).ok());
  EXPECT_EQ(out.backbone_monthly_pay_fen(), 50000);
  ASSERT_TRUE(appoint(b, v1::DEPUTY_LEADER, &out).ok());  // the deputy post is free again
  posts.set_deputy_posts(-1);
  posts.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::SetBackbonePosts, posts, &numbers, "longquan");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("deputy_posts"));

  // Art. 15: resignation with 15 days' written notice, signed off three times.
  v1::ExitPersonRequest exit;
  exit.set_name(a.name());
  exit.set_reason(v1::RESIGNATION);
  for (const char* item : kWenjiangChecklist) exit.add_confirmed_checklist(item);
  exit.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::ExitPerson, exit, &out, "longquan");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("resignation"));
  *exit.mutable_resignation()->mutable_notice_date() = DaysFromToday(-10);
  exit.mutable_resignation()->add_signed_off_by("team_head");
  exit.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::ExitPerson, exit, &out, "longquan");
  EXPECT_EQ(Reason(s), "RESIGNATION_INCOMPLETE");
  EXPECT_THAT(s.error_message(), HasSubstr("deputy_director"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 4"), 0);  // nothing written
  *exit.mutable_resignation()->mutable_notice_date() = DaysFromToday(-15);
  exit.mutable_resignation()->add_signed_off_by("deputy_director");
  exit.mutable_resignation()->add_signed_off_by("director");
  exit.set_request_id(NextRequestId());
  s = As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::ExitPerson, exit, &out, "longquan");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::EXITED);
  EXPECT_EQ(out.backbone_post(), v1::BACKBONE_POST_UNSPECIFIED);  // the post is given up
}

TEST_F(PersonnelWorkingLifeApiTest, StaffingReportListsUnitsBelowTheirMinimumAndTheRatio) {
  v1::CreateUnitRequest u;
  u.set_parent("jurisdictions/haimen");
  u.set_unit_id("haimen-jiedao");
  u.mutable_unit()->set_display_name("海门街道");
  u.set_request_id(NextRequestId());
  v1::Unit town;
  ASSERT_TRUE(As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::CreateUnit, u, &town, "haimen").ok());
  v1::GetStaffingReportRequest get;
  get.set_parent("jurisdictions/haimen");
  v1::StaffingReport report;
  ASSERT_TRUE(
      As("ENFORCEMENT_BUREAU", &v1::Personnel::Stub::GetStaffingReport, get, &report, "haimen")
          .ok());
  ASSERT_EQ(report.units_size(), 1);
  EXPECT_EQ(report.units(0).minimum(), 170);  // annex 1, from the preset
  EXPECT_EQ(report.units(0).minimum_source(), "haimen annex 1");
  ASSERT_EQ(report.below_minimum_size(), 1);
  EXPECT_EQ(report.below_minimum(0), town.name());
  v1::SetStaffingFloorRequest floor;
  floor.set_unit(town.name());
  floor.set_minimum(-1);
  floor.set_request_id(NextRequestId());
  v1::StaffingFloor recorded;
  grpc::Status s = As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetStaffingFloor, floor,
                      &recorded, "haimen");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("minimum"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staffing_floors"), 0);
  floor.set_minimum(0);
  floor.set_document_ref("海编〔2026〕5号");
  floor.set_request_id(NextRequestId());
  ASSERT_TRUE(
      As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetStaffingFloor, floor, &recorded, "haimen")
          .ok());
  ASSERT_TRUE(
      As("HR_COMPANY", &v1::Personnel::Stub::GetStaffingReport, get, &report, "haimen").ok());
  EXPECT_EQ(report.below_minimum_size(), 0);
  EXPECT_EQ(report.units(0).minimum_source(), "海编〔2026〕5号");

  // Longquan art. 3(一): auxiliaries 1:1 with the established staff.
  Ready("longquan");
  v1::Person a = NewPerson(641, "longquan"), out;
  AllSteps(a, "longquan");
  ASSERT_TRUE(Hire(a, &out, "longquan").ok());
  v1::SetEstablishedStaffRequest staff;
  staff.set_parent("jurisdictions/longquan");
  staff.set_established_staff(-3);
  staff.set_request_id(NextRequestId());
  s = As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetEstablishedStaff, staff, &report,
         "longquan");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("established_staff"));
  staff.set_established_staff(0);
  staff.set_request_id(NextRequestId());
  ASSERT_TRUE(As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetEstablishedStaff, staff, &report,
                 "longquan")
                  .ok());
  EXPECT_EQ(report.members(), 1);
  EXPECT_EQ(report.ratio_cap_percent(), 100);
  EXPECT_TRUE(report.over_ratio_cap());
  staff.set_established_staff(1);
  staff.set_request_id(NextRequestId());
  ASSERT_TRUE(As("ESTABLISHMENT_OFFICE", &v1::Personnel::Stub::SetEstablishedStaff, staff, &report,
                 "longquan")
                  .ok());
  EXPECT_FALSE(report.over_ratio_cap());
  EXPECT_DOUBLE_EQ(report.ratio_percent(), 100.0);
}

// shanxi art. 13(六) 曾因违反协管人员管理相关规定，被解聘的: an auxiliary dismissed for breaking the rules
// is not recruited again, read from the earlier period on the same archive without any recorded
// finding; one whose contract simply ended is.
TEST_F(PersonnelWorkingLifeApiTest, ShanxiArt13Item6EarlierDismissalOnTheArchiveRefusesTheRehire) {
  Ready("shanxi");
  const std::string code = "disqualifier.dismissed_as_auxiliary";
  v1::Person dismissed = NewPerson(701, "shanxi", 1990, common::v1::JUNIOR_COLLEGE), out;
  // First period: steps 20 days ago, hired 15 days ago, dismissed 10 days ago.
  PolicySteps(dismissed, "shanxi", 20);
  grpc::Status s = Hire(dismissed, &out, "shanxi", 15);
  ASSERT_TRUE(s.ok()) << s.error_message();
  s = ExitFor(dismissed, v1::DISCIPLINE_BREACH, "shanxi", &out, 10);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.findings_size(), 0);  // nothing recorded by hand

  v1::CheckRecruitmentEligibilityResponse verdict = Eligibility(dismissed, "shanxi");
  EXPECT_FALSE(verdict.eligible());
  EXPECT_THAT(FailureReason(verdict, code), HasSubstr("shanxi art. 13(六)"));
  EXPECT_THAT(FailureReason(verdict, code), HasSubstr("DISCIPLINE_BREACH"));
  PolicySteps(dismissed, "shanxi");
  s = Hire(dismissed, &out, "shanxi");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "RECRUITMENT_INELIGIBLE");
  EXPECT_THAT(rpc::ErrorInfoOf(s)->metadata["conditions"], HasSubstr(code));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 4"), 1);  // still exited

  v1::Person ended = NewPerson(702, "shanxi", 1990, common::v1::JUNIOR_COLLEGE);
  PolicySteps(ended, "shanxi", 20);
  ASSERT_TRUE(Hire(ended, &out, "shanxi", 15).ok());
  ASSERT_TRUE(ExitFor(ended, v1::CONTRACT_ENDED, "shanxi", &out, 10).ok());
  EXPECT_TRUE(Eligibility(ended, "shanxi").eligible());
  PolicySteps(ended, "shanxi");
  s = Hire(ended, &out, "shanxi");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.past_periods_size(), 1);
}

// An exited record is archived, but what the recruitment check reads is brought up to date before
// a re-hire, and the re-hire reads it: a finding recorded after the exit refuses it, the finding
// cleared admits it; other fields stay archived (PERSON_EXITED).
TEST_F(PersonnelWorkingLifeApiTest, RehireReadsTheFindingsUpdatedOnTheExitedRecord) {
  Ready();
  v1::Person p = NewPerson(721), out;
  ASSERT_TRUE(Hire(p, &out).ok());
  ASSERT_TRUE(ExitFor(p, v1::CONTRACT_ENDED, "wenjiang", &out).ok());

  // wenjiang 6.1 a): listed as a dishonest person since the exit.
  v1::UpdatePersonRequest update;
  update.mutable_person()->set_name(p.name());
  update.mutable_person()->set_etag(out.etag());
  auto* finding = update.mutable_person()->add_findings();
  finding->set_kind(common::v1::DISHONEST_PERSON_LIST);
  finding->set_evidence_ref("失信被执行人名单 2026-11");
  update.mutable_person()->set_education(common::v1::JUNIOR_COLLEGE);
  for (const char* path : {"findings", "education"}) {
    update.mutable_update_mask()->add_paths(path);
  }
  update.set_request_id(NextRequestId());
  v1::Person updated;
  grpc::Status s = As("HR_COMPANY", &v1::Personnel::Stub::UpdatePerson, update, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.state(), v1::EXITED);
  EXPECT_EQ(updated.findings_size(), 1);
  EXPECT_EQ(updated.education(), common::v1::JUNIOR_COLLEGE);
  EXPECT_EQ(updated.exit_reason(), v1::CONTRACT_ENDED);  // the closed period untouched

  v1::CheckRecruitmentEligibilityResponse verdict = Eligibility(p);
  EXPECT_FALSE(verdict.eligible());
  EXPECT_THAT(FailureReason(verdict, "disqualifier.dishonest_person_list"), HasSubstr("6.1"));
  s = Hire(p, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "RECRUITMENT_INELIGIBLE");

  // Another field of the exited record: refused, nothing written.
  v1::UpdatePersonRequest duty;
  duty.mutable_person()->set_name(p.name());
  duty.mutable_person()->set_etag(updated.etag());
  duty.mutable_person()->set_duty_area("东区");
  duty.mutable_update_mask()->add_paths("duty_area");
  duty.set_request_id(NextRequestId());
  s = As("HR_COMPANY", &v1::Personnel::Stub::UpdatePerson, duty, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "PERSON_EXITED");
  EXPECT_THAT(rpc::ErrorInfoOf(s)->metadata["allowed"], HasSubstr("findings"));

  // The listing lifted: the findings cleared, the re-hire reads them and goes through.
  v1::UpdatePersonRequest clear;
  clear.mutable_person()->set_name(p.name());
  clear.mutable_person()->set_etag(updated.etag());
  clear.mutable_update_mask()->add_paths("findings");
  clear.set_request_id(NextRequestId());
  s = As("HR_COMPANY", &v1::Personnel::Stub::UpdatePerson, clear, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.findings_size(), 0);
  EXPECT_TRUE(Eligibility(p).eligible());
  s = Hire(p, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.education(), common::v1::JUNIOR_COLLEGE);
  EXPECT_EQ(out.past_periods_size(), 1);
}

}  // namespace
}  // namespace auxpro
