// The grading sweep run by the server itself (--grading_sweep_interval_seconds, issue 10): with
// the scheduler on, a reminder, an escalation and a result-notice decision whose objection period
// has ended happen without anyone calling RunGradingSweep, each exactly once, also with two hosts
// on one schema; while another session holds the sweep's named lock nothing is swept; with the
// scheduler off nothing happens until the rpc is called. Over mTLS, against MariaDB, the five
// services in process.
//
// Dates: the sweep counts as of today. The steps are moved back so that, counted on the wenjiang
// calendar, one is in its reminder window today and one is overdue; the notice is moved back so
// that its period ended yesterday. Every day involved lies within a few weeks before today, on
// the test kit's calendar (the preset's years extended by synthetic ones,
// tests/support/test_calendar.h); a test skips, saying why, only if a day were still unlisted.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <prometheus/metric_family.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/common/working_days.h"
#include "libs/db/columns.h"
#include "libs/db/transaction.h"
#include "libs/metrics/metrics.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/deadline_rules.h"
#include "services/grading/grading_module.h"
#include "services/grading/notice_rules.h"
#include "services/grading/sweep_scheduler.h"
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

constexpr char kReminder[] = "auxpro.grading.v1.DeadlineReminder";
constexpr char kEscalation[] = "auxpro.grading.v1.DeadlineEscalation";
constexpr char kLevelChanged[] = "auxpro.grading.v1.LevelChanged";

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

grading::GradingModuleOptions Every(std::chrono::milliseconds interval) {
  grading::GradingModuleOptions o;
  o.sweep_interval = interval;
  return o;
}

std::vector<service::ModuleSpec> FiveServices(grading::GradingModuleOptions grading) {
  return {personnel::PersonnelModule(), points::PointsModule(), assessment::AssessmentModule(),
          survey::SurveyModule(), grading::GradingModule(grading)};
}

// Polls `done` every 100 ms for at most 10 s.
bool Eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 100; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// What a test sets up: a step in its reminder window today, an overdue step, and a published
// level-4 approval whose objection period ended yesterday.
struct Due {
  std::string remind_app, escalate_app;
  std::string remind_person, escalate_person, promote_person;
  std::string promote_app, notice;
};

class SweepSchedulerTest : public ::testing::Test {
 protected:
  // The fixture's server; a test starts it with the scheduler it needs.
  void StartServer(grading::GradingModuleOptions grading) {
    testing::TestServerOptions o;
    o.per_service_users = true;
    server_ = std::make_unique<testing::TestServer>(FiveServices(grading), o);
    bureau_ = v1::Grading::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    office_ = v1::Grading::NewStub(server_->Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
  }

  db::ConnectionPool& Db() { return server_->Db("grading"); }

  void Sql(const std::string& sql, const std::vector<db::Param>& params) {
    absl::Status s =
        Db().Transact([&](db::Transaction& tx) { return tx.Exec(sql, params).status(); });
    ASSERT_TRUE(s.ok()) << s << " in " << sql;
  }
  int64_t Count(const std::string& sql, const std::vector<db::Param>& params) {
    int64_t n = -1;
    absl::Status s = Db().Read([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, params));
      n = row ? row->Int(0) : -1;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return n;
  }
  std::string Body(const std::string& table, const std::string& id) {
    std::string body;
    absl::Status s = Db().Read([&](db::Transaction& tx) -> absl::Status {
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
  int64_t Events(const std::string& type, const std::string& subject) {
    return Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = ? AND subject = ?",
                 {type, subject});
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

  int Level(const std::string& person) {
    v1::GetPersonLevelRequest r;
    r.set_name(person + "/level");
    v1::PersonLevel out;
    EXPECT_TRUE(Call(*office_, &GStub::GetPersonLevel, r, &out).ok());
    return out.level();
  }

  std::vector<v1::ArchiveEntry> Archive(const std::string& person, const std::string& subject) {
    v1::ListArchiveEntriesRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_person(person);
    r.set_page_size(1000);
    v1::ListArchiveEntriesResponse out;
    EXPECT_TRUE(Call(*office_, &GStub::ListArchiveEntries, r, &out).ok());
    std::vector<v1::ArchiveEntry> entries;
    for (const auto& e : out.entries()) {
      if (e.subject() == subject) entries.push_back(e);
    }
    return entries;
  }
  std::vector<std::string> ArchiveActions(const std::string& person, const std::string& subject) {
    std::vector<std::string> actions;
    for (const auto& e : Archive(person, subject)) actions.push_back(e.action());
    return actions;
  }

  // The first `since` (going back from today) on which a QUALIFICATION_REVIEW step (wenjiang: 10
  // working days, reminded 2 before) is due a reminder today (`escalation` false) or an
  // escalation; nullopt when the calendar cannot count it (a year not listed).
  std::optional<CivilDate> SinceDue(bool escalation) {
    const auto* p = server_->policies().Find("wenjiang");
    if (p == nullptr) return std::nullopt;
    const WorkingDayCalendar calendar = WorkingDayCalendar::FromProto(p->working_calendar());
    const CivilDate today = FromProto(DateOf(absl::Now()));
    for (int back = 1; back <= 60; ++back) {
      const CivilDate since = AddDays(today, -back);
      auto where = grading::ReviewStepDeadline(
          p->grading_deadlines(), calendar,
          {policy::v1::GradingDeadlines::QUALIFICATION_REVIEW, common::v1::ENFORCEMENT_BUREAU,
           since},
          {}, today);
      if (!where.ok() || where->to_send.size() != 1) continue;
      const bool is_escalation =
          where->to_send[0].kind == grading::DeadlineNoticeKind::kEscalation;
      if (is_escalation == escalation) return since;
    }
    return std::nullopt;
  }

  // A notice published today must end its period within the calendar's listed years.
  bool NoticeFitsCalendar() {
    const auto* p = server_->policies().Find("wenjiang");
    return p != nullptr &&
           grading::NoticePeriodOf(WorkingDayCalendar::FromProto(p->working_calendar()),
                                   FromProto(DateOf(absl::Now())),
                                   p->grading_deadlines().result_notice_working_days())
               .ok();
  }

  // Sets up the three due items; false (the test skips) when today's dates cannot be counted.
  bool Prepare(Due* due) {
    const std::optional<CivilDate> remind_since = SinceDue(false);
    const std::optional<CivilDate> escalate_since = SinceDue(true);
    if (!remind_since || !escalate_since || !NoticeFitsCalendar()) return false;
    auto aux = testing::HireAuxiliaries(
        *server_, {personnel::v1::FIELD, personnel::v1::FIELD, personnel::v1::OFFICE});
    EXPECT_EQ(aux.size(), 3u);
    if (aux.size() != 3u) return false;
    due->remind_person = aux[0].person;
    due->escalate_person = aux[1].person;
    due->promote_person = aux[2].person;

    due->remind_app = Submit(CreateApp(due->remind_person, 5)).name();
    due->escalate_app = Submit(CreateApp(due->escalate_person, 5)).name();
    Sql("UPDATE step_holds SET since = ? WHERE jurisdiction = 'wenjiang' AND application_id = ?",
        {FormatDate(*remind_since), db::LastSegment(due->remind_app)});
    Sql("UPDATE step_holds SET since = ? WHERE jurisdiction = 'wenjiang' AND application_id = ?",
        {FormatDate(*escalate_since), db::LastSegment(due->escalate_app)});

    // A level-4 approval (the office's evaluation as it would have ended), published today...
    Sql("INSERT INTO person_levels (jurisdiction, person_id, level, since, version, updated_at) "
        "VALUES ('wenjiang', ?, 5, '2026-01-05', 1, NOW(6))",
        {db::LastSegment(due->promote_person)});
    v1::Application app = CreateApp(due->promote_person, 4);
    due->promote_app = app.name();
    const std::string id = db::LastSegment(app.name());
    auto stored = FromJson<v1::Application>(Body("applications", id));
    stored.set_state(v1::Application::DECIDED);
    stored.set_outcome(v1::APPROVE);
    Sql("UPDATE applications SET state = 4, open_person_id = NULL, body = ? WHERE jurisdiction = "
        "'wenjiang' AND id = ?",
        {ToJson(stored), id});
    v1::PublishResultNoticeRequest publish;
    publish.set_parent("jurisdictions/wenjiang");
    publish.set_request_id("publish-1");
    publish.mutable_result_notice()->set_document_ref("温编发〔2026〕12号");
    publish.mutable_result_notice()->add_applications(app.name());
    v1::ResultNotice notice;
    grpc::Status s = Call(*office_, &GStub::PublishResultNotice, publish, &notice);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) return false;
    due->notice = notice.name();
    // ...and moved back: its objection period ended yesterday.
    const CivilDate today = FromProto(DateOf(absl::Now()));
    const CivilDate published = AddDays(today, -10), last_day = AddDays(today, -1);
    const std::string nid = db::LastSegment(notice.name());
    // Under the row lock, so a sweep running now settles either the old body or the new one.
    absl::Status moved = Db().Transact([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT body FROM result_notices WHERE jurisdiction "
                                             "= 'wenjiang' AND id = ? FOR UPDATE",
                                             {nid}));
      if (!row) return absl::NotFoundError(nid);
      auto n = FromJson<v1::ResultNotice>(row->Str(0));
      *n.mutable_publish_date() = ToProto(published);
      *n.mutable_objection_last_day() = ToProto(last_day);
      *n.mutable_effective_date() = ToProto(today);
      for (auto& e : *n.mutable_entries()) *e.mutable_effective_date() = ToProto(today);
      return tx
          .Exec("UPDATE result_notices SET publish_date = ?, last_day = ?, effective_on = ?, "
                "body = ? WHERE jurisdiction = 'wenjiang' AND id = ?",
                {FormatDate(published), FormatDate(last_day), FormatDate(today), ToJson(n), nid})
          .status();
    });
    EXPECT_TRUE(moved.ok()) << moved;
    return moved.ok();
  }

  bool AllDone(const Due& due) {
    return Events(kReminder, due.remind_app) >= 1 && Events(kEscalation, due.escalate_app) >= 1 &&
           Events(kLevelChanged, due.promote_person) >= 1;
  }

  // Each happened exactly once: one event, one history entry, entered as the scheduler (or, with
  // `by_scheduler` false, by whoever called the rpc).
  void ExpectEachOnce(const Due& due, bool by_scheduler = true) {
    EXPECT_EQ(Events(kReminder, due.remind_app), 1);
    EXPECT_EQ(Events(kEscalation, due.remind_app), 0);
    EXPECT_EQ(Events(kEscalation, due.escalate_app), 1);
    EXPECT_EQ(Events(kReminder, due.escalate_app), 0);
    EXPECT_EQ(Events(kLevelChanged, due.promote_person), 1);
    EXPECT_EQ(Level(due.promote_person), 4);
    EXPECT_THAT(ArchiveActions(due.remind_person, due.remind_app),
                ::testing::ElementsAre("CREATE", "SUBMIT", "DEADLINE_REMINDER"));
    EXPECT_THAT(ArchiveActions(due.escalate_person, due.escalate_app),
                ::testing::ElementsAre("CREATE", "SUBMIT", "DEADLINE_ESCALATION"));
    const auto promoted = ArchiveActions(due.promote_person, due.promote_app);
    EXPECT_EQ(std::count(promoted.begin(), promoted.end(), "TAKE_EFFECT"), 1);
    for (const auto& e : Archive(due.remind_person, due.remind_app)) {
      if (e.action() != "DEADLINE_REMINDER" || !by_scheduler) continue;
      EXPECT_EQ(e.actor(), grading::kSweepSchedulerActor);
      EXPECT_EQ(e.agency(), "SERVICE grading-sweep-scheduler");
    }
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<GStub> bureau_, office_;
};

#define PREPARE_OR_SKIP(due)                                                                 \
  if (!Prepare(&(due))) {                                                                    \
    if (HasFailure()) return;                                                                \
    GTEST_SKIP() << "today's steps or notice period reach a year the wenjiang working-day " \
                    "calendar of the test kit does not list";                                \
  }

// The sum of a counter family's series with these label values.
double CounterValue(const std::string& family, const std::map<std::string, std::string>& labels) {
  double sum = 0;
  for (const auto& f : metrics::Registry()->Collect()) {
    if (f.name != family) continue;
    for (const auto& m : f.metric) {
      bool match = true;
      for (const auto& [k, v] : labels) {
        bool found = false;
        for (const auto& l : m.label) found = found || (l.name == k && l.value == v);
        match = match && found;
      }
      if (match) sum += m.counter.value;
    }
  }
  return sum;
}

TEST_F(SweepSchedulerTest, SchedulerSendsRemindersEscalationsAndBringsDecisionsIntoForceOnce) {
  StartServer(Every(std::chrono::milliseconds(200)));
  const double reminders_before =
      CounterValue("auxpro_grading_sweep_actions_total",
                   {{"jurisdiction", "wenjiang"}, {"action", "DEADLINE_REMINDER"}});
  Due due;
  PREPARE_OR_SKIP(due);
  ASSERT_TRUE(Eventually([&] { return AllDone(due); }))
      << "reminder " << Events(kReminder, due.remind_app) << ", escalation "
      << Events(kEscalation, due.escalate_app) << ", level changed "
      << Events(kLevelChanged, due.promote_person);
  // Audited as the rpc is, under the scheduler's identity.
  const std::string audited =
      "SELECT COUNT(*) FROM audit_log WHERE method = 'auxpro.grading.v1.Grading/RunGradingSweep' "
      "AND principal = 'SERVICE grading-sweep-scheduler@system' AND actor = "
      "'grading-sweep-scheduler'";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int64_t audit_rows = Count(audited, {});
  EXPECT_GE(audit_rows, 1);
  // More ticks change nothing, and find nothing to do: they leave no audit row either.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ExpectEachOnce(due);
  EXPECT_EQ(Count(audited, {}), audit_rows);
  EXPECT_GE(CounterValue("auxpro_grading_sweep_actions_total",
                         {{"jurisdiction", "wenjiang"}, {"action", "DEADLINE_REMINDER"}}),
            reminders_before + 1);
  // The office's own call afterwards finds nothing left to do.
  v1::RunGradingSweepRequest r;
  r.set_parent("jurisdictions/wenjiang");
  r.set_request_id("office-sweep");
  v1::RunGradingSweepResponse out;
  ASSERT_TRUE(Call(*office_, &GStub::RunGradingSweep, r, &out).ok());
  EXPECT_EQ(out.actions_size(), 0);
}

// Pages of one item, two pages a tick: a pass spans ticks and still reaches every item.
TEST_F(SweepSchedulerTest, SchedulerPagesThroughMoreItemsThanOneTickExamines) {
  grading::GradingModuleOptions o = Every(std::chrono::milliseconds(200));
  o.sweep_page_limit = 1;
  o.sweep_max_pages = 2;
  StartServer(o);
  Due due;
  PREPARE_OR_SKIP(due);
  ASSERT_TRUE(Eventually([&] { return AllDone(due); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ExpectEachOnce(due);
}

TEST_F(SweepSchedulerTest, TwoHostsWithTheSchedulerOnOneSchemaSendEachOnce) {
  StartServer(Every(std::chrono::milliseconds(100)));
  // A second replica of grading on the same schema, its scheduler on as well.
  const db::DbConfig shared = Db().config();
  testing::TestServerOptions second_options;
  second_options.adjust_db = [shared](const std::string&, db::DbConfig& config) {
    config = shared;
  };
  testing::TestServer second({grading::GradingModule(Every(std::chrono::milliseconds(100)))},
                             second_options);
  Due due;
  PREPARE_OR_SKIP(due);
  ASSERT_TRUE(Eventually([&] { return AllDone(due); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ExpectEachOnce(due);
}

TEST_F(SweepSchedulerTest, NothingIsSweptWhileAnotherSessionHoldsTheLock) {
  StartServer(Every(std::chrono::milliseconds(200)));
  // The lock another replica would hold: same name, same schema, same database server.
  auto lease = Db().Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  db::Transaction session(*lease);
  auto got = session.QueryOne(
      "SELECT GET_LOCK(CONCAT('auxpro_grading_sweep.', DATABASE(), '.wenjiang'), 10)");
  ASSERT_TRUE(got.ok() && *got && (**got).Int(0) == 1);
  Due due;
  PREPARE_OR_SKIP(due);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(Events(kReminder, due.remind_app), 0);
  EXPECT_EQ(Events(kEscalation, due.escalate_app), 0);
  EXPECT_EQ(Events(kLevelChanged, due.promote_person), 0);
  ASSERT_TRUE(session
                  .Exec("DO RELEASE_LOCK(CONCAT('auxpro_grading_sweep.', DATABASE(), "
                        "'.wenjiang'))")
                  .ok());
  ASSERT_TRUE(Eventually([&] { return AllDone(due); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ExpectEachOnce(due);
}

TEST_F(SweepSchedulerTest, WithTheSchedulerOffNothingHappensUntilTheRpcIsCalled) {
  StartServer({});
  Due due;
  PREPARE_OR_SKIP(due);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(Events(kReminder, due.remind_app), 0);
  EXPECT_EQ(Events(kEscalation, due.escalate_app), 0);
  EXPECT_EQ(Events(kLevelChanged, due.promote_person), 0);
  EXPECT_EQ(Level(due.promote_person), 5);
  // The same items are due: the office's call sends and settles them.
  v1::RunGradingSweepRequest r;
  r.set_parent("jurisdictions/wenjiang");
  r.set_request_id("office-sweep");
  v1::RunGradingSweepResponse out;
  ASSERT_TRUE(Call(*office_, &GStub::RunGradingSweep, r, &out).ok());
  EXPECT_EQ(out.reminders_sent(), 1);
  EXPECT_EQ(out.escalations_sent(), 1);
  EXPECT_EQ(out.decisions_in_force(), 1);
}

// The rpc pages as the scheduler does: one item a call, each call going on with the
// next_page_token of the one before, reaches every item, each once; without the token a call
// starts from the first item again; a token of another jurisdiction is refused.
TEST_F(SweepSchedulerTest, TheRpcGoesOnWithItsPageTokenThroughMoreItemsThanOneCallExamines) {
  StartServer({});
  Due due;
  PREPARE_OR_SKIP(due);
  v1::RunGradingSweepRequest r;
  r.set_parent("jurisdictions/wenjiang");
  r.set_limit(1);
  int reminders = 0, escalations = 0, in_force = 0, calls = 0;
  std::string first_token;
  for (; calls < 50; ++calls) {
    r.set_request_id(absl::StrCat("office-page-", calls));
    v1::RunGradingSweepResponse out;
    grpc::Status s = Call(*office_, &GStub::RunGradingSweep, r, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    reminders += out.reminders_sent();
    escalations += out.escalations_sent();
    in_force += out.decisions_in_force();
    EXPECT_EQ(out.more(), !out.next_page_token().empty());
    if (calls == 0) first_token = out.next_page_token();
    if (!out.more()) break;
    r.set_page_token(out.next_page_token());
  }
  EXPECT_GE(calls, 2) << "more than one item to examine, one a call";
  EXPECT_LT(calls, 50) << "the pass never ended";
  EXPECT_EQ(reminders, 1);
  EXPECT_EQ(escalations, 1);
  EXPECT_EQ(in_force, 1);
  ExpectEachOnce(due, /*by_scheduler=*/false);
  // The first page's token again: the same items after the first, nothing sent twice.
  ASSERT_FALSE(first_token.empty());
  r.set_page_token(first_token);
  r.set_request_id("office-page-again");
  v1::RunGradingSweepResponse again;
  ASSERT_TRUE(Call(*office_, &GStub::RunGradingSweep, r, &again).ok());
  EXPECT_EQ(again.actions_size(), 0);
  // A token is bound to its jurisdiction.
  v1::RunGradingSweepRequest other = r;
  other.set_parent("jurisdictions/longquan");
  other.set_request_id("office-page-other");
  auto longquan = v1::Grading::NewStub(server_->Channel("longquan", "ESTABLISHMENT_OFFICE"));
  v1::RunGradingSweepResponse refused;
  grpc::Status s = Call(*longquan, &GStub::RunGradingSweep, other, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("page_token"));
}

}  // namespace
}  // namespace auxpro
