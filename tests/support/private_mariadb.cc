#include "tests/support/private_mariadb.h"

#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/common/ids.h"
#include "tests/support/server_process.h"

namespace auxpro::testing {

namespace fs = std::filesystem;

namespace {

std::string Quote(const std::string& s) { return absl::StrCat("'", s, "'"); }

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The user this test runs as, which mariadbd runs as too (it must be named when that is root).
std::string UserName() {
  const passwd* pw = getpwuid(geteuid());
  return pw != nullptr ? pw->pw_name : "root";
}

}  // namespace

PrivateMariaDb::PrivateMariaDb() {
  char tmpl[] = "/tmp/auxmdb-XXXXXX";  // short: a Unix socket path holds at most 107 bytes
  if (mkdtemp(tmpl) == nullptr) return;
  dir_ = tmpl;
  password_ = NewUuid().substr(0, 16);
  port_ = FreePort();
  fs::create_directories(dir_ / "data");
  const std::string install = absl::StrCat(
      "mariadb-install-db --no-defaults --datadir=", Quote((dir_ / "data").string()),
      " --user=", Quote(UserName()), " --auth-root-authentication-method=normal",
      " --skip-test-db >", Quote((dir_ / "install.log").string()), " 2>&1");
  if (std::system(install.c_str()) != 0) return;
  if (!Launch()) return;
  // Root over the socket (no password on a fresh data directory) gives root@127.0.0.1 (which
  // mariadb-install-db may have made without a password) and root@localhost the password.
  const std::string sql = absl::StrCat(
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '", password_, "'; ",
      "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '", password_, "'; ",
      "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; ",
      "ALTER USER 'root'@'localhost' IDENTIFIED BY '", password_, "'; FLUSH PRIVILEGES;");
  std::ofstream(dir_ / "grant.sql") << sql << "\n";
  const std::string client =
      absl::StrCat("mariadb --no-defaults --protocol=socket --socket=",
                   Quote((dir_ / "mysqld.sock").string()), " -uroot <",
                   Quote((dir_ / "grant.sql").string()), " >>",
                   Quote((dir_ / "install.log").string()), " 2>&1");
  bool granted = false;
  for (int i = 0; i < 300 && !granted && running(); ++i) {
    granted = std::system(client.c_str()) == 0;
    if (!granted) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ok_ = granted && WaitUntilAnswering(std::chrono::seconds(30));
}

PrivateMariaDb::~PrivateMariaDb() {
  Kill();
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

db::DbConfig PrivateMariaDb::RootConfig() const {
  db::DbConfig config;
  config.host = "127.0.0.1";
  config.port = port_;
  config.user = "root";
  config.password = password_;
  config.pool_size = 2;
  return config;
}

bool PrivateMariaDb::Launch() {
  std::vector<std::string> args = {
      "/usr/sbin/mariadbd",
      "--no-defaults",
      absl::StrCat("--datadir=", (dir_ / "data").string()),
      absl::StrCat("--socket=", (dir_ / "mysqld.sock").string()),
      absl::StrCat("--pid-file=", (dir_ / "mysqld.pid").string()),
      absl::StrCat("--log-error=", (dir_ / "mariadb.log").string()),
      absl::StrCat("--port=", port_),
      "--bind-address=127.0.0.1",
      "--skip-name-resolve",  // 127.0.0.1 is the user's host, as the grants name it
      absl::StrCat("--user=", UserName()),
      "--character-set-server=utf8mb4",
      "--collation-server=utf8mb4_unicode_ci",
      "--max-connections=200",
      "--innodb-buffer-pool-size=32M",
  };
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) return false;
  if (pid_ == 0) {
    // Gone with the test: a test binary that dies leaves no database behind. (The signal follows
    // the forking thread, so tests start it from the test's own thread.)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return true;
}

bool PrivateMariaDb::WaitUntilAnswering(std::chrono::seconds within) {
  const auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    if (pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    db::DbConfig config = RootConfig();
    config.pool_size = 1;
    if (db::ConnectionPool::Create(config).ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void PrivateMariaDb::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

bool PrivateMariaDb::Start(std::chrono::seconds within) {
  if (pid_ > 0) return WaitUntilAnswering(within);
  std::error_code ignored;
  fs::remove(dir_ / "mysqld.sock", ignored);
  fs::remove(dir_ / "mysqld.pid", ignored);
  return Launch() && WaitUntilAnswering(within);
}

std::string PrivateMariaDb::Log() const {
  return absl::StrCat("---- mariadb-install-db\n", ReadAll(dir_ / "install.log"),
                      "---- mariadbd\n", ReadAll(dir_ / "mariadb.log"));
}

}  // namespace auxpro::testing
