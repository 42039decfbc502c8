// The database users deploy/mysql/service_schema.sql.in makes, applied as written (rendered for
// two scratch services whose names hold `_`): the runtime user has data privileges on its own
// schema only (no CREATE, ALTER, DROP; nothing on another service's schema; no wildcard schema
// such as auxproX<svc>), the migration user creates tables on its own schema only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/common/ids.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;

absl::Status Exec(db::ConnectionPool& pool, const std::string& sql) {
  return pool.Read([&](db::Transaction& tx) { return tx.Exec(sql).status(); });
}

std::unique_ptr<db::ConnectionPool> Connect(const std::string& user, const std::string& password,
                                            const std::string& schema) {
  db::DbConfig config = testing::RootConfig();
  config.user = user;
  config.password = password;
  config.schema = schema;
  config.pool_size = 1;
  auto pool = db::ConnectionPool::Create(config);
  EXPECT_TRUE(pool.ok()) << user << ": " << pool.status();
  return pool.ok() ? std::move(*pool) : nullptr;
}

// A scratch service made by the real template.
struct Service {
  std::string name, schema, password, migrate_password;
  std::unique_ptr<db::ConnectionPool> runtime, migrate;
};

class DbGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto root = db::ConnectionPool::Create(testing::RootConfig());
    ASSERT_TRUE(root.ok()) << root.status();
    root_ = std::move(*root);
    std::ifstream in(std::string(std::getenv("AUXPRO_SOURCE_DIR")) +
                     "/deploy/mysql/service_schema.sql.in");
    std::stringstream text;
    text << in.rdbuf();
    template_ = text.str();
    ASSERT_FALSE(template_.empty());
    a_ = Make("ga_" + NewId("").substr(0, 8));
    b_ = Make("gb_" + NewId("").substr(0, 8));
  }
  void TearDown() override {
    for (Service* s : {&a_, &b_}) {
      s->runtime.reset();
      s->migrate.reset();
      (void)Exec(*root_, absl::StrCat("DROP DATABASE IF EXISTS `", s->schema, "`"));
      (void)Exec(*root_, absl::StrCat("DROP DATABASE IF EXISTS `auxproX", s->name, "`"));
      std::string like = s->schema;
      like[9] = 'X';
      (void)Exec(*root_, absl::StrCat("DROP DATABASE IF EXISTS `", like, "`"));
      (void)Exec(*root_, absl::StrCat("DROP USER IF EXISTS '", s->schema, "'@'%'"));
      (void)Exec(*root_, absl::StrCat("DROP USER IF EXISTS '", s->schema, "_migrate'@'%'"));
    }
  }

  Service Make(const std::string& name) {
    Service s;
    s.name = name;
    s.schema = "auxpro_" + name;
    s.password = "pw-" + NewId("");
    s.migrate_password = "mpw-" + NewId("");
    const std::string sql =
        absl::StrReplaceAll(template_, {{"@SVC_ESC@", absl::StrReplaceAll(name, {{"_", "\\_"}})},
                                        {"@SVC@", name},
                                        {"@PASSWORD@", s.password},
                                        {"@MIGRATE_PASSWORD@", s.migrate_password},
                                        {"@HOST@", "%"}});
    std::string statement;
    for (absl::string_view line : absl::StrSplit(sql, '\n')) {
      if (absl::StartsWith(line, "--")) continue;
      absl::StrAppend(&statement, line, "\n");
      if (absl::EndsWith(line, ";")) {
        EXPECT_TRUE(Exec(*root_, statement).ok()) << statement;
        statement.clear();
      }
    }
    s.migrate = Connect(s.schema + "_migrate", s.migrate_password, s.schema);
    s.runtime = Connect(s.schema, s.password, s.schema);
    return s;
  }

  std::unique_ptr<db::ConnectionPool> root_;
  std::string template_;
  Service a_, b_;
};

TEST_F(DbGrantsTest, TheMigrationUserCreatesTablesAndTheRuntimeUserOnlyUsesThem) {
  ASSERT_TRUE(a_.migrate && a_.runtime);
  ASSERT_TRUE(Exec(*a_.migrate, "CREATE TABLE t (id INT PRIMARY KEY, v INT)").ok());
  EXPECT_TRUE(Exec(*a_.runtime, "INSERT INTO t VALUES (1, 1)").ok());
  EXPECT_TRUE(Exec(*a_.runtime, "UPDATE t SET v = 2 WHERE id = 1").ok());
  EXPECT_TRUE(Exec(*a_.runtime, "DO (SELECT COUNT(*) FROM t)").ok());
  EXPECT_TRUE(Exec(*a_.runtime, "DELETE FROM t WHERE id = 1").ok());
  for (const char* ddl : {"DROP TABLE t", "CREATE TABLE u (id INT)", "ALTER TABLE t ADD w INT",
                          "TRUNCATE TABLE t", "CREATE INDEX iv ON t (v)"}) {
    absl::Status s = Exec(*a_.runtime, ddl);
    EXPECT_FALSE(s.ok()) << ddl;
    EXPECT_THAT(std::string(s.message()), HasSubstr("denied")) << ddl;
  }
  EXPECT_FALSE(Exec(*a_.runtime, absl::StrCat("DROP DATABASE `", a_.schema, "`")).ok());
  EXPECT_FALSE(Exec(*a_.runtime,
                    absl::StrCat("GRANT SELECT ON `", a_.schema, "`.* TO '", b_.schema, "'@'%'"))
                   .ok());
}

TEST_F(DbGrantsTest, NeitherUserReachesAnotherServicesSchema) {
  ASSERT_TRUE(a_.migrate && a_.runtime && b_.migrate);
  ASSERT_TRUE(Exec(*b_.migrate, "CREATE TABLE secret (id INT)").ok());
  for (db::ConnectionPool* pool : {a_.runtime.get(), a_.migrate.get()}) {
    absl::Status read = Exec(*pool, absl::StrCat("SELECT * FROM `", b_.schema, "`.secret"));
    EXPECT_FALSE(read.ok());
    EXPECT_THAT(std::string(read.message()), HasSubstr("denied"));
    EXPECT_FALSE(Exec(*pool, absl::StrCat("INSERT INTO `", b_.schema, "`.secret VALUES (1)")).ok());
    EXPECT_FALSE(Exec(*pool, absl::StrCat("DROP TABLE `", b_.schema, "`.secret")).ok());
  }
}

TEST_F(DbGrantsTest, UnderscoreIsNoWildcardInTheGrants) {
  // Unescaped, `auxpro_ga_x`.* would also match auxproXga_x: the migration user could create
  // such a schema and own it.
  ASSERT_TRUE(a_.migrate);
  absl::Status s = Exec(*a_.migrate, absl::StrCat("CREATE DATABASE `auxproX", a_.name, "`"));
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("denied"));
  std::string like = a_.schema;
  like[9] = 'X';  // auxpro_gaX...: the `_` inside the service name
  EXPECT_FALSE(Exec(*a_.migrate, absl::StrCat("CREATE DATABASE `", like, "`")).ok());
}

}  // namespace
}  // namespace auxpro
