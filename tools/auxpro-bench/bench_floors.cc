#include "tools/auxpro-bench/bench_floors.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/db/transaction.h"
#include "services/personnel/persons_store.h"

namespace auxpro::bench {

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1) + 0.5));
  return sorted[i];
}

Timing Measure(int calls, const std::function<absl::Status(int)>& call) {
  Timing t;
  t.latencies_ms.reserve(calls);
  const auto start = Clock::now();
  for (int i = 0; i < calls; ++i) {
    const auto t0 = Clock::now();
    if (!call(i).ok()) ++t.errors;
    t.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  t.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  t.calls = calls;
  return t;
}

absl::StatusOr<std::unique_ptr<db::ConnectionPool>> OneConnection(db::DbConfig config) {
  config.pool_size = 1;
  return db::ConnectionPool::Create(config);
}

}  // namespace

std::string TimingJson(const Timing& t) {
  std::vector<double> sorted = t.latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  return absl::StrFormat(
      "{\"calls\": %d, \"errors\": %d, \"seconds\": %.4f, \"rps\": %.1f, \"min_ms\": %.3f, "
      "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}",
      t.calls, t.errors, t.seconds, t.seconds > 0 ? t.calls / t.seconds : 0.0,
      sorted.empty() ? 0.0 : sorted.front(), Percentile(sorted, 0.5), Percentile(sorted, 0.99),
      sorted.empty() ? 0.0 : sorted.back());
}

absl::StatusOr<Timing> FloorRead(const db::DbConfig& config, const std::string& jurisdiction,
                                 const std::vector<std::string>& ids, int calls) {
  if (ids.empty()) return absl::InvalidArgumentError("no person ids to read");
  auto pool = OneConnection(config);
  if (!pool.ok()) return pool.status();
  return Measure(calls, [&](int i) {
    return (*pool)->Read([&](db::Transaction& tx) -> absl::Status {
      auto rec = personnel::store::GetPerson(tx, jurisdiction, ids[i % ids.size()], false);
      if (!rec.ok()) return rec.status();
      if (!*rec) return absl::NotFoundError(ids[i % ids.size()]);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Timing> FloorInsert(const db::DbConfig& config, int calls) {
  db::DbConfig admin = config;
  admin.schema.clear();
  auto pool = OneConnection(admin);
  if (!pool.ok()) return pool.status();
  absl::Status made = (*pool)->Read([](db::Transaction& tx) -> absl::Status {
    if (auto s = tx.Exec("CREATE DATABASE IF NOT EXISTS auxpro_bench"); !s.ok()) return s.status();
    return tx
        .Exec(
            "CREATE TABLE IF NOT EXISTS auxpro_bench.floor_insert (id BIGINT NOT NULL "
            "AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(64) NOT NULL, created_at DATETIME(6) NOT "
            "NULL) ENGINE=InnoDB")
        .status();
  });
  if (!made.ok()) return made;
  return Measure(calls, [&](int i) {
    return (*pool)->Read([&](db::Transaction& tx) -> absl::Status {
      return tx
          .Exec(
              "INSERT INTO auxpro_bench.floor_insert (payload, created_at) VALUES (?, "
              "UTC_TIMESTAMP(6))",
              {absl::StrCat("floor-", i)})
          .status();
    });
  });
}

absl::StatusOr<std::string> DurabilitySettings(const db::DbConfig& config) {
  auto pool = OneConnection(config);
  if (!pool.ok()) return pool.status();
  std::string out;
  absl::Status s = (*pool)->Read([&](db::Transaction& tx) -> absl::Status {
    auto rows = tx.Query(
        "SELECT @@version, @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size, "
        "@@innodb_doublewrite, @@log_bin");
    if (!rows.ok()) return rows.status();
    const db::Row& r = rows->front();
    out = absl::StrCat("mariadb=", r.Str(0), " innodb_flush_log_at_trx_commit=", r.Str(1),
                       " innodb_buffer_pool_size=", r.Str(2), " innodb_doublewrite=", r.Str(3),
                       " log_bin=", r.Str(4));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace auxpro::bench
