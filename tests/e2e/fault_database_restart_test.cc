// ctest-labels: fault
// The real auxpro-server on a MariaDB of the test's own (tests/support/private_mariadb), under a
// read and write load, while that database is killed with SIGKILL and started again: while it is
// down every call fails fast with UNAVAILABLE (none waits out its deadline, none answers anything
// else), grpc.health.v1 says NOT_SERVING and the server keeps running; once it is back the pool
// recovers within the 5 s the issue sets, and every write that was acknowledged is there once.
// The recovery time is measured and recorded (RecordProperty: the test XML and the log).

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/private_mariadb.h"
#include "tests/support/raw_call.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kDeadline{3000};
// The bound: the pool serves again within 5 s of the database answering.
constexpr milliseconds kRecoveryBound{5000};

// "serving", "not-serving" or the call's error code.
std::string Health(const std::shared_ptr<grpc::Channel>& channel) {
  std::string bytes;
  grpc::Status s = testing::RawUnaryCall(channel, "/grpc.health.v1.Health/Check",
                                         testing::HealthCheckRequest(""), &bytes);
  if (!s.ok()) return absl::StrCat("code ", s.error_code());
  if (bytes == std::string("\x08\x01", 2)) return "serving";
  if (bytes == std::string("\x08\x02", 2)) return "not-serving";
  return "other";
}

template <typename F>
bool Within(milliseconds bound, F done) {
  const auto until = Clock::now() + bound;
  while (Clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(50));
  }
  return done();
}

struct Outcome {
  bool write = false;
  Clock::time_point start, end;
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string unit_id;  // of a write
};

TEST(DatabaseRestart, CallsFailFastWhileTheDatabaseIsDownAndThePoolRecoversWhenItIsBack) {
  testing::PrivateMariaDb mariadb;
  ASSERT_TRUE(mariadb.ok()) << mariadb.Log();
  testing::ServerDatabases dbs({"personnel"}, mariadb.RootConfig());
  const int health_port = testing::FreePort();
  testing::ServerProcess server(absl::StrCat("--target=personnel --health_listen=127.0.0.1:",
                                             health_port, " ", dbs.Flags()),
                                dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  auto probe = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port),
                                   grpc::InsecureChannelCredentials());
  ASSERT_EQ(Health(probe), "serving");

  // The load: each client alternates a write (a new unit) and a read (the unit list), each with
  // a deadline of kDeadline; at most 20000 calls per client.
  constexpr int kClients = 4;
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<Outcome> outcomes;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto channel = rpc::MakeMtlsChannel(
          absl::StrCat("127.0.0.1:", port),
          testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU"));
      auto stub = v1::Personnel::NewStub(*channel);
      for (int i = 0; i < 20000 && !stop; ++i) {
        Outcome o;
        o.write = i % 2 == 0;
        o.start = Clock::now();
        grpc::Status s;
        if (o.write) {
          v1::CreateUnitRequest r;
          r.set_parent("jurisdictions/wenjiang");
          o.unit_id = absl::StrCat("load-", c, "-", i);
          r.set_unit_id(o.unit_id);
          r.mutable_unit()->set_display_name("中队");
          v1::Unit unit;
          s = testing::Call(*stub, &v1::Personnel::Stub::CreateUnit, r, &unit,
                            {.deadline = kDeadline});
        } else {
          v1::ListUnitsRequest r;
          r.set_parent("jurisdictions/wenjiang");
          r.set_page_size(10);
          v1::ListUnitsResponse units;
          s = testing::Call(*stub, &v1::Personnel::Stub::ListUnits, r, &units,
                            {.deadline = kDeadline});
        }
        o.end = Clock::now();
        o.code = s.error_code();
        {
          std::lock_guard lock(mu);
          outcomes.push_back(o);
        }
        // While the database is down calls fail at once; a short pause keeps the log readable.
        if (!s.ok()) std::this_thread::sleep_for(milliseconds(20));
      }
    });
  }
  auto count = [&](auto pred) {
    std::lock_guard lock(mu);
    return std::count_if(outcomes.begin(), outcomes.end(), pred);
  };
  // 1. Up: the load is answered.
  EXPECT_TRUE(Within(milliseconds(20000), [&] {
    return count([](const Outcome& o) { return o.code == grpc::StatusCode::OK; }) >= 40;
  }));

  // 2. Down: kill -9 of mariadbd.
  const auto killed = Clock::now();
  mariadb.Kill();
  std::string seen;
  EXPECT_TRUE(Within(milliseconds(10000), [&] { return (seen = Health(probe)) == "not-serving"; }))
      << "health still says " << seen;
  const auto not_serving_after = Clock::now() - killed;
  // The load keeps calling while the database is down, for at least 2 s.
  std::this_thread::sleep_for(milliseconds(2000));
  EXPECT_TRUE(server.Running()) << "the server ended when its database died\n" << server.Log();

  // 3. Back: the same data directory on the same port.
  const auto restarting = Clock::now();
  ASSERT_TRUE(mariadb.Start()) << mariadb.Log();
  const auto back = Clock::now();
  EXPECT_TRUE(Within(milliseconds(10000), [&] { return (seen = Health(probe)) == "serving"; }))
      << "health still says " << seen;
  const auto serving_after = Clock::now() - back;
  // Load after the recovery: at least 40 more calls answered, for at most 20 s.
  const auto ok_before = count([](const Outcome& o) { return o.code == grpc::StatusCode::OK; });
  EXPECT_TRUE(Within(milliseconds(20000), [&] {
    return count([](const Outcome& o) { return o.code == grpc::StatusCode::OK; }) >= ok_before + 40;
  }));
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_TRUE(server.Running()) << server.Log();

  // Every call ended within its deadline (plus scheduling slack), with OK or UNAVAILABLE.
  int down_calls = 0;
  milliseconds slowest_down{0};
  Clock::time_point last_failure = killed;
  for (const Outcome& o : outcomes) {
    const auto took = std::chrono::duration_cast<milliseconds>(o.end - o.start);
    EXPECT_THAT(o.code, ::testing::AnyOf(grpc::StatusCode::OK, grpc::StatusCode::UNAVAILABLE))
        << (o.write ? "write" : "read") << " after "
        << std::chrono::duration_cast<milliseconds>(o.start - killed).count() << " ms";
    EXPECT_LT(took, kDeadline + milliseconds(1000)) << "a call hung";
    if (o.start > killed && o.end < restarting) {
      ++down_calls;
      EXPECT_EQ(o.code, grpc::StatusCode::UNAVAILABLE) << "answered while the database was down";
      slowest_down = std::max(slowest_down, took);
    }
    if (o.code != grpc::StatusCode::OK) last_failure = std::max(last_failure, o.end);
  }
  EXPECT_GT(down_calls, 0) << "no call was made while the database was down";
  // Recovered: every call that started after the last failure was answered.
  const auto recovery =
      std::chrono::duration_cast<milliseconds>(std::max(last_failure, back) - back);
  EXPECT_LE(recovery, kRecoveryBound) << "the pool took longer than 5 s to recover";
  RecordProperty("database_down_calls", down_calls);
  RecordProperty("slowest_call_while_down_ms", static_cast<int>(slowest_down.count()));
  auto ms = [](auto d) {
    return static_cast<int>(std::chrono::duration_cast<milliseconds>(d).count());
  };
  RecordProperty("not_serving_after_kill_ms", ms(not_serving_after));
  RecordProperty("database_restart_ms", ms(back - restarting));
  RecordProperty("recovery_ms", static_cast<int>(recovery.count()));
  RecordProperty("serving_again_after_ms", ms(serving_after));
  std::cout << "database down: " << down_calls << " calls, slowest " << slowest_down.count()
            << " ms; NOT_SERVING " << ms(not_serving_after) << " ms after the kill; restarted in "
            << ms(back - restarting) << " ms; pool recovered " << recovery.count()
            << " ms after the database answered; SERVING again after " << ms(serving_after)
            << " ms" << std::endl;

  // Every acknowledged write is in the database, once (the table's key makes "once" certain;
  // present is what a lost commit would break).
  auto root = dbs.RootPool("personnel");
  for (const Outcome& o : outcomes) {
    if (!o.write || o.code != grpc::StatusCode::OK) continue;
    EXPECT_EQ(testing::QueryInt(*root, "SELECT COUNT(*) FROM units WHERE id = ?", {o.unit_id}), 1)
        << o.unit_id;
  }
  if (HasFailure()) ADD_FAILURE() << server.Log().substr(0, 20000);
}

}  // namespace
}  // namespace auxpro
