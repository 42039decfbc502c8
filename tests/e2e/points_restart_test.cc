// The points ledger across a crash between commit and answer (the points issue): the real
// auxpro-server dies right after a breach commits and before it answers (the failpoint of
// libs/service/mutation.cc); after a restart the retry with the same request_id gets the first
// answer, the entry that was committed, and the ledger holds it once.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "libs/db/columns.h"
#include "tests/support/outbox_district.h"
#include "tests/support/points_district.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = points::v1;
using testing::MustCall;

constexpr char kBreach[] = "auxpro.points.v1.Points/RecordBreach";

TEST(PointsRestart, AKillBetweenCommitAndAnswerLeavesOneEntryAndTheRetryGetsTheFirstAnswer) {
  testing::ServerDatabases dbs(testing::AllModuleNames());
  const std::string args = absl::StrCat("--target=personnel,points ", dbs.Flags());
  const auto log = dbs.dir() / "server.log";

  ASSERT_EQ(setenv("AUXPRO_FAILPOINT_EXIT_AFTER_COMMIT", kBreach, 1), 0);
  auto server = std::make_unique<testing::ServerProcess>(args, log);
  unsetenv("AUXPRO_FAILPOINT_EXIT_AFTER_COMMIT");  // the restart runs without it
  int port = server->WaitUntilServing();
  ASSERT_GT(port, 0) << server->Log();
  testing::OutboxDistrict district(port, "points-restart-");
  const personnel::v1::Person person = district.Hire("王五", 31);

  v1::RecordBreachRequest breach =
      testing::PointsDistrict::Breach(person.name(), "BREACH_DISCIPLINE", -3);
  breach.set_request_id("points-restart-breach-1");
  auto stub = [&](int p) {
    return v1::Points::NewStub(*rpc::MakeMtlsChannel(
        absl::StrCat("127.0.0.1:", p), testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU")));
  };
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::PointEntry lost;
    const grpc::Status s = stub(port)->RecordBreach(&context, breach, &lost);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  }
  EXPECT_EQ(server->Wait(), 137) << "the failpoint did not end the process";
  server.reset();

  // Committed before the crash: one entry under that request id.
  auto db = dbs.RootPool("points");
  const std::string rows =
      "SELECT COUNT(*) FROM point_entries WHERE request_id = 'points-restart-breach-1'";
  EXPECT_EQ(testing::QueryInt(*db, rows), 1);

  server = std::make_unique<testing::ServerProcess>(args, log);
  port = server->WaitUntilServing();
  ASSERT_GT(port, 0) << server->Log();
  v1::PointEntry first, again;
  MustCall("retry", [&](auto* c) { return stub(port)->RecordBreach(c, breach, &first); });
  MustCall("retry again", [&](auto* c) { return stub(port)->RecordBreach(c, breach, &again); });
  EXPECT_EQ(first.name(), again.name());
  EXPECT_EQ(first.amount(), -3);
  EXPECT_EQ(testing::QueryInt(*db, rows), 1);
  EXPECT_EQ(testing::QueryInt(*db, absl::StrCat("SELECT COUNT(*) FROM point_entries WHERE id = '",
                                                db::LastSegment(first.name()),
                                                "' AND request_id = 'points-restart-breach-1'")),
            1)
      << "the retry answered another entry than the one committed";
  v1::GetPointBalanceRequest get;
  get.set_name(absl::StrCat(person.name(), "/pointBalance"));
  v1::PointBalance balance;
  MustCall("balance", [&](auto* c) { return stub(port)->GetPointBalance(c, get, &balance); });
  EXPECT_EQ(balance.balance(), -3);
}

}  // namespace
}  // namespace auxpro
