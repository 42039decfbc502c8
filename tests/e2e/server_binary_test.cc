// The real auxpro-server binary: its command line, a bad policy stopping start-up, migrations as
// a separate step, serving over mTLS with health checking, and a graceful stop on SIGTERM.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <signal.h>
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

// A database user of its own on a scratch schema, as deploy/mysql gives each service.
class ServerWithDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    prefix_ = absl::StrCat(schema_.name(), "_");
    // The server derives user and schema as <prefix>personnel.
    auto root = db::ConnectionPool::Create(testing::RootConfig());
    ASSERT_TRUE(root.ok()) << root.status();
    const std::string name = prefix_ + "personnel";
    ASSERT_TRUE((*root)
                    ->Read([&](db::Transaction& tx) -> absl::Status {
                      for (const std::string& sql :
                           {absl::StrCat("CREATE DATABASE ", name,
                                         " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"),
                            absl::StrCat("CREATE USER '", name, "'@'127.0.0.1' IDENTIFIED BY 'pw-",
                                         name, "'"),
                            absl::StrCat("GRANT ALL PRIVILEGES ON ", name, ".* TO '", name,
                                         "'@'127.0.0.1'")}) {
                        if (auto s = tx.Exec(sql); !s.ok()) return s.status();
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    secrets_ = fs::temp_directory_path() / ("auxpro-secrets-" + std::to_string(getpid()));
    fs::create_directories(secrets_);
    std::ofstream(secrets_ / "personnel.password") << "pw-" << name;
    std::ofstream(secrets_ / "field.key") << testing::TestFieldKeyHex() << "\n";
    db_flags_ = absl::StrCat("--db_host=127.0.0.1 --db_port=", testing::RootConfig().port,
                             " --db_prefix=", prefix_, " --db_secrets_dir=", secrets_.string());
  }
  void TearDown() override {
    auto root = db::ConnectionPool::Create(testing::RootConfig());
    if (root.ok()) {
      const std::string name = prefix_ + "personnel";
      (void)(*root)->Read([&](db::Transaction& tx) -> absl::Status {
        (void)tx.Exec(absl::StrCat("DROP DATABASE IF EXISTS ", name));
        (void)tx.Exec(absl::StrCat("DROP USER IF EXISTS '", name, "'@'127.0.0.1'"));
        return absl::OkStatus();
      });
    }
    fs::remove_all(secrets_);
  }
  testing::ScratchSchema schema_;  // its unique name prefixes the service schema and user
  std::string prefix_;
  fs::path secrets_;
  std::string db_flags_;
};

TEST_F(ServerWithDatabase, MigrateOnlyAppliesMigrationsWithTheServiceUser) {
  ProcessResult run = RunServer(absl::StrCat("--target=personnel --migrate_only ", db_flags_));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  ProcessResult again = RunServer(absl::StrCat("--target=personnel --migrate_only ", db_flags_));
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST_F(ServerWithDatabase, ServesOverMtlsAndStopsGracefullyOnSigterm) {
  const fs::path log = secrets_ / "server.log";
  const rpc::TlsFiles tls = testing::ServerIdentity();
  const std::string cmd =
      absl::StrCat(ServerBin(), " --target=all --listen=127.0.0.1:0 --tls_cert=", tls.cert,
                   " --tls_key=", tls.key, " --tls_client_ca=", tls.ca,
                   " --field_key_file=", (secrets_ / "field.key").string(), " ", db_flags_);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), nullptr);
    _exit(127);
  }
  // Wait (bounded) for "on port N".
  int port = 0;
  for (int i = 0; i < 300 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    const size_t at = s.find(" on port ");
    if (at != std::string::npos) port = std::atoi(s.c_str() + at + 9);
  }
  ASSERT_GT(port, 0) << "server did not start";
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
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
}

}  // namespace
}  // namespace auxpro
