// The outbox across a crash of the real auxpro-server: events written while their consumers are
// down survive a SIGKILL of the producer and are delivered, in order per person, once the
// consumers are up and the server is restarted.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/grpc_server.h"
#include "services/server/modules.h"
#include "tests/support/national_id.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;

// A consumer service standing in for points or grading: applies each event id once.
class RecordingConsumer final : public common::v1::EventConsumer::Service {
 public:
  grpc::Status ConsumeEvent(grpc::ServerContext*, const common::v1::ConsumeEventRequest* request,
                            common::v1::ConsumeEventResponse* response) override {
    std::lock_guard lock(mu_);
    const bool duplicate = !seen_.insert(request->event().event_id()).second;
    response->set_duplicate(duplicate);
    if (!duplicate) applied_.push_back(request->event());
    return grpc::Status::OK;
  }
  std::vector<common::v1::Event> applied() {
    std::lock_guard lock(mu_);
    return applied_;
  }

 private:
  std::mutex mu_;
  std::set<std::string> seen_;
  std::vector<common::v1::Event> applied_;
};

template <typename Call>
void MustCall(const char* what, Call call) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Status status = call(&context);
  ASSERT_TRUE(status.ok()) << what << ": " << status.error_message();
}

std::string RequestId(const std::string& step) { return "crash-test-" + step; }

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
  auto stub = [&](const std::string& kind) {
    return v1::Personnel::NewStub(*rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                                        testing::ClientIdentity("wenjiang", kind)));
  };
  auto bureau = stub("ENFORCEMENT_BUREAU");
  auto hr = stub("HR_COMPANY");
  auto office = stub("ESTABLISHMENT_OFFICE");
  v1::Unit unit;
  MustCall("unit", [&](auto* c) {
    v1::CreateUnitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_unit_id("unit-1");
    r.mutable_unit()->set_display_name("一中队");
    r.set_request_id(RequestId("unit"));
    return bureau->CreateUnit(c, r, &unit);
  });
  MustCall("limit", [&](auto* c) {
    v1::SetHeadcountLimitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_limit(10);
    r.set_request_id(RequestId("limit"));
    v1::HeadcountLimit out;
    return office->SetHeadcountLimit(c, r, &out);
  });
  v1::DispatchAgreement agreement;
  MustCall("agreement", [&](auto* c) {
    v1::CreateDispatchAgreementRequest r;
    r.set_parent("jurisdictions/wenjiang");
    auto* a = r.mutable_dispatch_agreement();
    a->set_title("派遣协议");
    a->set_headcount(10);
    a->mutable_start_date()->set_year(2000);
    a->mutable_start_date()->set_month(1);
    a->mutable_start_date()->set_day(1);
    a->mutable_end_date()->set_year(2100);
    a->mutable_end_date()->set_month(1);
    a->mutable_end_date()->set_day(1);
    r.set_request_id(RequestId("agreement"));
    return hr->CreateDispatchAgreement(c, r, &agreement);
  });
  MustCall("sign", [&](auto* c) {
    v1::SignDispatchAgreementRequest r;
    r.set_name(agreement.name());
    r.set_request_id(RequestId("sign"));
    return bureau->SignDispatchAgreement(c, r, &agreement);
  });
  v1::Person person;
  MustCall("person", [&](auto* c) {
    v1::CreatePersonRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_person()->set_full_name("李明");
    r.mutable_person()->set_national_id(testing::MakeNationalId(1990, 1, 1, 11));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(v1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    r.set_request_id(RequestId("person"));
    return hr->CreatePerson(c, r, &person);
  });
  MustCall("hire", [&](auto* c) {
    v1::HirePersonRequest r;
    r.set_name(person.name());
    r.set_unit(unit.name());
    r.set_dispatch_agreement(agreement.name());
    r.set_request_id(RequestId("hire"));
    return bureau->HirePerson(c, r, &person);
  });
  MustCall("exit", [&](auto* c) {
    v1::ExitPersonRequest r;
    r.set_name(person.name());
    r.set_reason(v1::RESIGNATION);
    for (const char* item : {"work_permit_returned", "equipment_returned", "uniform_returned",
                             "labor_relation_ended"}) {
      r.add_confirmed_checklist(item);
    }
    r.set_request_id(RequestId("exit"));
    return bureau->ExitPerson(c, r, &person);
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
  RecordingConsumer points, grading;
  auto start_consumer = [](RecordingConsumer* consumer, int port) {
    auto started = rpc::GrpcServer::Start(
        {absl::StrCat("127.0.0.1:", port), testing::ServerIdentity(), ""}, {consumer}, {});
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? std::move(*started) : nullptr;
  };
  auto points_server = start_consumer(&points, points_port);
  auto grading_server = start_consumer(&grading, grading_port);
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
