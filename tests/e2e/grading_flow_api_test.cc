// The grading service's deadlines, result-notice objection period, attestations and printable
// forms through its gRPC API, over mTLS, against MariaDB, with the other four services co-located
// (issue 10). Days in the past are reached by moving a stored step or notice back in time (root
// access to the scratch schema); the API itself never counts or takes effect ahead of today.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/common/working_days.h"
#include "libs/db/columns.h"
#include "libs/db/transaction.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using GStub = v1::Grading::Stub;
using testing::Call;

std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

common::v1::Date Day(int y, int m, int d) { return ToProto(CivilDate{y, m, d}); }

v1::RowStatus StatusOf(const v1::RequirementCheck& c, v1::Requirement r,
                       v1::RequirementRow* out = nullptr) {
  for (const auto& row : c.rows()) {
    if (row.requirement() == r) {
      if (out != nullptr) *out = row;
      return row.status();
    }
  }
  return v1::ROW_STATUS_UNSPECIFIED;
}

template <typename M>
M FromJson(const std::string& json) {
  M m;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &m).ok());
  return m;
}

template <typename M>
std::string ToJson(const M& m) {
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out).ok());
  return out;
}

testing::TestServerOptions PerServiceUsers() {
  testing::TestServerOptions o;
  o.per_service_users = true;
  return o;
}

class GradingFlowApiTest : public ::testing::Test {
 protected:
  GradingFlowApiTest()
      : server_({personnel::PersonnelModule(), points::PointsModule(),
                 assessment::AssessmentModule(), survey::SurveyModule(), grading::GradingModule()},
                PerServiceUsers()) {
    bureau_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    hr_ = v1::Grading::NewStub(server_.Channel("wenjiang", "HR_COMPANY"));
    office_ = v1::Grading::NewStub(server_.Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
  }

  void Sql(const std::string& sql, const std::vector<db::Param>& params) {
    absl::Status s = server_.Db("grading").Transact(
        [&](db::Transaction& tx) { return tx.Exec(sql, params).status(); });
    ASSERT_TRUE(s.ok()) << s << " in " << sql;
  }
  int64_t Count(const std::string& sql, const std::vector<db::Param>& params) {
    int64_t n = -1;
    absl::Status s = server_.Db("grading").Read([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, params));
      n = row ? row->Int(0) : -1;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return n;
  }
  std::string Body(const std::string& table, const std::string& id) {
    std::string body;
    absl::Status s = server_.Db("grading").Read([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT body FROM ", table,
                                                          " WHERE jurisdiction = 'wenjiang' AND "
                                                          "id = ?"),
                                             {id}));
      if (row) body = row->Str(0);
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return body;
  }

  // The person holds `level` (as a level-5 procedure would have left it).
  void SetLevel(const std::string& person, int level) {
    Sql("INSERT INTO person_levels (jurisdiction, person_id, level, since, version, updated_at) "
        "VALUES ('wenjiang', ?, ?, '2026-01-05', 1, NOW(6)) ON DUPLICATE KEY UPDATE level = ?",
        {db::LastSegment(person), level, level});
  }

  v1::Application CreateApp(const std::string& person, int target) {
    v1::CreateApplicationRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_request_id(absl::StrCat("create-", person.substr(person.size() - 8), "-", target));
    r.mutable_application()->set_person(person);
    r.mutable_application()->set_target_level(target);
    auto* e = r.mutable_application()->add_evidence();
    e->set_kind("QUALIFICATION_FORM");
    e->set_ref("docs/任职资格标准考核认证表-1");
    v1::Application out;
    grpc::Status s = Call(*bureau_, &GStub::CreateApplication, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::Application Submit(const v1::Application& app) {
    v1::SubmitApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_request_id(absl::StrCat("submit-", db::LastSegment(app.name())));
    v1::Application out;
    grpc::Status s = Call(*bureau_, &GStub::SubmitApplication, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // The office's evaluation as it would have ended (the requirement rows need a year of data of
  // the other services, which the end-to-end walk builds): DECIDED with `outcome`.
  void MakeDecided(const v1::Application& app, v1::Outcome outcome) {
    const std::string id = db::LastSegment(app.name());
    auto stored = FromJson<v1::Application>(Body("applications", id));
    stored.set_state(v1::Application::DECIDED);
    stored.set_outcome(outcome);
    Sql("UPDATE applications SET state = 4, open_person_id = NULL, body = ? WHERE jurisdiction = "
        "'wenjiang' AND id = ?",
        {ToJson(stored), id});
  }

  v1::ResultNotice Publish(const std::vector<std::string>& apps, const std::string& rid) {
    v1::PublishResultNoticeRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_request_id(rid);
    r.mutable_result_notice()->set_document_ref("温编发〔2026〕12号");
    for (const auto& a : apps) r.mutable_result_notice()->add_applications(a);
    v1::ResultNotice out;
    grpc::Status s = Call(*office_, &GStub::PublishResultNotice, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Moves a notice's publication (and so its objection period) back to `published`.
  void BackdateNotice(const v1::ResultNotice& n, CivilDate published, CivilDate last_day) {
    const std::string id = db::LastSegment(n.name());
    auto stored = FromJson<v1::ResultNotice>(Body("result_notices", id));
    *stored.mutable_publish_date() = ToProto(published);
    *stored.mutable_objection_last_day() = ToProto(last_day);
    *stored.mutable_effective_date() = ToProto(AddDays(last_day, 1));
    for (auto& e : *stored.mutable_entries()) {
      *e.mutable_effective_date() = ToProto(AddDays(last_day, 1));
    }
    Sql("UPDATE result_notices SET publish_date = ?, last_day = ?, effective_on = ?, body = ? "
        "WHERE jurisdiction = 'wenjiang' AND id = ?",
        {FormatDate(published), FormatDate(last_day), FormatDate(AddDays(last_day, 1)),
         ToJson(stored), id});
  }

  void BackdateObjection(const v1::Objection& o, CivilDate on) {
    const std::string id = db::LastSegment(o.name());
    auto stored = FromJson<v1::Objection>(Body("objections", id));
    *stored.mutable_record_date() = ToProto(on);
    Sql("UPDATE objections SET recorded_on = ?, body = ? WHERE jurisdiction = 'wenjiang' AND id = "
        "?",
        {FormatDate(on), ToJson(stored), id});
  }

  grpc::Status Sweep(CivilDate as_of, const std::string& rid, v1::RunGradingSweepResponse* out) {
    v1::RunGradingSweepRequest r;
    r.set_parent("jurisdictions/wenjiang");
    *r.mutable_as_of() = ToProto(as_of);
    r.set_request_id(rid);
    return Call(*office_, &GStub::RunGradingSweep, r, out);
  }

  v1::RunGradingSweepResponse SweepOk(CivilDate as_of, const std::string& rid) {
    v1::RunGradingSweepResponse out;
    grpc::Status s = Sweep(as_of, rid, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int Level(const std::string& person) {
    v1::GetPersonLevelRequest r;
    r.set_name(person + "/level");
    v1::PersonLevel out;
    EXPECT_TRUE(Call(*hr_, &GStub::GetPersonLevel, r, &out).ok());
    return out.level();
  }

  v1::ResultNotice GetNotice(const std::string& name) {
    v1::GetResultNoticeRequest r;
    r.set_name(name);
    v1::ResultNotice out;
    grpc::Status s = Call(*hr_, &GStub::GetResultNotice, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::Application GetApp(const std::string& name) {
    v1::GetApplicationRequest r;
    r.set_name(name);
    v1::Application out;
    EXPECT_TRUE(Call(*office_, &GStub::GetApplication, r, &out).ok());
    return out;
  }

  std::vector<std::string> ArchiveActions(const std::string& person, const std::string& subject) {
    v1::ListArchiveEntriesRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_person(person);
    r.set_page_size(1000);
    v1::ListArchiveEntriesResponse out;
    EXPECT_TRUE(Call(*office_, &GStub::ListArchiveEntries, r, &out).ok());
    std::vector<std::string> actions;
    for (const auto& e : out.entries()) {
      if (e.subject() == subject) actions.push_back(e.action());
    }
    return actions;
  }

  int64_t Events(const std::string& type, const std::string& subject) {
    return Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = ? AND subject = ?",
                 {type, subject});
  }

  grpc::Status Object(GStub& stub, const v1::ResultNotice& n, const std::string& app,
                      const std::string& rid, v1::Objection* out, bool with_evidence = true) {
    v1::RecordObjectionRequest r;
    r.set_parent(n.name());
    r.set_request_id(rid);
    r.mutable_objection()->set_application(app);
    r.mutable_objection()->set_text("满意度测评样本不足，请复核");
    if (with_evidence) {
      auto* e = r.mutable_objection()->add_evidence();
      e->set_kind("PROOF");
      e->set_ref("docs/异议-1.pdf");
    }
    return Call(stub, &GStub::RecordObjection, r, out);
  }

  grpc::Status Answer(const v1::Objection& o, v1::Objection::State answer, const std::string& rid,
                      v1::Objection* out) {
    v1::AnswerObjectionRequest r;
    r.set_name(o.name());
    r.set_answer(answer);
    r.set_answer_text("经复核");
    r.set_request_id(rid);
    return Call(*office_, &GStub::AnswerObjection, r, out);
  }

  testing::TestServer server_;
  std::unique_ptr<GStub> bureau_, hr_, office_;
};

// The qualification review reaches the bureau on Monday 16 November 2026; wenjiang gives it 10
// working days (due Monday 30 November) with a reminder 2 working days before (from Thursday 26).
TEST_F(GradingFlowApiTest, DeadlineReminderAndEscalationEachOnceThroughTheOutboxAndTheHistory) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  const std::string person = aux[0].person;
  v1::Application app = Submit(CreateApp(person, 5));
  ASSERT_EQ(app.state(), v1::Application::QUALIFICATION_REVIEW);
  // The step's deadline is stored with the application, counted in working days from today.
  ASSERT_EQ(app.deadlines_size(), 1);
  EXPECT_EQ(app.deadlines(0).step(), policy::v1::GradingDeadlines::QUALIFICATION_REVIEW);
  EXPECT_EQ(app.deadlines(0).holder(), common::v1::ENFORCEMENT_BUREAU);
  EXPECT_EQ(app.deadlines(0).working_days(), 10u);

  Sql("UPDATE step_holds SET since = '2026-11-16' WHERE jurisdiction = 'wenjiang' AND "
      "application_id = ?",
      {db::LastSegment(app.name())});
  const std::string reminder = "auxpro.grading.v1.DeadlineReminder";
  const std::string escalation = "auxpro.grading.v1.DeadlineEscalation";

  v1::RunGradingSweepResponse r = SweepOk({2026, 11, 25}, "sweep-1125");
  EXPECT_EQ(r.reminders_sent(), 0);
  EXPECT_EQ(Events(reminder, app.name()), 0);

  r = SweepOk({2026, 11, 26}, "sweep-1126");
  EXPECT_EQ(r.reminders_sent(), 1);
  ASSERT_EQ(r.actions_size(), 1);
  EXPECT_EQ(r.actions(0).recipient(), common::v1::ENFORCEMENT_BUREAU);
  EXPECT_EQ(Events(reminder, app.name()), 1);
  // The same request again is the first answer; a later sweep sends nothing more.
  EXPECT_EQ(SweepOk({2026, 11, 26}, "sweep-1126").reminders_sent(), 1);
  r = SweepOk({2026, 11, 30}, "sweep-1130");
  EXPECT_EQ(r.reminders_sent() + r.escalations_sent(), 0);
  EXPECT_EQ(Events(reminder, app.name()), 1);

  // Due soon on the 27th, overdue from 1 December.
  v1::ListOverdueApplicationsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_include_due_soon(true);
  *list.mutable_as_of() = Day(2026, 11, 27);
  v1::ListOverdueApplicationsResponse overdue;
  ASSERT_TRUE(Call(*office_, &GStub::ListOverdueApplications, list, &overdue).ok());
  ASSERT_EQ(overdue.applications_size(), 1);
  EXPECT_EQ(overdue.applications(0).status(), v1::OverdueApplication::DUE_SOON);
  EXPECT_EQ(FromProto(overdue.applications(0).step().deadline()), (CivilDate{2026, 11, 30}));

  r = SweepOk({2026, 12, 1}, "sweep-1201");
  EXPECT_EQ(r.escalations_sent(), 1);
  ASSERT_EQ(r.actions_size(), 1);
  EXPECT_EQ(r.actions(0).recipient(), common::v1::ESTABLISHMENT_OFFICE);
  EXPECT_EQ(Events(escalation, app.name()), 1);
  EXPECT_EQ(SweepOk({2026, 12, 1}, "sweep-1201-again").escalations_sent(), 0);
  EXPECT_EQ(Events(escalation, app.name()), 1);
  EXPECT_EQ(Events(reminder, app.name()), 1);

  list.set_include_due_soon(false);
  *list.mutable_as_of() = Day(2026, 12, 1);
  list.set_holder(common::v1::ENFORCEMENT_BUREAU);
  ASSERT_TRUE(Call(*bureau_, &GStub::ListOverdueApplications, list, &overdue).ok());
  ASSERT_EQ(overdue.applications_size(), 1);
  EXPECT_EQ(overdue.applications(0).status(), v1::OverdueApplication::OVERDUE);
  EXPECT_EQ(overdue.applications(0).working_days_overdue(), 1);
  EXPECT_EQ(overdue.applications(0).application(), app.name());
  EXPECT_TRUE(overdue.applications(0).step().reminder_sent());
  EXPECT_TRUE(overdue.applications(0).step().escalation_sent());
  list.set_holder(common::v1::HR_COMPANY);
  ASSERT_TRUE(Call(*hr_, &GStub::ListOverdueApplications, list, &overdue).ok());
  EXPECT_EQ(overdue.applications_size(), 0);

  // Delivered to grading's consumer, which acknowledges them (nothing parked, nothing waiting).
  for (int i = 0; i < 100; ++i) {
    if (Count("SELECT COUNT(*) FROM outbox_events WHERE subject = ? AND event_type LIKE "
              "'auxpro.grading.v1.Deadline%' AND delivered_at IS NULL",
              {app.name()}) == 0) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE subject = ? AND event_type LIKE "
                  "'auxpro.grading.v1.Deadline%' AND (delivered_at IS NULL OR parked)",
                  {app.name()}),
            0);
  // Both are in the application's history, once each.
  EXPECT_THAT(
      ArchiveActions(person, app.name()),
      ::testing::ElementsAre("CREATE", "SUBMIT", "DEADLINE_REMINDER", "DEADLINE_ESCALATION"));
  // Leaving the step closes it: nothing more is overdue.
  v1::ReturnApplicationRequest ret;
  ret.set_name(app.name());
  ret.set_etag(app.etag());
  ret.set_reason("补充专业知识考试成绩");
  ret.set_request_id("return-1");
  ASSERT_TRUE(Call(*bureau_, &GStub::ReturnApplication, ret, &app).ok());
  ASSERT_EQ(app.deadlines_size(), 1);
  EXPECT_EQ(app.deadlines(0).step(), policy::v1::GradingDeadlines::RESUBMISSION);
  list.clear_holder();
  ASSERT_TRUE(Call(*office_, &GStub::ListOverdueApplications, list, &overdue).ok());
  EXPECT_EQ(overdue.applications_size(), 0);
}

TEST_F(GradingFlowApiTest, SweepAndOverdueQueryRefuseADayAfterToday) {
  const CivilDate tomorrow = AddDays(FromProto(DateOf(absl::Now())), 2);
  v1::RunGradingSweepResponse r;
  grpc::Status s = Sweep(tomorrow, "sweep-future", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("as_of"));
  v1::ListOverdueApplicationsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  *list.mutable_as_of() = ToProto(tomorrow);
  v1::ListOverdueApplicationsResponse out;
  EXPECT_EQ(Call(*office_, &GStub::ListOverdueApplications, list, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Only the establishment office drives the sweep.
  v1::RunGradingSweepRequest req;
  req.set_parent("jurisdictions/wenjiang");
  req.set_request_id("sweep-bureau");
  EXPECT_EQ(Call(*bureau_, &GStub::RunGradingSweep, req, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Three level-4 decisions in one notice (wenjiang: objections for 5 working days).
class GradingNoticeTest : public GradingFlowApiTest {
 protected:
  void SetUp() override {
    aux_ = testing::HireAuxiliaries(
        server_, {personnel::v1::FIELD, personnel::v1::FIELD, personnel::v1::OFFICE});
    ASSERT_EQ(aux_.size(), 3u);
    for (const auto& a : aux_) {
      SetLevel(a.person, 5);
      v1::Application app = CreateApp(a.person, 4);
      MakeDecided(app, v1::APPROVE);
      apps_.push_back(app.name());
    }
  }
  std::vector<testing::Auxiliary> aux_;
  std::vector<std::string> apps_;
};

TEST_F(GradingNoticeTest, NoticeDecisionsTakeEffectWhenTheObjectionPeriodEndsNotBefore) {
  v1::ResultNotice n = Publish({apps_[0], apps_[1]}, "publish-1");
  EXPECT_EQ(n.objection_working_days(), 5u);
  EXPECT_FALSE(n.settled());
  ASSERT_EQ(n.entries_size(), 2);
  EXPECT_EQ(n.entries(0).state(), v1::ResultNotice::AWAITING);
  EXPECT_EQ(GetApp(apps_[0]).state(), v1::Application::PUBLISHED);
  // Published today: nothing in force today, whatever the sweep.
  EXPECT_EQ(SweepOk(FromProto(DateOf(absl::Now())), "sweep-today").decisions_in_force(), 0);
  EXPECT_EQ(Level(aux_[0].person), 5);
  EXPECT_EQ(Events("auxpro.grading.v1.LevelChanged", aux_[0].person), 0);

  // Published Friday 20 November: objections to Friday 27, in force Saturday 28.
  BackdateNotice(n, {2026, 11, 20}, {2026, 11, 27});
  EXPECT_EQ(SweepOk({2026, 11, 27}, "sweep-1127").decisions_in_force(), 0);
  EXPECT_EQ(Level(aux_[0].person), 5);
  v1::RunGradingSweepResponse r = SweepOk({2026, 11, 30}, "sweep-1130");
  EXPECT_EQ(r.decisions_in_force(), 2);
  EXPECT_EQ(Level(aux_[0].person), 4);
  EXPECT_EQ(Level(aux_[1].person), 4);
  EXPECT_EQ(Events("auxpro.grading.v1.LevelChanged", aux_[0].person), 1);
  v1::GetPersonLevelRequest get;
  get.set_name(aux_[0].person + "/level");
  v1::PersonLevel level;
  ASSERT_TRUE(Call(*office_, &GStub::GetPersonLevel, get, &level).ok());
  EXPECT_EQ(FromProto(level.since()), (CivilDate{2026, 11, 28}));
  n = GetNotice(n.name());
  EXPECT_TRUE(n.settled());
  EXPECT_EQ(n.entries(0).state(), v1::ResultNotice::IN_FORCE);
  EXPECT_EQ(FromProto(GetApp(apps_[0]).effective_date()), (CivilDate{2026, 11, 28}));
  // Idempotent: again, nothing changes twice.
  EXPECT_EQ(SweepOk({2026, 12, 1}, "sweep-1201").decisions_in_force(), 0);
  EXPECT_EQ(Events("auxpro.grading.v1.LevelChanged", aux_[0].person), 1);
  EXPECT_EQ(Level(aux_[0].person), 4);
}

TEST_F(GradingNoticeTest, ObjectionHoldsItsDecisionUntilTheOfficeAnswers) {
  v1::ResultNotice n = Publish(apps_, "publish-2");
  // Who may object, and how.
  v1::Objection o;
  EXPECT_EQ(Object(*office_, n, apps_[0], "obj-office", &o).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = Object(*hr_, n, apps_[0], "obj-noevidence", &o, /*with_evidence=*/false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("objection.evidence"));
  v1::Objection held, sustained;
  ASSERT_TRUE(Object(*bureau_, n, apps_[0], "obj-a", &held).ok());
  EXPECT_EQ(held.state(), v1::Objection::PENDING);
  ASSERT_TRUE(Object(*hr_, n, apps_[2], "obj-c", &sustained).ok());
  n = GetNotice(n.name());
  EXPECT_EQ(n.objections_size(), 2);
  EXPECT_EQ(n.entries(0).state(), v1::ResultNotice::HELD);
  EXPECT_EQ(n.entries(1).state(), v1::ResultNotice::AWAITING);
  // The answer is the office's step, with its deadline: received on 10 November, 10 working days,
  // overdue since 25 November.
  Sql("UPDATE step_holds SET since = '2026-11-10' WHERE jurisdiction = 'wenjiang' AND "
      "objection_id = ?",
      {db::LastSegment(held.name())});
  v1::ListOverdueApplicationsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_holder(common::v1::ESTABLISHMENT_OFFICE);
  *list.mutable_as_of() = Day(2026, 11, 30);
  v1::ListOverdueApplicationsResponse overdue;
  ASSERT_TRUE(Call(*office_, &GStub::ListOverdueApplications, list, &overdue).ok());
  ASSERT_EQ(overdue.applications_size(), 1);
  EXPECT_EQ(overdue.applications(0).step().step(), policy::v1::GradingDeadlines::OBJECTION_ANSWER);
  EXPECT_EQ(overdue.applications(0).step().objection(), db::LastSegment(held.name()));
  EXPECT_EQ(FromProto(overdue.applications(0).step().deadline()), (CivilDate{2026, 11, 24}));
  EXPECT_EQ(overdue.applications(0).application(), apps_[0]);

  // The period ends (moved back: published 20 November, objected on the 25th).
  BackdateNotice(n, {2026, 11, 20}, {2026, 11, 27});
  BackdateObjection(held, {2026, 11, 25});
  BackdateObjection(sustained, {2026, 11, 25});
  v1::RunGradingSweepResponse r = SweepOk({2026, 11, 30}, "sweep-obj");
  EXPECT_EQ(r.decisions_in_force(), 1);  // only the one without objection
  EXPECT_EQ(Level(aux_[0].person), 5);
  EXPECT_EQ(Level(aux_[1].person), 4);
  EXPECT_EQ(Level(aux_[2].person), 5);
  n = GetNotice(n.name());
  EXPECT_EQ(n.entries(0).state(), v1::ResultNotice::HELD);
  EXPECT_FALSE(n.settled());
  // After the period, a new objection is refused.
  s = Object(*bureau_, n, apps_[1], "obj-late", &o);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "OBJECTION_PERIOD_ENDED");

  // Dismissed: the decision takes effect on the answer's day.
  v1::Objection answered;
  EXPECT_EQ(Answer(held, v1::Objection::DISMISSED, "answer-a-hr", &answered).error_code(),
            grpc::StatusCode::OK);
  EXPECT_EQ(answered.state(), v1::Objection::DISMISSED);
  EXPECT_EQ(Level(aux_[0].person), 4);
  EXPECT_EQ(Reason(Answer(held, v1::Objection::SUSTAINED, "answer-a-again", &answered)),
            "OBJECTION_ALREADY_ANSWERED");
  // Sustained: overturned, back to the office's evaluation, no level change.
  ASSERT_TRUE(Answer(sustained, v1::Objection::SUSTAINED, "answer-c", &answered).ok());
  // Answered: the office's step is closed.
  ASSERT_TRUE(Call(*office_, &GStub::ListOverdueApplications, list, &overdue).ok());
  for (const auto& row : overdue.applications()) {
    EXPECT_NE(row.step().step(), policy::v1::GradingDeadlines::OBJECTION_ANSWER);
  }
  EXPECT_EQ(Level(aux_[2].person), 5);
  EXPECT_EQ(GetApp(apps_[2]).state(), v1::Application::EVALUATION);
  n = GetNotice(n.name());
  EXPECT_EQ(n.entries(0).state(), v1::ResultNotice::IN_FORCE);
  EXPECT_EQ(n.entries(2).state(), v1::ResultNotice::OVERTURNED);
  EXPECT_TRUE(n.settled());
  EXPECT_EQ(Events("auxpro.grading.v1.LevelChanged", aux_[2].person), 0);
  EXPECT_THAT(ArchiveActions(aux_[2].person, apps_[2]),
              ::testing::IsSupersetOf({"PUBLISH", "OBJECTION", "OBJECTION_ANSWER", "OVERTURN"}));
  // The printable notice.
  v1::GetResultNoticeFormRequest form;
  form.set_name(n.name() + "/form");
  v1::ResultNoticeForm printed;
  ASSERT_TRUE(Call(*bureau_, &GStub::GetResultNoticeForm, form, &printed).ok());
  EXPECT_EQ(printed.title(), "辅助岗位定级结果通知");
  EXPECT_EQ(printed.document_ref(), "温编发〔2026〕12号");
  EXPECT_EQ(printed.lines_size(), 3);
  EXPECT_FALSE(printed.lines(0).full_name().empty());
  EXPECT_EQ(printed.lines(0).badge_number(), aux_[0].badge_number);
  EXPECT_EQ(FromProto(printed.objection_last_day()), (CivilDate{2026, 11, 27}));
  EXPECT_EQ(printed.objections(), 2);
  EXPECT_EQ(printed.objections_pending(), 0);
  EXPECT_THAT(printed.issuer(), ::testing::StartsWith("ESTABLISHMENT_OFFICE"));
}

TEST_F(GradingFlowApiTest, ProperConductIsAttestedByTheBureauAndReadByTheCheck) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  const std::string person = aux[0].person;
  auto check = [&] {
    v1::CheckRequirementsRequest r;
    r.set_person(person);
    r.set_target_level(5);
    v1::RequirementCheck out;
    EXPECT_TRUE(Call(*bureau_, &GStub::CheckRequirements, r, &out).ok());
    return out;
  };
  EXPECT_EQ(StatusOf(check(), v1::BASIC_CONDUCT), v1::FAIL);  // nobody has attested it

  v1::RecordAttestationRequest r;
  r.set_parent(person);
  r.set_request_id("attest-1");
  r.mutable_attestation()->set_attestation(common::v1::PROPER_CONDUCT);
  r.mutable_attestation()->set_attested(true);
  r.mutable_attestation()->set_evidence_ref("温综执日常考核〔2026〕11月");
  v1::PersonAttestation a;
  EXPECT_EQ(Call(*hr_, &GStub::RecordAttestation, r, &a).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Call(*bureau_, &GStub::RecordAttestation, r, &a).ok());
  EXPECT_EQ(a.name(), person + "/attestations/PROPER_CONDUCT");
  v1::RequirementRow row;
  EXPECT_EQ(StatusOf(check(), v1::BASIC_CONDUCT, &row), v1::PASS);
  EXPECT_EQ(row.source_service(), "grading");
  EXPECT_EQ(row.source_record(), a.name());

  r.set_request_id("attest-2");
  r.mutable_attestation()->set_attested(false);
  r.mutable_attestation()->set_reason("仪容仪表检查不合格");
  ASSERT_TRUE(Call(*bureau_, &GStub::RecordAttestation, r, &a).ok());
  EXPECT_EQ(StatusOf(check(), v1::BASIC_CONDUCT), v1::FAIL);

  r.set_request_id("attest-3");
  r.mutable_attestation()->set_attestation(common::v1::SPEAKS_MANDARIN);
  EXPECT_EQ(Call(*bureau_, &GStub::RecordAttestation, r, &a).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(GradingFlowApiTest, QualificationFormCarriesTheParticularsAndEveryCheckRow) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 1u);
  v1::Application app = CreateApp(aux[0].person, 5);
  v1::GetQualificationFormRequest r;
  r.set_name(app.name() + "/qualificationForm");
  v1::QualificationForm f;
  ASSERT_TRUE(Call(*office_, &GStub::GetQualificationForm, r, &f).ok());
  EXPECT_EQ(f.title(), "综合执法辅助岗位任职资格标准考核认证表");
  EXPECT_EQ(f.article(), "wenjiang 8.4.1.1");
  EXPECT_EQ(f.check_source(), "LIVE");
  EXPECT_EQ(f.check().rows_size(), 13);
  EXPECT_FALSE(f.full_name().empty());
  EXPECT_EQ(f.badge_number(), aux[0].badge_number);
  EXPECT_EQ(f.target_level(), 5);
  app = Submit(app);
  ASSERT_TRUE(Call(*hr_, &GStub::GetQualificationForm, r, &f).ok());
  EXPECT_EQ(f.check_source(), "SUBMISSION");
  EXPECT_EQ(f.check().rows_size(), 13);
  r.set_name(app.name());
  EXPECT_EQ(Call(*hr_, &GStub::GetQualificationForm, r, &f).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// ---- A retried call with the same request_id answers its first result (one effect) ----

// Moves an application to the office's evaluation, as a passed qualification review would have
// left it (the review needs a passing check, which needs a year of the other services' data).
class GradingRetryTest : public GradingFlowApiTest {
 protected:
  v1::Application ToEvaluation(const v1::Application& app) {
    const std::string id = db::LastSegment(app.name());
    auto stored = FromJson<v1::Application>(Body("applications", id));
    stored.set_state(v1::Application::EVALUATION);
    Sql("UPDATE applications SET state = 3, body = ? WHERE jurisdiction = 'wenjiang' AND id = ?",
        {ToJson(stored), id});
    return GetApp(app.name());
  }
  grpc::Status Decide(const v1::Application& app, v1::Outcome outcome, const std::string& reason,
                      const std::string& rid, v1::Application* out) {
    v1::DecideApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_outcome(outcome);
    r.set_reason(reason);
    r.set_request_id(rid);
    return Call(*office_, &GStub::DecideApplication, r, out);
  }
  grpc::Status Create(const std::string& person, int target, const std::string& rid,
                      v1::Application* out) {
    v1::CreateApplicationRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_request_id(rid);
    r.mutable_application()->set_person(person);
    r.mutable_application()->set_target_level(target);
    return Call(*bureau_, &GStub::CreateApplication, r, out);
  }
  grpc::Status SubmitWith(const v1::Application& app, const std::string& rid,
                          const std::string& evidence, v1::Application* out) {
    v1::SubmitApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_request_id(rid);
    if (!evidence.empty()) {
      auto* e = r.add_evidence();
      e->set_kind("PROOF");
      e->set_ref(evidence);
    }
    return Call(*bureau_, &GStub::SubmitApplication, r, out);
  }
  int64_t Actions(const std::string& person, const std::string& subject,
                  const std::string& action) {
    auto all = ArchiveActions(person, subject);
    return std::count(all.begin(), all.end(), action);
  }
};

TEST_F(GradingRetryTest, RetriedCallWithTheSameRequestIdAnswersItsFirstResult) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD, personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 2u);
  const std::string person = aux[0].person;
  SetLevel(person, 5);

  // CreateApplication: the same application, one row.
  v1::Application created, again;
  ASSERT_TRUE(Create(person, 4, "retry-create", &created).ok());
  ASSERT_TRUE(Create(person, 4, "retry-create", &again).ok());
  EXPECT_EQ(again.name(), created.name());
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM applications WHERE person_id = ?", {db::LastSegment(person)}), 1);

  // SubmitApplication after success: the first answer, not WRONG_STATE; one SUBMIT row.
  v1::Application submitted;
  ASSERT_TRUE(SubmitWith(created, "retry-submit", "", &submitted).ok());
  ASSERT_EQ(submitted.state(), v1::Application::QUALIFICATION_REVIEW);
  grpc::Status s = SubmitWith(created, "retry-submit", "", &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.state(), v1::Application::QUALIFICATION_REVIEW);
  EXPECT_EQ(again.etag(), submitted.etag());
  EXPECT_EQ(Actions(person, created.name(), "SUBMIT"), 1);
  // A different request under that request_id is refused as the kit refuses it.
  s = SubmitWith(created, "retry-submit", "docs/another-proof", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");

  // DecideApplication after success: the first answer, one decision row.
  v1::Application evaluating = ToEvaluation(submitted);
  v1::Application decided;
  ASSERT_TRUE(Decide(evaluating, v1::REJECT, "考核不合格", "retry-decide", &decided).ok());
  ASSERT_EQ(decided.state(), v1::Application::DECIDED);
  s = Decide(evaluating, v1::REJECT, "考核不合格", "retry-decide", &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.state(), v1::Application::DECIDED);
  EXPECT_EQ(again.etag(), decided.etag());
  EXPECT_EQ(again.approvals_size(), decided.approvals_size());
  EXPECT_EQ(Actions(person, created.name(), "REJECT"), 1);
  s = Decide(evaluating, v1::REJECT, "另一个理由", "retry-decide", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");
  // A new request on the read before the decision is stale: ABORTED, the etag checked first.
  s = Decide(evaluating, v1::REJECT, "考核不合格", "retry-decide-new", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_EQ(Reason(s), "ETAG_MISMATCH");
  // With the current etag it is the state machine's: decided once.
  s = Decide(decided, v1::REJECT, "考核不合格", "retry-decide-new2", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();

  // PublishResultNotice: one notice.
  v1::ResultNotice n1 = Publish({created.name()}, "retry-publish");
  v1::ResultNotice n2 = Publish({created.name()}, "retry-publish");
  EXPECT_EQ(n2.name(), n1.name());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM result_notices WHERE jurisdiction = 'wenjiang'", {}), 1);
  EXPECT_EQ(Actions(person, created.name(), "PUBLISH"), 1);

  // RecordObjection and AnswerObjection: one objection, answered once.
  v1::Objection o1, o2;
  ASSERT_TRUE(Object(*hr_, n1, created.name(), "retry-object", &o1).ok());
  ASSERT_TRUE(Object(*hr_, n1, created.name(), "retry-object", &o2).ok());
  EXPECT_EQ(o2.name(), o1.name());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM objections WHERE jurisdiction = 'wenjiang'", {}), 1);
  ASSERT_TRUE(Answer(o1, v1::Objection::DISMISSED, "retry-answer", &o2).ok());
  v1::Objection o3;
  ASSERT_TRUE(Answer(o1, v1::Objection::DISMISSED, "retry-answer", &o3).ok());
  EXPECT_EQ(o3.state(), o2.state());
  EXPECT_EQ(Actions(person, created.name(), "OBJECTION_ANSWER"), 1);

  // WithdrawApplication: withdrawn once.
  const std::string other = aux[1].person;
  SetLevel(other, 4);
  v1::Application draft, w1, w2;
  ASSERT_TRUE(Create(other, 3, "retry-create-other", &draft).ok());
  v1::WithdrawApplicationRequest wr;
  wr.set_name(draft.name());
  wr.set_etag(draft.etag());
  wr.set_reason("本人申请撤回");
  wr.set_request_id("retry-withdraw");
  ASSERT_TRUE(Call(*bureau_, &GStub::WithdrawApplication, wr, &w1).ok());
  s = Call(*bureau_, &GStub::WithdrawApplication, wr, &w2);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(w2.state(), v1::Application::WITHDRAWN);
  EXPECT_EQ(Actions(other, draft.name(), "WITHDRAW"), 1);

  // RevokeLevel: one history row, one LevelChanged.
  v1::RevokeLevelRequest rv;
  rv.set_name(other + "/level");
  rv.set_ground(v1::VIOLATION);
  rv.set_reason("违纪");
  rv.set_evidence_ref("docs/违纪-1");
  rv.set_request_id("retry-revoke");
  v1::PersonLevel l1, l2;
  ASSERT_TRUE(Call(*office_, &GStub::RevokeLevel, rv, &l1).ok());
  s = Call(*office_, &GStub::RevokeLevel, rv, &l2);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(l2.level(), 0);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM level_changes WHERE person_id = ?", {db::LastSegment(other)}), 1);
  EXPECT_EQ(Events("auxpro.grading.v1.LevelChanged", other), 1);
  rv.set_reason("另一个理由");
  s = Call(*office_, &GStub::RevokeLevel, rv, &l2);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");
}

// ---- One open application per person ----

TEST_F(GradingRetryTest, OneOpenApplicationPerPersonUntilTheDecisionIsInForce) {
  auto aux = testing::HireAuxiliaries(server_, {personnel::v1::FIELD, personnel::v1::FIELD});
  ASSERT_EQ(aux.size(), 2u);
  const std::string person = aux[0].person;
  SetLevel(person, 5);
  v1::Application first, second;
  ASSERT_TRUE(Create(person, 4, "open-first", &first).ok());
  grpc::Status s = Create(person, 4, "open-second-draft", &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "APPLICATION_OPEN");

  // Decided by the office, waiting for its result notice: still open.
  v1::Application decided;
  ASSERT_TRUE(
      Decide(ToEvaluation(Submit(first)), v1::REJECT, "考核不合格", "open-decide", &decided).ok());
  ASSERT_EQ(decided.state(), v1::Application::DECIDED);
  s = Create(person, 4, "open-second-decided", &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "APPLICATION_OPEN");
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("one open application per person"));
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr(first.name()));

  // Published, in the objection period: still open.
  v1::ResultNotice n = Publish({first.name()}, "open-publish");
  ASSERT_EQ(GetApp(first.name()).state(), v1::Application::PUBLISHED);
  s = Create(person, 4, "open-second-published", &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "APPLICATION_OPEN");

  // In force once the period ends (moved back into 2026): final, a new application may be made.
  BackdateNotice(n, {2026, 11, 20}, {2026, 11, 27});
  EXPECT_EQ(SweepOk({2026, 11, 30}, "open-sweep").decisions_in_force(), 1);
  s = Create(person, 4, "open-second-final", &second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(second.state(), v1::Application::DRAFT);

  // A second draft left over from before the rule (its first one decided, closed in the stored
  // key as an earlier version did) is not submitted while the first waits for its notice.
  const std::string other = aux[1].person;
  SetLevel(other, 5);
  v1::Application old_one, left_over;
  ASSERT_TRUE(Create(other, 4, "open-old", &old_one).ok());
  {  // out of the way for the second draft, then back as the earlier version left it
    auto stored = FromJson<v1::Application>(Body("applications", db::LastSegment(old_one.name())));
    stored.set_state(v1::Application::WITHDRAWN);
    Sql("UPDATE applications SET state = 7, open_person_id = NULL, body = ? WHERE jurisdiction = "
        "'wenjiang' AND id = ?",
        {ToJson(stored), db::LastSegment(old_one.name())});
  }
  ASSERT_TRUE(Create(other, 4, "open-left-over", &left_over).ok());
  MakeDecided(old_one, v1::APPROVE);
  s = SubmitWith(left_over, "open-left-over-submit", "", &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "APPLICATION_OPEN");
  EXPECT_EQ(GetApp(left_over.name()).state(), v1::Application::DRAFT);
}

}  // namespace
}  // namespace auxpro
