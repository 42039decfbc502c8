// The grading round and the batch reads behind it, through the gRPC API over mTLS against
// MariaDB with all five services co-located: every batch read answers as its single read does, in
// the order asked; the round lists exactly who may apply for the next level now and who is due
// for demotion, each with the same check CheckRequirements computes, in keyset pages; a stopped
// dependency fails the page UNAVAILABLE rather than listing anyone on a default.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/grading_round_loader.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using GStub = v1::Grading::Stub;
using testing::Call;

constexpr int kPersons = 60;

std::vector<service::ModuleSpec> Modules(bool with_survey) {
  std::vector<service::ModuleSpec> m = {personnel::PersonnelModule(), points::PointsModule(),
                                        assessment::AssessmentModule(), grading::GradingModule()};
  if (with_survey) m.push_back(survey::SurveyModule());
  return m;
}

testing::TestServerOptions Options() {
  testing::TestServerOptions o;
  o.per_service_users = true;
  return o;
}

class GradingRoundTest : public ::testing::Test {
 protected:
  explicit GradingRoundTest(bool with_survey = true) : server_(Modules(with_survey), Options()) {
    auto pool = [&](const std::string& m) -> db::ConnectionPool* {
      return server_.Module(m) ? &server_.Db(m) : nullptr;
    };
    schemas_ = {pool("personnel"), pool("assessment"), pool("points"), pool("survey"),
                pool("grading")};
    bureau_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  }

  void Load(int n) { testing::LoadRoundDistrict(schemas_, "wenjiang", n); }

  std::string Person(int n) {
    return absl::StrCat("jurisdictions/wenjiang/persons/", testing::RoundPersonId(n));
  }

  // Every page of the round with `page_size`; fails the test on an error.
  std::vector<v1::RoundEntry> WholeRound(int page_size, v1::RoundEntryKind kind, int* pages) {
    std::vector<v1::RoundEntry> out;
    v1::ListRoundEntriesRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_page_size(page_size);
    r.set_kind(kind);
    *pages = 0;
    do {
      v1::ListRoundEntriesResponse page;
      grpc::Status s = Call(*bureau_, &GStub::ListRoundEntries, r, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      ++*pages;
      EXPECT_LE(page.round_entries_size(), page_size);
      for (auto& e : *page.mutable_round_entries()) out.push_back(std::move(e));
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty() && *pages < 1000);
    return out;
  }

  testing::TestServer server_;
  testing::RoundSchemas schemas_;
  std::unique_ptr<GStub> bureau_;
};

// The rows of two checks, without the time they were computed.
void ExpectSameRows(const v1::RequirementCheck& a, const v1::RequirementCheck& b) {
  v1::RequirementCheck x = a, y = b;
  x.clear_compute_time();
  y.clear_compute_time();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(x, y))
      << x.DebugString() << "\nvs\n"
      << y.DebugString();
}

TEST_F(GradingRoundTest, BatchReadsAnswerInOrderAsTheSingleReads) {
  ASSERT_NO_FATAL_FAILURE(Load(12));
  auto points = points::v1::Points::NewStub(server_.Channel("system", "SERVICE"));
  auto assess = assessment::v1::Assessment::NewStub(server_.Channel("system", "SERVICE"));
  auto survey = survey::v1::Survey::NewStub(server_.Channel("system", "SERVICE"));
  // Persons 12, 3, 7 and one the services never heard of, in that order.
  const std::vector<std::string> who = {Person(12), Person(3), Person(7),
                                        "jurisdictions/wenjiang/persons/p-unknown"};
  points::v1::BatchGetPointBalancesRequest pb;
  pb.set_parent("jurisdictions/wenjiang");
  assessment::v1::BatchGetAssessmentStandingsRequest ab;
  ab.set_parent("jurisdictions/wenjiang");
  survey::v1::BatchGetSatisfactionRatesRequest sb;
  sb.set_parent("jurisdictions/wenjiang");
  for (const auto& p : who) {
    pb.add_names(p + "/pointBalance");
    ab.add_names(p + "/assessmentStanding");
    sb.add_persons(p);
  }
  points::v1::BatchGetPointBalancesResponse balances;
  assessment::v1::BatchGetAssessmentStandingsResponse standings;
  survey::v1::BatchGetSatisfactionRatesResponse rates;
  ASSERT_TRUE(Call(*points, &points::v1::Points::Stub::BatchGetPointBalances, pb, &balances).ok());
  ASSERT_TRUE(Call(*assess, &assessment::v1::Assessment::Stub::BatchGetAssessmentStandings, ab,
                   &standings)
                  .ok());
  ASSERT_TRUE(
      Call(*survey, &survey::v1::Survey::Stub::BatchGetSatisfactionRates, sb, &rates).ok());
  ASSERT_EQ(balances.point_balances_size(), 4);
  ASSERT_EQ(standings.assessment_standings_size(), 4);
  ASSERT_EQ(rates.satisfaction_rates_size(), 4);
  for (size_t i = 0; i < who.size(); ++i) {
    points::v1::GetPointBalanceRequest g1;
    g1.set_name(who[i] + "/pointBalance");
    points::v1::PointBalance b;
    ASSERT_TRUE(Call(*points, &points::v1::Points::Stub::GetPointBalance, g1, &b).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(b, balances.point_balances(i)))
        << b.DebugString() << " vs " << balances.point_balances(i).DebugString();
    assessment::v1::GetAssessmentStandingRequest g2;
    g2.set_name(who[i] + "/assessmentStanding");
    assessment::v1::AssessmentStanding st;
    ASSERT_TRUE(
        Call(*assess, &assessment::v1::Assessment::Stub::GetAssessmentStanding, g2, &st).ok());
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(st, standings.assessment_standings(i)))
        << st.DebugString() << " vs " << standings.assessment_standings(i).DebugString();
    survey::v1::GetSatisfactionRateRequest g3;
    g3.set_person(who[i]);
    survey::v1::SatisfactionRate rate;
    ASSERT_TRUE(Call(*survey, &survey::v1::Survey::Stub::GetSatisfactionRate, g3, &rate).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(rate, rates.satisfaction_rates(i)))
        << rate.DebugString() << " vs " << rates.satisfaction_rates(i).DebugString();
  }
  EXPECT_EQ(balances.point_balances(0).level_points(), 15);       // 12 % 3 == 0
  EXPECT_EQ(standings.assessment_standings(1).latest_exam_score(), 72);
  EXPECT_NEAR(rates.satisfaction_rates(2).rate_percent(), 90.0, 0.01);
  EXPECT_EQ(balances.point_balances(3).level_points(), 0);        // unknown: 0

  // Refusals: no names, more than 1000, a malformed name, another jurisdiction's parent or name.
  auto code = [&](points::v1::BatchGetPointBalancesRequest r) {
    points::v1::BatchGetPointBalancesResponse out;
    return Call(*points, &points::v1::Points::Stub::BatchGetPointBalances, r, &out).error_code();
  };
  auto bureau_points = points::v1::Points::NewStub(server_.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  points::v1::BatchGetPointBalancesRequest bad;
  bad.set_parent("jurisdictions/wenjiang");
  EXPECT_EQ(code(bad), grpc::StatusCode::INVALID_ARGUMENT);
  for (int i = 0; i < 1001; ++i) bad.add_names(Person(1) + "/pointBalance");
  EXPECT_EQ(code(bad), grpc::StatusCode::INVALID_ARGUMENT);
  bad.clear_names();
  bad.add_names(Person(1));  // no /pointBalance
  points::v1::BatchGetPointBalancesResponse out;
  grpc::Status s = Call(*points, &points::v1::Points::Stub::BatchGetPointBalances, bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("names[0]"));
  bad.clear_names();
  bad.add_names("jurisdictions/haimen/persons/pr-000001/pointBalance");
  s = Call(*bureau_points, &points::v1::Points::Stub::BatchGetPointBalances, bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  bad.set_parent("jurisdictions/haimen");
  s = Call(*bureau_points, &points::v1::Points::Stub::BatchGetPointBalances, bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

// Who is listed, and with what: each entry's check is the one CheckRequirements computes; a
// person is PROMOTION_ELIGIBLE exactly when that check passes and DEMOTION_DUE exactly when at
// level 4 or above with level points <= -15; exited persons never appear.
TEST_F(GradingRoundTest, RoundListsWhoMayApplyAndWhoIsDueForDemotionWithTheCheckBehind) {
  ASSERT_NO_FATAL_FAILURE(Load(kPersons));
  int pages = 0;
  const std::vector<v1::RoundEntry> round =
      WholeRound(7, v1::ROUND_ENTRY_KIND_UNSPECIFIED, &pages);
  EXPECT_GT(pages, 2);
  std::map<std::pair<std::string, v1::RoundEntryKind>, v1::RoundEntry> listed;
  std::string previous;
  for (const auto& e : round) {
    EXPECT_GE(e.person(), previous) << "person order";
    previous = e.person();
    EXPECT_TRUE(listed.emplace(std::make_pair(e.person(), e.kind()), e).second)
        << "listed twice: " << e.person();
  }
  int promotions = 0, demotions = 0;
  for (int n = 1; n <= kPersons; ++n) {
    const std::string person = Person(n);
    const bool exited = n % 10 == 9;
    const int level = n % 4 == 0 ? 0 : (n % 4 == 1 ? 5 : (n % 4 == 2 ? 4 : 3));
    const int points = n % 3 == 0 ? 15 : (n % 3 == 1 ? 0 : -18);
    v1::CheckRequirementsRequest r;
    r.set_person(person);
    v1::RequirementCheck check;
    ASSERT_TRUE(Call(*bureau_, &GStub::CheckRequirements, r, &check).ok());
    auto promotion = listed.find({person, v1::PROMOTION_ELIGIBLE});
    auto demotion = listed.find({person, v1::DEMOTION_DUE});
    if (exited) {
      EXPECT_TRUE(promotion == listed.end() && demotion == listed.end()) << person;
      continue;
    }
    EXPECT_EQ(promotion != listed.end(), check.passed()) << person << check.DebugString();
    if (promotion != listed.end()) {
      ++promotions;
      ExpectSameRows(promotion->second.check(), check);
      EXPECT_EQ(promotion->second.current_level(), level);
      EXPECT_EQ(promotion->second.target_level(), level == 0 ? 5 : level - 1);
    }
    const bool due = level >= 1 && level <= 4 && points <= -15;
    EXPECT_EQ(demotion != listed.end(), due) << person;
    if (demotion != listed.end()) {
      ++demotions;
      ExpectSameRows(demotion->second.check(), check);
      EXPECT_EQ(demotion->second.level_points(), -18);
      EXPECT_EQ(demotion->second.demotion_threshold(), -15);
      EXPECT_EQ(demotion->second.target_level(), level + 1);
    }
  }
  EXPECT_GT(promotions, 5);
  EXPECT_GT(demotions, 5);
  EXPECT_EQ(promotions + demotions, static_cast<int>(round.size()));

  // The same round in one page, and each kind alone.
  EXPECT_EQ(WholeRound(1000, v1::ROUND_ENTRY_KIND_UNSPECIFIED, &pages).size(), round.size());
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(static_cast<int>(WholeRound(3, v1::PROMOTION_ELIGIBLE, &pages).size()), promotions);
  EXPECT_EQ(static_cast<int>(WholeRound(50, v1::DEMOTION_DUE, &pages).size()), demotions);
}

TEST_F(GradingRoundTest, RoundRefusesBadPagesAndOtherJurisdictions) {
  v1::ListRoundEntriesRequest r;
  r.set_parent("jurisdictions/wenjiang");
  v1::ListRoundEntriesResponse out;
  r.set_page_size(-1);
  EXPECT_EQ(Call(*bureau_, &GStub::ListRoundEntries, r, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  r.set_page_size(10);
  r.set_page_token("not-a-token");
  EXPECT_EQ(Call(*bureau_, &GStub::ListRoundEntries, r, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  r.clear_page_token();
  r.set_kind(static_cast<v1::RoundEntryKind>(9));
  EXPECT_EQ(Call(*bureau_, &GStub::ListRoundEntries, r, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  r.set_kind(v1::ROUND_ENTRY_KIND_UNSPECIFIED);
  r.set_parent("jurisdictions/haimen");
  EXPECT_EQ(Call(*bureau_, &GStub::ListRoundEntries, r, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // An empty jurisdiction: an empty round, no token.
  r.set_parent("jurisdictions/wenjiang");
  ASSERT_TRUE(Call(*bureau_, &GStub::ListRoundEntries, r, &out).ok());
  EXPECT_EQ(out.round_entries_size(), 0);
  EXPECT_TRUE(out.next_page_token().empty());
  // The public and the assessor may not run a round.
  for (const char* kind : {"PUBLIC", "ASSESSOR"}) {
    auto stub = v1::Grading::NewStub(server_.Channel("wenjiang", kind));
    EXPECT_EQ(Call(*stub, &GStub::ListRoundEntries, r, &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
}

// The survey service is not there: the round does not list anyone on a default, it answers
// UNAVAILABLE naming the service.
class GradingRoundWithoutSurveyTest : public GradingRoundTest {
 protected:
  GradingRoundWithoutSurveyTest() : GradingRoundTest(/*with_survey=*/false) {}
};

TEST_F(GradingRoundWithoutSurveyTest, AStoppedDependencyFailsThePageUnavailable) {
  v1::ListRoundEntriesRequest r;
  r.set_parent("jurisdictions/wenjiang");
  v1::ListRoundEntriesResponse out;
  // Nobody employed yet: nothing to ask the survey service, an empty round.
  ASSERT_TRUE(Call(*bureau_, &GStub::ListRoundEntries, r, &out).ok());
  EXPECT_EQ(out.round_entries_size(), 0);
  ASSERT_EQ(schemas_.survey, nullptr);
  testing::LoadRoundDistrict(schemas_, "wenjiang", 8);  // all but survey
  const grpc::Status s = Call(*bureau_, &GStub::ListRoundEntries, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("survey"));
  // The single check still answers, its satisfaction row UNAVAILABLE.
  v1::CheckRequirementsRequest c;
  c.set_person(Person(2));
  v1::RequirementCheck check;
  ASSERT_TRUE(Call(*bureau_, &GStub::CheckRequirements, c, &check).ok());
  EXPECT_FALSE(check.passed());
}

}  // namespace
}  // namespace auxpro
