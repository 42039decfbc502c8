#include "tests/support/server_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "libs/db/transaction.h"
#include "libs/outbox/outbox.h"
#include "services/server/modules.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

std::vector<std::string> AllModuleNames() {
  std::vector<std::string> names;
  for (const auto& module : server::AllModules()) names.push_back(module.name);
  return names;
}

namespace fs = std::filesystem;

namespace {

// Aborts on a failure unless `best_effort` (the clean-up, when a test left its database down).
void RootExec(const db::DbConfig& config, const std::vector<std::string>& statements,
              bool best_effort = false) {
  auto root = db::ConnectionPool::Create(config);
  if (!root.ok() && best_effort) return;
  if (!root.ok()) {
    std::cerr << "test database: " << root.status() << std::endl;
    std::abort();
  }
  absl::Status s = (*root)->Read([&](db::Transaction& tx) -> absl::Status {
    for (const std::string& sql : statements) {
      if (auto done = tx.Exec(sql); !done.ok()) return done.status();
    }
    return absl::OkStatus();
  });
  if (!s.ok() && !best_effort) {
    std::cerr << "test database: " << s << std::endl;
    std::abort();
  }
}

}  // namespace

ServerDatabases::ServerDatabases(const std::vector<std::string>& services)
    : ServerDatabases(services, RootConfig()) {}

ServerDatabases::ServerDatabases(const std::vector<std::string>& services,
                                 const db::DbConfig& root)
    : root_(root),
      prefix_(absl::StrCat("auxpro_t", NewUuid().substr(0, 8), "_")),
      services_(services),
      dir_(fs::temp_directory_path() / prefix_) {
  fs::create_directories(dir_);
  std::vector<std::string> sql;
  for (const std::string& service : services_) {
    const std::string name = prefix_ + service;
    const std::string password = "pw-" + NewUuid();
    sql.push_back(absl::StrCat("CREATE DATABASE ", name,
                               " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
    sql.push_back(
        absl::StrCat("CREATE USER '", name, "'@'127.0.0.1' IDENTIFIED BY '", password, "'"));
    // Runtime and migration user in one here (the binary migrates at start); `_` escaped.
    sql.push_back(absl::StrCat("GRANT ALL PRIVILEGES ON `",
                               absl::StrReplaceAll(name, {{"_", "\\_"}}), "`.* TO '", name,
                               "'@'127.0.0.1'"));
    std::ofstream(dir_ / (service + ".password")) << password;
  }
  RootExec(root_, sql);
  std::ofstream(dir_ / "field.key") << TestFieldKeyHex() << "\n";
}

ServerDatabases::~ServerDatabases() {
  std::vector<std::string> sql;
  for (const std::string& service : services_) {
    sql.push_back(absl::StrCat("DROP DATABASE IF EXISTS ", prefix_, service));
    sql.push_back(absl::StrCat("DROP USER IF EXISTS '", prefix_, service, "'@'127.0.0.1'"));
  }
  RootExec(root_, sql, /*best_effort=*/true);
  fs::remove_all(dir_);
}

std::string ServerDatabases::Flags() const {
  return absl::StrCat("--db_host=", root_.host, " --db_port=", root_.port, " --db_prefix=", prefix_,
                      " --db_secrets_dir=", dir_.string(),
                      " --field_key_file=", (dir_ / "field.key").string());
}

std::unique_ptr<db::ConnectionPool> ServerDatabases::RootPool(const std::string& service) const {
  db::DbConfig config = root_;
  config.schema = prefix_ + service;
  auto pool = db::ConnectionPool::Create(config);
  if (!pool.ok()) {
    std::cerr << "test database: " << pool.status() << std::endl;
    std::abort();
  }
  return std::move(*pool);
}

ServerProcess::ServerProcess(const std::string& args, const fs::path& log, int listen_port)
    : log_(log) {
  std::error_code ignored;
  if (fs::exists(log_)) log_start_ = fs::file_size(log_, ignored);
  const rpc::TlsFiles tls = ServerIdentity();
  const std::string command =
      absl::StrCat("exec ", RequiredEnv("AUXPRO_TEST_SERVER_BIN"), " ", args,
                   " --listen=127.0.0.1:", listen_port, " --tls_cert=", tls.cert,
                   " --tls_key=", tls.key, " --tls_client_ca=", tls.ca);
  pid_ = fork();
  if (pid_ == 0) {
    const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
    _exit(127);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ServerProcess::Log() const {
  std::ifstream in(log_);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > log_start_ ? all.substr(log_start_) : "";
}

int ServerProcess::WaitUntilServing() {
  if (exited_) return 0;
  for (int i = 0; i < 300; ++i) {
    const std::string log = Log();
    const size_t started = log.find("serving ");
    const size_t at = log.find(" on port ", started == std::string::npos ? 0 : started);
    if (started != std::string::npos && at != std::string::npos) {
      return std::atoi(log.c_str() + at + 9);
    }
    if (pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

bool ServerProcess::Running() {
  if (pid_ <= 0) return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) {
    exited_ = true;
    return false;
  }
  return true;
}

void ServerProcess::Signal(int signal) {
  if (pid_ > 0 && !exited_) kill(pid_, signal);
}

int ServerProcess::Wait() {
  if (pid_ <= 0) return -1;
  int status = status_;
  if (!exited_) waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

}  // namespace auxpro::testing
