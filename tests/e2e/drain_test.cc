// The real auxpro-server's graceful drain on SIGTERM, under load: health goes NOT_SERVING at once
// while calls are still answered, then new calls are refused (UNAVAILABLE, never anything else),
// the calls in flight finish with their answer, and the process exits 0. Calls are held in flight
// by a table lock on the database (they wait inside the server), not by sleeping.

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;

std::shared_ptr<grpc::Channel> Bureau(int port) {
  auto channel = rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                      testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU"));
  EXPECT_TRUE(channel.ok()) << channel.status();
  return *channel;
}

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

// Calls waiting for the table lock inside the server.
int64_t Waiting(db::ConnectionPool& root) {
  return testing::QueryInt(root,
                           "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE "
                           "'Waiting for table metadata lock' AND INFO LIKE '%units%' "
                           "AND DB = DATABASE()",
                           {});
}

template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 600; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Drain, InFlightCallsFinishNewCallsAreRefusedCleanly) {
  testing::ServerDatabases dbs({"personnel"});
  const int health_port = testing::FreePort();
  testing::ServerProcess server(
      absl::StrCat("--target=personnel --health_listen=127.0.0.1:", health_port,
                   " --drain_delay_seconds=3 --shutdown_grace_seconds=60 ", dbs.Flags()),
      dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  auto probe = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port),
                                   grpc::InsecureChannelCredentials());
  ASSERT_EQ(Health(probe), "serving");

  // Hold the units table: ListUnits calls wait inside the server until it is released.
  auto root = dbs.RootPool("personnel");
  auto locker_pool = dbs.RootPool("personnel");
  auto lease = locker_pool->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  db::Transaction locker(*lease);
  ASSERT_TRUE(locker.Exec("LOCK TABLES units WRITE").ok());

  constexpr int kInFlight = 4;
  std::vector<std::thread> in_flight;
  std::vector<grpc::Status> in_flight_status(kInFlight);
  for (int i = 0; i < kInFlight; ++i) {
    in_flight.emplace_back([&, i] {
      auto stub = v1::Personnel::NewStub(Bureau(port));
      v1::ListUnitsRequest request;
      request.set_parent("jurisdictions/wenjiang");
      v1::ListUnitsResponse response;
      in_flight_status[i] = testing::Call(*stub, &v1::Personnel::Stub::ListUnits, request,
                                          &response, {.deadline = std::chrono::seconds(120)});
    });
  }
  ASSERT_TRUE(Eventually([&] { return Waiting(*root) == kInFlight; }))
      << "the calls never reached the database; log:\n"
      << server.Log();

  // Load beside them: calls that do not touch the locked table, on channels opened before and
  // during the drain. Each must be answered (NOT_FOUND: no such person) or refused UNAVAILABLE.
  std::atomic<bool> stop{false};
  std::mutex codes_mu;
  std::map<int, int> codes;
  std::vector<std::thread> load;
  for (int t = 0; t < 2; ++t) {
    load.emplace_back([&] {
      auto stub = v1::Personnel::NewStub(Bureau(port));
      while (!stop) {
        v1::GetPersonRequest request;
        request.set_name("jurisdictions/wenjiang/persons/p-none");
        v1::Person person;
        grpc::Status s = testing::Call(*stub, &v1::Personnel::Stub::GetPerson, request, &person,
                                       {.deadline = std::chrono::seconds(20)});
        std::lock_guard lock(codes_mu);
        ++codes[s.error_code()];
      }
    });
  }

  server.Signal(SIGTERM);
  // First NOT_SERVING, while calls are still answered (a new channel still gets in).
  std::string seen;
  EXPECT_TRUE(Eventually([&] { return (seen = Health(probe)) != "serving"; }));
  EXPECT_EQ(seen, "not-serving");
  {
    auto stub = v1::Personnel::NewStub(Bureau(port));
    v1::GetPersonRequest request;
    request.set_name("jurisdictions/wenjiang/persons/p-none");
    v1::Person person;
    grpc::Status during = testing::Call(*stub, &v1::Personnel::Stub::GetPerson, request, &person);
    // NOT_FOUND while the delay lasts; UNAVAILABLE if this machine was too slow to get here.
    EXPECT_THAT(during.error_code(),
                ::testing::AnyOf(grpc::StatusCode::NOT_FOUND, grpc::StatusCode::UNAVAILABLE));
  }
  // Then the listener closes: a new connection is refused.
  EXPECT_TRUE(Eventually([&] { return Health(Bureau(port)) == "code 14"; }))
      << "the mTLS port still answers";
  stop = true;
  for (auto& t : load) t.join();

  // The calls in flight are still waiting (a load call that got in before the close may wait on
  // the locked table beside them); released, they finish with their answer.
  EXPECT_GE(Waiting(*root), kInFlight);
  ASSERT_TRUE(locker.Exec("UNLOCK TABLES").ok());
  for (auto& t : in_flight) t.join();
  for (int i = 0; i < kInFlight; ++i) {
    EXPECT_TRUE(in_flight_status[i].ok())
        << "call in flight " << i << ": " << in_flight_status[i].error_code() << " "
        << in_flight_status[i].error_message();
  }
  EXPECT_EQ(server.Wait(), 0) << server.Log();

  // A call whose stream reaches the server in the instant its listeners close is dropped by
  // gRPC 1.51 before any handler sees it, and the client reads CANCELLED instead of UNAVAILABLE
  // (seen once in a few runs; up to 4 of a run since plain reads answer on gRPC's own thread and
  // more calls reach the server per millisecond). It was never served; clients retry both with
  // the same request_id.
  // Anything else (INTERNAL, DEADLINE_EXCEEDED, ...) would be a call lost in the drain.
  int answered = 0;
  for (const auto& [code, n] : codes) {
    EXPECT_THAT(code, ::testing::AnyOf(grpc::StatusCode::NOT_FOUND, grpc::StatusCode::UNAVAILABLE,
                                       grpc::StatusCode::CANCELLED))
        << n << " load calls ended with code " << code;
    if (code == grpc::StatusCode::CANCELLED) EXPECT_LE(n, 8) << "more than the race explains";
    if (code == grpc::StatusCode::NOT_FOUND) answered += n;
  }
  EXPECT_GT(answered, 0) << "the load never got an answer";
  EXPECT_THAT(server.Log(), ::testing::HasSubstr("drained: calls finished, relays stopped"));
}

TEST(Drain, CallsStuckPastTheGraceDoNotKeepTheProcess) {
  testing::ServerDatabases dbs({"personnel"});
  testing::ServerProcess server(
      absl::StrCat("--target=personnel --drain_delay_seconds=0 --shutdown_grace_seconds=1 ",
                   dbs.Flags()),
      dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  auto root = dbs.RootPool("personnel");
  auto locker_pool = dbs.RootPool("personnel");
  auto lease = locker_pool->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  db::Transaction locker(*lease);
  ASSERT_TRUE(locker.Exec("LOCK TABLES units WRITE").ok());
  grpc::Status stuck;
  std::thread call([&] {
    auto stub = v1::Personnel::NewStub(Bureau(port));
    v1::ListUnitsRequest request;
    request.set_parent("jurisdictions/wenjiang");
    v1::ListUnitsResponse response;
    stuck = testing::Call(*stub, &v1::Personnel::Stub::ListUnits, request, &response,
                          {.deadline = std::chrono::seconds(120)});
  });
  ASSERT_TRUE(Eventually([&] { return Waiting(*root) == 1; })) << server.Log();
  server.Signal(SIGTERM);
  // The database never answers this call: the process gives up at its deadline, status 1.
  EXPECT_EQ(server.Wait(), 1) << server.Log();
  call.join();
  EXPECT_FALSE(stuck.ok());
  EXPECT_THAT(server.Log(), ::testing::HasSubstr("drain deadline passed"));
  ASSERT_TRUE(locker.Exec("UNLOCK TABLES").ok());
}

}  // namespace
}  // namespace auxpro
