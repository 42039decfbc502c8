#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "libs/db/connection_pool.h"

namespace auxpro::outbox {

// Finds the EventConsumer stub of a consumer service by name; nullptr when it has no route now
// (the events wait and are retried).
using ConsumerResolver =
    std::function<std::shared_ptr<common::v1::EventConsumer::StubInterface>(const std::string&)>;

struct RelayOptions {
  std::chrono::milliseconds poll_interval{500};
  int batch_size = 200;
  std::chrono::milliseconds call_deadline{5000};
  // Retry delay after a failed delivery doubles from min to max.
  std::chrono::milliseconds min_backoff{500};
  std::chrono::milliseconds max_backoff{60000};
};

// Delivers a schema's outbox: calls ConsumeEvent of each event's consumer with the event id as the
// idempotency key, marks the row delivered when the consumer answers OK, and otherwise records
// the error and retries later with backoff. Events of one (consumer, subject) are delivered in the
// order they were written: a failed event holds back the ones after it. A consumer answer of
// INVALID_ARGUMENT parks the event (never retried; visible in the table for an operator). A
// consumer that fails three calls in a row with UNAVAILABLE or DEADLINE_EXCEEDED is not called
// again until the next pass, so a dead consumer never holds up the others.
// Only one relay per schema works at a time (a named database lock), so replicas do not race.
class Relay {
 public:
  Relay(db::ConnectionPool& pool, ConsumerResolver resolver, RelayOptions options = {});
  ~Relay();

  // Runs DeliverPending every poll_interval on a thread of its own until Stop().
  void Start();
  void Stop();
  // One pass; returns how many events were delivered. Used by Start's loop and by tests.
  absl::StatusOr<int> DeliverPending();

 private:
  db::ConnectionPool& pool_;
  ConsumerResolver resolver_;
  RelayOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace auxpro::outbox
