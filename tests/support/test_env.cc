#include "tests/support/test_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "libs/db/transaction.h"
#include "libs/outbox/outbox.h"

namespace auxpro::testing {

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::cerr << "test environment: " << name
              << " is not set; run the tests with `bash deploy/local/test.sh`" << std::endl;
    std::abort();
  }
  return value;
}

db::DbConfig RootConfig() {
  db::DbConfig config;
  config.host = RequiredEnv("AUXPRO_TEST_MYSQL_HOST");
  config.port = std::atoi(RequiredEnv("AUXPRO_TEST_MYSQL_PORT").c_str());
  config.user = RequiredEnv("AUXPRO_TEST_MYSQL_USER");
  config.password = RequiredEnv("AUXPRO_TEST_MYSQL_PASSWORD");
  return config;
}

namespace {

void ExecAsRoot(const std::string& sql) {
  auto pool = db::ConnectionPool::Create(RootConfig());
  if (!pool.ok()) {
    std::cerr << "test database: " << pool.status() << std::endl;
    std::abort();
  }
  absl::Status s = (*pool)->Read([&](db::Transaction& tx) { return tx.Exec(sql).status(); });
  if (!s.ok()) {
    std::cerr << "test database: " << sql << ": " << s << std::endl;
    std::abort();
  }
}

}  // namespace

ScratchSchema::ScratchSchema() {
  config_ = RootConfig();
  std::string id = NewUuid().substr(0, 8);
  config_.schema = absl::StrCat("auxpro_test_", id);
  ExecAsRoot(absl::StrCat("CREATE DATABASE ", config_.schema,
                          " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
}

ScratchSchema::~ScratchSchema() {
  if (!service_user_.user.empty()) {
    ExecAsRoot(absl::StrCat("DROP USER IF EXISTS '", service_user_.user, "'@'%'"));
  }
  ExecAsRoot(absl::StrCat("DROP DATABASE IF EXISTS ", config_.schema));
}

const db::DbConfig& ScratchSchema::ServiceUser() {
  if (!service_user_.user.empty()) return service_user_;
  service_user_ = config_;
  service_user_.user = absl::StrCat("u_", config_.schema.substr(config_.schema.size() - 8));
  service_user_.password = "pw-" + NewUuid();
  ExecAsRoot(absl::StrCat("CREATE USER '", service_user_.user, "'@'%' IDENTIFIED BY '",
                          service_user_.password, "'"));
  // As deploy/mysql/service_schema.sql.in grants a service's runtime user: data privileges only,
  // on its own schema, with `_` escaped (unescaped it is a wildcard).
  ExecAsRoot(absl::StrCat("GRANT SELECT, INSERT, UPDATE, DELETE ON `",
                          absl::StrReplaceAll(config_.schema, {{"_", "\\_"}}), "`.* TO '",
                          service_user_.user, "'@'%'"));
  return service_user_;
}

std::unique_ptr<db::ConnectionPool> ScratchSchema::Pool(int size) const {
  db::DbConfig config = config_;
  config.pool_size = size;
  auto pool = db::ConnectionPool::Create(config);
  if (!pool.ok()) {
    std::cerr << "test database: " << pool.status() << std::endl;
    std::abort();
  }
  return std::move(*pool);
}

std::string CertsDir() { return RequiredEnv("AUXPRO_TEST_CERTS_DIR"); }

rpc::TlsFiles ServerIdentity() {
  const std::string dir = CertsDir();
  return {dir + "/server.crt", dir + "/server.key", dir + "/ca.crt"};
}

rpc::TlsFiles ClientIdentity(const std::string& jurisdiction, const std::string& kind) {
  const std::string dir = CertsDir();
  const std::string base = absl::StrCat(dir, "/clients/", jurisdiction, "/", kind);
  return {base + ".crt", base + ".key", dir + "/ca.crt"};
}

std::string TestServiceId() {
  auto id = rpc::SpiffeIdOfCertificate(ClientIdentity("system", "SERVICE").cert);
  if (!id.ok()) {
    std::cerr << "test certificates: " << id.status() << std::endl;
    std::abort();
  }
  return *id;
}

rpc::TlsFiles RogueIdentity() {
  const std::string dir = CertsDir();
  return {dir + "/rogue/client.crt", dir + "/rogue/client.key", dir + "/ca.crt"};
}

int64_t QueryInt(db::ConnectionPool& pool, const std::string& sql,
                 const std::vector<db::Param>& params) {
  int64_t value = -1;
  absl::Status s = pool.Read([&](db::Transaction& tx) -> absl::Status {
    auto row = tx.QueryOne(sql, params);
    if (!row.ok()) return row.status();
    if (*row) value = (*row)->Int(0);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << sql << ": " << s;
  return value;
}

std::string TestFieldKeyHex() {
  return "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
}

}  // namespace auxpro::testing
