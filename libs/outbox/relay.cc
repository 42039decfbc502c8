#include "libs/outbox/relay.h"

#include <grpcpp/client_context.h>

#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"

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
    while (!stop_) {
      lock.unlock();
      (void)DeliverPending();  // errors are recorded per event; a DB outage is retried next pass
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
  auto lease = pool_.Acquire();
  if (!lease.ok()) return lease.status();
  db::Transaction conn(*lease);
  auto locked = conn.QueryOne("SELECT GET_LOCK(CONCAT('auxpro_outbox.', DATABASE()), 0)");
  if (!locked.ok()) return locked.status();
  if (!*locked || (*locked)->Int(0) != 1) return 0;  // another replica is relaying

  int delivered = 0;
  auto pass = [&]() -> absl::Status {
    auto rows = conn.Query(
        "SELECT id, consumer, subject, event, attempts, next_attempt_at <= UTC_TIMESTAMP(6) "
        "FROM outbox_events WHERE delivered_at IS NULL AND parked = FALSE ORDER BY id LIMIT ?",
        {options_.batch_size});
    if (!rows.ok()) return rows.status();
    std::set<std::pair<std::string, std::string>> held_back;  // (consumer, subject)
    for (const db::Row& row : *rows) {
      const int64_t id = row.Int(0);
      auto group = std::make_pair(row.Str(1), row.Str(2));
      if (held_back.count(group)) continue;
      if (!row.Bool(5)) {  // waiting for its backoff: later events of the subject wait too
        held_back.insert(group);
        continue;
      }
      common::v1::ConsumeEventRequest request;
      std::string bytes;
      if (!absl::Base64Unescape(row.Str(3), &bytes) ||
          !request.mutable_event()->ParseFromString(bytes)) {
        auto parked = conn.Exec(
            "UPDATE outbox_events SET parked = TRUE, last_error = 'unreadable event' WHERE id = ?",
            {id});
        if (!parked.ok()) return parked.status();
        continue;
      }
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
        continue;
      }
      const bool park = status.error_code() == grpc::StatusCode::INVALID_ARGUMENT;
      const int64_t attempts = row.Int(4) + 1;
      auto backoff = options_.min_backoff * (int64_t{1} << std::min<int64_t>(attempts - 1, 20));
      if (backoff > options_.max_backoff) backoff = options_.max_backoff;
      auto failed = conn.Exec(
          "UPDATE outbox_events SET attempts = ?, parked = ?, last_error = ?, "
          "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE id = ?",
          {attempts, park,
           absl::StrCat(status.error_code(), ": ", status.error_message()).substr(0, 1000),
           static_cast<int64_t>(backoff.count()) * 1000, id});
      if (!failed.ok()) return failed.status();
      if (!park) held_back.insert(group);
    }
    return absl::OkStatus();
  };
  absl::Status result = pass();
  (void)conn.Exec("DO RELEASE_LOCK(CONCAT('auxpro_outbox.', DATABASE()))");
  if (!result.ok()) return result;
  return delivered;
}

}  // namespace auxpro::outbox
