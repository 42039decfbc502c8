#include "libs/outbox/relay.h"

#include <grpcpp/client_context.h>

#include <iostream>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/db/named_lock.h"
#include "libs/db/transaction.h"
#include "libs/log/log.h"

namespace auxpro::outbox {

Relay::Relay(db::ConnectionPool& pool, ConsumerResolver resolver, RelayOptions options)
    : pool_(pool), resolver_(std::move(resolver)), options_(options) {}

Relay::~Relay() { Stop(); }

void Relay::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    int64_t failed_passes = 0;
    while (!stop_) {
      lock.unlock();
      auto delivered = DeliverPending();
      if (!delivered.ok()) {
        // A database that stays away fails every pass: logged on the first and every 30th.
        if (++failed_passes == 1 || failed_passes % 30 == 0) {
          logging::Warn("outbox", "relay pass failed, retrying",
                        logging::Fields()
                            .Int("failures_in_a_row", failed_passes)
                            .Str("code", absl::StatusCodeToString(delivered.status().code()))
                            .Str("error", delivered.status().message()));
        }
      } else {
        if (failed_passes > 0) {
          logging::Info("outbox", "relay passes succeed again",
                        logging::Fields().Int("failed_before", failed_passes));
        }
        failed_passes = 0;
      }
      lock.lock();
      cv_.wait_for(lock, options_.poll_interval, [this] { return stop_; });
    }
  });
}

void Relay::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    thread = std::move(thread_);
  }
  cv_.notify_all();
  if (thread.joinable()) thread.join();
}

absl::StatusOr<int> Relay::DeliverPending() {
  auto lock = db::NamedLock::TryAcquire(pool_, "auxpro_outbox.");
  if (!lock.ok()) return lock.status();
  if (*lock == nullptr) return 0;  // another replica is relaying
  db::Transaction& conn = (*lock)->conn();

  int delivered = 0;
  int settled = 0;  // delivered or parked: either makes the next event of its subject the head
  // Subjects whose head failed in this call wait for a later call (and their backoff).
  std::set<std::pair<std::string, std::string>> failed;  // (consumer, subject)
  // A consumer that fails kUnreachableAfter calls in a row with UNAVAILABLE or DEADLINE_EXCEEDED
  // (down, no route, too slow) is not called again in this call: a dead consumer costs a few
  // deadlines per pass, not one per waiting subject, and keeps nobody else waiting. A consumer
  // that fails for one subject but answers for others keeps being called.
  constexpr int kUnreachableAfter = 3;
  std::map<std::string, int> failures_in_a_row;
  std::set<std::string> unreachable;
  int64_t cursor = 0;  // heads are read in id order, a batch at a time
  auto pass = [&]() -> absl::StatusOr<size_t> {
    // Only the head of each (consumer, subject) that is due: a consumer in backoff, however many
    // events it has waiting, never keeps other consumers' or subjects' events from being read.
    auto rows = conn.Query(
        "SELECT o.id, o.consumer, o.subject, o.event, o.attempts FROM outbox_events o "
        "WHERE o.delivered_at IS NULL AND o.parked = FALSE "
        "AND o.next_attempt_at <= UTC_TIMESTAMP(6) AND NOT EXISTS (SELECT 1 FROM outbox_events e "
        "WHERE e.consumer = o.consumer AND e.subject = o.subject AND e.delivered_at IS NULL "
        "AND e.parked = FALSE AND e.id < o.id) AND o.id > ? ORDER BY o.id LIMIT ?",
        {cursor, options_.batch_size});
    if (!rows.ok()) return rows.status();
    for (const db::Row& row : *rows) {
      const int64_t id = row.Int(0);
      cursor = id;
      auto group = std::make_pair(row.Str(1), row.Str(2));
      if (failed.count(group) || unreachable.count(group.first)) continue;
      common::v1::ConsumeEventRequest request;
      std::string bytes;
      if (!absl::Base64Unescape(row.Str(3), &bytes) ||
          !request.mutable_event()->ParseFromString(bytes)) {
        auto parked = conn.Exec(
            "UPDATE outbox_events SET parked = TRUE, last_error = 'unreadable event' WHERE id = ?",
            {id});
        if (!parked.ok()) return parked.status();
        ++settled;
        continue;
      }
      request.set_consumer(group.first);
      grpc::Status status(grpc::StatusCode::UNAVAILABLE,
                          absl::StrCat("no route to consumer \"", group.first, "\""));
      if (auto stub = resolver_(group.first)) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + options_.call_deadline);
        common::v1::ConsumeEventResponse response;
        status = stub->ConsumeEvent(&context, request, &response);
      }
      if (status.ok()) {
        auto done = conn.Exec(
            "UPDATE outbox_events SET delivered_at = UTC_TIMESTAMP(6), attempts = attempts + 1, "
            "last_error = NULL WHERE id = ?",
            {id});
        if (!done.ok()) return done.status();
        ++delivered;
        ++settled;
        failures_in_a_row[group.first] = 0;
        continue;
      }
      const bool park = status.error_code() == grpc::StatusCode::INVALID_ARGUMENT;
      const int64_t attempts = row.Int(4) + 1;
      auto backoff = options_.min_backoff * (int64_t{1} << std::min<int64_t>(attempts - 1, 20));
      if (backoff > options_.max_backoff) backoff = options_.max_backoff;
      auto recorded = conn.Exec(
          "UPDATE outbox_events SET attempts = ?, parked = ?, last_error = ?, "
          "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE id = ?",
          {attempts, park,
           absl::StrCat(status.error_code(), ": ", status.error_message()).substr(0, 1000),
           static_cast<int64_t>(backoff.count()) * 1000, id});
      if (!recorded.ok()) return recorded.status();
      if (park) {
        ++settled;
      } else {
        failed.insert(group);
      }
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
          status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
        if (++failures_in_a_row[group.first] >= kUnreachableAfter) unreachable.insert(group.first);
      }
      // A consumer that is down fails every attempt: logged on the first and every 10th, with
      // the count, not once per retry.
      if (park) {
        logging::Error("outbox", "event parked: the consumer refused it",
                       logging::Fields()
                           .Str("consumer", group.first)
                           .Str("event_id", request.event().event_id())
                           .Str("event_type", request.event().event_type())
                           .Int("attempts", attempts)
                           .Str("code", "INVALID_ARGUMENT"));
      } else if (attempts == 1 || attempts % 10 == 0) {
        logging::Warn("outbox", "delivery failed, retrying with backoff",
                      logging::Fields()
                          .Str("consumer", group.first)
                          .Str("event_id", request.event().event_id())
                          .Int("attempts", attempts)
                          .Str("code", absl::StatusCodeToString(
                                           static_cast<absl::StatusCode>(status.error_code()))));
      }
    }
    return rows->size();
  };
  // Sweeps the heads in id order; after a sweep that settled something, sweeps again from the
  // start: delivering a head makes the next event of its subject the new head.
  absl::Status result;
  int settled_at_sweep_start = 0;
  for (int round = 0; round < 10000; ++round) {
    auto fetched = pass();
    if (!fetched.ok()) {
      result = fetched.status();
      break;
    }
    if (static_cast<int>(*fetched) == options_.batch_size) continue;  // more beyond the cursor
    if (settled == settled_at_sweep_start) break;
    settled_at_sweep_start = settled;
    cursor = 0;
  }
  if (!(*lock)->Release()) {
    logging::Warn("outbox", "relay lock release failed; connection closed");
  }
  if (!result.ok()) return result;
  return delivered;
}

}  // namespace auxpro::outbox
