// service::ServiceHost, the object behind auxpro-server and TestServer: modules in dependency
// order, a failed module visible in health, events dispatched to the consuming module, and the
// binder refusing a service with a method missing or mistyped.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/service/host.h"
#include "libs/service/unary_service.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/tcp_proxy.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;

service::ModuleSpec Spec(const std::string& name, std::vector<std::string> deps) {
  service::ModuleSpec spec;
  spec.name = name;
  spec.deps = std::move(deps);
  return spec;
}

std::vector<std::string> Names(const std::vector<const service::ModuleSpec*>& specs) {
  std::vector<std::string> names;
  for (const auto* s : specs) names.push_back(s->name);
  return names;
}

TEST(StartOrder, DependenciesStartFirstAndAbsentOnesAreRemote) {
  const auto grading = Spec("grading", {"personnel", "points", "survey"});
  const auto points = Spec("points", {"personnel"});
  const auto personnel = Spec("personnel", {});
  auto order = service::StartOrder({&grading, &points, &personnel});
  ASSERT_TRUE(order.ok()) << order.status();
  EXPECT_THAT(Names(*order), ::testing::ElementsAre("personnel", "points", "grading"));
}

TEST(StartOrder, ACycleIsRefusedNamingIt) {
  const auto a = Spec("a", {"b"});
  const auto b = Spec("b", {"a"});
  auto order = service::StartOrder({&a, &b});
  EXPECT_EQ(order.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(order.status().message(), HasSubstr("a -> b -> a"));
}

// A module that consumes events and records them; or one whose init fails.
class RecordingModule final : public service::ServiceModule {
 public:
  explicit RecordingModule(std::unique_ptr<db::ConnectionPool> pool) : pool_(std::move(pool)) {}
  std::vector<grpc::Service*> GrpcServices() override { return {}; }
  db::ConnectionPool& Db() override { return *pool_; }
  service::EventHandler Events() override {
    return [this](const rpc::CallContext&, const common::v1::ConsumeEventRequest& request,
                  common::v1::ConsumeEventResponse*) {
      std::lock_guard lock(mu_);
      seen_.push_back(request.event().event_id());
      return absl::OkStatus();
    };
  }
  static std::vector<std::string> Seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  std::unique_ptr<db::ConnectionPool> pool_;
  static std::mutex mu_;
  static std::vector<std::string> seen_;
};
std::mutex RecordingModule::mu_;
std::vector<std::string> RecordingModule::seen_;

service::ModuleSpec RecordingSpec() {
  service::ModuleSpec spec;
  spec.name = "recorder";
  spec.grpc_services = {"auxpro.test.Recorder"};
  spec.migrations = []() -> const std::vector<EmbeddedFile>& {
    static const std::vector<EmbeddedFile> none;
    return none;
  };
  spec.init =
      [](service::ModuleEnv& env) -> absl::StatusOr<std::unique_ptr<service::ServiceModule>> {
    auto pool = env.open_db("recorder");
    if (!pool.ok()) return pool.status();
    return std::unique_ptr<service::ServiceModule>(
        std::make_unique<RecordingModule>(std::move(*pool)));
  };
  return spec;
}

service::ModuleSpec FailingSpec(const std::string& name, std::vector<std::string> deps) {
  service::ModuleSpec spec = RecordingSpec();
  spec.name = name;
  spec.deps = std::move(deps);
  spec.grpc_services = {"auxpro.test." + name};
  spec.init =
      [name](service::ModuleEnv&) -> absl::StatusOr<std::unique_ptr<service::ServiceModule>> {
    if (name == "broken") return absl::UnavailableError("broken: cannot reach its database");
    return absl::InternalError("should not be started");
  };
  return spec;
}

grpc::StatusCode HealthOf(testing::TestServer& server, const std::string& service,
                          std::string* response) {
  return testing::RawUnaryCall(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"),
                               "/grpc.health.v1.Health/Check", testing::HealthCheckRequest(service),
                               response)
      .error_code();
}

// grpc.health.v1.HealthCheckResponse{status = SERVING (1)} is the two bytes 08 01.
bool Serving(const std::string& response) { return response == std::string("\x08\x01", 2); }

TEST(ServiceHost, AFailedModuleAndItsDependentsAreNotServingWhileTheOthersServe) {
  testing::TestServer server({personnel::PersonnelModule(), FailingSpec("broken", {}),
                              FailingSpec("dependent", {"broken"})});
  EXPECT_THAT(server.host().failures().at("broken"), HasSubstr("cannot reach its database"));
  EXPECT_THAT(server.host().failures().at("dependent"), HasSubstr("needs broken"));
  EXPECT_EQ(server.Module("broken"), nullptr);
  std::string personnel, broken, dependent, overall;
  ASSERT_EQ(HealthOf(server, "auxpro.personnel.v1.Personnel", &personnel), grpc::StatusCode::OK);
  EXPECT_TRUE(Serving(personnel));
  ASSERT_EQ(HealthOf(server, "auxpro.test.broken", &broken), grpc::StatusCode::OK);
  EXPECT_FALSE(Serving(broken));
  ASSERT_EQ(HealthOf(server, "auxpro.test.dependent", &dependent), grpc::StatusCode::OK);
  EXPECT_FALSE(Serving(dependent));
  ASSERT_EQ(HealthOf(server, "", &overall), grpc::StatusCode::OK);
  EXPECT_FALSE(Serving(overall)) << "the server as a whole is not ready";
  // The running module still answers.
  auto stub = personnel::v1::Personnel::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  personnel::v1::ListUnitsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  personnel::v1::ListUnitsResponse units;
  EXPECT_TRUE(testing::Call(*stub, &personnel::v1::Personnel::Stub::ListUnits, list, &units).ok());
}

TEST(ServiceHost, EventsGoToTheConsumerTheyAreAddressedTo) {
  testing::TestServer server({personnel::PersonnelModule(), RecordingSpec()});
  std::string overall;
  ASSERT_EQ(HealthOf(server, "", &overall), grpc::StatusCode::OK);
  EXPECT_TRUE(Serving(overall));
  auto stub = common::v1::EventConsumer::NewStub(server.Channel("system", "SERVICE"));
  common::v1::ConsumeEventRequest request;
  request.mutable_event()->set_event_id("e-1");
  request.set_consumer("recorder");
  common::v1::ConsumeEventResponse response;
  grpc::Status s =
      testing::Call(*stub, &common::v1::EventConsumer::Stub::ConsumeEvent, request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(RecordingModule::Seen(), ::testing::Contains("e-1"));
  // A consumer not hosted here: the producer retries later.
  request.set_consumer("points");
  s = testing::Call(*stub, &common::v1::EventConsumer::Stub::ConsumeEvent, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  // No consumer named: the producer parks the event.
  request.clear_consumer();
  s = testing::Call(*stub, &common::v1::EventConsumer::Stub::ConsumeEvent, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  // Agencies may not deliver events.
  auto agency =
      common::v1::EventConsumer::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  request.set_consumer("recorder");
  s = testing::Call(*agency, &common::v1::EventConsumer::Stub::ConsumeEvent, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// A handler class for the binder tests.
struct Units {
  absl::Status List(const rpc::CallContext&, const personnel::v1::ListUnitsRequest&,
                    personnel::v1::ListUnitsResponse*) const {
    return absl::OkStatus();
  }
  absl::Status Wrong(const rpc::CallContext&, const personnel::v1::ListPermitsRequest&,
                     personnel::v1::ListPermitsResponse*) const {
    return absl::OkStatus();
  }
};

TEST(UnaryService, NamesEveryMethodOfTheProtoLeftWithoutAHandler) {
  rpc::WorkPool work(1, 1);
  service::UnaryService service("auxpro.personnel.v1.Personnel", work);
  Units units;
  service.Bind("ListUnits", &units, &Units::List);
  absl::Status unbound = service.Unbound();
  EXPECT_EQ(unbound.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(unbound.message(),
              HasSubstr("auxpro.personnel.v1.Personnel/HirePerson has no handler"));
  EXPECT_THAT(unbound.message(), ::testing::Not(HasSubstr("ListUnits has no handler")));
}

TEST(UnaryService, RefusesAHandlerOfOtherTypesAnUnknownMethodAndABindingTwice) {
  rpc::WorkPool work(1, 1);
  service::UnaryService service("auxpro.personnel.v1.Personnel", work);
  Units units;
  service.Bind("ListUnits", &units, &Units::Wrong);
  service.Bind("DeleteEverything", &units, &Units::List);
  service.Bind("ListPermits", &units, &Units::Wrong);
  service.Bind("ListPermits", &units, &Units::Wrong);
  const std::string errors(service.Unbound().message());
  EXPECT_THAT(errors, HasSubstr("ListUnits takes auxpro.personnel.v1.ListUnitsRequest"));
  EXPECT_THAT(errors, HasSubstr("has no method DeleteEverything"));
  EXPECT_THAT(errors, HasSubstr("ListPermits is bound twice"));
}

TEST(ServiceHost, HealthFollowsTheDatabaseAwayAndBack) {
  auto proxy = std::make_unique<testing::TcpProxy>(testing::RootConfig().port);
  testing::TestServer server(
      {personnel::PersonnelModule()},
      {.adjust_db = [&](const std::string&, db::DbConfig& db) { db.port = proxy->port(); },
       .health_interval = std::chrono::milliseconds(100)});
  auto wait_for = [&](bool serving) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::string personnel, overall;
    grpc::StatusCode a = grpc::StatusCode::OK, b = grpc::StatusCode::OK;
    while (std::chrono::steady_clock::now() < deadline) {
      personnel.clear();
      overall.clear();
      a = HealthOf(server, "auxpro.personnel.v1.Personnel", &personnel);
      b = HealthOf(server, "", &overall);
      if (Serving(personnel) == serving && Serving(overall) == serving) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "health codes " << a << "/" << b << ", bytes " << personnel.size() << "/"
                  << overall.size();
    return false;
  };
  ASSERT_TRUE(wait_for(true));
  proxy->Cut();
  EXPECT_TRUE(wait_for(false)) << "health stayed SERVING with the database gone";
  // Calls fail fast meanwhile, with UNAVAILABLE.
  auto stub = personnel::v1::Personnel::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  personnel::v1::ListUnitsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  personnel::v1::ListUnitsResponse units;
  EXPECT_EQ(
      testing::Call(*stub, &personnel::v1::Personnel::Stub::ListUnits, list, &units).error_code(),
      grpc::StatusCode::UNAVAILABLE);
  proxy->Restore();
  EXPECT_TRUE(wait_for(true)) << "health did not come back with the database";
  EXPECT_TRUE(testing::Call(*stub, &personnel::v1::Personnel::Stub::ListUnits, list, &units).ok());
}

}  // namespace
}  // namespace auxpro
