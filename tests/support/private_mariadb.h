#pragma once

// A MariaDB server of one test's own, for fault tests that kill and restart the database without
// touching the shared test MariaDB: its own data directory under a temporary directory
// (mariadb-install-db), a free port on 127.0.0.1, a socket in that directory. Binaries from
// Debian's mariadb-server (mariadbd, mariadb-install-db, the mariadb client).
//
//   testing::PrivateMariaDb mariadb;
//   ASSERT_TRUE(mariadb.ok()) << mariadb.Log();
//   testing::ServerDatabases dbs({"personnel"}, mariadb.RootConfig());
//   mariadb.Kill();   // kill -9, as a crash
//   mariadb.Start();  // same data directory and port; true once it answers

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "libs/db/connection_pool.h"

namespace auxpro::testing {

class PrivateMariaDb {
 public:
  // Installs a fresh data directory and starts the server (waits up to 60 s).
  PrivateMariaDb();
  // Kills the server (SIGKILL) and removes the directory.
  ~PrivateMariaDb();
  PrivateMariaDb(const PrivateMariaDb&) = delete;
  PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;

  // Installed and answering.
  bool ok() const { return ok_; }
  int port() const { return port_; }
  // Root over TCP on 127.0.0.1:port(), without a schema.
  db::DbConfig RootConfig() const;

  // kill -9 of mariadbd, and waits until it is gone.
  void Kill();
  // Starts mariadbd again on the same data directory and port; true once a root connection over
  // TCP answers (waits up to `within`).
  bool Start(std::chrono::seconds within = std::chrono::seconds(60));
  bool running() const { return pid_ > 0; }
  // The server's error log and the install log.
  std::string Log() const;

 private:
  bool Launch();
  bool WaitUntilAnswering(std::chrono::seconds within);

  std::filesystem::path dir_;
  std::string password_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ok_ = false;
};

}  // namespace auxpro::testing
