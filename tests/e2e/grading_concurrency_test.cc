// One decision per application on MariaDB: 16 clients decide the same application at once with
// the same etag (each its own request_id), over mTLS. Exactly one wins; every other is ABORTED
// (ETAG_MISMATCH: the etag is checked before the state, so never WRONG_STATE); at most one level
// change and one LevelChanged event result (for levels 4-1 when the office's sweep brings the
// published decision into force after the objection period). The facts of the check are loaded
// straight into the schemas (tests/support/grading_round_loader), the application made through the
// API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/grading_round_loader.h"
#include "tests/support/grading_walk.h"
#include "tests/support/test_env.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using GStub = v1::Grading::Stub;
using testing::Call;

constexpr int kClients = 16;

class GradingConcurrencyTest : public ::testing::Test {
 protected:
  GradingConcurrencyTest()
      : server_({personnel::PersonnelModule(), points::PointsModule(),
                 assessment::AssessmentModule(), survey::SurveyModule(), grading::GradingModule()},
                Options()) {
    testing::LoadRoundDistrict({&server_.Db("personnel"), &server_.Db("assessment"),
                                &server_.Db("points"), &server_.Db("survey"),
                                &server_.Db("grading")},
                               "wenjiang", 24);
    bureau_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  }

  static testing::TestServerOptions Options() {
    testing::TestServerOptions o;
    o.per_service_users = true;
    o.work_threads = 16;
    return o;
  }

  // An application of person n for `target`, created, submitted and reviewed by the bureau.
  v1::Application InEvaluation(int n, int target) {
    v1::CreateApplicationRequest create;
    create.set_parent("jurisdictions/wenjiang");
    create.mutable_application()->set_person(
        absl::StrCat("jurisdictions/wenjiang/persons/", testing::RoundPersonId(n)));
    create.mutable_application()->set_target_level(target);
    v1::Application app;
    grpc::Status s = Call(*bureau_, &GStub::CreateApplication, create, &app);
    EXPECT_TRUE(s.ok()) << s.error_message();
    v1::SubmitApplicationRequest submit;
    submit.set_name(app.name());
    submit.set_etag(app.etag());
    s = Call(*bureau_, &GStub::SubmitApplication, submit, &app);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(app.submitted_check().passed()) << app.submitted_check().DebugString();
    v1::PassQualificationReviewRequest review;
    review.set_name(app.name());
    review.set_etag(app.etag());
    s = Call(*bureau_, &GStub::PassQualificationReview, review, &app);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return app;
  }

  // kClients decisions of `kind` on `app` with its etag at once; the statuses.
  std::vector<grpc::Status> DecideAtOnce(const std::string& kind, const v1::Application& app) {
    std::vector<std::unique_ptr<GStub>> stubs;
    for (int i = 0; i < kClients; ++i) {
      stubs.push_back(v1::Grading::NewStub(server_.Channel("wenjiang", kind)));
    }
    std::vector<grpc::Status> out(kClients);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        v1::DecideApplicationRequest r;
        r.set_name(app.name());
        r.set_etag(app.etag());
        r.set_outcome(v1::APPROVE);
        r.set_reason(absl::StrCat("评定通过 (client ", i, ")"));
        ready.fetch_add(1);
        while (ready.load() < kClients) std::this_thread::yield();
        v1::Application decided;
        out[i] = Call(*stubs[i], &GStub::DecideApplication, r, &decided);
      });
    }
    for (auto& t : threads) t.join();
    return out;
  }

  void ExpectOneWinner(const std::vector<grpc::Status>& statuses) {
    int won = 0;
    for (const auto& s : statuses) {
      if (s.ok()) {
        ++won;
        continue;
      }
      // The etag is checked before the state: a loser is ABORTED, never WRONG_STATE.
      EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED)
          << s.error_code() << " " << s.error_message();
      EXPECT_EQ(testing::ReasonOf(s), "ETAG_MISMATCH") << s.error_message();
    }
    EXPECT_EQ(won, 1);
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_.Db("grading"), sql); }

  testing::TestServer server_;
  std::unique_ptr<GStub> bureau_;
};

// A decision or submission on a stale read, one after the other, is ABORTED (ETAG_MISMATCH)
// even though the application has moved to another state since: the etag is checked first.
TEST_F(GradingConcurrencyTest, StaleEtagIsAbortedBeforeTheStateIsChecked) {
  v1::CreateApplicationRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_application()->set_person(
      absl::StrCat("jurisdictions/wenjiang/persons/", testing::RoundPersonId(12)));
  create.mutable_application()->set_target_level(5);
  v1::Application draft;
  ASSERT_TRUE(Call(*bureau_, &GStub::CreateApplication, create, &draft).ok());
  v1::SubmitApplicationRequest submit;
  submit.set_name(draft.name());
  submit.set_etag(draft.etag());
  v1::Application app;
  ASSERT_TRUE(Call(*bureau_, &GStub::SubmitApplication, submit, &app).ok());
  v1::Application out;
  grpc::Status s = Call(*bureau_, &GStub::SubmitApplication, submit, &out);  // new request_id
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_EQ(testing::ReasonOf(s), "ETAG_MISMATCH") << s.error_message();

  v1::PassQualificationReviewRequest review;
  review.set_name(app.name());
  review.set_etag(app.etag());
  ASSERT_TRUE(Call(*bureau_, &GStub::PassQualificationReview, review, &app).ok());
  v1::DecideApplicationRequest decide;
  decide.set_name(app.name());
  decide.set_etag(app.etag());
  decide.set_outcome(v1::APPROVE);
  decide.set_reason("用工单位同意");
  ASSERT_TRUE(Call(*bureau_, &GStub::DecideApplication, decide, &app).ok());
  // The bureau again on its first read: stale, not ALREADY_APPROVED.
  s = Call(*bureau_, &GStub::DecideApplication, decide, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_EQ(testing::ReasonOf(s), "ETAG_MISMATCH") << s.error_message();

  auto hr = v1::Grading::NewStub(server_.Channel("wenjiang", "HR_COMPANY"));
  decide.set_etag(app.etag());
  decide.set_reason("人力资源公司同意");
  ASSERT_TRUE(Call(*hr, &GStub::DecideApplication, decide, &app).ok());
  EXPECT_EQ(app.state(), v1::Application::DECIDED);
  // A second HR company decision on the read before: ABORTED, not WRONG_STATE (DECIDED).
  s = Call(*hr, &GStub::DecideApplication, decide, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_EQ(testing::ReasonOf(s), "ETAG_MISMATCH") << s.error_message();
  // With the current etag the state is what refuses it.
  decide.set_etag(app.etag());
  s = Call(*hr, &GStub::DecideApplication, decide, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(testing::ReasonOf(s), "WRONG_STATE") << s.error_message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM level_changes WHERE person_id = 'pr-000012'"), 1);
}

// Level 5: the bureau has approved; 16 HR company clients give the second approval at once.
// One grants level 5, once.
TEST_F(GradingConcurrencyTest, SixteenJointApprovalsAtOnceGrantLevelFiveOnce) {
  v1::Application app = InEvaluation(4, 5);  // person 4: no level yet
  v1::DecideApplicationRequest first;
  first.set_name(app.name());
  first.set_etag(app.etag());
  first.set_outcome(v1::APPROVE);
  first.set_reason("用工单位同意");
  ASSERT_TRUE(Call(*bureau_, &GStub::DecideApplication, first, &app).ok());
  ASSERT_NO_FATAL_FAILURE(ExpectOneWinner(DecideAtOnce("HR_COMPANY", app)));
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  ASSERT_TRUE(Call(*bureau_, &GStub::GetApplication, get, &app).ok());
  EXPECT_EQ(app.state(), v1::Application::DECIDED);
  EXPECT_EQ(app.approvals_size(), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM level_changes WHERE person_id = 'pr-000004'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type LIKE '%LevelChanged'"), 1);
}

// Levels 4-1: 16 establishment office clients decide at once; one decision. The notice that
// publishes it changes nothing yet (wenjiang's objection period); once the period has ended, the
// office's sweep changes the level once, and a second sweep nothing more.
TEST_F(GradingConcurrencyTest, SixteenOfficeDecisionsAtOnceMakeOneDecisionAndOneLevelChange) {
  v1::Application app = InEvaluation(21, 4);  // person 21: level 5, +15, 90 % of 40
  ASSERT_NO_FATAL_FAILURE(ExpectOneWinner(DecideAtOnce("ESTABLISHMENT_OFFICE", app)));
  v1::GetApplicationRequest get;
  get.set_name(app.name());
  ASSERT_TRUE(Call(*bureau_, &GStub::GetApplication, get, &app).ok());
  EXPECT_EQ(app.state(), v1::Application::DECIDED);
  EXPECT_EQ(app.approvals_size(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM level_changes"), 0);  // the notice changes it
  auto office = v1::Grading::NewStub(server_.Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
  v1::PublishResultNoticeRequest publish;
  publish.set_parent("jurisdictions/wenjiang");
  publish.mutable_result_notice()->add_applications(app.name());
  publish.mutable_result_notice()->set_document_ref("温编发〔2026〕21号");
  v1::ResultNotice notice;
  ASSERT_TRUE(Call(*office, &GStub::PublishResultNotice, publish, &notice).ok());
  // Published: not in force until the objection period has ended.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM level_changes WHERE person_id = 'pr-000021'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type LIKE '%LevelChanged'"), 0);
  EXPECT_EQ(Count("SELECT level FROM person_levels WHERE person_id = 'pr-000021'"), 5);

  const CivilDate today = FromProto(DateOf(absl::Now()));
  ASSERT_TRUE(testing::EndObjectionPeriod(server_.Db("grading"), notice.name(), today).ok());
  v1::RunGradingSweepRequest sweep;
  sweep.set_parent("jurisdictions/wenjiang");
  sweep.set_request_id("sweep-after-period");
  v1::RunGradingSweepResponse swept;
  ASSERT_TRUE(Call(*office, &GStub::RunGradingSweep, sweep, &swept).ok());
  EXPECT_EQ(swept.decisions_in_force(), 1);
  sweep.set_request_id("sweep-again");
  ASSERT_TRUE(Call(*office, &GStub::RunGradingSweep, sweep, &swept).ok());
  EXPECT_EQ(swept.decisions_in_force(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM level_changes WHERE person_id = 'pr-000021'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type LIKE '%LevelChanged'"), 1);
  EXPECT_EQ(Count("SELECT level FROM person_levels WHERE person_id = 'pr-000021'"), 4);
}

}  // namespace
}  // namespace auxpro
