// The survey service through its gRPC API, over mTLS, against a real MariaDB, with the personnel
// service co-located (post types and badge numbers come from it): DOMAIN.md section 6.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/db/transaction.h"
#include "libs/rpc/error_info.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
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

const std::vector<uint32_t> kAllFive(10, 5);

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

class SurveyApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{survey::SurveyModule(), personnel::PersonnelModule()},
        testing::TestServerOptions{.per_service_users = true});
    stubs_ = std::make_unique<testing::SurveyStubs>(*server_);
    aux_ = testing::HireAuxiliaries(
        *server_, {personnel::v1::FIELD, personnel::v1::OFFICE, personnel::v1::FIELD});
    ASSERT_EQ(aux_.size(), 3u);
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_->Db("survey"), sql); }

  std::string Reason(const grpc::Status& s) {
    auto info = rpc::ErrorInfoOf(s);
    return info ? info->reason : "";
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<testing::SurveyStubs> stubs_;
  std::vector<Auxiliary> aux_;  // field, office, field (not covered by the campaigns below)
};

TEST_F(SurveyApiTest, QuestionnairesB1AndB2AreSeededAsPrinted) {
  v1::GetQuestionnaireRequest r;
  r.set_name("questionnaires/b1-field-v1");
  v1::Questionnaire b1, b2;
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::GetQuestionnaire, r, &b1).ok());
  EXPECT_EQ(b1.title(), "综合执法辅助岗位人员满意度调查问卷（外勤人员）");
  EXPECT_EQ(b1.post_type(), personnel::v1::FIELD);
  EXPECT_EQ(b1.version(), 1);
  ASSERT_EQ(b1.questions_size(), 11);
  EXPECT_EQ(b1.questions(0).text(), "1、您对该执法辅助人员的整体工作如何评价？");
  EXPECT_EQ(b1.questions(10).text(), "11、您对该该执法辅助人员或城市管理工作有什么意见和建议？");
  EXPECT_TRUE(b1.questions(9).rated());
  EXPECT_FALSE(b1.questions(10).rated());
  EXPECT_THAT(b1.scale(), ::testing::ElementsAre("不满意", "一般", "较满意", "满意", "非常满意"));
  EXPECT_EQ(b1.thanks(), "感谢您的合作与支持！");
  EXPECT_THAT(b1.introduction(), HasSubstr("辅助人员的看法"));
  r.set_name("questionnaires/b2-office-v1");
  ASSERT_TRUE(Call(*stubs_->assessor, &v1::Survey::Stub::GetQuestionnaire, r, &b2).ok());
  EXPECT_EQ(b2.title(), "综合执法辅助岗位人员满意度调查问卷（内勤人员）");
  ASSERT_EQ(b2.questions_size(), 11);
  EXPECT_EQ(b2.questions(9).text(),
            "10、您对该工作人员在遵纪守法、廉洁自律方面（如有，请详细说明）如何评价？");
  EXPECT_THAT(b2.introduction(), HasSubstr("城市管理工作人员的看法"));
  r.set_name("questionnaires/nope");
  EXPECT_EQ(Call(*stubs_->bureau, &v1::Survey::Stub::GetQuestionnaire, r, &b2).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(SurveyApiTest, CampaignPinsVersionsAndFollowsItsLifeCycle) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0], aux_[1]}, false);
  EXPECT_EQ(c.state(), v1::Campaign::DRAFT);
  EXPECT_EQ(c.field_questionnaire(), "questionnaires/b1-field-v1");
  EXPECT_EQ(c.office_questionnaire(), "questionnaires/b2-office-v1");
  EXPECT_EQ(c.auxiliaries_size(), 2);
  v1::CloseCampaignRequest close;
  close.set_name(c.name());
  grpc::Status s = Call(*stubs_->bureau, &v1::Survey::Stub::CloseCampaign, close, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "INVALID_STATE_TRANSITION");
  v1::OpenCampaignRequest open;
  open.set_name(c.name());
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::OpenCampaign, open, &c).ok());
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::CloseCampaign, close, &c).ok());
  EXPECT_EQ(c.state(), v1::Campaign::CLOSED);

  // A pinned questionnaire of the wrong post type, a foreign person, a reversed period.
  v1::CreateCampaignRequest bad;
  bad.set_parent("jurisdictions/wenjiang");
  *bad.mutable_campaign() = c;
  bad.mutable_campaign()->set_field_questionnaire("questionnaires/b2-office-v1");
  s = Call(*stubs_->bureau, &v1::Survey::Stub::CreateCampaign, bad, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("campaign.field_questionnaire"));
  bad.mutable_campaign()->clear_field_questionnaire();
  bad.mutable_campaign()->add_auxiliaries("jurisdictions/haimen/persons/p-1");
  s = Call(*stubs_->bureau, &v1::Survey::Stub::CreateCampaign, bad, &c);
  EXPECT_THAT(s.error_message(), HasSubstr("campaign.auxiliaries[2]"));
  bad.mutable_campaign()->mutable_auxiliaries()->RemoveLast();
  std::swap(*bad.mutable_campaign()->mutable_period_start(),
            *bad.mutable_campaign()->mutable_period_end());
  s = Call(*stubs_->bureau, &v1::Survey::Stub::CreateCampaign, bad, &c);
  EXPECT_THAT(s.error_message(), HasSubstr("campaign.period_end"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM campaigns"), 1);
}

TEST_F(SurveyApiTest, CampaignSettingsAreFixedOnceItsFirstResponseIsStored) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0]});
  v1::UpdateCampaignRequest u;
  *u.mutable_campaign() = c;
  u.mutable_campaign()->add_auxiliaries(aux_[1].person);
  u.mutable_update_mask()->add_paths("auxiliaries");
  v1::Campaign updated;
  grpc::Status s = Call(*stubs_->bureau, &v1::Survey::Stub::UpdateCampaign, u, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.auxiliaries_size(), 2);
  EXPECT_NE(updated.etag(), c.etag());
  // A stale etag.
  EXPECT_EQ(Call(*stubs_->bureau, &v1::Survey::Stub::UpdateCampaign, u, &updated).error_code(),
            grpc::StatusCode::ABORTED);
  ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[1].badge_number, "k", "s-1", kAllFive).ok());
  *u.mutable_campaign() = updated;
  u.mutable_campaign()->set_field_questionnaire("questionnaires/b1-field-v1");
  u.mutable_update_mask()->set_paths(0, "field_questionnaire");
  s = Call(*stubs_->bureau, &v1::Survey::Stub::UpdateCampaign, u, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "CAMPAIGN_FIXED");
  u.mutable_campaign()->set_display_name("改名");
  u.mutable_update_mask()->set_paths(0, "display_name");
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::UpdateCampaign, u, &updated).ok());
  EXPECT_EQ(updated.display_name(), "改名");
  u.mutable_update_mask()->set_paths(0, "state");
  EXPECT_EQ(Call(*stubs_->bureau, &v1::Survey::Stub::UpdateCampaign, u, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SurveyApiTest, PublicReadsTheQuestionnaireOfTheAuxiliarysPostType) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0], aux_[1]});
  v1::GetCampaignQuestionnaireRequest r;
  r.set_name(c.name());
  r.set_badge_number(aux_[0].badge_number);
  v1::Questionnaire q;
  ASSERT_TRUE(Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q).ok());
  EXPECT_EQ(q.name(), "questionnaires/b1-field-v1");
  EXPECT_EQ(q.badge_number(), aux_[0].badge_number);
  r.set_badge_number(aux_[1].badge_number);
  ASSERT_TRUE(Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q).ok());
  EXPECT_EQ(q.name(), "questionnaires/b2-office-v1");

  // The signed link instead of the badge number.
  v1::GetSurveyLinkRequest link_req;
  link_req.set_name(c.name());
  link_req.set_badge_number(aux_[1].badge_number);
  v1::SurveyLink link;
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::GetSurveyLink, link_req, &link).ok());
  r.clear_badge_number();
  r.set_link_payload(link.payload());
  ASSERT_TRUE(Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q).ok());
  EXPECT_EQ(q.badge_number(), aux_[1].badge_number);
  r.set_link_payload(link.payload() + "0");
  grpc::Status s = Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "LINK_PAYLOAD_INVALID");

  // Not covered; no such badge; a campaign not open.
  r.clear_link_payload();
  r.set_badge_number(aux_[2].badge_number);
  s = Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q);
  EXPECT_EQ(Reason(s), "AUXILIARY_NOT_COVERED");
  link_req.set_badge_number(aux_[2].badge_number);
  EXPECT_EQ(Reason(Call(*stubs_->bureau, &v1::Survey::Stub::GetSurveyLink, link_req, &link)),
            "AUXILIARY_NOT_COVERED");
  r.set_badge_number("XX99999");
  EXPECT_EQ(Reason(Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q)),
            "AUXILIARY_NOT_COVERED");
  v1::Campaign draft = testing::MakeCampaign(*stubs_->bureau, {aux_[0]}, false);
  r.set_name(draft.name());
  r.set_badge_number(aux_[0].badge_number);
  EXPECT_EQ(Reason(Call(*stubs_->gateway, &v1::Survey::Stub::GetCampaignQuestionnaire, r, &q)),
            "CAMPAIGN_NOT_OPEN");
}

TEST_F(SurveyApiTest, OneResponsePerRespondentPerAuxiliaryPerCampaign) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0], aux_[1]});
  const std::string& badge = aux_[0].badge_number;
  v1::SurveyResponse first, again;
  ASSERT_TRUE(
      Submit(*stubs_->gateway, c.name(), badge, "key-1", "sub-1", kAllFive, "很好", &first).ok());
  EXPECT_EQ(first.questionnaire(), "questionnaires/b1-field-v1");
  // The same submission id again: the first answer, nothing new.
  ASSERT_TRUE(
      Submit(*stubs_->gateway, c.name(), badge, "key-1", "sub-1", kAllFive, "很好", &again).ok());
  EXPECT_EQ(again.name(), first.name());
  // Another submission by the same respondent about the same auxiliary: refused.
  grpc::Status s = Submit(*stubs_->gateway, c.name(), badge, "key-1", "sub-2", kAllFive);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "ALREADY_RESPONDED");
  // The same respondent about another auxiliary, another respondent: fine.
  EXPECT_TRUE(
      Submit(*stubs_->gateway, c.name(), aux_[1].badge_number, "key-1", "sub-3", kAllFive).ok());
  EXPECT_TRUE(Submit(*stubs_->gateway, c.name(), badge, "key-2", "sub-4", kAllFive).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses"), 3);
  // Closed: refused.
  v1::CloseCampaignRequest close;
  close.set_name(c.name());
  ASSERT_TRUE(Call(*stubs_->bureau, &v1::Survey::Stub::CloseCampaign, close, &c).ok());
  s = Submit(*stubs_->gateway, c.name(), badge, "key-3", "sub-5", kAllFive);
  EXPECT_EQ(Reason(s), "CAMPAIGN_NOT_OPEN");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses"), 3);
}

TEST_F(SurveyApiTest, BadSubmissionsAreRefusedNamingTheFieldAndWriteNothing) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0]});
  const std::string& badge = aux_[0].badge_number;
  struct Case {
    grpc::Status status;
    std::string field;
  };
  std::vector<uint32_t> nine(9, 5), out_of_scale = kAllFive;
  out_of_scale[3] = 6;
  const std::vector<Case> cases = {
      {Submit(*stubs_->gateway, c.name(), badge, "k", "s-1", nine), "answers"},
      {Submit(*stubs_->gateway, c.name(), badge, "k", "s-2", out_of_scale), "answers[3]"},
      {Submit(*stubs_->gateway, c.name(), badge, "k", "s-3", {}), "answers"},
      {Submit(*stubs_->gateway, c.name(), badge, "k", "s-4", kAllFive, Repeat("好", 501)),
       "comment: at most 500 characters"},
      {Submit(*stubs_->gateway, c.name(), badge, "k", "", kAllFive), "submission_id"},
      {Submit(*stubs_->gateway, c.name(), badge, "", "s-5", kAllFive), "respondent_key"},
      {Submit(*stubs_->gateway, c.name(), "WJ'--", "k", "s-6", kAllFive), "badge_number"},
      {Submit(*stubs_->gateway, c.name(), "", "k", "s-7", kAllFive), "badge_number"},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(k.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << k.field;
    EXPECT_THAT(k.status.error_message(), HasSubstr(k.field));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM daily_counts"), 0);
}

// wenjiang's survey.max_comment_chars is 500: counted in characters, so 500 Chinese characters
// (1,500 bytes) are one comment.
TEST_F(SurveyApiTest, CommentLengthIsThePolicysNumberOfCharacters) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0]});
  grpc::Status s = Submit(*stubs_->gateway, c.name(), aux_[0].badge_number, "k", "s-1", kAllFive,
                          Repeat("好", 500));
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses WHERE CHAR_LENGTH(comment) = 500"), 1);
}

TEST_F(SurveyApiTest, NoStoredColumnHoldsTheRespondentKeyOrATimeOfDay) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, {aux_[0]});
  const std::string key = "respondent-key-7f3a9c";
  ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[0].badge_number, key, "sub-1", kAllFive,
                     "'); DROP TABLE responses; -- <script>alert(1)</script>")
                  .ok());
  db::ConnectionPool& db = server_->Db("survey");
  // No column of the survey's own tables is a time (only DATE).
  EXPECT_EQ(testing::QueryInt(db,
                              "SELECT COUNT(*) FROM information_schema.columns WHERE "
                              "table_schema = DATABASE() AND table_name IN ('responses', "
                              "'daily_counts', 'campaigns', 'campaign_auxiliaries') AND "
                              "data_type IN ('datetime', 'timestamp', 'time')"),
            0);
  // No text column of any table of the schema (audit and idempotency included) holds the key.
  auto columns = db.Read([&](db::Transaction& tx) -> absl::Status {
    auto rows = tx.Query(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
        "DATABASE() AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', "
        "'blob', 'mediumblob', 'longblob', 'varbinary', 'binary')");
    if (!rows.ok()) return rows.status();
    EXPECT_GT(rows->size(), 10u);
    for (const db::Row& r : *rows) {
      auto hit = tx.QueryOne(
          absl::StrCat("SELECT COUNT(*) FROM `", r.Str(0), "` WHERE `", r.Str(1), "` LIKE ?"),
          {absl::StrCat("%", key, "%")});
      if (!hit.ok()) return hit.status();
      EXPECT_EQ((*hit)->Int(0), 0) << r.Str(0) << "." << r.Str(1);
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(columns.ok()) << columns;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM responses WHERE comment LIKE '%DROP TABLE%'"), 1);
}

// Each module has its own work pool: a submission holds a survey worker while it waits for the
// co-located personnel service, whose own worker answers. On one shared pool of one thread the
// personnel call would queue behind the submission until its deadline.
TEST(SurveyWorkPool, ASubmissionWaitingOnPersonnelNeverStarvesIt) {
  TestServer server({survey::SurveyModule(), personnel::PersonnelModule()},
                    testing::TestServerOptions{.work_threads = 1});
  testing::SurveyStubs stubs(server);
  std::vector<Auxiliary> aux = testing::HireAuxiliaries(server, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  v1::CreateCampaignRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_campaign()->set_display_name("one worker");
  *create.mutable_campaign()->mutable_period_start() = DateOf(absl::Now());
  *create.mutable_campaign()->mutable_period_end() = DateOf(absl::Now());
  create.mutable_campaign()->add_auxiliaries(aux[0].person);
  v1::Campaign c;
  ASSERT_TRUE(Call(*stubs.bureau, &v1::Survey::Stub::CreateCampaign, create, &c).ok());
  v1::OpenCampaignRequest open;
  open.set_name(c.name());
  ASSERT_TRUE(Call(*stubs.bureau, &v1::Survey::Stub::OpenCampaign, open, &c).ok());
  grpc::Status s = Submit(*stubs.gateway, c.name(), aux[0].badge_number, "k-1", "s-1", kAllFive);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
}

TEST_F(SurveyApiTest, PersonnelUnreachableIsUnavailableNeverAGuess) {
  TestServer alone({survey::SurveyModule()});
  testing::SurveyStubs stubs(alone);
  v1::CreateCampaignRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_campaign()->set_display_name("x");
  *create.mutable_campaign()->mutable_period_start() = DateOf(absl::Now());
  *create.mutable_campaign()->mutable_period_end() = DateOf(absl::Now());
  create.mutable_campaign()->add_auxiliaries(aux_[0].person);
  v1::Campaign c;
  ASSERT_TRUE(Call(*stubs.bureau, &v1::Survey::Stub::CreateCampaign, create, &c).ok());
  v1::OpenCampaignRequest open;
  open.set_name(c.name());
  ASSERT_TRUE(Call(*stubs.bureau, &v1::Survey::Stub::OpenCampaign, open, &c).ok());
  grpc::Status s = Submit(*stubs.gateway, c.name(), aux_[0].badge_number, "k", "s-1", kAllFive);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("personnel"));
}

}  // namespace
}  // namespace auxpro
