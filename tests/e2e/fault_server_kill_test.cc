// ctest-labels: fault
// kill -9 of the real auxpro-server (every service in one process) under a mixed write load:
// trainings recorded and persons transferred in personnel, awards and deductions posted to the
// points ledger, survey responses submitted. Each client sends each of its writes under a fixed
// request_id (submission_id for the survey) until it is acknowledged, across the kill and the
// restart, as a partner's client would; some it sends once more after the answer. Afterwards every
// write is present exactly once and its acknowledged answer names that row, each ledger's balance
// equals the sum of the acknowledged amounts, the survey's counters equal its responses, and the
// outboxes deliver everything, in order per (consumer, subject). Personnel's relay is held back
// during the load (the test holds its database lock, as another replica would), so the transfers'
// events are still pending at the kill: the restarted server delivers them, in order, each once.
//
// The clients send with wait_for_ready and a deadline, as a retrying client must with this gRPC
// (1.51, synchronous API): a channel whose connection broke reports TRANSIENT_FAILURE until a new
// one is READY, so fail-fast calls return at once without polling, and when no thread of the
// process polls, the new connection's TLS handshake is never read; it times out after 20 s
// ("Handshake read failed") and the channel backs off again, long after the server is back.
// Measured: writes acknowledged before the kill, writes retried, time to SERVING after the kill
// (RecordProperty and stdout).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/columns.h"
#include "libs/db/transaction.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/outbox_district.h"
#include "tests/support/points_district.h"
#include "tests/support/server_process.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing::QueryInt;

// One write of the load: sent under its fixed request id until acknowledged.
struct Write {
  std::string kind;  // "training", "transfer", "points", "survey"
  std::string request_id;
  std::string person;
  std::string to_unit;  // of a transfer
  std::string acknowledged;  // the resource name of the answer
  int64_t amount = 0;         // of a points write, from the answer
  int attempts = 0;
  grpc::Status last;
};

// Sends `call` (a call under a fixed request id) until it answers OK, at most 300 times in 60 s
// and never once `give_up` is set; codes that mean "not served, try again" are retried, anything
// else ends it.
template <typename F>
void UntilAcknowledged(Write& w, const std::atomic<bool>& give_up, F call) {
  const auto until = Clock::now() + std::chrono::seconds(60);
  while (w.attempts < 300 && Clock::now() < until && !give_up) {
    ++w.attempts;
    std::string name;
    int64_t amount = 0;
    w.last = call(&name, &amount);
    if (w.last.ok()) {
      w.acknowledged = name;
      w.amount = amount;
      return;
    }
    const auto code = w.last.error_code();
    if (code != grpc::StatusCode::UNAVAILABLE && code != grpc::StatusCode::DEADLINE_EXCEEDED &&
        code != grpc::StatusCode::CANCELLED && code != grpc::StatusCode::ABORTED) {
      return;
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
}

TEST(ServerKill, AcknowledgedWritesArePresentOnceAndLedgersCountersAndOutboxesBalance) {
  const std::vector<std::string> services = testing::AllModuleNames();
  testing::ServerDatabases dbs(services);
  const int port = testing::FreePort();
  const std::string args =
      absl::StrCat("--target=", absl::StrJoin(services, ","), " --drain_delay_seconds=0 ",
                   dbs.Flags());
  const auto log = dbs.dir() / "server.log";
  auto server = std::make_unique<testing::ServerProcess>(args, log, port);
  ASSERT_GT(server->WaitUntilServing(), 0) << server->Log();
  const testing::ChannelFor channel = [port](const std::string& j, const std::string& kind) {
    return *rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                 testing::ClientIdentity(kind == "SERVICE" ? "system" : j, kind));
  };

  // The district: four auxiliaries with badges, known to the points ledger, and an open campaign.
  const std::vector<testing::Auxiliary> aux = testing::HireAuxiliaries(
      channel, {personnel::v1::FIELD, personnel::v1::FIELD, personnel::v1::FIELD,
                personnel::v1::FIELD},
      500);
  ASSERT_EQ(aux.size(), 4u);
  auto points_hr = points::v1::Points::NewStub(channel("wenjiang", "HR_COMPANY"));
  auto balance = [&](const std::string& person) {
    points::v1::GetPointBalanceRequest r;
    r.set_name(person + "/pointBalance");
    points::v1::PointBalance out;
    grpc::Status s = testing::Call(*points_hr, &points::v1::Points::Stub::GetPointBalance, r, &out);
    return s.ok() ? out : points::v1::PointBalance();
  };
  for (const auto& a : aux) {
    ASSERT_TRUE(testing::WaitFor([&] { return balance(a.person).has_level_period_start(); }, 300))
        << "PersonHired of " << a.person << " never reached points";
  }
  testing::SurveyStubs survey(channel);
  const survey::v1::Campaign campaign = testing::MakeCampaign(*survey.bureau, aux);
  ASSERT_FALSE(campaign.name().empty());
  // Two more, in a unit of their own, moved between it and a second unit by the transfer clients.
  const std::vector<testing::Auxiliary> movers = testing::HireAuxiliaries(
      channel, {personnel::v1::FIELD, personnel::v1::FIELD}, 600);
  ASSERT_EQ(movers.size(), 2u);
  const std::string unit_a = "jurisdictions/wenjiang/units/survey-unit-600";
  const std::string unit_b = "jurisdictions/wenjiang/units/kill-unit-b";
  {
    auto bureau = personnel::v1::Personnel::NewStub(channel("wenjiang", "ENFORCEMENT_BUREAU"));
    personnel::v1::CreateUnitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_unit_id("kill-unit-b");
    r.mutable_unit()->set_display_name("二中队");
    personnel::v1::Unit unit;
    grpc::Status s = testing::Call(*bureau, &personnel::v1::Personnel::Stub::CreateUnit, r, &unit);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(unit.name(), unit_b);
  }
  auto personnel_db = dbs.RootPool("personnel");
  for (const auto& a : movers) {
    ASSERT_TRUE(testing::WaitFor([&] { return balance(a.person).has_level_period_start(); }, 300))
        << "PersonHired of " << a.person << " never reached points";
  }
  ASSERT_TRUE(testing::WaitFor(
      [&] {
        return QueryInt(*personnel_db,
                        "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL") == 0;
      },
      300));
  // Personnel's relay held back: the test takes the lock a relay needs (libs/outbox/relay.cc), so
  // every event of the load waits in the outbox until after the restart. The relay holds it during
  // each pass: wait for that to end (at most 10 s).
  auto relay_lock = personnel_db->Acquire();
  ASSERT_TRUE(relay_lock.ok()) << relay_lock.status();
  db::Transaction relay_conn(*relay_lock);
  auto relay_lock_sql = [&](const std::string& sql) {
    auto row = relay_conn.QueryOne(sql);
    return row.ok() && *row ? (*row)->Int(0) : -1;
  };
  ASSERT_EQ(relay_lock_sql("SELECT GET_LOCK(CONCAT('auxpro_outbox.', DATABASE()), 10)"), 1);

  // The load: two clients per kind, twelve writes each, alternating over the auxiliaries.
  constexpr int kClientsPerKind = 2;
  constexpr int kWritesPerClient = 12;
  std::vector<std::vector<Write>> plans;
  for (const std::string kind : {"training", "transfer", "points", "survey"}) {
    for (int c = 0; c < kClientsPerKind; ++c) {
      std::vector<Write> plan;
      for (int i = 0; i < kWritesPerClient; ++i) {
        Write w;
        w.kind = kind;
        w.request_id = absl::StrCat("kill-", kind, "-", c, "-", i);
        w.person = aux[(c + i) % aux.size()].person;
        if (kind == "transfer") {  // one person per client, back and forth
          w.person = movers[c].person;
          w.to_unit = i % 2 == 0 ? unit_b : unit_a;
        }
        plan.push_back(w);
      }
      plans.push_back(plan);
    }
  }
  std::atomic<int> acknowledged{0};
  const common::v1::Date today = DateOf(absl::Now());
  std::map<std::string, std::string> badge_of;
  for (const auto& a : aux) badge_of[a.person] = a.badge_number;
  // Sends the write `w` (the i-th of its client) once; `name` gets the answer's resource name,
  // `amount` a points entry's amount. Waits for the channel to be ready, within the deadline.
  auto send = [&](const Write& w, int i, std::string* name, int64_t* amount,
                  personnel::v1::Personnel::Stub& personnel, points::v1::Points::Stub& points,
                  survey::v1::Survey::Stub& gateway) -> grpc::Status {
    const testing::CallOptions options{.deadline = milliseconds(5000), .wait_for_ready = true};
    if (w.kind == "training") {
      personnel::v1::RecordTrainingRequest r;
      r.set_parent(w.person);
      r.mutable_training_record()->set_kind(personnel::v1::DRILL);
      r.mutable_training_record()->set_hours(2);
      r.mutable_training_record()->set_passed(true);
      *r.mutable_training_record()->mutable_start_date() = today;
      r.set_request_id(w.request_id);
      personnel::v1::TrainingRecord out;
      grpc::Status s = testing::Call(personnel, &personnel::v1::Personnel::Stub::RecordTraining,
                                     r, &out, options);
      *name = out.name();
      return s;
    }
    if (w.kind == "transfer") {
      personnel::v1::TransferPersonRequest r;
      r.set_name(w.person);
      r.set_to_unit(w.to_unit);
      r.set_reason("勤务调整");
      r.set_request_id(w.request_id);
      personnel::v1::Person out;
      grpc::Status s = testing::Call(personnel, &personnel::v1::Personnel::Stub::TransferPerson,
                                     r, &out, options);
      *name = out.name();
      if (s.ok() && out.unit() != w.to_unit) {
        return grpc::Status(grpc::StatusCode::INTERNAL, "answered unit " + out.unit());
      }
      return s;
    }
    if (w.kind == "points") {
      points::v1::PointEntry out;
      grpc::Status s;
      if (i % 2 == 0) {
        auto r = testing::PointsDistrict::Commendation(w.person, common::v1::GENERAL_OFFICE,
                                                       common::v1::DISTRICT, w.request_id);
        r.set_request_id(w.request_id);
        s = testing::Call(points, &points::v1::Points::Stub::RecordCommendation, r, &out, options);
      } else {
        auto r = testing::PointsDistrict::Breach(w.person, "BREACH_DISCIPLINE", -1 - i % 3);
        r.set_matter_id(w.request_id);
        r.set_request_id(w.request_id);
        s = testing::Call(points, &points::v1::Points::Stub::RecordBreach, r, &out, options);
      }
      *name = out.name();
      *amount = out.amount();
      return s;
    }
    survey::v1::SubmitResponseRequest r;
    r.set_parent(campaign.name());
    r.set_badge_number(badge_of.at(w.person));
    r.set_respondent_key(w.request_id);
    r.set_submission_id(w.request_id);
    for (int q = 0; q < 10; ++q) r.add_answers(1 + (i + q) % 5);
    survey::v1::SurveyResponse out;
    grpc::Status s =
        testing::Call(gateway, &survey::v1::Survey::Stub::SubmitResponse, r, &out, options);
    *name = out.name();
    return s;
  };

  std::atomic<bool> give_up{false};
  std::mutex mu;
  std::vector<std::string> replay_mismatches;
  std::vector<std::thread> clients;
  std::atomic<int> finished{0};
  for (auto& plan : plans) {
    clients.emplace_back([&] {
      struct Done {
        std::atomic<int>& n;
        ~Done() { ++n; }
      } done{finished};
      auto personnel = personnel::v1::Personnel::NewStub(channel("wenjiang", "ENFORCEMENT_BUREAU"));
      auto points = points::v1::Points::NewStub(channel("wenjiang", "ENFORCEMENT_BUREAU"));
      auto gateway = survey::v1::Survey::NewStub(channel("wenjiang", "PUBLIC"));
      for (size_t i = 0; i < plan.size(); ++i) {
        Write& w = plan[i];
        UntilAcknowledged(w, give_up, [&](std::string* name, int64_t* amount) {
          return send(w, static_cast<int>(i), name, amount, *personnel, *points, *gateway);
        });
        if (!w.last.ok()) return;
        ++acknowledged;
        // Every third write is sent once more, as by a client that lost the answer: the replay
        // answers the same row.
        if (i % 3 == 2) {
          Write again = w;
          again.attempts = 0;
          again.acknowledged.clear();
          UntilAcknowledged(again, give_up, [&](std::string* name, int64_t* amount) {
            return send(again, static_cast<int>(i), name, amount, *personnel, *points, *gateway);
          });
          if (again.acknowledged != w.acknowledged) {
            std::lock_guard lock(mu);
            replay_mismatches.push_back(absl::StrCat(w.request_id, ": ", w.acknowledged, " then ",
                                                     again.acknowledged, " (",
                                                     again.last.error_message(), ")"));
          }
        }
      }
    });
  }

  // The kill, once a third of the load is acknowledged (watched every 2 ms, for at most 60 s),
  // with the clients' next calls in flight; the restart on the same port.
  const int total = static_cast<int>(plans.size()) * kWritesPerClient;
  const auto watch_until = Clock::now() + std::chrono::seconds(60);
  while (acknowledged < total / 3 && Clock::now() < watch_until) {
    std::this_thread::sleep_for(milliseconds(2));
  }
  EXPECT_GE(acknowledged, total / 3) << "the load did not get going";
  const int before_kill = acknowledged;
  const auto killed = Clock::now();
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  server.reset();
  // What the outbox holds at the kill: the events of the transfers committed so far.
  const std::string pending_sql =
      "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL AND event_type = "
      "'auxpro.personnel.v1.PersonTransferred'";
  const int64_t pending_at_kill = QueryInt(*personnel_db, pending_sql);
  server = std::make_unique<testing::ServerProcess>(args, log, port);
  const bool serving = server->WaitUntilServing() > 0;
  const auto serving_after = Clock::now() - killed;
  EXPECT_TRUE(serving) << server->Log();
  if (!serving) give_up = true;
  // The relay is let go while the clients still retry.
  EXPECT_EQ(relay_lock_sql("SELECT RELEASE_LOCK(CONCAT('auxpro_outbox.', DATABASE()))"), 1);
  // The whole load is bounded: clients still retrying 90 s after the restart give up (and the
  // writes they never had acknowledged fail the test below, each by its request_id).
  const auto load_until = Clock::now() + std::chrono::seconds(90);
  while (finished < static_cast<int>(clients.size()) && Clock::now() < load_until) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  give_up = true;
  for (auto& t : clients) t.join();
  const auto done_after = Clock::now() - killed;
  if (!serving) return;
  auto ms = [](auto d) {
    return static_cast<int>(std::chrono::duration_cast<milliseconds>(d).count());
  };

  EXPECT_THAT(replay_mismatches, ::testing::IsEmpty());
  auto points_db = dbs.RootPool("points");
  auto survey_db = dbs.RootPool("survey");
  std::map<std::string, int> trainings_of, responses_of, transfers_of;
  std::map<std::string, std::string> last_unit_of;
  int retried = 0, attempts = 0;
  std::map<std::string, int64_t> awarded;  // the acknowledged points amounts per person
  std::map<std::string, int> entries_of;
  for (const auto& plan : plans) {
    for (const Write& w : plan) {
      ASSERT_TRUE(w.last.ok()) << w.request_id << " never acknowledged after " << w.attempts
                               << " attempts: " << w.last.error_code() << " "
                               << w.last.error_message();
      if (w.attempts > 1) ++retried;
      attempts += w.attempts;
      const std::string id = db::LastSegment(w.acknowledged);
      if (w.kind == "training") {
        ++trainings_of[w.person];
        EXPECT_EQ(QueryInt(*personnel_db, "SELECT COUNT(*) FROM training_records WHERE id = ?",
                           {id}),
                  1)
            << w.request_id << " answered " << w.acknowledged;
      } else if (w.kind == "transfer") {
        EXPECT_EQ(w.acknowledged, w.person) << w.request_id;
        ++transfers_of[w.person];
        last_unit_of[w.person] = w.to_unit;
      } else if (w.kind == "points") {
        awarded[w.person] += w.amount;
        ++entries_of[w.person];
        EXPECT_EQ(QueryInt(*points_db, "SELECT COUNT(*) FROM point_entries WHERE request_id = ?",
                           {w.request_id}),
                  1)
            << w.request_id;
        EXPECT_EQ(QueryInt(*points_db,
                           "SELECT COUNT(*) FROM point_entries WHERE id = ? AND request_id = ?",
                           {id, w.request_id}),
                  1)
            << w.request_id << " answered " << w.acknowledged;
      } else {
        ++responses_of[w.person];
        EXPECT_EQ(QueryInt(*survey_db, "SELECT COUNT(*) FROM responses WHERE id = ?", {id}), 1)
            << w.request_id << " answered " << w.acknowledged;
      }
    }
  }
  RecordProperty("acknowledged_before_kill", before_kill);
  RecordProperty("writes_retried", retried);
  RecordProperty("serving_after_kill_ms", ms(serving_after));
  RecordProperty("load_done_after_kill_ms", ms(done_after));
  std::cout << total << " writes acknowledged (" << attempts << " calls), " << before_kill
            << " before the kill; " << retried << " retried across it; SERVING again "
            << ms(serving_after) << " ms after the kill; the last write acknowledged "
            << ms(done_after) << " ms after it" << std::endl;
  // Exactly once: no row beyond the acknowledged ones.
  for (const auto& a : aux) {
    const std::string pid = db::LastSegment(a.person);
    EXPECT_EQ(QueryInt(*personnel_db,
                       "SELECT COUNT(*) FROM training_records WHERE person_id = ? AND kind = ?",
                       {pid, int64_t{personnel::v1::DRILL}}),
              trainings_of[a.person])
        << a.person;
    EXPECT_EQ(QueryInt(*survey_db, "SELECT COUNT(*) FROM responses WHERE person_id = ?", {pid}),
              responses_of[a.person]);
    // The survey's counters equal its responses: one count per response (question 0) and one
    // answer per rated question.
    for (int q = 0; q <= 10; ++q) {
      EXPECT_EQ(QueryInt(*survey_db,
                         "SELECT COALESCE(SUM(n), 0) FROM daily_counts WHERE person_id = ? AND "
                         "question = ?",
                         {pid, int64_t{q}}),
                responses_of[a.person])
          << a.person << " question " << q;
    }
    // The ledger's running figures equal its entries, which are the acknowledged ones: the
    // balance is the sum of the acknowledged amounts, and the API reads the same.
    const int64_t sum =
        QueryInt(*points_db,
                 "SELECT COALESCE(SUM(amount), 0) FROM point_entries WHERE person_id = ?", {pid});
    const int64_t count =
        QueryInt(*points_db, "SELECT COUNT(*) FROM point_entries WHERE person_id = ?", {pid});
    EXPECT_EQ(sum, awarded[a.person]) << a.person;
    EXPECT_EQ(count, entries_of[a.person]) << a.person;
    EXPECT_EQ(QueryInt(*points_db, "SELECT balance FROM point_persons WHERE person_id = ?", {pid}),
              sum);
    EXPECT_EQ(
        QueryInt(*points_db, "SELECT entry_count FROM point_persons WHERE person_id = ?", {pid}),
        count);
    const points::v1::PointBalance read = balance(a.person);
    EXPECT_EQ(read.balance(), sum) << a.person;
    EXPECT_EQ(read.entry_count(), count) << a.person;
  }
  EXPECT_EQ(QueryInt(*points_db,
                     "SELECT COUNT(*) FROM point_entries WHERE request_id LIKE 'kill-%'"),
            kClientsPerKind * kWritesPerClient);

  // The transfers: each acknowledged one is one event per consumer (points, grading), delivered
  // by the restarted server, and points applied each once; the person is in the unit of the last.
  EXPECT_GT(pending_at_kill, 0) << "no transfer event was pending at the kill";
  EXPECT_TRUE(testing::WaitFor([&] { return QueryInt(*personnel_db, pending_sql) == 0; }, 300))
      << QueryInt(*personnel_db, pending_sql) << " transfer events still pending";
  auto person_stub = personnel::v1::Personnel::NewStub(channel("wenjiang", "ENFORCEMENT_BUREAU"));
  for (const auto& a : movers) {
    for (const char* consumer : {"points", "grading"}) {
      EXPECT_EQ(QueryInt(*personnel_db,
                         "SELECT COUNT(*) FROM outbox_events WHERE consumer = ? AND subject = ? "
                         "AND event_type = 'auxpro.personnel.v1.PersonTransferred'",
                         {std::string(consumer), a.person}),
                transfers_of[a.person])
          << a.person << " to " << consumer;
    }
    std::vector<std::string> event_ids;
    ASSERT_TRUE(personnel_db
                    ->Read([&](db::Transaction& tx) -> absl::Status {
                      auto rows = tx.Query(
                          "SELECT event_id FROM outbox_events WHERE consumer = 'points' AND "
                          "subject = ? AND event_type = 'auxpro.personnel.v1.PersonTransferred'",
                          {a.person});
                      if (!rows.ok()) return rows.status();
                      for (const db::Row& row : *rows) event_ids.push_back(row.Str(0));
                      return absl::OkStatus();
                    })
                    .ok());
    for (const std::string& id : event_ids) {
      EXPECT_EQ(QueryInt(*points_db, "SELECT COUNT(*) FROM idempotency_keys WHERE request_id = ?",
                         {id}),
                1)
          << "points did not apply the transfer event " << id << " of " << a.person << " once";
    }
    personnel::v1::GetPersonRequest get;
    get.set_name(a.person);
    personnel::v1::Person person;
    grpc::Status s =
        testing::Call(*person_stub, &personnel::v1::Personnel::Stub::GetPerson, get, &person);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(person.unit(), last_unit_of[a.person]) << a.person;
  }
  RecordProperty("transfer_events_pending_at_kill", static_cast<int>(pending_at_kill));
  std::cout << pending_at_kill << " transfer events pending in the outbox at the kill, "
            << "delivered after the restart" << std::endl;

  // The outboxes: everything delivered (the consumers are in this process), in id order per
  // (consumer, subject).
  for (const char* service : {"personnel", "assessment", "grading"}) {
    auto pool = dbs.RootPool(service);
    EXPECT_TRUE(testing::WaitFor(
        [&] {
          return QueryInt(*pool, "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL") ==
                 0;
        },
        600))
        << service << ": events still pending";
    EXPECT_EQ(QueryInt(*pool,
                       "SELECT COUNT(*) FROM outbox_events a JOIN outbox_events b ON "
                       "a.consumer = b.consumer AND a.subject = b.subject AND a.id < b.id "
                       "AND a.delivered_at > b.delivered_at"),
              0)
        << service << ": an event was delivered before one written earlier";
  }
  EXPECT_GT(QueryInt(*personnel_db, "SELECT COUNT(*) FROM outbox_events"), 0);
  if (HasFailure()) ADD_FAILURE() << server->Log().substr(0, 20000);
}

}  // namespace
}  // namespace auxpro
