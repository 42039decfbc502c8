// The assessment service through its gRPC API, over mTLS, against a real MariaDB, co-located
// with the personnel service it reads persons and units from: DOMAIN.md section 3, the worked
// examples 4 and 5 of section 7, the access matrix of section 8, and the outbox events of a
// finalized year.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/assessment/daily_rules.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/access_matrix.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = assessment::v1;
namespace pv1 = personnel::v1;
using testing::Call;
using ::testing::HasSubstr;
using testing::TestServer;

using AStub = v1::Assessment::Stub;
using PStub = pv1::Personnel::Stub;

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

int ThisYear() { return DateOf(absl::Now()).year(); }

class AssessmentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServerOptions options;
    options.per_service_users = true;
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{assessment::AssessmentModule(),
                                         personnel::PersonnelModule()},
        options);
  }

  std::unique_ptr<AStub> Assess(const std::string& j, const std::string& kind) {
    return v1::Assessment::NewStub(server_->Channel(j, kind));
  }
  std::unique_ptr<PStub> Personnel(const std::string& j, const std::string& kind) {
    return pv1::Personnel::NewStub(server_->Channel(j, kind));
  }
  int64_t Count(const std::string& sql) {
    return testing::QueryInt(server_->Db("assessment"), sql);
  }

  // A unit of `size` hired persons in jurisdiction j (under a signed agreement and a limit).
  struct Unit {
    pv1::Unit unit;
    std::vector<pv1::Person> persons;
  };
  Unit HiredUnit(const std::string& j, const std::string& unit_id, int size) {
    auto bureau = Personnel(j, "ENFORCEMENT_BUREAU");
    auto hr = Personnel(j, "HR_COMPANY");
    auto office = Personnel(j, "ESTABLISHMENT_OFFICE");
    const std::string parent = absl::StrCat("jurisdictions/", j);
    Unit out;
    pv1::CreateUnitRequest cu;
    cu.set_parent(parent);
    cu.set_unit_id(unit_id);
    cu.mutable_unit()->set_display_name(absl::StrCat(unit_id, "中队"));
    grpc::Status s = Call(*bureau, &PStub::CreateUnit, cu, &out.unit);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::SetHeadcountLimitRequest limit;
    limit.set_parent(parent);
    limit.set_limit(200);
    limit.set_document_ref("编发〔2025〕1号");
    pv1::HeadcountLimit limit_out;
    s = Call(*office, &PStub::SetHeadcountLimit, limit, &limit_out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::CreateDispatchAgreementRequest ca;
    ca.set_parent(parent);
    auto* a = ca.mutable_dispatch_agreement();
    a->set_title("劳务派遣协议");
    a->add_posts("巡查");
    a->set_duties("协助巡查");
    a->set_headcount(200);
    common::v1::Date start = DateOf(absl::Now()), end = start;
    start.set_year(start.year() - 2);
    end.set_year(end.year() + 1);
    *a->mutable_start_date() = start;
    *a->mutable_end_date() = end;
    a->set_monthly_pay_fen(450000);
    pv1::DispatchAgreement agreement;
    s = Call(*hr, &PStub::CreateDispatchAgreement, ca, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement.name());
    s = Call(*bureau, &PStub::SignDispatchAgreement, sign, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    for (int i = 0; i < size; ++i) {
      out.persons.push_back(NewPerson(j, next_serial_++));
      // The hiring steps the jurisdiction's policy requires, each passed (haimen 三(一)).
      for (const auto& step : server_->policies().Find(j)->employment().hiring_steps()) {
        pv1::RecordHiringStepRequest r;
        r.set_name(out.persons.back().name());
        r.mutable_step()->set_step(step.code());
        *r.mutable_step()->mutable_start_date() = DateOf(absl::Now() - absl::Hours(24 * 30));
        *r.mutable_step()->mutable_date() = DateOf(absl::Now());
        r.mutable_step()->set_result(pv1::HiringStepRecord::PASSED);
        r.mutable_step()->set_evidence_ref("海编〔2026〕" + step.code());
        pv1::Person stepped;
        s = Call(*bureau, &PStub::RecordHiringStep, r, &stepped);
        EXPECT_TRUE(s.ok()) << step.code() << ": " << s.error_message();
      }
      pv1::HirePersonRequest hire;
      hire.set_name(out.persons.back().name());
      hire.set_unit(out.unit.name());
      hire.set_dispatch_agreement(agreement.name());
      s = Call(*bureau, &PStub::HirePerson, hire, &out.persons.back());
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return out;
  }

  pv1::Person NewPerson(const std::string& j, int serial) {
    auto hr = Personnel(j, "HR_COMPANY");
    pv1::CreatePersonRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_person()->set_full_name(absl::StrCat("协管员", serial));
    r.mutable_person()->set_national_id(testing::MakeNationalId(1990, 5, 17, serial));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(pv1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    pv1::Person p;
    grpc::Status s = Call(*hr, &PStub::CreatePerson, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  v1::CreateMonthlyAssessmentRequest Monthly(const std::string& j, const std::string& person,
                                             int year, int month) {
    v1::CreateMonthlyAssessmentRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    auto* m = r.mutable_monthly_assessment();
    m->set_person(person);
    m->mutable_month()->set_year(year);
    m->mutable_month()->set_month(month);
    for (const std::string& item : server_->policies().Find(j)->assessment().daily_items()) {
      auto* it = m->add_items();
      it->set_item(item);
      it->set_passed(true);
    }
    m->add_evidence("roll-calls/2025-03");
    return r;
  }

  v1::AssessmentSession Session(const std::string& j, int year, int quarter,
                                const std::vector<pv1::Person>& who, const std::string& assessor) {
    v1::CreateAssessmentSessionRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_assessment_session()->set_year(year);
    r.mutable_assessment_session()->set_quarter(quarter);
    r.mutable_assessment_session()->set_assessor(assessor);
    for (const auto& p : who)
      r.mutable_assessment_session()->add_participants()->set_person(p.name());
    v1::AssessmentSession out;
    grpc::Status s =
        Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::CreateAssessmentSession, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Result(const v1::AssessmentSession& session, const pv1::Person& p,
                      const std::string& item, int score, bool passed, v1::CentralizedResult* out) {
    v1::RecordCentralizedResultRequest r;
    r.set_parent(session.name());
    r.mutable_result()->set_person(p.name());
    r.mutable_result()->set_item(item);
    r.mutable_result()->set_score(score);
    r.mutable_result()->set_passed(passed);
    return Call(*Assess("wenjiang", "ASSESSOR"), &AStub::RecordCentralizedResult, r, out);
  }

  grpc::Status Propose(const std::string& j, const pv1::Person& p, int year,
                       const std::string& grade) {
    v1::ProposeAnnualRatingRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_annual_rating()->set_person(p.name());
    r.mutable_annual_rating()->set_year(year);
    r.mutable_annual_rating()->set_grade(grade);
    v1::AnnualRating out;
    return Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::ProposeAnnualRating, r, &out);
  }

  grpc::Status Finalize(const std::string& j, const pv1::Unit& unit, int year,
                        v1::RatingYear* out) {
    v1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(unit.name(), "/ratingYears/", year));
    return Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::FinalizeAnnualRatings, r, out);
  }

  int64_t Events(const std::string& consumer) {
    return Count(absl::StrCat("SELECT COUNT(*) FROM outbox_events WHERE consumer = '", consumer,
                              "' AND event_type LIKE '%AnnualRatingFinalized'"));
  }

  std::unique_ptr<TestServer> server_;
  int next_serial_ = 100;
};

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

TEST_F(AssessmentApiTest, DailyRecordsMakeTheWeeklyReportOfTheUnit) {
  Unit u = HiredUnit("wenjiang", "u1", 2);
  auto bureau = Assess("wenjiang", "ENFORCEMENT_BUREAU");
  const int year = ThisYear() - 1;
  auto record = [&](v1::DailyRecordKind kind, int day, double hours, double days,
                    const std::string& person, v1::DailyRecord* out) {
    v1::CreateDailyRecordRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_daily_record()->set_kind(kind);
    if (person.empty()) r.mutable_daily_record()->set_unit(u.unit.name());
    r.mutable_daily_record()->set_person(person);
    *r.mutable_daily_record()->mutable_date() = ToProto(CivilDate{year, 3, day});
    r.mutable_daily_record()->set_hours(hours);
    r.mutable_daily_record()->set_days(days);
    return Call(*bureau, &AStub::CreateDailyRecord, r, out);
  };
  // The week of Monday 3 March: two uniform checks, a drill of 1.5 hours, one absence.
  v1::DailyRecord out;
  ASSERT_TRUE(record(v1::UNIFORM_CHECK, 3, 0, 0, "", &out).ok());
  ASSERT_TRUE(record(v1::UNIFORM_CHECK, 7, 0, 0, "", &out).ok());
  ASSERT_TRUE(record(v1::DRILL, 5, 1.5, 0, "", &out).ok());
  grpc::Status s = record(v1::UNEXCUSED_ABSENCE, 4, 0, 1, u.persons[1].name(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.unit(), u.unit.name());  // the person's unit, read from personnel
  s = record(v1::DRILL, 5, 0, 0, "", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("daily_record.hours"));
  pv1::Person candidate = NewPerson("wenjiang", 901);
  s = record(v1::LATENESS, 5, 0, 0, candidate.name(), &out);
  EXPECT_EQ(Reason(s), "PERSON_NOT_EMPLOYED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM daily_records"), 4);

  // The week is named by any of its days.
  const CivilDate wednesday{year, 3, 5};
  const CivilDate monday = assessment::WeekStart(wednesday);
  v1::GetWeeklyReportRequest get;
  get.set_name(absl::StrCat(u.unit.name(), "/weeklyReports/", FormatDate(wednesday)));
  v1::WeeklyReport report;
  s = Call(*Assess("wenjiang", "HR_COMPANY"), &AStub::GetWeeklyReport, get, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const CivilDate first_check{year, 3, 3}, second_check{year, 3, 7};
  const int in_week =
      (first_check >= monday ? 1 : 0) + (second_check <= AddDays(monday, 6) ? 1 : 0);
  EXPECT_EQ(report.uniform_checks(), in_week);
  EXPECT_EQ(report.qualifying_drills(), 1);
  const CivilDate absence_day{year, 3, 4};
  EXPECT_EQ(report.absences_size(), absence_day >= monday ? 1 : 0);

  v1::ListDismissalFlagsRequest flags;
  flags.set_parent("jurisdictions/wenjiang");
  flags.set_year(year);
  v1::ListDismissalFlagsResponse flagged;
  s = Call(*bureau, &AStub::ListDismissalFlags, flags, &flagged);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(flagged.flags_size(), 0);  // wenjiang sets no numeric triggers

  v1::ListDailyRecordsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_filter("kind=UNIFORM_CHECK");
  v1::ListDailyRecordsResponse page;
  ASSERT_TRUE(Call(*bureau, &AStub::ListDailyRecords, list, &page).ok());
  EXPECT_EQ(page.daily_records_size(), 2);
}

TEST_F(AssessmentApiTest, AccessMatrixOfSection8) {
  const std::set<std::string> readers = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY",
                                         "SERVICE"};
  const std::set<std::string> daily_readers = {"ENFORCEMENT_BUREAU", "HR_COMPANY"};
  std::set<std::string> session_readers = readers;
  session_readers.insert("ASSESSOR");
  testing::ExpectAccessMatrix(*server_, {"auxpro.assessment.v1.Assessment",
                                         {{"CreateDailyRecord", {"ENFORCEMENT_BUREAU"}},
                                          {"ListDailyRecords", daily_readers},
                                          {"GetWeeklyReport", daily_readers},
                                          {"ListDismissalFlags", daily_readers},
                                          {"CreateMonthlyAssessment", {"ENFORCEMENT_BUREAU"}},
                                          {"ListMonthlyAssessments", readers},
                                          {"CreateAssessmentSession", {"ENFORCEMENT_BUREAU"}},
                                          {"GetAssessmentSession", session_readers},
                                          {"RecordCentralizedResult", {"ASSESSOR"}},
                                          {"ListCentralizedResults", session_readers},
                                          {"ProposeAnnualRating", {"ENFORCEMENT_BUREAU"}},
                                          {"ListAnnualRatings", readers},
                                          {"FinalizeAnnualRatings", {"ENFORCEMENT_BUREAU"}},
                                          {"GetAssessmentStanding", readers}}});
}

}  // namespace
}  // namespace auxpro
