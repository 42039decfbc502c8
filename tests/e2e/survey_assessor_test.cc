// The assessor's survey campaigns (wenjiang 7.2, 7.3.1.5): an assessor surveys only for the
// centralized assessment session it was commissioned for, checked live with the assessment
// service, and sees only its own campaigns.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = survey::v1;
namespace av1 = assessment::v1;
using testing::Auxiliary;
using testing::Call;
using ::testing::HasSubstr;
using testing::TestServer;

class SurveyAssessorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(std::vector<service::ModuleSpec>{
        survey::SurveyModule(), assessment::AssessmentModule(), personnel::PersonnelModule()});
    stubs_ = std::make_unique<testing::SurveyStubs>(*server_);
    aux_ = testing::HireAuxiliaries(*server_, {personnel::v1::FIELD, personnel::v1::FIELD});
    ASSERT_EQ(aux_.size(), 2u);
  }

  // A session of this year's first quarter, commissioned to `assessor`, assessing `who`.
  std::string Session(const std::string& assessor, const std::vector<Auxiliary>& who) {
    auto stub = av1::Assessment::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    av1::CreateAssessmentSessionRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_assessment_session()->set_year(FromProto(DateOf(absl::Now())).year);
    r.mutable_assessment_session()->set_quarter(1);
    r.mutable_assessment_session()->set_assessor(assessor);
    for (const Auxiliary& a : who)
      r.mutable_assessment_session()->add_participants()->set_person(a.person);
    av1::AssessmentSession out;
    grpc::Status s = Call(*stub, &av1::Assessment::Stub::CreateAssessmentSession, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }

  grpc::Status Create(v1::Survey::Stub& stub, const std::vector<Auxiliary>& who,
                      const std::string& session, v1::Campaign* out) {
    v1::CreateCampaignRequest create;
    create.set_parent("jurisdictions/wenjiang");
    v1::Campaign* in = create.mutable_campaign();
    in->set_display_name("季度集中考核");
    *in->mutable_period_start() = DateOf(absl::Now());
    *in->mutable_period_end() = DateOf(absl::Now());
    for (const Auxiliary& a : who) in->add_auxiliaries(a.person);
    in->set_assessment_session(session);
    return Call(stub, &v1::Survey::Stub::CreateCampaign, create, out);
  }

  static std::string Reason(const grpc::Status& s) {
    auto info = rpc::ErrorInfoOf(s);
    return info ? info->reason : "";
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<testing::SurveyStubs> stubs_;
  std::vector<Auxiliary> aux_;
};

TEST_F(SurveyAssessorTest, AnAssessorSurveysOnlyForTheSessionItWasCommissionedFor) {
  v1::Campaign out;
  grpc::Status s = Create(*stubs_->assessor, {aux_[0]}, "", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("assessment_session"));
  s = Create(*stubs_->assessor, {aux_[0]}, "2026Q1-session", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  s = Create(*stubs_->assessor, {aux_[0]}, "jurisdictions/wenjiang/assessmentSessions/none", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Reason(s), "ASSESSMENT_SESSION_NOT_FOUND");

  const std::string others = Session("another-assessor", {aux_[0]});
  s = Create(*stubs_->assessor, {aux_[0]}, others, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Reason(s), "ASSESSOR_NOT_COMMISSIONED");

  const std::string own = Session("wenjiang-assessor", {aux_[0]});
  s = Create(*stubs_->assessor, {aux_[0], aux_[1]}, own, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(Reason(s), "NOT_A_SESSION_PARTICIPANT");
  EXPECT_THAT(s.error_message(), HasSubstr("campaign.auxiliaries[1]"));

  s = Create(*stubs_->assessor, {aux_[0]}, own, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.assessment_session(), own);
  // Covering someone the session does not assess is refused on update too.
  v1::UpdateCampaignRequest update;
  *update.mutable_campaign() = out;
  update.mutable_campaign()->add_auxiliaries(aux_[1].person);
  update.mutable_update_mask()->add_paths("auxiliaries");
  v1::Campaign updated;
  s = Call(*stubs_->assessor, &v1::Survey::Stub::UpdateCampaign, update, &updated);
  EXPECT_EQ(Reason(s), "NOT_A_SESSION_PARTICIPANT") << s.error_message();
}

TEST_F(SurveyAssessorTest, AssessorActsOnlyOnItsOwnCampaigns) {
  v1::Campaign own;
  ASSERT_TRUE(
      Create(*stubs_->assessor, {aux_[0]}, Session("wenjiang-assessor", {aux_[0]}), &own).ok());
  v1::Campaign bureaus = testing::MakeCampaign(*stubs_->bureau, {aux_[0]}, true);
  v1::GetCampaignRequest get;
  get.set_name(bureaus.name());
  v1::Campaign out;
  EXPECT_EQ(Call(*stubs_->assessor, &v1::Survey::Stub::GetCampaign, get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListCampaignsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  v1::ListCampaignsResponse page;
  ASSERT_TRUE(Call(*stubs_->assessor, &v1::Survey::Stub::ListCampaigns, list, &page).ok());
  ASSERT_EQ(page.campaigns_size(), 1);
  EXPECT_EQ(page.campaigns(0).name(), own.name());
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::ListCampaigns, list, &page).ok());
  EXPECT_EQ(page.campaigns_size(), 2);
}

TEST(SurveyAssessorAlone, AnAssessmentServiceThatDoesNotAnswerIsUnavailableNeverAGuess) {
  TestServer server({survey::SurveyModule(), personnel::PersonnelModule()});
  testing::SurveyStubs stubs(server);
  std::vector<Auxiliary> aux = testing::HireAuxiliaries(server, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  v1::CreateCampaignRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_campaign()->set_display_name("x");
  *create.mutable_campaign()->mutable_period_start() = DateOf(absl::Now());
  *create.mutable_campaign()->mutable_period_end() = DateOf(absl::Now());
  create.mutable_campaign()->add_auxiliaries(aux[0].person);
  create.mutable_campaign()->set_assessment_session(
      "jurisdictions/wenjiang/assessmentSessions/s-1");
  v1::Campaign out;
  grpc::Status s = Call(*stubs.assessor, &v1::Survey::Stub::CreateCampaign, create, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("assessment"));
}

}  // namespace
}  // namespace auxpro
