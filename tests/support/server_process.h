#pragma once

// auxpro-server as a separate process, for tests of the real binary: its databases (a schema and
// a user per service, as deploy/mysql makes them, under a unique prefix) and the child process.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "libs/db/connection_pool.h"

namespace auxpro::testing {

// The names of every module of the server (services/server/modules.cc), for a --target=all run.
std::vector<std::string> AllModuleNames();

// One schema and database user per service under a unique prefix, a secrets directory with the
// users' passwords and a field key, all removed when destroyed.
class ServerDatabases {
 public:
  explicit ServerDatabases(const std::vector<std::string>& services);
  // The same on another MariaDB server (a PrivateMariaDb), given its root credentials.
  ServerDatabases(const std::vector<std::string>& services, const db::DbConfig& root);
  ~ServerDatabases();
  ServerDatabases(const ServerDatabases&) = delete;
  ServerDatabases& operator=(const ServerDatabases&) = delete;

  // --db_host, --db_port, --db_prefix, --db_secrets_dir and --field_key_file.
  std::string Flags() const;
  const std::filesystem::path& dir() const { return dir_; }
  // Root access to a service's schema, for assertions.
  std::unique_ptr<db::ConnectionPool> RootPool(const std::string& service) const;

 private:
  db::DbConfig root_;
  std::string prefix_;
  std::vector<std::string> services_;
  std::filesystem::path dir_;
};

// The auxpro-server binary ($AUXPRO_TEST_SERVER_BIN) started with `args` plus mTLS flags for the
// test certificates and --listen=127.0.0.1:<listen_port>; killed (SIGKILL) when destroyed.
class ServerProcess {
 public:
  ServerProcess(const std::string& args, const std::filesystem::path& log, int listen_port = 0);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // The gRPC port, once the server says it serves (waits up to 30 s); 0 if it never did.
  int WaitUntilServing();
  void Signal(int signal);
  // Waits for the process to end; its exit code, or 128 + signal.
  int Wait();
  // What this process wrote to the log.
  std::string Log() const;
  // The process has not ended (it may still be starting).
  bool Running();

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool exited_ = false;  // reaped by Running(), pid_ kept for Wait()
  std::filesystem::path log_;
  size_t log_start_ = 0;  // the log is appended to across restarts
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

}  // namespace auxpro::testing
