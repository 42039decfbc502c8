// The annual ratings through the gRPC API, over mTLS, against a real MariaDB, with personnel
// co-located: the caps of worked example 4 (DOMAIN.md section 7), two finalizes at once, the
// outbox events of a finalized year, and the access matrix of section 8.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/access_matrix.h"
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

// Example 4 through the API: a haimen unit of 6 may have no EXCELLENT (15 % of 6 = 0.9 -> 0).
TEST_F(AssessmentApiTest, Example4HaimenUnitOfSixFinalizesWithoutTheTopGrade) {
  Unit u = HiredUnit("haimen", "h1", 6);
  const int year = ThisYear() - 1;
  ASSERT_TRUE(Propose("haimen", u.persons[0], year, "EXCELLENT").ok());
  for (int i = 1; i < 6; ++i) ASSERT_TRUE(Propose("haimen", u.persons[i], year, "QUALIFIED").ok());
  v1::RatingYear out;
  grpc::Status s = Finalize("haimen", u.unit, year, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "TOP_GRADE_CAP_EXCEEDED");
  EXPECT_EQ(rpc::ErrorInfoOf(s)->metadata.at("allowed"), "0");
  EXPECT_THAT(s.error_message(), HasSubstr("at most 0 of grade EXCELLENT"));
  EXPECT_EQ(Events("points"), 0);

  ASSERT_TRUE(Propose("haimen", u.persons[0], year, "QUALIFIED").ok());
  s = Finalize("haimen", u.unit, year, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.unit_size(), 6);
  EXPECT_EQ(out.allowed_top_grades(), 0);
  EXPECT_EQ(out.rated(), 6);
  EXPECT_EQ(Events("points"), 6);
  EXPECT_EQ(Events("grading"), 6);

  s = Propose("haimen", u.persons[0], year, "BASICALLY_QUALIFIED");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "YEAR_FINALIZED");
  s = Finalize("haimen", u.unit, year, &out);
  EXPECT_EQ(Reason(s), "YEAR_FINALIZED");

  v1::GetAssessmentStandingRequest standing;
  standing.set_name(absl::StrCat(u.persons[0].name(), "/assessmentStanding"));
  v1::AssessmentStanding seen;
  s = Call(*Assess("haimen", "ESTABLISHMENT_OFFICE"), &AStub::GetAssessmentStanding, standing,
           &seen);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(seen.last_annual_grade(), "QUALIFIED");
  EXPECT_EQ(seen.last_annual_year(), year);
  EXPECT_TRUE(seen.competent());

  v1::ListAnnualRatingsRequest list;
  list.set_parent("jurisdictions/haimen");
  list.set_filter(absl::StrCat("year=", year, " AND unit=", u.unit.name()));
  v1::ListAnnualRatingsResponse page;
  s = Call(*Assess("haimen", "HR_COMPANY"), &AStub::ListAnnualRatings, list, &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(page.annual_ratings_size(), 6);
  for (const auto& r : page.annual_ratings()) EXPECT_EQ(r.state(), v1::FINAL);
}

TEST_F(AssessmentApiTest, WenjiangIsUncappedAndAnUnknownGradeIsRefused) {
  Unit u = HiredUnit("wenjiang", "u1", 3);
  const int year = ThisYear() - 1;
  for (const auto& p : u.persons) ASSERT_TRUE(Propose("wenjiang", p, year, "EXCELLENT").ok());
  grpc::Status s = Propose("wenjiang", u.persons[0], year, "GOOD");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "UNKNOWN_GRADE");
  v1::RatingYear out;
  s = Finalize("wenjiang", u.unit, year, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.top_grades(), 3);
  EXPECT_EQ(Events("points"), 3);
}

// Two finalizes of one unit at once: exactly one wins, the other sees a finalized year, and the
// events are written once.
TEST_F(AssessmentApiTest, TwoFinalizesAtOnceOneWinsAndTheCapHolds) {
  Unit u = HiredUnit("haimen", "h1", 7);  // 15 % of 7 = 1.05 -> 1
  const int year = ThisYear() - 1;
  ASSERT_TRUE(Propose("haimen", u.persons[0], year, "EXCELLENT").ok());
  for (int i = 1; i < 7; ++i) ASSERT_TRUE(Propose("haimen", u.persons[i], year, "QUALIFIED").ok());
  std::atomic<int> ok{0}, finalized{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] {
      v1::RatingYear out;
      grpc::Status s = Finalize("haimen", u.unit, year, &out);
      if (s.ok()) ++ok;
      if (Reason(s) == "YEAR_FINALIZED") ++finalized;
      EXPECT_TRUE(s.ok() || Reason(s) == "YEAR_FINALIZED")
          << s.error_code() << " " << s.error_message();
      EXPECT_TRUE(s.ok() || Reason(s) == "YEAR_FINALIZED")
          << s.error_code() << " " << s.error_message();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(finalized.load(), 1);
  EXPECT_EQ(Events("points"), 7);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM annual_ratings WHERE grade = 'EXCELLENT' AND state = 2"),
            1);
}

TEST_F(AssessmentApiTest, AccessMatrixOfSection8) {
  const std::set<std::string> readers = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY",
                                         "SERVICE"};
  const std::set<std::string> daily_readers = {"ENFORCEMENT_BUREAU", "HR_COMPANY"};
  const std::set<std::string> publication_readers = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU",
                                                     "HR_COMPANY"};
  std::set<std::string> session_readers = readers;
  session_readers.insert("ASSESSOR");
  testing::ExpectAccessMatrix(*server_, {"auxpro.assessment.v1.Assessment",
                                         {{"CreateDailyRecord", {"ENFORCEMENT_BUREAU"}},
                                          {"ListDailyRecords", daily_readers},
                                          {"GetWeeklyReport", daily_readers},
                                          {"ListDismissalFlags", daily_readers},
                                          {"CreateLeaveRequest", {"ENFORCEMENT_BUREAU"}},
                                          {"GetLeaveRequest", daily_readers},
                                          {"ListLeaveRequests", daily_readers},
                                          {"ApproveLeaveRequest", {"ENFORCEMENT_BUREAU"}},
                                          {"RejectLeaveRequest", {"ENFORCEMENT_BUREAU"}},
                                          {"CancelLeaveRequest", {"ENFORCEMENT_BUREAU"}},
                                          {"RecordLeaveReturn", {"ENFORCEMENT_BUREAU"}},
                                          {"CreateMonthlyAssessment", {"ENFORCEMENT_BUREAU"}},
                                          {"ListMonthlyAssessments", readers},
                                          {"CreateAssessmentSession", {"ENFORCEMENT_BUREAU"}},
                                          {"GetAssessmentSession", session_readers},
                                          {"RecordCentralizedResult", {"ASSESSOR"}},
                                          {"ListCentralizedResults", session_readers},
                                          {"ProposeAnnualRating", {"ENFORCEMENT_BUREAU"}},
                                          {"ListAnnualRatings", readers},
                                          {"FinalizeAnnualRatings", {"ENFORCEMENT_BUREAU"}},
                                          {"GetAssessmentStanding", readers},
                                          {"BatchGetAssessmentStandings", readers},
                                          {"PublishResults", {"ENFORCEMENT_BUREAU"}},
                                          {"GetPublication", publication_readers},
                                          {"ListPublications", publication_readers},
                                          {"RecordObjection", daily_readers},
                                          {"ListObjections", publication_readers},
                                          {"AnswerObjection", {"ENFORCEMENT_BUREAU"}},
                                          {"GetAnnualRegistration", publication_readers},
                                          {"UpdateAnnualRegistration", {"ENFORCEMENT_BUREAU"}},
                                          {"AcknowledgeAnnualRegistration",
                                           {"ENFORCEMENT_BUREAU"}},
                                          {"GetPaySheet", daily_readers}}});
}

}  // namespace
}  // namespace auxpro
