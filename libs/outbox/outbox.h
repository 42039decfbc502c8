#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/embedded_file.h"
#include "libs/common/ids.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"

namespace auxpro::outbox {

struct NewEvent {
  std::string producer;                // "personnel"
  std::vector<std::string> consumers;  // service names, e.g. {"points", "grading"}
  std::string jurisdiction;
  std::string subject;  // resource the event is about: events of one subject stay in order
  const google::protobuf::Message* payload = nullptr;
};

// Writes the event, one row per consumer, inside `tx` — the producer's own transaction — so the
// event exists exactly when the change does. Returns the generated event id (a UUID).
absl::StatusOr<std::string> Enqueue(db::Transaction& tx, const NewEvent& event, absl::Time now);

const std::vector<EmbeddedFile>& Migrations();

// The outbox of one schema as an operator sees it, per consumer: events waiting for delivery,
// the age of the oldest of them, and events parked (never retried).
struct ConsumerBacklog {
  std::string consumer;
  int64_t pending = 0;
  double oldest_pending_seconds = 0;
  int64_t parked = 0;
};
absl::StatusOr<std::vector<ConsumerBacklog>> Backlog(db::ConnectionPool& pool, absl::Time now);

}  // namespace auxpro::outbox
