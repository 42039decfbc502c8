// The assessment service through its gRPC API, over mTLS, against a real MariaDB, with personnel
// co-located: the monthly daily assessment (wenjiang 7.3.1.4) and the quarterly centralized
// sessions with the attempt rules of 7.3.1.3 (worked example 5 of DOMAIN.md section 7).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/assessment_district.h"

namespace auxpro {
namespace {

using testing::Call;
using ::testing::HasSubstr;
using testing::assessment_district::AStub;
using testing::assessment_district::PStub;
using testing::assessment_district::Reason;
using testing::assessment_district::ThisYear;
namespace v1 = testing::assessment_district::v1;
namespace pv1 = testing::assessment_district::pv1;
using AssessmentApiTest = testing::assessment_district::AssessmentDistrictTest;
using testing::assessment_district::Unit;

TEST_F(AssessmentApiTest, MonthlyAssessmentOncePerPersonAndMonthWithEveryDailyItem) {
  Unit u = HiredUnit("wenjiang", "u1", 1);
  auto bureau = Assess("wenjiang", "ENFORCEMENT_BUREAU");
  const int year = ThisYear() - 1;
  v1::MonthlyAssessment out;
  grpc::Status s = Call(*bureau, &AStub::CreateMonthlyAssessment,
                        Monthly("wenjiang", u.persons[0].name(), year, 3), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(out.passed());
  EXPECT_EQ(out.items_size(), 8);

  s = Call(*bureau, &AStub::CreateMonthlyAssessment,
           Monthly("wenjiang", u.persons[0].name(), year, 3), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "MONTH_ALREADY_ASSESSED");

  auto missing = Monthly("wenjiang", u.persons[0].name(), year, 4);
  missing.mutable_monthly_assessment()->mutable_items()->RemoveLast();
  s = Call(*bureau, &AStub::CreateMonthlyAssessment, missing, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("ETIQUETTE"));

  s = Call(*bureau, &AStub::CreateMonthlyAssessment,
           Monthly("wenjiang", u.persons[0].name(), ThisYear() + 1, 1), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("future"));

  pv1::Person candidate = NewPerson("wenjiang", 900);
  s = Call(*bureau, &AStub::CreateMonthlyAssessment, Monthly("wenjiang", candidate.name(), year, 3),
           &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "PERSON_NOT_EMPLOYED");

  s = Call(*bureau, &AStub::CreateMonthlyAssessment,
           Monthly("wenjiang", "jurisdictions/haimen/persons/p-1", year, 3), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("monthly_assessment.person"));

  EXPECT_EQ(Count("SELECT COUNT(*) FROM monthly_assessments"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monthly_assessment_items"), 8);

  v1::ListMonthlyAssessmentsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_filter(absl::StrCat("person=", u.persons[0].name()));
  v1::ListMonthlyAssessmentsResponse page;
  s = Call(*Assess("wenjiang", "HR_COMPANY"), &AStub::ListMonthlyAssessments, list, &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(page.monthly_assessments_size(), 1);
  EXPECT_EQ(page.monthly_assessments(0).items_size(), 8);
  EXPECT_EQ(page.monthly_assessments(0).evidence(0), "roll-calls/2025-03");
}

// Example 5 through the API: the exam failed in Q1..Q4 of a year (the fourth attempt is the
// third retake, allowed), a fifth attempt refused; an item passed is not taken again.
TEST_F(AssessmentApiTest, Example5RetakesWithinTheYearThenRefused) {
  Unit u = HiredUnit("wenjiang", "u1", 2);
  const int year = ThisYear() - 1;
  std::vector<v1::AssessmentSession> sessions;
  for (int q = 1; q <= 4; ++q)
    sessions.push_back(Session("wenjiang", year, q, u.persons, "wenjiang-assessor"));
  v1::CentralizedResult r;
  for (int q = 0; q < 4; ++q) {
    grpc::Status s = Result(sessions[q], u.persons[0], "PROFESSIONAL_EXAM", 50, false, &r);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(r.attempt(), q + 1);
    EXPECT_FALSE(r.passed());
  }
  grpc::Status s = Result(sessions[3], u.persons[0], "PROFESSIONAL_EXAM", 80, false, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "RETAKE_LIMIT_REACHED");
  EXPECT_THAT(s.error_message(), HasSubstr("4 attempts so far"));

  s = Result(sessions[0], u.persons[1], "PROFESSIONAL_EXAM", 60, false, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(r.passed());  // the policy's mark, 60
  s = Result(sessions[1], u.persons[1], "PROFESSIONAL_EXAM", 90, false, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "ITEM_ALREADY_PASSED");

  s = Result(sessions[1], u.persons[1], "PROFESSIONAL_EXAM", 101, false, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("result.score"));
  s = Result(sessions[1], u.persons[1], "PUBLIC_SATISFACTION", 0, true, &r);
  EXPECT_EQ(Reason(s), "SATISFACTION_FROM_SURVEY");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM results"), 5);

  // What grading reads: the latest exam and the items of the year, each with its record.
  v1::GetAssessmentStandingRequest standing;
  standing.set_name(absl::StrCat(u.persons[0].name(), "/assessmentStanding"));
  *standing.mutable_date() = ToProto(CivilDate{year, 12, 31});
  v1::AssessmentStanding seen;
  s = Call(*Assess("wenjiang", "SERVICE"), &AStub::GetAssessmentStanding, standing, &seen);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(seen.latest_exam_score(), 50);
  EXPECT_THAT(seen.latest_exam_result(), HasSubstr(sessions[3].name()));
  ASSERT_GE(seen.items_size(), 1);
  EXPECT_EQ(seen.items(0).item(), "PROFESSIONAL_EXAM");
  EXPECT_EQ(seen.items(0).attempts(), 4);
  EXPECT_FALSE(seen.items(0).passed_this_year());
  EXPECT_FALSE(seen.competent());  // no final annual rating
  standing.set_name(absl::StrCat(u.persons[1].name(), "/assessmentStanding"));
  s = Call(*Assess("wenjiang", "SERVICE"), &AStub::GetAssessmentStanding, standing, &seen);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(seen.items(0).passed_this_year());
  EXPECT_EQ(seen.latest_exam_score(), 60);

  v1::ListCentralizedResultsRequest list;
  list.set_parent(sessions[0].name());
  v1::ListCentralizedResultsResponse page;
  s = Call(*Assess("wenjiang", "ESTABLISHMENT_OFFICE"), &AStub::ListCentralizedResults, list,
           &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(page.results_size(), 2);
}

TEST_F(AssessmentApiTest, AnAssessorReadsAndRecordsOnlyItsOwnSessions) {
  Unit u = HiredUnit("wenjiang", "u1", 2);
  const int year = ThisYear() - 1;
  v1::AssessmentSession own = Session("wenjiang", year, 1, {u.persons[0]}, "wenjiang-assessor");
  v1::AssessmentSession other = Session("wenjiang", year, 1, {u.persons[0]}, "another-assessor");
  auto assessor = Assess("wenjiang", "ASSESSOR");

  v1::GetAssessmentSessionRequest get;
  get.set_name(own.name());
  v1::AssessmentSession seen;
  grpc::Status s = Call(*assessor, &AStub::GetAssessmentSession, get, &seen);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(seen.participants_size(), 1);
  EXPECT_EQ(seen.participants(0).full_name(), u.persons[0].full_name());

  get.set_name(other.name());
  s = Call(*assessor, &AStub::GetAssessmentSession, get, &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  v1::CentralizedResult r;
  s = Result(other, u.persons[0], "PHYSICAL_TEST", 0, true, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "ASSESSOR_NOT_COMMISSIONED");
  s = Result(own, u.persons[1], "PHYSICAL_TEST", 0, true, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "NOT_A_PARTICIPANT");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM results"), 0);

  v1::CreateAssessmentSessionRequest future;
  future.set_parent("jurisdictions/wenjiang");
  future.mutable_assessment_session()->set_year(ThisYear() + 1);
  future.mutable_assessment_session()->set_quarter(1);
  future.mutable_assessment_session()->set_assessor("wenjiang-assessor");
  future.mutable_assessment_session()->add_participants()->set_person(u.persons[0].name());
  s = Call(*Assess("wenjiang", "ENFORCEMENT_BUREAU"), &AStub::CreateAssessmentSession, future,
           &seen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// wenjiang 7.3.1.2: a probationer's first session is its probation session; its results go to
// the personnel service as events, evidence for the probation decision.
TEST_F(AssessmentApiTest, AProbationersFirstSessionSendsItsResultsToPersonnel) {
  Unit u = HiredUnit("wenjiang", "u1", 2);  // hired: in PROBATION
  const int year = ThisYear() - 1;
  v1::AssessmentSession first = Session("wenjiang", year, 1, u.persons, "wenjiang-assessor");
  ASSERT_EQ(first.participants_size(), 2);
  for (const auto& p : first.participants()) {
    EXPECT_EQ(p.basis(), v1::AssessmentSession::PROBATION_FIRST_SESSION) << p.person();
  }
  v1::AssessmentSession later = Session("wenjiang", year, 2, {u.persons[0]}, "wenjiang-assessor");
  ASSERT_EQ(later.participants_size(), 1);
  EXPECT_EQ(later.participants(0).basis(), v1::AssessmentSession::REGULAR);

  const std::string probation_events =
      "SELECT COUNT(*) FROM outbox_events WHERE consumer = 'personnel' AND event_type = "
      "'auxpro.assessment.v1.ProbationAssessmentResult'";
  v1::CentralizedResult r;
  grpc::Status s = Result(first, u.persons[0], "PHYSICAL_TEST", 0, true, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count(probation_events), 1);
  s = Result(later, u.persons[0], "PROFESSIONAL_EXAM", 50, false, &r);  // a regular session
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count(probation_events), 1);

  v1::GetAssessmentSessionRequest get;
  get.set_name(first.name());
  v1::AssessmentSession seen;
  s = Call(*Assess("wenjiang", "HR_COMPANY"), &AStub::GetAssessmentSession, get, &seen);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(seen.participants(1).basis(), v1::AssessmentSession::PROBATION_FIRST_SESSION);
}

// wenjiang 7.3.1.5: the satisfaction item is read from the survey service; when it does not
// answer (here: not deployed), the call is UNAVAILABLE and nothing is stored, never a default.
TEST_F(AssessmentApiTest, SatisfactionWithoutTheSurveyServiceIsUnavailable) {
  Unit u = HiredUnit("wenjiang", "u1", 1);
  v1::AssessmentSession session =
      Session("wenjiang", ThisYear() - 1, 1, u.persons, "wenjiang-assessor");
  v1::RecordCentralizedResultRequest r;
  r.set_parent(session.name());
  r.mutable_result()->set_person(u.persons[0].name());
  r.mutable_result()->set_item("PUBLIC_SATISFACTION");
  v1::CentralizedResult out;
  auto assessor = Assess("wenjiang", "ASSESSOR");
  grpc::Status s = Call(*assessor, &AStub::RecordCentralizedResult, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("result.survey_campaign"));
  r.mutable_result()->set_survey_campaign("jurisdictions/wenjiang/campaigns/c-1");
  s = Call(*assessor, &AStub::RecordCentralizedResult, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("survey"));
  r.mutable_result()->set_item("PHYSICAL_TEST");  // a campaign only belongs to satisfaction
  s = Call(*assessor, &AStub::RecordCentralizedResult, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM results"), 0);
}

}  // namespace
}  // namespace auxpro
