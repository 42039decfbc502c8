// libs/db against the real MariaDB: connection pool, transactions, reconnects, error mapping and
// migrations.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/db/connection_pool.h"
#include "libs/db/migrations.h"
#include "libs/db/sql_error.h"
#include "libs/db/transaction.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;

class DbPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    Exec(*pool_,
         "CREATE TABLE items (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL) "
         "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  static void Exec(db::ConnectionPool& pool, const std::string& sql,
                   const std::vector<db::Param>& params = {}) {
    absl::Status s = pool.Read([&](db::Transaction& tx) { return tx.Exec(sql, params).status(); });
    ASSERT_TRUE(s.ok()) << sql << ": " << s;
  }

  static int64_t Count(db::ConnectionPool& pool, const std::string& table) {
    return testing::QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }

  // The server-side id of the connection `tx` runs on.
  static absl::StatusOr<int64_t> ConnectionId(db::Transaction& tx) {
    auto row = tx.QueryOne("SELECT CONNECTION_ID()");
    if (!row.ok()) return row.status();
    return (*row)->Int(0);
  }

  // The server-side id of the (only) connection of a pool of size 1; 0 on failure.
  static int64_t IdOfPooledConnection(db::ConnectionPool& pool) {
    int64_t id = 0;
    absl::Status s = pool.Read([&](db::Transaction& tx) -> absl::Status {
      auto found = ConnectionId(tx);
      if (!found.ok()) return found.status();
      id = *found;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return id;
  }

  // Kills a server connection from a separate root connection and waits until it is gone.
  static void KillConnection(int64_t id) {
    auto root = db::ConnectionPool::Create(testing::RootConfig());
    ASSERT_TRUE(root.ok()) << root.status();
    Exec(**root, absl::StrCat("KILL CONNECTION ", id));
    for (int i = 0; i < 500; ++i) {
      int64_t left = -1;
      absl::Status s = (*root)->Read([&](db::Transaction& tx) -> absl::Status {
        auto row =
            tx.QueryOne("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", {id});
        if (!row.ok()) return row.status();
        left = (*row)->Int(0);
        return absl::OkStatus();
      });
      ASSERT_TRUE(s.ok()) << s;
      if (left == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    FAIL() << "connection " << id << " still listed after KILL";
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

// ---------------------------------------------------------------------------------------------
// Text and transactions

TEST_F(DbPoolTest, ChineseTextRoundTripsAsUtf8mb4) {
  const std::string name = "张三 一中队";
  Exec(*pool_, "INSERT INTO items (id, name) VALUES (?, ?)", {1, name});
  Exec(*pool_, "INSERT INTO items (id, name) VALUES (?, ?)", {2, "emoji 😀 𠀀"});  // 4-byte UTF-8
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    auto row =
        tx.QueryOne("SELECT name, CHAR_LENGTH(name), LENGTH(name) FROM items WHERE id = ?", {1});
    if (!row.ok()) return row.status();
    EXPECT_TRUE(row->has_value());
    EXPECT_EQ((*row)->Str(0), name);
    EXPECT_EQ((*row)->Int(1), 6);   // characters
    EXPECT_EQ((*row)->Int(2), 16);  // bytes: five 3-byte characters and a space
    auto by_name = tx.Query("SELECT id FROM items WHERE name = ?", {name});
    if (!by_name.ok()) return by_name.status();
    EXPECT_EQ(by_name->size(), 1u);
    auto emoji = tx.QueryOne("SELECT name, CHAR_LENGTH(name) FROM items WHERE id = ?", {2});
    if (!emoji.ok()) return emoji.status();
    EXPECT_EQ((*emoji)->Str(0), "emoji 😀 𠀀");
    EXPECT_EQ((*emoji)->Int(1), 9);
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
}

TEST_F(DbPoolTest, NullParamsAndColumnsRoundTrip) {
  Exec(*pool_, "CREATE TABLE opt (id INT PRIMARY KEY, note VARCHAR(10) NULL)");
  Exec(*pool_, "INSERT INTO opt VALUES (?, ?), (?, ?)",
       {1, db::Param::NullIfEmpty(""), 2, db::Param::NullIfEmpty("x")});
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    auto rows = tx.Query("SELECT id, note FROM opt ORDER BY id");
    if (!rows.ok()) return rows.status();
    EXPECT_EQ(rows->size(), 2u);
    EXPECT_TRUE((*rows)[0].IsNull(1));
    EXPECT_EQ((*rows)[0].Str(1), "");
    EXPECT_FALSE((*rows)[1].IsNull(1));
    EXPECT_EQ((*rows)[1].Str(1), "x");
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
}

TEST_F(DbPoolTest, TransactCommitsWhenTheFunctionReturnsOk) {
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    auto n = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 1);
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {2, "b"}).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count(*pool_, "items"), 2);
}

TEST_F(DbPoolTest, TransactRollsBackWhenTheFunctionReturnsAnError) {
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    auto n = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
    if (!n.ok()) return n.status();
    return absl::FailedPreconditionError("refused by a rule");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "refused by a rule");
  EXPECT_EQ(Count(*pool_, "items"), 0);
}

TEST_F(DbPoolTest, TransactRollsBackWhenTheFunctionThrows) {
  auto small = schema_.Pool(1);  // the same connection is reused afterwards
  absl::Status s = small->Transact([](db::Transaction& tx) -> absl::Status {
    auto n = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
    if (!n.ok()) return n.status();
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(s.message(), HasSubstr("boom"));
  EXPECT_EQ(Count(*pool_, "items"), 0);
  // The connection went back clean: the next transaction on it is not inside the old one.
  absl::Status next = small->Transact([](db::Transaction& tx) {
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {2, "b"}).status();
  });
  ASSERT_TRUE(next.ok()) << next;
  EXPECT_EQ(Count(*pool_, "items"), 1);
}

TEST_F(DbPoolTest, UncommittedRowsAreInvisibleToOtherConnections) {
  std::latch inserted(1);
  std::latch checked(1);
  std::thread writer([&] {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      auto n = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
      inserted.count_down();
      checked.wait();
      return n.status();
    });
    EXPECT_TRUE(s.ok()) << s;
  });
  inserted.wait();
  EXPECT_EQ(Count(*pool_, "items"), 0);
  checked.count_down();
  writer.join();
  EXPECT_EQ(Count(*pool_, "items"), 1);
}

TEST_F(DbPoolTest, DuplicateKeyIsAlreadyExistsWithMysqlErrno1062) {
  Exec(*pool_, "INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
  absl::Status s = pool_->Transact([](db::Transaction& tx) {
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "again"}).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(db::MysqlErrno(s), db::kErrDuplicateEntry);
  EXPECT_EQ(db::MysqlErrno(absl::OkStatus()), 0);
}

TEST_F(DbPoolTest, SqlSyntaxErrorIsInternalWithItsErrno) {
  absl::Status s = pool_->Read(
      [](db::Transaction& tx) { return tx.Query("SELECT * FROM no_such_table").status(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(db::MysqlErrno(s), 1146);
}

TEST_F(DbPoolTest, LockWaitTimeoutIsAborted) {
  Exec(*pool_, "INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
  std::latch locked(1);
  std::latch done(1);
  std::thread holder([&] {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      auto row = tx.QueryOne("SELECT name FROM items WHERE id = ? FOR UPDATE", {1});
      locked.count_down();
      done.wait();
      return row.status();
    });
    EXPECT_TRUE(s.ok()) << s;
  });
  locked.wait();
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    if (auto set = tx.Exec("SET SESSION innodb_lock_wait_timeout = 1"); !set.ok()) {
      return set.status();
    }
    return tx.Exec("UPDATE items SET name = ? WHERE id = ?", {"b", 1}).status();
  });
  done.count_down();
  holder.join();
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
  EXPECT_EQ(db::MysqlErrno(s), db::kErrLockWaitTimeout);
}

// ---------------------------------------------------------------------------------------------
// Leases

TEST_F(DbPoolTest, ALeaseIsExclusiveAndASecondAcquireTimesOutUnavailable) {
  db::DbConfig config = schema_.config();
  config.pool_size = 1;
  config.checkout_timeout = std::chrono::milliseconds(50);
  auto pool = db::ConnectionPool::Create(config);
  ASSERT_TRUE(pool.ok()) << pool.status();
  {
    auto first = (*pool)->Acquire();
    ASSERT_TRUE(first.ok()) << first.status();
    auto second = (*pool)->Acquire();
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
    // Transact and Read need a lease too.
    absl::Status tx = (*pool)->Transact([](db::Transaction&) { return absl::OkStatus(); });
    EXPECT_EQ(tx.code(), absl::StatusCode::kUnavailable);
  }
  auto again = (*pool)->Acquire();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*pool)->connections_opened(), 1);  // the returned connection was reused
}

TEST_F(DbPoolTest, AReturnedLeaseWakesAWaiter) {
  db::DbConfig config = schema_.config();
  config.pool_size = 1;
  config.checkout_timeout = std::chrono::seconds(30);
  auto pool = db::ConnectionPool::Create(config);
  ASSERT_TRUE(pool.ok()) << pool.status();
  auto first = std::make_unique<db::Lease>(*(*pool)->Acquire());
  std::latch waiting(1);
  absl::Status waiter_status = absl::UnknownError("not run");
  std::thread waiter([&] {
    waiting.count_down();
    auto lease = (*pool)->Acquire();
    waiter_status = lease.status();
  });
  waiting.wait();
  first.reset();  // returns the only connection
  waiter.join();
  EXPECT_TRUE(waiter_status.ok()) << waiter_status;
}

TEST_F(DbPoolTest, ConcurrentLeasesAreDistinctConnections) {
  auto a = pool_->Acquire();
  auto b = pool_->Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  db::Transaction ta(*a);
  db::Transaction tb(*b);
  auto ida = ConnectionId(ta);
  auto idb = ConnectionId(tb);
  ASSERT_TRUE(ida.ok() && idb.ok());
  EXPECT_NE(*ida, *idb);
}

TEST_F(DbPoolTest, PoolSizeMustBePositive) {
  db::DbConfig config = schema_.config();
  config.pool_size = 0;
  auto pool = db::ConnectionPool::Create(config);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DbPoolTest, WrongPasswordFailsAtCreate) {
  db::DbConfig config = schema_.config();
  config.password += "-wrong";
  auto pool = db::ConnectionPool::Create(config);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(db::MysqlErrno(pool.status()), 1045);
}

// ---------------------------------------------------------------------------------------------
// Reconnects

TEST_F(DbPoolTest, ReadIsRetriedOnceOnAFreshConnectionAfterItsConnectionWasKilled) {
  auto pool = schema_.Pool(1);
  Exec(*pool, "INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"});
  const int64_t killed = IdOfPooledConnection(*pool);
  ASSERT_GT(killed, 0);
  KillConnection(killed);
  const int64_t opened = pool->connections_opened();

  int calls = 0;
  int64_t served_by = 0;
  std::string name;
  absl::Status s = pool->Read([&](db::Transaction& tx) -> absl::Status {
    ++calls;
    auto row = tx.QueryOne("SELECT name, CONNECTION_ID() FROM items WHERE id = ?", {1});
    if (!row.ok()) return row.status();
    name = (*row)->Str(0);
    served_by = (*row)->Int(1);
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(name, "a");
  EXPECT_EQ(calls, 2);
  EXPECT_NE(served_by, killed);
  EXPECT_EQ(pool->connections_opened(), opened + 1);
}

TEST_F(DbPoolTest, ReadThatFailsForAnotherReasonIsNotRetried) {
  int calls = 0;
  absl::Status s = pool_->Read([&](db::Transaction& tx) {
    ++calls;
    return tx.Query("SELECT nope FROM items").status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(calls, 1);
}

TEST_F(DbPoolTest, TransactOnAKilledIdleConnectionBeginsAgainOnAFreshOne) {
  auto pool = schema_.Pool(1);
  const int64_t killed = IdOfPooledConnection(*pool);
  ASSERT_GT(killed, 0);
  KillConnection(killed);
  const int64_t opened = pool->connections_opened();

  // START TRANSACTION finds the connection dead before the function runs: the pool discards it
  // and begins on a fresh connection; the function runs once.
  int calls = 0;
  absl::Status s = pool->Transact([&](db::Transaction& tx) {
    ++calls;
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "a"}).status();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Count(*pool_, "items"), 1);
  EXPECT_EQ(pool->connections_opened(), opened + 1);
}

// A database restart kills every connection at once. The first lost one found takes the idle
// ones with it, so no later call fails on a dead connection once the database answers again.
TEST_F(DbPoolTest, ALostConnectionDiscardsTheIdleOnesSoNoLaterCallFailsOnADeadOne) {
  auto pool = schema_.Pool(4);
  std::vector<int64_t> ids;
  {
    std::vector<db::Lease> leases;
    for (int i = 0; i < 4; ++i) {
      auto lease = pool->Acquire();
      ASSERT_TRUE(lease.ok()) << lease.status();
      db::Transaction tx(*lease);
      auto id = ConnectionId(tx);
      ASSERT_TRUE(id.ok()) << id.status();
      ids.push_back(*id);
      leases.push_back(std::move(*lease));
    }
  }  // four idle connections
  for (int64_t id : ids) ASSERT_NO_FATAL_FAILURE(KillConnection(id));

  for (int i = 0; i < 4; ++i) {
    absl::Status s = pool->Transact([&](db::Transaction& tx) {
      return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {10 + i, "after"}).status();
    });
    EXPECT_TRUE(s.ok()) << "transaction " << i << ": " << s;
  }
  EXPECT_EQ(Count(*pool_, "items"), 4);
}

TEST_F(DbPoolTest, TransactWhoseConnectionDiesBeforeCommitIsUnavailableAndNotRetried) {
  auto pool = schema_.Pool(1);
  std::atomic<int> calls{0};
  absl::Status s = pool->Transact([&](db::Transaction& tx) -> absl::Status {
    ++calls;
    auto inserted = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {calls.load(), "x"});
    if (!inserted.ok()) return inserted.status();
    auto id = ConnectionId(tx);
    if (!id.ok()) return id.status();
    KillConnection(*id);  // the COMMIT that follows finds the connection gone
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_EQ(calls.load(), 1);
  const int64_t rows = Count(*pool_, "items");
  // Not run again (never two) and rolled back by the server with the killed connection.
  EXPECT_EQ(rows, 0);

  absl::Status next = pool->Transact([&](db::Transaction& tx) {
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {9, "after"}).status();
  });
  EXPECT_TRUE(next.ok()) << next;
}

TEST_F(DbPoolTest, TransactWhoseConnectionDiesMidwayIsUnavailableAndNotRetried) {
  auto pool = schema_.Pool(1);
  int calls = 0;
  absl::Status s = pool->Transact([&](db::Transaction& tx) -> absl::Status {
    ++calls;
    auto inserted = tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {1, "x"});
    if (!inserted.ok()) return inserted.status();
    auto id = ConnectionId(tx);
    if (!id.ok()) return id.status();
    KillConnection(*id);
    return tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {2, "y"}).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Count(*pool_, "items"), 0);
}

// ---------------------------------------------------------------------------------------------
// Migrations

class MigrationsTest : public DbPoolTest {
 protected:
  std::vector<EmbeddedFile> Files() {
    return {
        {"0001_create_notes.sql",
         "-- notes; a comment line that ends with a semicolon;\n"
         "CREATE TABLE notes (\n"
         "  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
         "  body VARCHAR(64) NOT NULL\n"
         ");\n"
         "CREATE TABLE tags (name VARCHAR(16) NOT NULL);\n"},
        // No key: running it twice would leave two rows.
        {"0002_seed_notes.sql", "INSERT INTO notes (body) VALUES ('第一条; 中文');\n"},
        {"0003_add_column.sql", "ALTER TABLE notes ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT 0;"},
    };
  }

  std::vector<std::pair<int64_t, std::string>> Recorded(const std::string& component) {
    std::vector<std::pair<int64_t, std::string>> out;
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      auto rows = tx.Query(
          "SELECT version, name, checksum FROM schema_migrations WHERE component = ? "
          "ORDER BY version",
          {component});
      if (!rows.ok()) return rows.status();
      for (const db::Row& r : *rows) {
        EXPECT_EQ(r.Str(2).size(), 64u);
        out.emplace_back(r.Int(0), r.Str(1));
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }
};

TEST_F(MigrationsTest, AppliesEveryFileInOrderAndRecordsIt) {
  absl::Status s = db::ApplyMigrations(*pool_, "notes", Files());
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count(*pool_, "notes"), 1);
  EXPECT_EQ(Count(*pool_, "tags"), 0);
  absl::Status read = pool_->Read([](db::Transaction& tx) -> absl::Status {
    auto row = tx.QueryOne("SELECT body, pinned FROM notes");
    if (!row.ok()) return row.status();
    EXPECT_EQ((*row)->Str(0), "第一条; 中文");
    EXPECT_FALSE((*row)->Bool(1));
    return absl::OkStatus();
  });
  ASSERT_TRUE(read.ok()) << read;
  using P = std::pair<int64_t, std::string>;
  EXPECT_THAT(Recorded("notes"),
              ::testing::ElementsAre(P{1, "0001_create_notes.sql"}, P{2, "0002_seed_notes.sql"},
                                     P{3, "0003_add_column.sql"}));
}

TEST_F(MigrationsTest, ASecondRunIsANoOp) {
  ASSERT_TRUE(db::ApplyMigrations(*pool_, "notes", Files()).ok());
  absl::Status again = db::ApplyMigrations(*pool_, "notes", Files());
  ASSERT_TRUE(again.ok()) << again;
  EXPECT_EQ(Count(*pool_, "notes"), 1);
  EXPECT_EQ(Recorded("notes").size(), 3u);
}

TEST_F(MigrationsTest, ANewFileIsAppliedOnTheNextRun) {
  auto files = Files();
  files.pop_back();
  ASSERT_TRUE(db::ApplyMigrations(*pool_, "notes", files).ok());
  EXPECT_EQ(Recorded("notes").size(), 2u);
  ASSERT_TRUE(db::ApplyMigrations(*pool_, "notes", Files()).ok());
  EXPECT_EQ(Recorded("notes").size(), 3u);
  EXPECT_EQ(Count(*pool_, "notes"), 1);
}

TEST_F(MigrationsTest, AChangedAppliedFileIsFailedPrecondition) {
  ASSERT_TRUE(db::ApplyMigrations(*pool_, "notes", Files()).ok());
  auto files = Files();
  files[1].content = "INSERT INTO notes (body) VALUES ('edited');\n";
  absl::Status s = db::ApplyMigrations(*pool_, "notes", files);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
  EXPECT_THAT(s.message(), HasSubstr("0002_seed_notes.sql"));
  EXPECT_EQ(Count(*pool_, "notes"), 1);
}

TEST_F(MigrationsTest, ComponentsAreVersionedIndependently) {
  ASSERT_TRUE(db::ApplyMigrations(*pool_, "notes", Files()).ok());
  absl::Status s = db::ApplyMigrations(
      *pool_, "other", {{"0001_other.sql", "INSERT INTO tags (name) VALUES ('other');"}});
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count(*pool_, "tags"), 1);
  EXPECT_EQ(Recorded("other").size(), 1u);
}

TEST_F(MigrationsTest, AFailingMigrationIsNotRecordedAndStopsTheRun) {
  auto files = Files();
  files[1].content = "INSERT INTO no_such_table VALUES (1);\n";
  absl::Status s = db::ApplyMigrations(*pool_, "notes", files);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("0002_seed_notes.sql"));
  EXPECT_EQ(Recorded("notes").size(), 1u);  // 0003 not attempted, 0002 not recorded
  // Fixed file: the run resumes where it stopped.
  absl::Status fixed = db::ApplyMigrations(*pool_, "notes", Files());
  ASSERT_TRUE(fixed.ok()) << fixed;
  EXPECT_EQ(Recorded("notes").size(), 3u);
}

TEST_F(MigrationsTest, ARunCutShortInsideAFileResumesAfterItsLastCompletedStatement) {
  // DDL commits on its own: the first table exists when the second statement fails.
  std::vector<EmbeddedFile> broken = {
      {"0001_two_tables.sql",
       "CREATE TABLE first_half (id INT PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"}};
  EXPECT_FALSE(db::ApplyMigrations(*pool_, "halves", broken).ok());
  EXPECT_EQ(Recorded("halves").size(), 0u);
  std::vector<EmbeddedFile> fixed = {
      {"0001_two_tables.sql",
       "CREATE TABLE first_half (id INT PRIMARY KEY);\nCREATE TABLE second_half (id INT);\n"}};
  absl::Status s = db::ApplyMigrations(*pool_, "halves", fixed);
  ASSERT_TRUE(s.ok()) << s;  // not "table first_half already exists"
  EXPECT_EQ(Recorded("halves").size(), 1u);
  EXPECT_EQ(Count(*pool_, "second_half"), 0);
}

TEST_F(MigrationsTest, ABadlyNamedFileIsInvalidArgument) {
  absl::Status s =
      db::ApplyMigrations(*pool_, "notes", {{"create_notes.sql", "CREATE TABLE x (a INT);"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("create_notes.sql"));
}

TEST_F(MigrationsTest, ConcurrentRunnersApplyEachMigrationExactlyOnce) {
  constexpr int kRunners = 4;
  std::vector<EmbeddedFile> files = Files();
  // More effects that a second application would duplicate.
  files.push_back({"0004_seed_tags.sql", "INSERT INTO tags (name) VALUES ('a');\n"});
  files.push_back({"0005_seed_more.sql", "INSERT INTO notes (body) VALUES ('second');\n"});
  std::vector<std::unique_ptr<db::ConnectionPool>> pools;
  for (int i = 0; i < kRunners; ++i) pools.push_back(schema_.Pool(1));
  std::vector<absl::Status> results(kRunners);
  std::latch start(kRunners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRunners; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = db::ApplyMigrations(*pools[i], "notes", files);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kRunners; ++i) EXPECT_TRUE(results[i].ok()) << i << ": " << results[i];
  EXPECT_EQ(Count(*pool_, "tags"), 1);
  EXPECT_EQ(Count(*pool_, "notes"), 2);
  EXPECT_EQ(Recorded("notes").size(), 5u);
}

}  // namespace
}  // namespace auxpro
