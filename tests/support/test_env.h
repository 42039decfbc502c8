#pragma once

// What tests need from the machine: the MariaDB and certificates that deploy/local/test.sh
// prepares (AUXPRO_TEST_* environment). A test that needs them fails loudly when they are absent.

#include <memory>
#include <string>
#include <vector>

#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"
#include "libs/rpc/tls_files.h"

namespace auxpro::testing {

// The value of an environment variable; aborts the test binary with a clear message if unset.
std::string RequiredEnv(const char* name);

// Root credentials of the test MariaDB, without a schema.
db::DbConfig RootConfig();

// A new empty schema for one test, dropped when destroyed.
class ScratchSchema {
 public:
  ScratchSchema();
  ~ScratchSchema();
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return config_.schema; }
  const db::DbConfig& config() const { return config_; }
  std::unique_ptr<db::ConnectionPool> Pool(int size = 4) const;
  // A database user that holds, like a service's own user (deploy/mysql), privileges on this
  // schema only; made on first use, dropped with the schema.
  const db::DbConfig& ServiceUser();

 private:
  db::DbConfig config_;
  db::DbConfig service_user_;
};

// Certificates made by deploy/local/certs.sh.
std::string CertsDir();
rpc::TlsFiles ServerIdentity();
// kind: "ENFORCEMENT_BUREAU", ..., "NO_URI"; jurisdiction "system" with kind "SERVICE".
rpc::TlsFiles ClientIdentity(const std::string& jurisdiction, const std::string& kind);
// The SPIFFE id of the test SERVICE certificate (clients/system/SERVICE.crt), which test servers
// trust as a service identity.
std::string TestServiceId();
// A client certificate signed by another CA.
rpc::TlsFiles RogueIdentity();

// The first column of the first row of a query (a COUNT, an id), or -1 with a test failure.
int64_t QueryInt(db::ConnectionPool& pool, const std::string& sql,
                 const std::vector<db::Param>& params = {});

// A fixed field-encryption key for tests (64 hex characters).
std::string TestFieldKeyHex();

}  // namespace auxpro::testing
