// ctest-labels: fault
// Lost updates under 16 concurrent clients, against the real auxpro-server (every service in one
// process) over mTLS: 16 updates of one resource sent with the same etag — exactly one wins per
// version, every other is ABORTED (ETAG_MISMATCH) or FAILED_PRECONDITION (API-STYLE); and the
// invariants of the services hold when 16 clients race for them: the head-count limit (personnel
// hires), one response per respondent (survey), one decision per application (grading), the
// annual top-grade cap at finalize (assessment).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/columns.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/error_info.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/grading_round_loader.h"
#include "tests/support/national_id.h"
#include "tests/support/outbox_district.h"
#include "tests/support/server_process.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace pv1 = personnel::v1;
using testing::Call;
using testing::QueryInt;

constexpr int kClients = 16;

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

// Runs call(i) for i in 0..kClients-1 on kClients threads released together; the statuses.
std::vector<grpc::Status> AtOnce(const std::function<grpc::Status(int)>& call) {
  std::vector<grpc::Status> out(kClients);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kClients) std::this_thread::yield();
      out[i] = call(i);
    });
  }
  for (auto& t : threads) t.join();
  return out;
}

// How many won; every loser must be one of `losing` codes.
int Winners(const std::vector<grpc::Status>& statuses,
            const std::vector<grpc::StatusCode>& losing) {
  int won = 0;
  for (const auto& s : statuses) {
    if (s.ok()) {
      ++won;
      continue;
    }
    EXPECT_THAT(losing, ::testing::Contains(s.error_code()))
        << s.error_code() << " " << s.error_message();
  }
  return won;
}

class LostUpdates : public ::testing::Test {
 protected:
  LostUpdates() : services_(testing::AllModuleNames()), dbs_(services_) {}

  void SetUp() override {
    server_ = std::make_unique<testing::ServerProcess>(
        absl::StrCat("--target=", absl::StrJoin(services_, ","), " --work_threads=32 ",
                     dbs_.Flags()),
        dbs_.dir() / "server.log");
    port_ = server_->WaitUntilServing();
    ASSERT_GT(port_, 0) << server_->Log();
  }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << server_->Log().substr(0, 20000);
  }

  testing::ChannelFor Channels() const {
    const int port = port_;
    return [port](const std::string& j, const std::string& kind) {
      return *rpc::MakeMtlsChannel(
          absl::StrCat("127.0.0.1:", port),
          testing::ClientIdentity(kind == "SERVICE" ? "system" : j, kind));
    };
  }
  template <typename Service>
  std::vector<std::unique_ptr<typename Service::Stub>> Stubs(const std::string& j,
                                                            const std::string& kind) const {
    std::vector<std::unique_ptr<typename Service::Stub>> stubs;
    for (int i = 0; i < kClients; ++i) stubs.push_back(Service::NewStub(Channels()(j, kind)));
    return stubs;
  }

  std::vector<std::string> services_;
  testing::ServerDatabases dbs_;
  std::unique_ptr<testing::ServerProcess> server_;
  int port_ = 0;
};

TEST_F(LostUpdates, SixteenUpdatesOfOnePersonWithOneEtagOneWinsPerVersion) {
  testing::OutboxDistrict district(port_, "lost-person-");
  pv1::Person person = district.Hire("赵六", 41);
  auto hr = district.Stub("HR_COMPANY");
  auto stubs = Stubs<pv1::Personnel>("wenjiang", "HR_COMPANY");
  for (int round = 0; round < 3; ++round) {
    pv1::GetPersonRequest get;
    get.set_name(person.name());
    ASSERT_TRUE(Call(*hr, &pv1::Personnel::Stub::GetPerson, get, &person).ok());
    const std::string etag = person.etag();
    std::vector<std::string> names(kClients);
    const auto statuses = AtOnce([&](int i) {
      pv1::UpdatePersonRequest r;
      r.mutable_person()->set_name(person.name());
      r.mutable_person()->set_etag(etag);
      names[i] = absl::StrCat("赵六", round, "号", i);
      r.mutable_person()->set_full_name(names[i]);
      r.mutable_update_mask()->add_paths("full_name");
      pv1::Person out;
      return Call(*stubs[i], &pv1::Personnel::Stub::UpdatePerson, r, &out);
    });
    ASSERT_EQ(Winners(statuses, {grpc::StatusCode::ABORTED, grpc::StatusCode::FAILED_PRECONDITION}),
              1)
        << "round " << round;
    int winner = 0;
    for (int i = 0; i < kClients; ++i) {
      if (statuses[i].ok()) winner = i;
      if (statuses[i].error_code() == grpc::StatusCode::ABORTED) {
        EXPECT_EQ(Reason(statuses[i]), "ETAG_MISMATCH");
      }
    }
    ASSERT_TRUE(Call(*hr, &pv1::Personnel::Stub::GetPerson, get, &person).ok());
    EXPECT_EQ(person.full_name(), names[winner]) << "the stored name is not the winner's";
    EXPECT_NE(person.etag(), etag);
  }
}

TEST_F(LostUpdates, SixteenUpdatesOfOneCampaignWithOneEtagOneWinsPerVersion) {
  const auto aux = testing::HireAuxiliaries(Channels(), {pv1::FIELD}, 600);
  ASSERT_EQ(aux.size(), 1u);
  testing::SurveyStubs survey(Channels());
  survey::v1::Campaign campaign = testing::MakeCampaign(*survey.bureau, aux, /*open=*/false);
  ASSERT_FALSE(campaign.name().empty());
  auto stubs = Stubs<survey::v1::Survey>("wenjiang", "ENFORCEMENT_BUREAU");
  for (int round = 0; round < 3; ++round) {
    const std::string etag = campaign.etag();
    std::vector<std::string> names(kClients);
    const auto statuses = AtOnce([&](int i) {
      survey::v1::UpdateCampaignRequest r;
      *r.mutable_campaign() = campaign;
      names[i] = absl::StrCat("第", round, "轮调查", i);
      r.mutable_campaign()->set_display_name(names[i]);
      r.mutable_update_mask()->add_paths("display_name");
      survey::v1::Campaign out;
      return Call(*stubs[i], &survey::v1::Survey::Stub::UpdateCampaign, r, &out);
    });
    ASSERT_EQ(Winners(statuses, {grpc::StatusCode::ABORTED, grpc::StatusCode::FAILED_PRECONDITION}),
              1)
        << "round " << round;
    int winner = 0;
    for (int i = 0; i < kClients; ++i) {
      if (statuses[i].ok()) winner = i;
    }
    survey::v1::GetCampaignRequest get;
    get.set_name(campaign.name());
    ASSERT_TRUE(Call(*survey.bureau, &survey::v1::Survey::Stub::GetCampaign, get, &campaign).ok());
    EXPECT_EQ(campaign.display_name(), names[winner]);
    EXPECT_NE(campaign.etag(), etag);
  }
}

TEST_F(LostUpdates, SixteenHiresAtOnceNeverExceedTheHeadcountLimit) {
  testing::OutboxDistrict district(port_, "lost-hire-");  // limit 10, agreement for 10
  auto hr = district.Stub("HR_COMPANY");
  std::vector<pv1::Person> candidates(kClients);
  for (int i = 0; i < kClients; ++i) {
    pv1::CreatePersonRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_person()->set_full_name(absl::StrCat("候选人", i));
    r.mutable_person()->set_national_id(testing::MakeNationalId(1991, 3, 3, 700 + i));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(pv1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    ASSERT_TRUE(Call(*hr, &pv1::Personnel::Stub::CreatePerson, r, &candidates[i]).ok());
  }
  pv1::ListDispatchAgreementsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  pv1::ListDispatchAgreementsResponse agreements;
  ASSERT_TRUE(
      Call(*hr, &pv1::Personnel::Stub::ListDispatchAgreements, list, &agreements).ok());
  ASSERT_EQ(agreements.dispatch_agreements_size(), 1);
  auto stubs = Stubs<pv1::Personnel>("wenjiang", "ENFORCEMENT_BUREAU");
  const auto statuses = AtOnce([&](int i) {
    pv1::HirePersonRequest r;
    r.set_name(candidates[i].name());
    r.set_unit(district.unit().name());
    r.set_dispatch_agreement(agreements.dispatch_agreements(0).name());
    pv1::Person out;
    return Call(*stubs[i], &pv1::Personnel::Stub::HirePerson, r, &out);
  });
  // Exactly the limit gets through; the rest are refused by the rule, none by a deadlock.
  EXPECT_EQ(Winners(statuses, {grpc::StatusCode::FAILED_PRECONDITION}), 10);
  auto db = dbs_.RootPool("personnel");
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM persons WHERE state = 2"), 10);
}

TEST_F(LostUpdates, SixteenSubmissionsOfOneRespondentStoreOneResponse) {
  const auto aux = testing::HireAuxiliaries(Channels(), {pv1::FIELD}, 620);
  ASSERT_EQ(aux.size(), 1u);
  testing::SurveyStubs survey(Channels());
  const survey::v1::Campaign campaign = testing::MakeCampaign(*survey.bureau, aux);
  auto stubs = Stubs<survey::v1::Survey>("wenjiang", "PUBLIC");
  const auto statuses = AtOnce([&](int i) {
    // One respondent, sixteen submissions (each its own submission_id).
    return testing::Submit(*stubs[i], campaign.name(), aux[0].badge_number, "respondent-1",
                           absl::StrCat("lost-submission-", i),
                           {5, 5, 4, 4, 5, 5, 4, 4, 5, static_cast<uint32_t>(1 + i % 5)});
  });
  EXPECT_EQ(Winners(statuses, {grpc::StatusCode::ALREADY_EXISTS}), 1);
  for (const auto& s : statuses) {
    if (!s.ok()) {
      EXPECT_EQ(Reason(s), "ALREADY_RESPONDED") << s.error_message();
    }
  }
  auto db = dbs_.RootPool("survey");
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM responses"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT COALESCE(SUM(n), 0) FROM daily_counts WHERE question = 0"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT COALESCE(SUM(n), 0) FROM daily_counts WHERE question = 10"), 1);
}

TEST_F(LostUpdates, SixteenDecisionsOfOneApplicationMakeOneDecision) {
  namespace gv1 = grading::v1;
  auto personnel = dbs_.RootPool("personnel");
  auto assessment = dbs_.RootPool("assessment");
  auto points = dbs_.RootPool("points");
  auto survey = dbs_.RootPool("survey");
  auto grading = dbs_.RootPool("grading");
  testing::LoadRoundDistrict(
      {personnel.get(), assessment.get(), points.get(), survey.get(), grading.get()}, "wenjiang",
      24);
  auto bureau = gv1::Grading::NewStub(Channels()("wenjiang", "ENFORCEMENT_BUREAU"));
  // Person 21: level 5, +15 level points, 90 % of 40 responses: passes the check for level 4.
  gv1::CreateApplicationRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_application()->set_person(
      absl::StrCat("jurisdictions/wenjiang/persons/", testing::RoundPersonId(21)));
  create.mutable_application()->set_target_level(4);
  gv1::Application app;
  ASSERT_TRUE(Call(*bureau, &gv1::Grading::Stub::CreateApplication, create, &app).ok());
  gv1::SubmitApplicationRequest submit;
  submit.set_name(app.name());
  submit.set_etag(app.etag());
  grpc::Status s = Call(*bureau, &gv1::Grading::Stub::SubmitApplication, submit, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_TRUE(app.submitted_check().passed()) << app.submitted_check().DebugString();
  gv1::PassQualificationReviewRequest review;
  review.set_name(app.name());
  review.set_etag(app.etag());
  ASSERT_TRUE(Call(*bureau, &gv1::Grading::Stub::PassQualificationReview, review, &app).ok());

  auto stubs = Stubs<gv1::Grading>("wenjiang", "ESTABLISHMENT_OFFICE");
  const auto statuses = AtOnce([&](int i) {
    gv1::DecideApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    // Half approve, half reject: whichever wins is the only decision.
    r.set_outcome(i % 2 == 0 ? gv1::APPROVE : gv1::REJECT);
    r.set_reason(absl::StrCat("评定意见 (client ", i, ")"));
    gv1::Application decided;
    return Call(*stubs[i], &gv1::Grading::Stub::DecideApplication, r, &decided);
  });
  EXPECT_EQ(Winners(statuses, {grpc::StatusCode::ABORTED, grpc::StatusCode::FAILED_PRECONDITION}),
            1);
  gv1::GetApplicationRequest get;
  get.set_name(app.name());
  ASSERT_TRUE(Call(*bureau, &gv1::Grading::Stub::GetApplication, get, &app).ok());
  EXPECT_EQ(app.state(), gv1::Application::DECIDED);
  EXPECT_LE(app.approvals_size(), 1);
  EXPECT_EQ(QueryInt(*grading, "SELECT COUNT(*) FROM audit_log WHERE method LIKE "
                               "'%DecideApplication'"),
            1)
      << "one decision is audited once";
}

// haimen caps 优秀 at 15 % of a unit, rounded down (DOMAIN.md example 4): 1 of 7, and one is
// proposed. Sixteen clients at once: eight propose EXCELLENT for more of the seven, eight finalize
// the year. Whatever the interleaving, at most one finalize succeeds and the final year holds at
// most one EXCELLENT.
TEST_F(LostUpdates, SixteenProposalsAndFinalizesAtOnceKeepTheAnnualTopGradeCap) {
  namespace av1 = assessment::v1;
  const std::string j = "haimen";
  const auto policies = policy::PolicySet::LoadEmbedded();
  ASSERT_TRUE(policies.ok()) << policies.status();
  auto channel = Channels();
  auto bureau = pv1::Personnel::NewStub(channel(j, "ENFORCEMENT_BUREAU"));
  auto hr = pv1::Personnel::NewStub(channel(j, "HR_COMPANY"));
  auto office = pv1::Personnel::NewStub(channel(j, "ESTABLISHMENT_OFFICE"));
  const std::string parent = absl::StrCat("jurisdictions/", j);
  pv1::CreateUnitRequest cu;
  cu.set_parent(parent);
  cu.set_unit_id("cap-unit");
  cu.mutable_unit()->set_display_name("一中队");
  pv1::Unit unit;
  ASSERT_TRUE(Call(*bureau, &pv1::Personnel::Stub::CreateUnit, cu, &unit).ok());
  pv1::SetHeadcountLimitRequest limit;
  limit.set_parent(parent);
  limit.set_limit(50);
  limit.set_document_ref("海编发〔2026〕1号");
  pv1::HeadcountLimit limit_out;
  ASSERT_TRUE(Call(*office, &pv1::Personnel::Stub::SetHeadcountLimit, limit, &limit_out).ok());
  pv1::CreateDispatchAgreementRequest ca;
  ca.set_parent(parent);
  auto* a = ca.mutable_dispatch_agreement();
  a->set_title("劳务派遣协议");
  a->add_posts("巡查");
  a->set_duties("协助巡查");
  a->set_headcount(50);
  common::v1::Date start = DateOf(absl::Now()), end = start;
  start.set_year(start.year() - 2);
  end.set_year(end.year() + 1);
  *a->mutable_start_date() = start;
  *a->mutable_end_date() = end;
  a->set_monthly_pay_fen(450000);
  pv1::DispatchAgreement agreement;
  grpc::Status s = Call(*hr, &pv1::Personnel::Stub::CreateDispatchAgreement, ca, &agreement);
  ASSERT_TRUE(s.ok()) << s.error_message();
  pv1::SignDispatchAgreementRequest sign;
  sign.set_name(agreement.name());
  ASSERT_TRUE(Call(*bureau, &pv1::Personnel::Stub::SignDispatchAgreement, sign, &agreement).ok());
  const int this_year = DateOf(absl::Now()).year();
  std::vector<pv1::Person> persons(7);
  for (int i = 0; i < 7; ++i) {
    pv1::CreatePersonRequest r;
    r.set_parent(parent);
    r.mutable_person()->set_full_name(absl::StrCat("协管员", i));
    r.mutable_person()->set_national_id(
        testing::MakeNationalId(this_year - 30, 5, 17, 2 * (800 + i) + 1));
    r.mutable_person()->set_education(common::v1::JUNIOR_COLLEGE);
    r.mutable_person()->set_post_type(pv1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    s = Call(*hr, &pv1::Personnel::Stub::CreatePerson, r, &persons[i]);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const auto& step : policies->Find(j)->employment().hiring_steps()) {
      pv1::RecordHiringStepRequest h;
      h.set_name(persons[i].name());
      h.mutable_step()->set_step(step.code());
      *h.mutable_step()->mutable_start_date() = DateOf(absl::Now() - absl::Hours(24 * 30));
      *h.mutable_step()->mutable_date() = DateOf(absl::Now());
      h.mutable_step()->set_result(pv1::HiringStepRecord::PASSED);
      h.mutable_step()->set_evidence_ref("海编〔2026〕" + step.code());
      pv1::Person stepped;
      s = Call(*bureau, &pv1::Personnel::Stub::RecordHiringStep, h, &stepped);
      ASSERT_TRUE(s.ok()) << step.code() << ": " << s.error_message();
    }
    pv1::HirePersonRequest hire;
    hire.set_name(persons[i].name());
    hire.set_unit(unit.name());
    hire.set_dispatch_agreement(agreement.name());
    s = Call(*bureau, &pv1::Personnel::Stub::HirePerson, hire, &persons[i]);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  auto assess = av1::Assessment::NewStub(channel(j, "ENFORCEMENT_BUREAU"));
  const int year = this_year - 1;
  auto propose = [&](av1::Assessment::Stub& stub, int i, const std::string& grade) {
    av1::ProposeAnnualRatingRequest r;
    r.set_parent(parent);
    r.mutable_annual_rating()->set_person(persons[i].name());
    r.mutable_annual_rating()->set_year(year);
    r.mutable_annual_rating()->set_grade(grade);
    av1::AnnualRating out;
    return Call(stub, &av1::Assessment::Stub::ProposeAnnualRating, r, &out);
  };
  for (int i = 0; i < 7; ++i) {
    s = propose(*assess, i, i == 0 ? "EXCELLENT" : "QUALIFIED");
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  auto stubs = Stubs<av1::Assessment>(j, "ENFORCEMENT_BUREAU");
  const auto statuses = AtOnce([&](int i) {
    if (i % 2 == 1) return propose(*stubs[i], 1 + (i / 2) % 6, "EXCELLENT");
    av1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(unit.name(), "/ratingYears/", year));
    av1::RatingYear out;
    return Call(*stubs[i], &av1::Assessment::Stub::FinalizeAnnualRatings, r, &out);
  });
  int finalized = 0;
  for (int i = 0; i < kClients; ++i) {
    const grpc::Status& st = statuses[i];
    if (i % 2 == 0 && st.ok()) ++finalized;
    // A loser is refused by the rules, or ABORTED as a concurrent change (API-STYLE).
    if (!st.ok() && st.error_code() != grpc::StatusCode::ABORTED) {
      EXPECT_THAT(Reason(st), ::testing::AnyOf("YEAR_FINALIZED", "TOP_GRADE_CAP_EXCEEDED"))
          << st.error_code() << " " << st.error_message();
    }
  }
  EXPECT_LE(finalized, 1);
  auto db = dbs_.RootPool("assessment");
  EXPECT_LE(QueryInt(*db, "SELECT COUNT(*) FROM annual_ratings WHERE grade = 'EXCELLENT' AND "
                          "state = 2"),
            1)
      << "the final year holds more EXCELLENT than the cap";
  if (finalized == 1) {
    EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM annual_ratings WHERE state = 2"), 7);
  }
  RecordProperty("finalized", finalized);
}

}  // namespace
}  // namespace auxpro
