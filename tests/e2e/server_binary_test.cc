// The real auxpro-server binary: its command line, a bad policy stopping start-up, migrations as
// a separate step, serving over mTLS with health checking, and a graceful stop on SIGTERM (also
// with the grading sweep scheduler running).

#include <arpa/inet.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "services/server/modules.h"
#include "tests/support/raw_call.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string ServerBin() { return testing::RequiredEnv("AUXPRO_TEST_SERVER_BIN"); }

struct ProcessResult {
  int exit_code;
  std::string output;
};

ProcessResult RunServer(const std::string& args) {
  const std::string out = fs::temp_directory_path() / ("auxpro-server-" + std::to_string(getpid()));
  const int rc = std::system((ServerBin() + " " + args + " >" + out + " 2>&1").c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(out);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, text.str()};
}

TEST(ServerBinary, ListTargetsNamesEveryModule) {
  ProcessResult run = RunServer("--list-targets");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("personnel"));
}

TEST(ServerBinary, UnknownTargetAndFlagAreRefused) {
  ProcessResult run = RunServer("--target=nonsense");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("nonsense"));
  run = RunServer("--colour=blue");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("--colour"));
  run = RunServer("--target=grading --grading_sweep_interval_seconds=-1");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("--grading_sweep_interval_seconds"));
  // The sweep's lock holds one connection while its pages use another.
  run = RunServer("--target=grading --grading_sweep_interval_seconds=60 --db_pool_size=1");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("--db_pool_size of at least 2"));
}

TEST(ServerBinary, BadPolicyStopsStartUpNamingTheField) {
  const fs::path dir = fs::temp_directory_path() / ("auxpro-policies-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path source = fs::path(testing::RequiredEnv("AUXPRO_SOURCE_DIR")) / "policies";
  std::ifstream in(source / "haimen.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::string policy = text.str();
  const std::string from = "cap_percent: 15";
  ASSERT_NE(policy.find(from), std::string::npos);
  policy.replace(policy.find(from), from.size(), "cap_percent: 150");
  std::ofstream(dir / "haimen.textproto") << policy;
  ProcessResult run = RunServer(absl::StrCat("--target=all --policies_dir=", dir.string()));
  fs::remove_all(dir);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("annual_rating.cap_percent"));
}

TEST(ServerWithDatabase, MigrateOnlyAppliesMigrationsWithTheServiceUser) {
  testing::ServerDatabases dbs({"personnel"});
  ProcessResult run = RunServer(absl::StrCat("--target=personnel --migrate_only ", dbs.Flags()));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_GT(testing::QueryInt(*dbs.RootPool("personnel"),
                              "SELECT COUNT(*) FROM schema_migrations WHERE component = ?",
                              {"personnel"}),
            0);
  ProcessResult again = RunServer(absl::StrCat("--target=personnel --migrate_only ", dbs.Flags()));
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST(ServerWithDatabase, ServesOverMtlsAndStopsGracefullyOnSigterm) {
  testing::ServerDatabases dbs(testing::AllModuleNames());  // --target=all
  const int health_port = testing::FreePort();
  testing::ServerProcess server(
      absl::StrCat("--target=all --health_listen=127.0.0.1:", health_port, " ", dbs.Flags()),
      dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  auto channel = rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                      testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU"));
  ASSERT_TRUE(channel.ok());
  auto stub = personnel::v1::Personnel::NewStub(*channel);
  personnel::v1::ListUnitsRequest request;
  request.set_parent("jurisdictions/wenjiang");
  personnel::v1::ListUnitsResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Status status = stub->ListUnits(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();

  // The plaintext probe port answers health checks and never serves the API.
  auto plain = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port),
                                   grpc::InsecureChannelCredentials());
  grpc::Status health =
      testing::RawUnaryCall(plain, "/grpc.health.v1.Health/Check",
                            testing::HealthCheckRequest("auxpro.personnel.v1.Personnel"));
  EXPECT_TRUE(health.ok()) << health.error_message();
  auto plain_stub = personnel::v1::Personnel::NewStub(plain);
  grpc::ClientContext plain_context;
  plain_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  EXPECT_EQ(plain_stub->ListUnits(&plain_context, request, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);

  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0) << server.Log();
}

// A listen address another process holds stops start-up with the reason, exit status 1, never a
// crash (the unstarted server was shut down through a null pointer: SIGSEGV).
TEST(ServerWithDatabase, ATakenPortStopsStartUpWithItsReasonNotACrash) {
  testing::ServerDatabases dbs({"personnel"});
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  testing::ServerProcess server(absl::StrCat("--target=personnel ", dbs.Flags()),
                                dbs.dir() / "server.log", port);
  EXPECT_EQ(server.Wait(), 1) << server.Log();
  close(fd);
  EXPECT_THAT(server.Log(), HasSubstr(absl::StrCat("cannot listen on 127.0.0.1:", port)));
}

// --grading_sweep_interval_seconds starts the grading sweep in the server; SIGTERM stops it with
// the relays and the process exits cleanly.
TEST(ServerWithDatabase, GradingSweepSchedulerRunsAndStopsOnSigterm) {
  testing::ServerDatabases dbs({"grading"});
  testing::ServerProcess server(
      absl::StrCat("--target=grading --grading_sweep_interval_seconds=1 --drain_delay_seconds=0 ",
                   dbs.Flags()),
      dbs.dir() / "server.log");
  ASSERT_GT(server.WaitUntilServing(), 0) << server.Log();
  bool ticked = false;
  for (int i = 0; i < 100 && !ticked; ++i) {
    ticked = server.Log().find("\"msg\":\"sweep tick\",\"jurisdiction\":\"wenjiang\"") !=
             std::string::npos;
    if (!ticked) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(ticked) << server.Log();
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0) << server.Log();
  EXPECT_THAT(server.Log(), HasSubstr("sweep scheduler stopped"));
}

}  // namespace
}  // namespace auxpro
