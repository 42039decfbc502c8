// ctest-labels: fault
// Outbox events for consumers that are down or not there, from the real auxpro-server (personnel
// alone): points is named by --peers but nothing listens on its port (down), grading has no route
// at all (not deployed yet). Their events stay pending; each is retried a bounded number of times
// with a growing delay, shows as backlog in the metrics, and the log holds a bounded number of
// lines about it, not one per retry. Once points listens, its events arrive, in order per person,
// without a restart; grading's still wait, visible.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/outbox_district.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using testing::QueryInt;


// The value of the metric line that starts with `series` (e.g. `auxpro_outbox_pending{...}`),
// or -1.
double Metric(const std::string& text, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(line, series + " ")) {
      return std::atof(std::string(line.substr(series.size() + 1)).c_str());
    }
  }
  return -1;
}

int Lines(const std::string& text, const std::string& needle) {
  int n = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StrContains(line, needle)) ++n;
  }
  return n;
}

TEST(OutboxBacklog, EventsForADownOrMissingConsumerWaitWithBackoffAndShowAsBacklog) {
  testing::ServerDatabases dbs(testing::AllModuleNames());
  const int points_port = testing::FreePort();  // nothing listens there yet
  const int metrics_port = testing::FreePort();
  testing::ServerProcess server(
      absl::StrCat("--target=personnel --peers=points=127.0.0.1:", points_port,
                   " --metrics_listen=127.0.0.1:", metrics_port, " ", dbs.Flags()),
      dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  testing::OutboxDistrict district(port, "backlog-");
  constexpr int kPersons = 3;
  std::vector<personnel::v1::Person> persons;
  for (int i = 0; i < kPersons; ++i) persons.push_back(district.Hire("钱七", 60 + i));
  // The first person also leaves: two events of one subject, which must arrive in order.
  testing::MustCall("exit", [&](auto* c) {
    personnel::v1::ExitPersonRequest r;
    r.set_name(persons[0].name());
    r.set_reason(personnel::v1::RESIGNATION);
    for (const char* item : {"work_permit_returned", "equipment_returned", "uniform_returned",
                             "labor_relation_ended"}) {
      r.add_confirmed_checklist(item);
    }
    r.set_request_id(district.RequestId("exit"));
    personnel::v1::Person exited;
    return district.bureau().ExitPerson(c, r, &exited);
  });
  constexpr int kEvents = kPersons + 1;  // per consumer
  auto db = dbs.RootPool("personnel");
  const std::string pending_sql =
      "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL AND consumer = ?";
  ASSERT_EQ(QueryInt(*db, pending_sql, {"points"}), kEvents);
  ASSERT_EQ(QueryInt(*db, pending_sql, {"grading"}), kEvents);

  // 12 s with both consumers away.
  const auto window = std::chrono::seconds(12);
  std::this_thread::sleep_for(window);
  EXPECT_EQ(QueryInt(*db, pending_sql, {"points"}), kEvents);
  EXPECT_EQ(QueryInt(*db, pending_sql, {"grading"}), kEvents);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM outbox_events WHERE parked"), 0);
  // Retried, and with backoff: delays of 0.5, 1, 2, 4, 8 s leave at most 5 attempts in 12 s
  // (a relay polling every 0.5 s without backoff would have made about 24).
  const int64_t most = QueryInt(*db, "SELECT MAX(attempts) FROM outbox_events");
  // The heads of the queues (the exit waits behind the hire of its person, untried).
  const int64_t least = QueryInt(*db,
                                 "SELECT MIN(attempts) FROM outbox_events WHERE event_type LIKE "
                                 "'%PersonHired'");
  EXPECT_GE(least, 2) << "not retried";
  EXPECT_EQ(QueryInt(*db, "SELECT MAX(attempts) FROM outbox_events WHERE event_type LIKE "
                          "'%PersonExited'"),
            0)
      << "an event was tried before the one ahead of it in its subject";
  EXPECT_LE(most, 6) << "retried without backoff";
  // Each failed head waits for its next attempt.
  EXPECT_GT(QueryInt(*db, "SELECT COUNT(*) FROM outbox_events WHERE next_attempt_at > "
                          "UTC_TIMESTAMP(6) + INTERVAL 1 SECOND"),
            0)
      << "no event waits for a later attempt";
  RecordProperty("attempts_in_12s_max", static_cast<int>(most));
  // Visible as backlog.
  const std::string metrics = testing::ScrapeMetrics(metrics_port);
  EXPECT_EQ(Metric(metrics, "auxpro_outbox_pending{consumer=\"points\",service=\"personnel\"}"),
            kEvents)
      << metrics.substr(0, 4000);
  EXPECT_EQ(Metric(metrics, "auxpro_outbox_pending{consumer=\"grading\",service=\"personnel\"}"),
            kEvents);
  EXPECT_GE(Metric(metrics, "auxpro_outbox_oldest_pending_seconds{consumer=\"grading\","
                            "service=\"personnel\"}"),
            10);
  // Without filling the log: a line on the first failure of each event and every 10th, not one
  // per retry (6 heads tried here, at most 5 times each).
  const std::string log = server.Log();
  const int outbox_lines = Lines(log, "\"outbox\"");
  EXPECT_LE(outbox_lines, 2 * kPersons + 4) << log.substr(0, 8000);
  RecordProperty("outbox_log_lines_in_12s", outbox_lines);

  // points comes up on its port: its events arrive in order per person, without a restart.
  testing::FakeEventConsumer points;
  auto points_server = testing::StartConsumer(&points, points_port);
  ASSERT_NE(points_server, nullptr);
  // The longest delay scheduled so far is 8 s.
  EXPECT_TRUE(testing::WaitFor([&] { return QueryInt(*db, pending_sql, {"points"}) == 0; }, 300))
      << "points' events were not delivered once it listened";
  const auto applied = points.applied();
  ASSERT_EQ(applied.size(), static_cast<size_t>(kEvents));
  std::vector<std::string> first_person;
  for (const auto& e : applied) {
    if (e.subject() == persons[0].name()) first_person.push_back(e.event_type());
  }
  EXPECT_THAT(first_person, ::testing::ElementsAre("auxpro.personnel.v1.PersonHired",
                                                   "auxpro.personnel.v1.PersonExited"));
  EXPECT_EQ(QueryInt(*db, pending_sql, {"grading"}), kEvents) << "grading has no route";
}

}  // namespace
}  // namespace auxpro
