#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/connection_pool.h"

namespace auxpro::bench {

// Calls made one after the other and how long each took.
struct Timing {
  int calls = 0;
  int errors = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
};

// {"calls":..,"errors":..,"seconds":..,"rps":..,"min_ms":..,"p50_ms":..,"p99_ms":..,"max_ms":..}
std::string TimingJson(const Timing& t);

// The primary-key read GetPerson issues (personnel::store::GetPerson, prepared), on one
// connection, `calls` times over `ids` in turn. Every id must exist (else an error is counted).
absl::StatusOr<Timing> FloorRead(const db::DbConfig& config, const std::string& jurisdiction,
                                 const std::vector<std::string>& ids, int calls);

// A single-row INSERT committed on its own (autocommit: one durable commit per row) into
// auxpro_bench.floor_insert, made when missing; `calls` times on one connection.
absl::StatusOr<Timing> FloorInsert(const db::DbConfig& config, int calls);

// The server's durability settings as "name=value ..." (innodb_flush_log_at_trx_commit, ...).
absl::StatusOr<std::string> DurabilitySettings(const db::DbConfig& config);

}  // namespace auxpro::bench
