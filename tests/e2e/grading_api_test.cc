// The grading service through its gRPC API, over mTLS, against MariaDB, with personnel,
// assessment, points and survey co-located: the requirement check read live (every row with its
// source), one level at a time, the application's states and refusals per agency, the access
// matrix of DOMAIN.md section 8, and a stopped dependency making its rows UNAVAILABLE.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/access_matrix.h"
#include "tests/support/call.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using GStub = v1::Grading::Stub;
using testing::Call;

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

v1::RowStatus StatusOf(const v1::RequirementCheck& c, v1::Requirement r) {
  for (const auto& row : c.rows()) {
    if (row.requirement() == r) return row.status();
  }
  return v1::ROW_STATUS_UNSPECIFIED;
}

std::vector<service::ModuleSpec> AllFive() {
  return {personnel::PersonnelModule(), points::PointsModule(), assessment::AssessmentModule(),
          survey::SurveyModule(), grading::GradingModule()};
}

testing::TestServerOptions PerServiceUsers() {
  testing::TestServerOptions o;
  o.per_service_users = true;
  return o;
}

class GradingApiTest : public ::testing::Test {
 protected:
  explicit GradingApiTest(std::vector<service::ModuleSpec> modules = AllFive())
      : server_(modules, PerServiceUsers()) {
    bureau_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    hr_ = v1::Grading::NewStub(server_.Channel("wenjiang", "HR_COMPANY"));
    office_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
  }

  v1::RequirementCheck Check(const std::string& person, int target) {
    v1::CheckRequirementsRequest r;
    r.set_person(person);
    r.set_target_level(target);
    v1::RequirementCheck out;
    grpc::Status s = Call(*bureau_, &GStub::CheckRequirements, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Create(GStub& stub, const std::string& person, int target, v1::Application* out) {
    v1::CreateApplicationRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_application()->set_person(person);
    r.mutable_application()->set_target_level(target);
    auto* e = r.mutable_application()->add_evidence();
    e->set_kind("QUALIFICATION_FORM");
    e->set_ref("docs/任职资格标准考核认证表-1");
    return Call(stub, &GStub::CreateApplication, r, out);
  }

  testing::TestServer server_;
  std::unique_ptr<GStub> bureau_, hr_, office_;
};

TEST_F(GradingApiTest, CheckReadsEveryRowLiveWithItsSource) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  const v1::RequirementCheck c = Check(aux[0].person, 4);
  EXPECT_EQ(c.rows_size(), 13);
  EXPECT_FALSE(c.passed());
  for (const auto& row : c.rows()) {
    EXPECT_NE(row.status(), v1::UNAVAILABLE) << v1::Requirement_Name(row.requirement());
    EXPECT_FALSE(row.source_service().empty());
  }
  EXPECT_EQ(StatusOf(c, v1::PROFESSIONAL_EXAM), v1::INSUFFICIENT);  // no exam yet
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::INSUFFICIENT);       // no responses
  EXPECT_EQ(StatusOf(c, v1::EDUCATION), v1::PASS);
  EXPECT_EQ(c.current_level(), 0);
  EXPECT_FALSE(c.policy_version().empty());
}

TEST_F(GradingApiTest, ApplicationsOneLevelAtATimeByTheBureauAndTheWorkflowRefusals) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  const std::string person = aux[0].person;
  v1::Application app;
  grpc::Status s = Create(*bureau_, person, 4, &app);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "ONE_LEVEL_AT_A_TIME");
  EXPECT_EQ(Create(*hr_, person, 5, &app).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Create(*bureau_, person, 5, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.state(), v1::Application::DRAFT);
  EXPECT_EQ(app.deciding_body(), policy::v1::BUREAU_AND_HR_COMPANY);
  v1::Application second;
  EXPECT_EQ(Reason(Create(*bureau_, person, 5, &second)), "APPLICATION_OPEN");

  v1::SubmitApplicationRequest submit;
  submit.set_name(app.name());
  submit.set_etag(app.etag());
  s = Call(*bureau_, &GStub::SubmitApplication, submit, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.state(), v1::Application::QUALIFICATION_REVIEW);
  EXPECT_EQ(app.submitted_check().rows_size(), 13);
  EXPECT_FALSE(app.policy_version().empty());
  // A stale etag, then a review refused on the failing check (no exam, no annual rating).
  v1::PassQualificationReviewRequest review;
  review.set_name(app.name());
  review.set_etag("1");
  v1::Application out;
  s = Call(*bureau_, &GStub::PassQualificationReview, review, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  review.set_etag(app.etag());
  s = Call(*bureau_, &GStub::PassQualificationReview, review, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "REQUIREMENTS_NOT_MET");
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("PROFESSIONAL_EXAM"));
  // Deciding now is the wrong state; the office may not return a level-5 application in review.
  v1::DecideApplicationRequest decide;
  decide.set_name(app.name());
  decide.set_etag(app.etag());
  decide.set_outcome(v1::APPROVE);
  decide.set_reason("评定通过");
  EXPECT_EQ(Reason(Call(*hr_, &GStub::DecideApplication, decide, &out)), "WRONG_STATE");
  v1::ReturnApplicationRequest ret;
  ret.set_name(app.name());
  ret.set_etag(app.etag());
  ret.set_reason("补充专业知识考试成绩");
  EXPECT_EQ(Call(*office_, &GStub::ReturnApplication, ret, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  s = Call(*bureau_, &GStub::ReturnApplication, ret, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.state(), v1::Application::DRAFT);
  v1::WithdrawApplicationRequest withdraw;
  withdraw.set_name(app.name());
  withdraw.set_etag(app.etag());
  withdraw.set_reason("本轮不申报");
  s = Call(*bureau_, &GStub::WithdrawApplication, withdraw, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(app.state(), v1::Application::WITHDRAWN);
  // Closed: the person may be applied for again.
  EXPECT_TRUE(Create(*bureau_, person, 5, &second).ok());

  // The archive holds every transition with its agency, readable by the office.
  v1::ListArchiveEntriesRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_person(person);
  v1::ListArchiveEntriesResponse archive;
  s = Call(*office_, &GStub::ListArchiveEntries, list, &archive);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<std::string> actions;
  for (const auto& e : archive.entries()) actions.push_back(e.action());
  EXPECT_THAT(actions, ::testing::ElementsAre("CREATE", "SUBMIT", "RETURN", "WITHDRAW", "CREATE"));
  // No level changed on the way.
  v1::GetPersonLevelRequest get;
  get.set_name(person + "/level");
  v1::PersonLevel level;
  ASSERT_TRUE(Call(*hr_, &GStub::GetPersonLevel, get, &level).ok());
  EXPECT_EQ(level.level(), 0);
  EXPECT_EQ(level.history_size(), 0);
  // Revoking without a level, and a demotion case without a level, are refused.
  v1::RevokeLevelRequest revoke;
  revoke.set_name(person + "/level");
  revoke.set_ground(v1::VIOLATION);
  revoke.set_reason("违纪");
  revoke.set_evidence_ref("温综执〔2026〕3号");
  EXPECT_EQ(Reason(Call(*office_, &GStub::RevokeLevel, revoke, &level)), "NO_LEVEL");
}

TEST_F(GradingApiTest, AccessMatrixOfSection8) {
  const std::set<std::string> readers = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU",
                                         "HR_COMPANY"};
  const std::set<std::string> bureau = {"ENFORCEMENT_BUREAU"};
  testing::ExpectAccessMatrix(
      server_,
      {"auxpro.grading.v1.Grading",
       {{"GetPersonLevel", {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY", "SERVICE"}},
        {"CheckRequirements", readers},
        {"CreateApplication", bureau},
        {"GetApplication", readers},
        {"ListApplications", readers},
        {"SubmitApplication", bureau},
        {"PassQualificationReview", bureau},
        {"DecideApplication", readers},
        {"ReturnApplication", readers},
        {"WithdrawApplication", bureau},
        {"FileApplication", bureau},
        {"PublishResultNotice", {"ESTABLISHMENT_OFFICE"}},
        {"GetResultNotice", readers},
        {"OpenDemotionCase", bureau},
        {"GetDemotionCase", readers},
        {"DecideDemotionCase", readers},
        {"RevokeLevel", readers},
        {"ListArchiveEntries", readers},
        {"ListOverdueApplications", readers},
        {"RunGradingSweep", {"ESTABLISHMENT_OFFICE"}},
        {"RecordObjection", {"ENFORCEMENT_BUREAU", "HR_COMPANY"}},
        {"AnswerObjection", {"ESTABLISHMENT_OFFICE"}},
        {"RecordAttestation", bureau},
        {"GetQualificationForm", readers},
        {"GetResultNoticeForm", readers},
        {"ListRoundEntries", readers}}});
}

// The survey service is not there: its row is UNAVAILABLE, the check cannot pass, and the others
// are still read.
class GradingWithoutSurveyTest : public GradingApiTest {
 protected:
  GradingWithoutSurveyTest()
      : GradingApiTest({personnel::PersonnelModule(), points::PointsModule(),
                        assessment::AssessmentModule(), grading::GradingModule()}) {}
};

TEST_F(GradingWithoutSurveyTest, AStoppedDependencyMakesItsRowsUnavailable) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  const v1::RequirementCheck c = Check(aux[0].person, 4);
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::UNAVAILABLE);
  EXPECT_EQ(StatusOf(c, v1::EDUCATION), v1::PASS);
  EXPECT_NE(StatusOf(c, v1::LEVEL_POINTS), v1::UNAVAILABLE);
  EXPECT_FALSE(c.passed());
}

}  // namespace
}  // namespace auxpro
