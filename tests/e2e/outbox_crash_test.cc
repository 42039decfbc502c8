// The outbox across a crash of the real auxpro-server: events written while their consumers are
// down survive a SIGKILL of the producer and are delivered, in order per person, once the
// consumers are up and the server is restarted.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "tests/support/outbox_district.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;

using testing::MustCall;

TEST(OutboxCrash, EventsWrittenBeforeASigkillAreDeliveredInOrderAfterRestart) {
  testing::ServerDatabases dbs(testing::AllModuleNames());  // --target=all
  const int points_port = testing::FreePort();
  const int grading_port = testing::FreePort();
  const std::string args = absl::StrCat("--target=personnel --peers=points=127.0.0.1:", points_port,
                                        ",grading=127.0.0.1:", grading_port, " ", dbs.Flags());
  const auto log = dbs.dir() / "server.log";

  // 1. Producer up, consumers down: hire and exit one person.
  auto server = std::make_unique<testing::ServerProcess>(args, log);
  const int port = server->WaitUntilServing();
  ASSERT_GT(port, 0) << server->Log();
  testing::OutboxDistrict district(port, "crash-test-");
  const v1::Person person = district.Hire("李明", 11);
  MustCall("exit", [&](auto* c) {
    v1::ExitPersonRequest r;
    r.set_name(person.name());
    r.set_reason(v1::RESIGNATION);
    for (const char* item : {"work_permit_returned", "equipment_returned", "uniform_returned",
                             "labor_relation_ended"}) {
      r.add_confirmed_checklist(item);
    }
    r.set_request_id(district.RequestId("exit"));
    v1::Person exited;
    return district.bureau().ExitPerson(c, r, &exited);
  });
  auto db = dbs.RootPool("personnel");
  // The relay has tried and failed (consumers are down) before the crash.
  for (int i = 0; i < 100 && testing::QueryInt(*db,
                                               "SELECT COUNT(*) FROM outbox_events WHERE "
                                               "attempts > 0") == 0;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GT(testing::QueryInt(*db, "SELECT COUNT(*) FROM outbox_events WHERE attempts > 0"), 0);
  // Hired and exited, each for points and grading.
  EXPECT_EQ(testing::QueryInt(*db, "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL"),
            4);

  // 2. Crash.
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  server.reset();

  // 3. Consumers up, producer restarted: everything arrives, in order per person.
  testing::FakeEventConsumer points, grading;
  auto points_server = testing::StartConsumer(&points, points_port);
  auto grading_server = testing::StartConsumer(&grading, grading_port);
  ASSERT_TRUE(points_server && grading_server);
  server = std::make_unique<testing::ServerProcess>(args, log);
  ASSERT_GT(server->WaitUntilServing(), 0) << server->Log();
  for (int i = 0; i < 600 && (grading.applied().size() < 2 || points.applied().size() < 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto graded = grading.applied();
  ASSERT_EQ(graded.size(), 2u);
  EXPECT_EQ(graded[0].event_type(), "auxpro.personnel.v1.PersonHired");
  EXPECT_EQ(graded[1].event_type(), "auxpro.personnel.v1.PersonExited");
  EXPECT_EQ(graded[1].subject(), person.name());
  v1::PersonExited exited;
  ASSERT_TRUE(graded[1].payload().UnpackTo(&exited));
  EXPECT_EQ(exited.person(), person.name());
  EXPECT_EQ(exited.exit_reason(), personnel::v1::RESIGNATION);
  const auto pointed = points.applied();
  ASSERT_EQ(pointed.size(), 2u);
  EXPECT_EQ(pointed[0].event_type(), "auxpro.personnel.v1.PersonHired");
  EXPECT_EQ(pointed[1].event_type(), "auxpro.personnel.v1.PersonExited");
  EXPECT_EQ(pointed[1].event_id(), graded[1].event_id());  // one event, one row per consumer
  for (int i = 0; i < 50 && testing::QueryInt(*db,
                                              "SELECT COUNT(*) FROM outbox_events WHERE "
                                              "delivered_at IS NULL") > 0;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(testing::QueryInt(*db, "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL"),
            0);
}

}  // namespace
}  // namespace auxpro
