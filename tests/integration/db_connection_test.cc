// libs/db against the real MariaDB: how a connection reaches the server (TCP or its Unix socket),
// the read timeout that bounds a stalled statement, and the named lock of one-replica-at-a-time
// work (db::NamedLock).

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "libs/db/connection_pool.h"
#include "libs/db/named_lock.h"
#include "libs/db/transaction.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

// The client host the server sees for the pool's connection: "localhost" over the Unix socket,
// "<host>:<port>" over TCP.
std::string ClientHost(db::ConnectionPool& pool) {
  std::string host;
  absl::Status s = pool.Read([&](db::Transaction& tx) -> absl::Status {
    auto row =
        tx.QueryOne("SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");
    if (!row.ok()) return row.status();
    if (*row) host = (*row)->Str(0);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return host;
}

TEST(DbConnection, AHostThatIsAPathConnectsOverTheServersUnixSocket) {
  testing::ScratchSchema schema;
  db::DbConfig config = schema.config();
  config.host = testing::RequiredEnv("AUXPRO_TEST_MYSQL_SOCKET");
  config.port = 1;  // unused over the socket
  auto pool = db::ConnectionPool::Create(config);
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_EQ(ClientHost(**pool), "localhost");

  auto tcp = schema.Pool(1);
  EXPECT_NE(ClientHost(*tcp).find(':'), std::string::npos) << ClientHost(*tcp);
}

TEST(DbConnection, AStatementWhoseAnswerStallsFailsUnavailableAfterTheIoTimeout) {
  testing::ScratchSchema schema;
  db::DbConfig config = schema.config();
  config.pool_size = 2;
  config.io_timeout = std::chrono::seconds(1);
  auto pool = db::ConnectionPool::Create(config);
  ASSERT_TRUE(pool.ok()) << pool.status();
  const auto start = std::chrono::steady_clock::now();
  // The server answers after 8 s; the client gives up after 1 s, and a read that ran into the
  // timeout is not run again (a lost connection otherwise is).
  absl::Status s =
      (*pool)->Read([](db::Transaction& tx) { return tx.QueryOne("SELECT SLEEP(8)").status(); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_GE(seconds, 0.9);
  EXPECT_LT(seconds, 1.9) << "run once, not again on a new connection";
  // The stalled connections were dropped; the pool answers again at once.
  absl::Status again =
      (*pool)->Read([](db::Transaction& tx) { return tx.QueryOne("SELECT 1").status(); });
  EXPECT_TRUE(again.ok()) << again;
}

TEST(NamedLock, OneSessionAtATimeHoldsItAndReleasingLetsTheNextIn) {
  testing::ScratchSchema schema;
  auto a = schema.Pool(2);
  auto b = schema.Pool(2);
  auto held = db::NamedLock::TryAcquire(*a, "auxpro_test_lock.", ".wenjiang");
  ASSERT_TRUE(held.ok()) << held.status();
  ASSERT_NE(*held, nullptr);

  auto refused = db::NamedLock::TryAcquire(*b, "auxpro_test_lock.", ".wenjiang");
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(*refused, nullptr) << "another session holds it";
  auto other = db::NamedLock::TryAcquire(*b, "auxpro_test_lock.", ".haimen");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(*other, nullptr) << "another name is another lock";

  EXPECT_TRUE((*held)->Release());
  auto next = db::NamedLock::TryAcquire(*b, "auxpro_test_lock.", ".wenjiang");
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_NE(*next, nullptr);
  next->reset();  // released by the destructor
  auto last = db::NamedLock::TryAcquire(*a, "auxpro_test_lock.", ".wenjiang");
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_NE(*last, nullptr);
}

TEST(NamedLock, AFailedReleaseClosesTheConnectionInsteadOfPoolingItWithTheSession) {
  testing::ScratchSchema schema;
  auto pool = schema.Pool(1);
  auto lock = db::NamedLock::TryAcquire(*pool, "auxpro_test_lock.");
  ASSERT_TRUE(lock.ok()) << lock.status();
  ASSERT_NE(*lock, nullptr);
  // Released early on the holder's own session: its RELEASE_LOCK then finds no such lock (NULL).
  ASSERT_TRUE(
      (*lock)->conn().Exec("DO RELEASE_LOCK(CONCAT('auxpro_test_lock.', DATABASE()))").ok());
  const int64_t opened = pool->connections_opened();
  EXPECT_FALSE((*lock)->Release());
  lock->reset();
  absl::Status s = pool->Read([](db::Transaction& tx) { return tx.QueryOne("SELECT 1").status(); });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(pool->connections_opened(), opened + 1) << "the lock's connection was not reused";
}

}  // namespace
}  // namespace auxpro
