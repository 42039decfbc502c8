// The satisfaction item of the centralized assessment read from the survey service over gRPC
// (wenjiang 7.2, 7.3.1.5): assessment, survey and personnel co-located over mTLS, a campaign of
// the session answered through the public gateway, the rate read with the policy's pass mark and
// the attempt rules of 7.3.1.3; an insufficient sample gives no result.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
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

namespace v1 = assessment::v1;
using AStub = v1::Assessment::Stub;
using testing::Call;
using ::testing::HasSubstr;

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

TEST(AssessmentSatisfaction, TheItemIsTheSurveysRateOverTheSessionsCampaign) {
  testing::TestServer server(
      {assessment::AssessmentModule(), survey::SurveyModule(), personnel::PersonnelModule()},
      testing::TestServerOptions{.per_service_users = true});
  const auto aux = testing::HireAuxiliaries(server, {personnel::v1::FIELD, personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 2u);
  auto bureau = v1::Assessment::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  auto assessor = v1::Assessment::NewStub(server.Channel("wenjiang", "ASSESSOR"));
  const CivilDate today = FromProto(DateOf(absl::Now()));

  v1::CreateAssessmentSessionRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_assessment_session()->set_year(today.year);
  create.mutable_assessment_session()->set_quarter((today.month - 1) / 3 + 1);
  create.mutable_assessment_session()->set_assessor("wenjiang-assessor");
  for (const auto& a : aux)
    create.mutable_assessment_session()->add_participants()->set_person(a.person);
  v1::AssessmentSession session;
  grpc::Status s = Call(*bureau, &AStub::CreateAssessmentSession, create, &session);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // The assessor runs the session's campaign: 30 responses about the first (all 满意, 4 of 5),
  // 10 about the second (below the minimum sample of 30).
  testing::SurveyStubs surveys(server);
  const auto campaign = testing::MakeCampaign(*surveys.assessor, aux, true, session.name());
  for (int i = 0; i < 40; ++i) {
    const auto& who = aux[i < 30 ? 0 : 1];
    s = testing::Submit(*surveys.gateway, campaign.name(), who.badge_number,
                        absl::StrCat("respondent-", i), absl::StrCat("submission-", i),
                        std::vector<uint32_t>(10, 4));
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  auto record = [&](const std::string& person, v1::CentralizedResult* out) {
    v1::RecordCentralizedResultRequest r;
    r.set_parent(session.name());
    r.mutable_result()->set_person(person);
    r.mutable_result()->set_item("PUBLIC_SATISFACTION");
    r.mutable_result()->set_survey_campaign(campaign.name());
    return Call(*assessor, &AStub::RecordCentralizedResult, r, out);
  };
  v1::CentralizedResult out;
  s = record(aux[0].person, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(out.passed());  // 100 % >= the policy's 80
  EXPECT_DOUBLE_EQ(out.satisfaction_percent(), 100.0);
  EXPECT_EQ(out.satisfaction_responses(), 30);
  EXPECT_EQ(out.survey_campaign(), campaign.name());
  EXPECT_EQ(out.attempt(), 1);

  s = record(aux[0].person, &out);  // passed this year: not taken again
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "ITEM_ALREADY_PASSED");

  s = record(aux[1].person, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "SATISFACTION_INSUFFICIENT");
  EXPECT_THAT(s.error_message(), HasSubstr("10 survey responses"));

  v1::RecordCentralizedResultRequest unknown;
  unknown.set_parent(session.name());
  unknown.mutable_result()->set_person(aux[1].person);
  unknown.mutable_result()->set_item("PUBLIC_SATISFACTION");
  unknown.mutable_result()->set_survey_campaign("jurisdictions/wenjiang/campaigns/nope");
  s = Call(*assessor, &AStub::RecordCentralizedResult, unknown, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("result.survey_campaign"));

  // What the bureau reads back: one satisfaction result, with the rate it came from.
  v1::ListCentralizedResultsRequest list;
  list.set_parent(session.name());
  v1::ListCentralizedResultsResponse page;
  s = Call(*bureau, &AStub::ListCentralizedResults, list, &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(page.results_size(), 1);
  EXPECT_EQ(page.results(0).satisfaction_responses(), 30);
  EXPECT_EQ(page.results(0).survey_campaign(), campaign.name());
}

}  // namespace
}  // namespace auxpro
