// ctest-labels: fault
// A dependency stopped in five-process mode (tests/support/five_processes: one auxpro-server per
// service): assessment and points call personnel. With personnel's process killed, their calls
// that need it answer UNAVAILABLE within their deadline (personnel's read deadline, 5 s), never
// hang and never invent an answer: nothing is written, no grade proposed for a person nobody
// could look up, no points posted for a person nobody could check. What needs no personnel call
// keeps working. Once personnel is back, the calls answer again and the events it writes reach
// points again.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/columns.h"
#include "tests/support/call.h"
#include "tests/support/five_processes.h"
#include "tests/support/national_id.h"
#include "tests/support/outbox_district.h"
#include "tests/support/points_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace av1 = assessment::v1;
namespace pv1 = personnel::v1;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing::Call;
using testing::QueryInt;

// Personnel's read deadline in both callers is 5 s; a call may take that plus its own work.
constexpr auto kBound = std::chrono::seconds(8);

TEST(DependencyStop, AssessmentAndPointsAnswerUnavailableWithoutPersonnelAndResumeAfter) {
  testing::FiveProcesses five;
  ASSERT_TRUE(five.ok()) << five.Log();
  testing::OutboxDistrict district(five.Port("personnel"), "dependency-");
  const pv1::Person hired = district.Hire("孙八", 71);
  // A candidate, not hired: points does not know them and must ask personnel.
  pv1::Person candidate;
  testing::MustCall("candidate", [&](auto* c) {
    pv1::CreatePersonRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_person()->set_full_name("周九");
    r.mutable_person()->set_national_id(testing::MakeNationalId(1992, 2, 2, 72));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(pv1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    r.set_request_id("dependency-candidate");
    return district.Stub("HR_COMPANY")->CreatePerson(c, r, &candidate);
  });
  auto points =
      points::v1::Points::NewStub(five.Channel("points", "wenjiang", "ENFORCEMENT_BUREAU"));
  auto assess =
      av1::Assessment::NewStub(five.Channel("assessment", "wenjiang", "ENFORCEMENT_BUREAU"));
  auto balance = [&](const std::string& person, points::v1::PointBalance* out) {
    points::v1::GetPointBalanceRequest r;
    r.set_name(person + "/pointBalance");
    return Call(*points, &points::v1::Points::Stub::GetPointBalance, r, out);
  };
  // The hire reached points through personnel's outbox.
  points::v1::PointBalance seen;
  ASSERT_TRUE(testing::WaitFor(
      [&] { return balance(hired.name(), &seen).ok() && seen.has_level_period_start(); }, 300))
      << five.Log();
  auto breach = [&](const std::string& person, const std::string& id, points::v1::PointEntry* e) {
    auto r = testing::PointsDistrict::Breach(person, "BREACH_DISCIPLINE", -2);
    r.set_request_id(id);
    return Call(*points, &points::v1::Points::Stub::RecordBreach, r, e,
                {.deadline = std::chrono::seconds(30)});
  };
  const int year = DateOf(absl::Now()).year() - 1;
  auto propose = [&](const std::string& person, const std::string& id) {
    av1::ProposeAnnualRatingRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_annual_rating()->set_person(person);
    r.mutable_annual_rating()->set_year(year);
    r.mutable_annual_rating()->set_grade("QUALIFIED");
    r.set_request_id(id);
    av1::AnnualRating out;
    return Call(*assess, &av1::Assessment::Stub::ProposeAnnualRating, r, &out,
                {.deadline = std::chrono::seconds(30)});
  };
  auto finalize = [&] {
    av1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(district.unit().name(), "/ratingYears/", year));
    av1::RatingYear out;
    return Call(*assess, &av1::Assessment::Stub::FinalizeAnnualRatings, r, &out,
                {.deadline = std::chrono::seconds(30)});
  };
  // Timed: the status and how long it took.
  auto timed = [](auto call, milliseconds* took) {
    const auto start = Clock::now();
    grpc::Status s = call();
    *took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return s;
  };

  // Personnel stopped.
  five.Stop("personnel");
  auto points_db = five.RootPool("points");
  auto assessment_db = five.RootPool("assessment");
  const int64_t entries_before = QueryInt(*points_db, "SELECT COUNT(*) FROM point_entries");
  milliseconds took{0}, slowest{0};
  points::v1::PointEntry entry;
  // Points cannot check a person it does not know: UNAVAILABLE, nothing posted.
  grpc::Status s = timed([&] { return breach(candidate.name(), "dep-breach-1", &entry); }, &took);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("personnel"));
  EXPECT_LT(took, kBound);
  slowest = std::max(slowest, took);
  EXPECT_EQ(QueryInt(*points_db, "SELECT COUNT(*) FROM point_entries"), entries_before);
  // What needs no personnel call keeps working: a person points knows, and reads.
  s = breach(hired.name(), "dep-breach-2", &entry);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(balance(hired.name(), &seen).ok());
  EXPECT_EQ(seen.balance(), -2);
  // Assessment cannot look up the person or the unit: UNAVAILABLE, nothing recorded.
  s = timed([&] { return propose(hired.name(), "dep-propose-1"); }, &took);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_LT(took, kBound);
  slowest = std::max(slowest, took);
  EXPECT_EQ(QueryInt(*assessment_db, "SELECT COUNT(*) FROM annual_ratings"), 0);
  s = timed(finalize, &took);
  EXPECT_THAT(s.error_code(),
              ::testing::AnyOf(grpc::StatusCode::UNAVAILABLE,
                               grpc::StatusCode::FAILED_PRECONDITION))
      << s.error_message();
  EXPECT_LT(took, kBound);
  slowest = std::max(slowest, took);
  RecordProperty("slowest_call_without_personnel_ms", static_cast<int>(slowest.count()));

  // Personnel back: the calls answer again (the callers' channels reconnect with backoff).
  ASSERT_TRUE(five.Start("personnel")) << five.Log();
  bool answered = false;
  for (int i = 0; i < 60 && !answered; ++i) {
    s = breach(candidate.name(), "dep-breach-3", &entry);
    answered = s.error_code() != grpc::StatusCode::UNAVAILABLE;
    if (!answered) std::this_thread::sleep_for(milliseconds(500));
  }
  // Now checked: the candidate is not employed, so nothing is posted (not invented either way).
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  answered = false;
  for (int i = 0; i < 60 && !answered; ++i) {
    s = propose(hired.name(), "dep-propose-2");
    answered = s.error_code() != grpc::StatusCode::UNAVAILABLE;
    if (!answered) std::this_thread::sleep_for(milliseconds(500));
  }
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(QueryInt(*assessment_db, "SELECT COUNT(*) FROM annual_ratings"), 1);
  // And personnel's events reach points again: the candidate hired now is known to the ledger.
  testing::MustCall("hire", [&](auto* c) {
    pv1::ListDispatchAgreementsRequest list;
    list.set_parent("jurisdictions/wenjiang");
    pv1::ListDispatchAgreementsResponse agreements;
    grpc::ClientContext inner;
    inner.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    grpc::Status listed = district.bureau().ListDispatchAgreements(&inner, list, &agreements);
    if (!listed.ok() || agreements.dispatch_agreements_size() == 0) return listed;
    pv1::HirePersonRequest r;
    r.set_name(candidate.name());
    r.set_unit(district.unit().name());
    r.set_dispatch_agreement(agreements.dispatch_agreements(0).name());
    r.set_request_id("dependency-hire-candidate");
    pv1::Person out;
    return district.bureau().HirePerson(c, r, &out);
  });
  EXPECT_TRUE(testing::WaitFor(
      [&] { return balance(candidate.name(), &seen).ok() && seen.has_level_period_start(); }, 300))
      << "PersonHired did not reach points after personnel came back";
  s = breach(candidate.name(), "dep-breach-4", &entry);
  EXPECT_TRUE(s.ok()) << s.error_message();
  if (HasFailure()) ADD_FAILURE() << five.Log().substr(0, 20000);
}

}  // namespace
}  // namespace auxpro
