// The points service's events, over mTLS with the personnel service co-located: personnel's exit
// through the outbox (DOMAIN.md 7, example 6), transfer kept, re-hire from 0; grading's
// LevelChanged and assessment's AnnualRatingFinalized (example 3), each applied once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/grading/v1/events.pb.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "tests/support/points_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = points::v1;
using testing::Call;
using testing::PointsDistrict;

class PointsEventsTest : public ::testing::Test {
 protected:
  grpc::Status Level(const std::string& person, int level, const std::string& event_id) {
    grading::v1::LevelChanged e;
    e.set_person(person);
    e.set_level(level);
    *e.mutable_effective_date() = DateOf(absl::Now());
    return d_.Deliver(event_id, "grading", e);
  }
  grpc::Status Rating(const std::string& person, int year, bool top, const std::string& event_id) {
    assessment::v1::AnnualRatingFinalized e;
    e.set_person(person);
    e.set_year(year);
    e.set_top_grade(top);
    e.set_annual_rating(absl::StrCat(person, "/annualRatings/", year));
    return d_.Deliver(event_id, "assessment", e);
  }
  int64_t Count(const std::string& sql) { return testing::QueryInt(d_.server().Db("points"), sql); }
  PointsDistrict d_;
};

// DOMAIN.md 7, example 6 (points): the exit clears the balance with a closing entry, delivered by
// personnel's outbox; redelivering the event posts nothing more.
TEST_F(PointsEventsTest, ExitClosesTheBalanceWorkedExample6) {
  const auto p = d_.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::CITY, "deed-1"),
                         &e)
                  .ok());
  ASSERT_TRUE(d_.Exit(p).ok());
  ASSERT_TRUE(PointsDistrict::WaitFor([&] { return !d_.Balance(p.name()).employed(); }));
  const v1::PointBalance b = d_.Balance(p.name());
  EXPECT_EQ(b.balance(), 0);
  EXPECT_EQ(b.entry_count(), 2);
  v1::ListPointEntriesRequest r;
  r.set_parent(p.name());
  r.set_filter("kind=CLOSING");
  v1::ListPointEntriesResponse out;
  ASSERT_TRUE(Call(*d_.hr, &v1::Points::Stub::ListPointEntries, r, &out).ok());
  ASSERT_EQ(out.point_entries_size(), 1);
  EXPECT_EQ(out.point_entries(0).amount(), -10);
  EXPECT_EQ(out.point_entries(0).deciding_agency(), "SERVICE personnel");
  // Nothing more can be posted for them.
  grpc::Status s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
                        PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -2), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // A redelivery with the same event id posts nothing.
  personnel::v1::PersonExited exited;
  exited.set_person(p.name());
  exited.set_exit_reason(personnel::v1::RESIGNATION);
  ASSERT_TRUE(d_.Deliver("ev-exit-1", "personnel", exited).ok());
  ASSERT_TRUE(d_.Deliver("ev-exit-1", "personnel", exited).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM point_entries WHERE kind = 5"), 2);  // relay's + this one
  EXPECT_EQ(d_.Balance(p.name()).balance(), 0);
}

TEST_F(PointsEventsTest, TransferKeepsBalanceAndLevelPeriod) {
  const auto p = d_.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::GENERAL_OFFICE,
                                                      common::v1::CITY, "deed-1"),
                         &e)
                  .ok());
  ASSERT_TRUE(Level(p.name(), 5, "ev-level-5").ok());
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::GENERAL_OFFICE,
                                                      common::v1::DISTRICT, "deed-2"),
                         &e)
                  .ok());
  personnel::v1::PersonTransferred t;
  t.set_person(p.name());
  t.set_reason("机构改革");
  ASSERT_TRUE(d_.Deliver("ev-transfer-1", "personnel", t).ok());
  const v1::PointBalance b = d_.Balance(p.name());
  EXPECT_EQ(b.balance(), 8);
  EXPECT_EQ(b.level(), 5);
  EXPECT_EQ(b.level_points(), 3);  // since level 5 began
}

// DOMAIN.md 7, example 3: a level-3 auxiliary, three years without a top grade (−8) and a media
// exposure (−10): level points −18, demotion due, with the entries; after the demotion to level
// 4 the level points start at 0 and nothing is due.
TEST_F(PointsEventsTest, DemotionDueWorkedExample3) {
  const auto p = d_.Hired();
  ASSERT_TRUE(Level(p.name(), 3, "ev-l3").ok());
  ASSERT_TRUE(Rating(p.name(), 2023, false, "ev-r2023").ok());
  ASSERT_TRUE(Rating(p.name(), 2025, false, "ev-r2025").ok());  // out of order
  EXPECT_EQ(d_.Balance(p.name()).balance(), 0);
  ASSERT_TRUE(Rating(p.name(), 2024, false, "ev-r2024").ok());
  ASSERT_TRUE(Rating(p.name(), 2024, false, "ev-r2024-again").ok());  // the year is known
  EXPECT_EQ(d_.Balance(p.name()).level_points(), -8);
  v1::PointEntry e;
  ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
                   PointsDistrict::Breach(p.name(), "BREACH_MEDIA_EXPOSURE", -10), &e)
                  .ok());
  EXPECT_EQ(d_.Balance(p.name()).level_points(), -18);
  v1::ListThresholdRequest r;
  r.set_parent("jurisdictions/wenjiang");
  v1::ListThresholdResponse out;
  ASSERT_TRUE(Call(*d_.office, &v1::Points::Stub::ListDemotionsDue, r, &out).ok());
  ASSERT_EQ(out.crossings_size(), 1);
  EXPECT_EQ(out.crossings(0).person(), p.name());
  EXPECT_EQ(out.crossings(0).level(), 3);
  EXPECT_EQ(out.crossings(0).level_points(), -18);
  ASSERT_EQ(out.crossings(0).entries_size(), 2);
  EXPECT_EQ(out.crossings(0).entries(0).rule_code(), "NO_TOP_GRADE_3_YEARS");
  ASSERT_TRUE(Level(p.name(), 4, "ev-l4").ok());
  const v1::PointBalance b = d_.Balance(p.name());
  EXPECT_EQ(b.level(), 4);
  EXPECT_EQ(b.level_points(), 0);
  EXPECT_EQ(b.balance(), -18);  // the lifetime ledger is kept
  ASSERT_TRUE(Call(*d_.office, &v1::Points::Stub::ListDemotionsDue, r, &out).ok());
  EXPECT_EQ(out.crossings_size(), 0);
}

TEST_F(PointsEventsTest, AnnualTopGradeAwardsFiveOncePerYear) {
  const auto p = d_.Hired();
  ASSERT_TRUE(Rating(p.name(), 2025, true, "ev-top-1").ok());
  ASSERT_TRUE(Rating(p.name(), 2025, true, "ev-top-1").ok());
  ASSERT_TRUE(Rating(p.name(), 2025, true, "ev-top-2").ok());
  EXPECT_EQ(d_.Balance(p.name()).balance(), 5);
}

TEST_F(PointsEventsTest, ARedeliveryIsAnsweredAsADuplicate) {
  const auto p = d_.Hired();
  assessment::v1::AnnualRatingFinalized e;
  e.set_person(p.name());
  e.set_year(2025);
  e.set_top_grade(true);
  e.set_annual_rating(absl::StrCat(p.name(), "/annualRatings/2025"));
  common::v1::ConsumeEventResponse first, again;
  ASSERT_TRUE(d_.Deliver("ev-dup-1", "assessment", e, &first).ok());
  EXPECT_FALSE(first.duplicate());
  ASSERT_TRUE(d_.Deliver("ev-dup-1", "assessment", e, &again).ok());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(d_.Balance(p.name()).balance(), 5);
}

TEST_F(PointsEventsTest, EventForAnUnknownPersonOrTypeIsParked) {
  grpc::Status s = Level("jurisdictions/wenjiang/persons/p-ghost", 5, "ev-ghost");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Level("jurisdictions/haimen/persons/p-1", 5, "ev-foreign");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  common::v1::Date wrong;
  s = d_.Deliver("ev-wrong-type", "personnel", wrong);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM point_entries"), 0);
}

}  // namespace
}  // namespace auxpro
