// A finalized year through the outbox of the real auxpro-server: one AnnualRatingFinalized per
// person reaches the points and grading services, and a top grade (+5 for points) is applied
// exactly once per person — also when the server is killed in the middle of delivery and
// restarted.

#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "tests/support/outbox_district.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace pv1 = personnel::v1;
namespace av1 = assessment::v1;

using testing::FakeEventConsumer;
using testing::MustCall;
using testing::WaitFor;

TEST(AssessmentOutbox, ATopGradeReachesPointsExactlyOncePerPersonAcrossARestart) {
  testing::ServerDatabases dbs(testing::AllModuleNames());
  const int points_port = testing::FreePort();
  const int grading_port = testing::FreePort();
  const std::string args =
      absl::StrCat("--target=personnel,assessment --peers=points=127.0.0.1:", points_port,
                   ",grading=127.0.0.1:", grading_port, " ", dbs.Flags());
  const auto log = dbs.dir() / "server.log";

  // Consumers up (counting rating events only: a hire also goes to points); points takes one
  // event, then is busy until opened.
  const std::string rating = av1::AnnualRatingFinalized::descriptor()->full_name();
  FakeEventConsumer points(rating, 1), grading(rating, 100);
  auto points_server = testing::StartConsumer(&points, points_port);
  auto grading_server = testing::StartConsumer(&grading, grading_port);
  ASSERT_TRUE(points_server && grading_server);

  auto server = std::make_unique<testing::ServerProcess>(args, log);
  const int port = server->WaitUntilServing();
  ASSERT_GT(port, 0) << server->Log();
  testing::OutboxDistrict district(port, "assessment-outbox-");
  auto assess = av1::Assessment::NewStub(district.Channel("ENFORCEMENT_BUREAU"));
  const int year = DateOf(absl::Now()).year() - 1;
  std::set<std::string> persons;
  for (int i = 0; i < 3; ++i) {
    const pv1::Person person = district.Hire(absl::StrCat("协管员", i), 20 + i);
    MustCall("propose", [&](auto* c) {
      av1::ProposeAnnualRatingRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.mutable_annual_rating()->set_person(person.name());
      r.mutable_annual_rating()->set_year(year);
      r.mutable_annual_rating()->set_grade("EXCELLENT");  // wenjiang: uncapped
      r.set_request_id(district.RequestId(absl::StrCat("propose-", i)));
      av1::AnnualRating out;
      return assess->ProposeAnnualRating(c, r, &out);
    });
    persons.insert(person.name());
  }
  MustCall("finalize", [&](auto* c) {
    av1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(district.unit().name(), "/ratingYears/", year));
    r.set_request_id(district.RequestId("finalize"));
    av1::RatingYear out;
    return assess->FinalizeAnnualRatings(c, r, &out);
  });

  // Part delivered, part refused by the busy consumer: then the server dies.
  auto db = dbs.RootPool("assessment");
  ASSERT_TRUE(WaitFor(
      [&] {
        return points.applied().size() == 1 &&
               testing::QueryInt(*db,
                                 "SELECT COUNT(*) FROM outbox_events WHERE consumer = "
                                 "'points' AND delivered_at IS NULL AND attempts > 0") > 0;
      },
      300));
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  server.reset();

  // The consumer opens, the server comes back: everything arrives, each once.
  points.Open();
  server = std::make_unique<testing::ServerProcess>(args, log);
  ASSERT_GT(server->WaitUntilServing(), 0) << server->Log();
  EXPECT_TRUE(
      WaitFor([&] { return points.applied().size() >= 3 && grading.applied().size() >= 3; }, 600))
      << "points " << points.applied().size() << ", grading " << grading.applied().size();
  std::map<std::string, int> top_grades;
  for (const auto& event : points.applied()) {
    EXPECT_EQ(event.event_type(), "auxpro.assessment.v1.AnnualRatingFinalized");
    av1::AnnualRatingFinalized finalized;
    ASSERT_TRUE(event.payload().UnpackTo(&finalized));
    EXPECT_EQ(finalized.year(), year);
    EXPECT_EQ(event.subject(), finalized.person());
    if (finalized.top_grade()) ++top_grades[finalized.person()];
  }
  ASSERT_EQ(top_grades.size(), persons.size());
  for (const auto& [person, n] : top_grades) {
    EXPECT_TRUE(persons.contains(person)) << person;
    EXPECT_EQ(n, 1) << person;
  }
  int graded = 0;  // only rating events are recorded
  for (const auto& event : grading.applied()) {
    graded += event.event_type() == "auxpro.assessment.v1.AnnualRatingFinalized" ? 1 : 0;
  }
  EXPECT_EQ(graded, 3);
  EXPECT_TRUE(WaitFor(
      [&] {
        return testing::QueryInt(*db,
                                 "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS "
                                 "NULL") == 0;
      },
      100));
}

}  // namespace
}  // namespace auxpro
