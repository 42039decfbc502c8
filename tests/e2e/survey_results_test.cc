// Survey results through the gRPC API: the rate per agency kind, withholding below the minimum
// sample, comments stored as text, the one-response-per-respondent invariant under 16 concurrent
// clients, and the access matrix of DOMAIN.md section 8.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/access_matrix.h"
#include "tests/support/call.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_env.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = survey::v1;
using testing::Auxiliary;
using testing::Call;
using ::testing::HasSubstr;
using testing::Submit;
using testing::TestServer;

// Eight satisfied answers (5) and two not (2 一般, 1 不满意): 80 %.
const std::vector<uint32_t> kEightyPercent = {5, 5, 5, 5, 5, 5, 5, 5, 2, 1};
const std::vector<uint32_t> kAllFive(10, 5);

class SurveyResultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{survey::SurveyModule(), personnel::PersonnelModule()},
        testing::TestServerOptions{.per_service_users = true});
    stubs_ = std::make_unique<testing::SurveyStubs>(*server_);
    aux_ = testing::HireAuxiliaries(*server_, {personnel::v1::FIELD, personnel::v1::OFFICE});
    ASSERT_EQ(aux_.size(), 2u);
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_->Db("survey"), sql); }

  grpc::Status Rate(v1::Survey::Stub& stub, const std::string& person, const std::string& campaign,
                    v1::SatisfactionRate* out) {
    v1::GetSatisfactionRateRequest r;
    r.set_person(person);
    r.set_campaign(campaign);
    return Call(stub, &v1::Survey::Stub::GetSatisfactionRate, r, out);
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<testing::SurveyStubs> stubs_;
  std::vector<Auxiliary> aux_;
};

TEST_F(SurveyResultsTest, RateDistributionsAndCommentsPerAgencyKindWithheldBelowMinimum) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, aux_);
  const std::vector<std::string> comments = {"=HYPERLINK(\"http://x\")",
                                             "'); DROP TABLE responses; --", "<b>好</b>\x01"};
  for (int i = 0; i < 30; ++i) {
    const std::string comment = i < 3 ? comments[i] : "";
    ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[0].badge_number, absl::StrCat("key-", i),
                       absl::StrCat("sub-a-", i), kEightyPercent, comment)
                    .ok());
  }
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[1].badge_number, absl::StrCat("key-", i),
                       absl::StrCat("sub-b-", i), kAllFive, "差")
                    .ok());
  }
  v1::SatisfactionRate rate;
  ASSERT_TRUE(Rate(*stubs_->bureau, aux_[0].person, c.name(), &rate).ok());
  EXPECT_FALSE(rate.insufficient());
  EXPECT_EQ(rate.response_count(), 30);
  EXPECT_EQ(rate.rated_answers(), 300);
  EXPECT_DOUBLE_EQ(rate.rate_percent(), 80.0);
  ASSERT_EQ(rate.distributions_size(), 10);
  EXPECT_EQ(rate.distributions(8).counts(1), 30);  // question 9: answer 2
  EXPECT_EQ(rate.distributions(9).counts(0), 30);  // question 10: answer 1
  // The establishment office sees the rate only; a service reads it across campaigns.
  ASSERT_TRUE(Rate(*stubs_->office, aux_[0].person, c.name(), &rate).ok());
  EXPECT_DOUBLE_EQ(rate.rate_percent(), 80.0);
  EXPECT_TRUE(rate.distributions().empty());
  ASSERT_TRUE(Rate(*stubs_->service, aux_[0].person, "", &rate).ok());
  EXPECT_EQ(rate.response_count(), 30);
  EXPECT_TRUE(rate.distributions().empty());
  // A date range after today holds nothing.
  v1::GetSatisfactionRateRequest later;
  later.set_person(aux_[0].person);
  *later.mutable_start_date() = ToProto(AddDays(FromProto(DateOf(absl::Now())), 2));
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::GetSatisfactionRate, later, &rate).ok());
  EXPECT_EQ(rate.response_count(), 0);
  EXPECT_TRUE(rate.insufficient());
  // Two responses: insufficient, nothing but the count.
  ASSERT_TRUE(Rate(*stubs_->bureau, aux_[1].person, c.name(), &rate).ok());
  EXPECT_TRUE(rate.insufficient());
  EXPECT_EQ(rate.response_count(), 2);
  EXPECT_EQ(rate.rate_percent(), 0);
  EXPECT_TRUE(rate.distributions().empty());

  // Comments: stored and returned as the text sent; withheld below the minimum.
  v1::ListCommentsRequest lc;
  lc.set_parent(c.name());
  lc.set_person(aux_[0].person);
  v1::ListCommentsResponse page;
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::ListComments, lc, &page).ok());
  EXPECT_FALSE(page.withheld());
  std::set<std::string> got;
  for (const auto& comment : page.comments()) got.insert(comment.text());
  EXPECT_EQ(got, std::set<std::string>(comments.begin(), comments.end()));
  lc.set_person(aux_[1].person);
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::ListComments, lc, &page).ok());
  EXPECT_TRUE(page.withheld());
  EXPECT_TRUE(page.comments().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses"), 32);

  // An assessor reads results of its own campaigns only.
  v1::GetSatisfactionRateRequest no_campaign;
  no_campaign.set_person(aux_[0].person);
  grpc::Status s =
      Call(*stubs_->assessor, &v1::Survey::Stub::GetSatisfactionRate, no_campaign, &rate);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Rate(*stubs_->assessor, aux_[0].person, c.name(), &rate).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(SurveyResultsTest, SixteenClientsSendingDuplicatesStoreExactlyOneResponseEach) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, aux_);
  constexpr int kClients = 16;
  constexpr int kRespondents = 4;
  std::mutex mu;
  std::map<int, std::set<std::string>> stored;  // respondent -> response names answered OK
  std::vector<std::string> unexpected;
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      auto gateway = v1::Survey::NewStub(server_->Channel("wenjiang", "PUBLIC"));
      for (int k = 0; k < kRespondents; ++k) {
        // Half the clients resend one submission id, the others each send their own.
        const std::string submission =
            t % 2 == 0 ? absl::StrCat("dup-", k) : absl::StrCat("c", t, "-", k);
        v1::SurveyResponse out;
        grpc::Status s;
        // ABORTED is "a concurrent change, retry": a client sends the same submission again.
        for (int attempt = 0; attempt < 20; ++attempt) {
          s = Submit(*gateway, c.name(), aux_[0].badge_number, absl::StrCat("key-", k), submission,
                     kAllFive, "", &out);
          if (s.error_code() != grpc::StatusCode::ABORTED) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt + 1)));
        }
        std::lock_guard<std::mutex> lock(mu);
        if (s.ok()) {
          stored[k].insert(out.name());
        } else if (s.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
          unexpected.push_back(absl::StrCat(s.error_code(), ": ", s.error_message()));
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_THAT(unexpected, ::testing::IsEmpty());
  for (int k = 0; k < kRespondents; ++k) EXPECT_EQ(stored[k].size(), 1u) << "respondent " << k;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses"), kRespondents);
  EXPECT_EQ(Count("SELECT SUM(n) FROM daily_counts WHERE question = 0"), kRespondents);
  EXPECT_EQ(Count("SELECT SUM(n) FROM daily_counts WHERE question = 7 AND answer = 5"),
            kRespondents);
  EXPECT_EQ(Count("SELECT SUM(n) FROM daily_counts WHERE question > 0"), kRespondents * 10);
}

TEST_F(SurveyResultsTest, AccessMatrixFollowsDomainSection8) {
  const std::set<std::string> kBureauAssessor = {"ENFORCEMENT_BUREAU", "ASSESSOR"};
  const std::set<std::string> kPublic = {"PUBLIC"};
  testing::ExpectAccessMatrix(
      *server_, {"auxpro.survey.v1.Survey",
                 {
                     {"GetQuestionnaire", kBureauAssessor},
                     {"CreateCampaign", kBureauAssessor},
                     {"UpdateCampaign", kBureauAssessor},
                     {"GetCampaign", kBureauAssessor},
                     {"ListCampaigns", kBureauAssessor},
                     {"OpenCampaign", kBureauAssessor},
                     {"CloseCampaign", kBureauAssessor},
                     {"GetSurveyLink", kBureauAssessor},
                     {"GetCampaignQuestionnaire", kPublic},
                     {"SubmitResponse", kPublic},
                     {"GetSatisfactionRate",
                      {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "ASSESSOR", "SERVICE"}},
                     {"ListComments", kBureauAssessor},
                     {"ExportCampaign", kBureauAssessor},
                     {"BatchGetSatisfactionRates",
                      {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "SERVICE"}},
                 }});
}

}  // namespace
}  // namespace auxpro
