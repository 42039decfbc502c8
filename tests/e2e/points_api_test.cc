// The points service through its gRPC API, over mTLS, against MariaDB, with the personnel service
// co-located: DOMAIN.md section 4 (wenjiang appendix C), worked example 2 of section 7, bad input
// answered with the right code and nothing written, the ledger's keyset pages, idempotency.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "libs/rpc/error_info.h"
#include "tests/support/points_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = points::v1;
using testing::Call;
using ::testing::HasSubstr;
using testing::PointsDistrict;

class PointsApiTest : public ::testing::Test {
 protected:
  int64_t Entries() {
    return testing::QueryInt(d_.server().Db("points"), "SELECT COUNT(*) FROM point_entries");
  }
  PointsDistrict d_;
};

// DOMAIN.md 7, example 2, through the API: city government +10, provincial department for the
// same deed adds nothing, provincial government adds +5: +15.
TEST_F(PointsApiTest, SameMatterHighestOnceWorkedExample2) {
  const auto p = d_.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::CITY, "deed-7"),
                         &e)
                  .ok());
  EXPECT_EQ(e.amount(), 10);
  EXPECT_EQ(e.rule_code(), "COMMENDATION_GOVERNMENT_CITY");
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::DEPARTMENT,
                                                      common::v1::PROVINCE, "deed-7"),
                         &e)
                  .ok());
  EXPECT_EQ(e.amount(), 0);
  EXPECT_EQ(e.rule_amount(), 5);
  EXPECT_EQ(e.not_counted(), v1::MATTER_ALREADY_COUNTED);
  EXPECT_EQ(d_.Balance(p.name()).balance(), 10);
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::PROVINCE, "deed-7"),
                         &e)
                  .ok());
  EXPECT_EQ(e.amount(), 5);
  EXPECT_EQ(e.balance_after(), 15);
  const v1::PointBalance b = d_.Balance(p.name());
  EXPECT_EQ(b.balance(), 15);
  EXPECT_EQ(b.level_points(), 15);
  EXPECT_EQ(b.entry_count(), 3);
  // Another deed counts on its own.
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::GENERAL_OFFICE,
                                                      common::v1::DISTRICT, "deed-8"),
                         &e)
                  .ok());
  EXPECT_EQ(e.amount(), 3);
}

TEST_F(PointsApiTest, CollectiveOrBelowDistrictCommendationIsRecordedAndEarnsNothing) {
  const auto p = d_.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::NATIONAL, "team-deed", false),
                         &e)
                  .ok());
  EXPECT_EQ(e.amount(), 0);
  EXPECT_EQ(e.not_counted(), v1::NOT_IN_OWN_NAME);
  EXPECT_FALSE(e.in_own_name());
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::BELOW_DISTRICT, "street-deed"),
                         &e)
                  .ok());
  EXPECT_EQ(e.not_counted(), v1::NO_RULE_FOR_BODY_AND_LEVEL);
  EXPECT_EQ(d_.Balance(p.name()).balance(), 0);
  EXPECT_EQ(Entries(), 2);
}

TEST_F(PointsApiTest, BadInputIsRefusedNamingTheRuleAndWritesNothing) {
  const auto p = d_.Hired();
  v1::PointEntry e;
  grpc::Status s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
                        PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -21), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("BREACH_DISCIPLINE"));
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "AMOUNT_NOT_ALLOWED");
  s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
           PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", 5), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
           PointsDistrict::Breach(p.name(), "BREACH_NOPE", -5), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "UNKNOWN_RULE");
  auto no_matter =
      PointsDistrict::Commendation(p.name(), common::v1::PARTY_GOVERNMENT, common::v1::CITY, "");
  s = d_.Commend(no_matter, &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("matter_id"));
  // A person not employed: a candidate never hired.
  const auto candidate = d_.Candidate();
  s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
           PointsDistrict::Breach(candidate.name(), "BREACH_DISCIPLINE", -3), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "PERSON_NOT_EMPLOYED");
  // Another jurisdiction's person is not found; an unknown person too.
  s = Call(*d_.other, &v1::Points::Stub::RecordBreach,
           PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -3), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  s = Call(
      *d_.bureau, &v1::Points::Stub::RecordBreach,
      PointsDistrict::Breach("jurisdictions/wenjiang/persons/p-nobody", "BREACH_DISCIPLINE", -3),
      &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Entries(), 0);
}

TEST_F(PointsApiTest, ReversalCorrectsOnceAndIsNotItselfReversible) {
  const auto p = d_.Hired();
  v1::PointEntry breach, reversal, again;
  ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
                   PointsDistrict::Breach(p.name(), "BREACH_REFUSED_ASSIGNMENT", -6), &breach)
                  .ok());
  v1::ReverseEntryRequest r;
  r.set_name(breach.name());
  r.set_reason("记录有误");
  // The establishment office may not reverse a breach.
  grpc::Status s = Call(*d_.office, &v1::Points::Stub::ReverseEntry, r, &reversal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::ReverseEntry, r, &reversal).ok());
  EXPECT_EQ(reversal.kind(), v1::REVERSAL);
  EXPECT_EQ(reversal.amount(), 6);
  EXPECT_EQ(reversal.reverses(), breach.name());
  EXPECT_EQ(d_.Balance(p.name()).balance(), 0);
  s = Call(*d_.bureau, &v1::Points::Stub::ReverseEntry, r, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "ALREADY_REVERSED");
  EXPECT_THAT(s.error_message(), HasSubstr(reversal.name()));
  r.set_name(reversal.name());
  s = Call(*d_.bureau, &v1::Points::Stub::ReverseEntry, r, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "REVERSAL_NOT_REVERSIBLE");
  EXPECT_EQ(Entries(), 2);
}

TEST_F(PointsApiTest, RetryWithTheSameRequestIdReturnsTheFirstEntryAndPostsOnce) {
  const auto p = d_.Hired();
  auto r = PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -4);
  r.set_request_id(testing::FreshRequestId());
  v1::PointEntry first, second;
  ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::RecordBreach, r, &first).ok());
  ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::RecordBreach, r, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(d_.Balance(p.name()).balance(), -4);
  r.set_amount(-5);
  grpc::Status s = Call(*d_.bureau, &v1::Points::Stub::RecordBreach, r, &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Entries(), 1);
}

TEST_F(PointsApiTest, LedgerPagesInPostingOrderWithFilters) {
  const auto p = d_.Hired();
  std::vector<std::string> posted;
  for (int i = 1; i <= 5; ++i) {
    v1::PointEntry e;
    ASSERT_TRUE(Call(*d_.bureau, &v1::Points::Stub::RecordBreach,
                     PointsDistrict::Breach(
                         p.name(), i % 2 ? "BREACH_DISCIPLINE" : "BREACH_MEDIA_EXPOSURE", -i),
                     &e)
                    .ok());
    posted.push_back(e.name());
  }
  v1::ListPointEntriesRequest r;
  r.set_parent(p.name());
  r.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    v1::ListPointEntriesResponse out;
    ASSERT_TRUE(Call(*d_.office, &v1::Points::Stub::ListPointEntries, r, &out).ok());
    for (const auto& e : out.point_entries()) seen.push_back(e.name());
    if (out.next_page_token().empty()) break;
    r.set_page_token(out.next_page_token());
  }
  EXPECT_EQ(seen, posted);
  v1::ListPointEntriesRequest f;
  f.set_parent(p.name());
  f.set_filter("rule_code=BREACH_MEDIA_EXPOSURE");
  v1::ListPointEntriesResponse out;
  ASSERT_TRUE(Call(*d_.hr, &v1::Points::Stub::ListPointEntries, f, &out).ok());
  ASSERT_EQ(out.point_entries_size(), 2);
  EXPECT_EQ(out.point_entries(0).name(), posted[1]);
  f.set_filter("colour=red");
  grpc::Status s = Call(*d_.hr, &v1::Points::Stub::ListPointEntries, f, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  f.set_filter("");
  f.set_page_size(-1);
  s = Call(*d_.hr, &v1::Points::Stub::ListPointEntries, f, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PointsApiTest, PromotionCandidatesFromFifteenLevelPointsWithTheEntries) {
  const auto a = d_.Hired();
  const auto b = d_.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(a.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::PROVINCE, "deed-a"),
                         &e)
                  .ok());
  ASSERT_TRUE(d_.Commend(PointsDistrict::Commendation(b.name(), common::v1::PARTY_GOVERNMENT,
                                                      common::v1::CITY, "deed-b"),
                         &e)
                  .ok());
  v1::ListThresholdRequest r;
  r.set_parent("jurisdictions/wenjiang");
  v1::ListThresholdResponse out;
  ASSERT_TRUE(Call(*d_.office, &v1::Points::Stub::ListPromotionCandidates, r, &out).ok());
  ASSERT_EQ(out.crossings_size(), 1);
  EXPECT_EQ(out.crossings(0).person(), a.name());
  EXPECT_EQ(out.crossings(0).level_points(), 15);
  EXPECT_EQ(out.crossings(0).threshold(), 15);
  ASSERT_EQ(out.crossings(0).entries_size(), 1);
  EXPECT_EQ(out.crossings(0).entries(0).amount(), 15);
}

}  // namespace
}  // namespace auxpro
