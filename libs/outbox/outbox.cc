#include "libs/outbox/outbox.h"

#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "auxpro/common/v1/events.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/digest.h"

namespace auxpro::outbox::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::outbox::migrations

namespace auxpro::outbox {

const std::vector<EmbeddedFile>& Migrations() { return migrations::Files(); }

absl::StatusOr<std::string> Enqueue(db::Transaction& tx, const NewEvent& event, absl::Time now) {
  if (event.payload == nullptr) return absl::InvalidArgumentError("outbox event without payload");
  common::v1::Event envelope;
  envelope.set_event_id(NewUuid());
  envelope.set_event_type(event.payload->GetDescriptor()->full_name());
  envelope.set_producer(event.producer);
  envelope.set_jurisdiction(event.jurisdiction);
  envelope.set_subject(event.subject);
  const int64_t micros = absl::ToUnixMicros(now);
  envelope.mutable_occur_time()->set_seconds(micros / 1000000);
  envelope.mutable_occur_time()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  envelope.mutable_payload()->PackFrom(*event.payload);
  const std::string encoded = absl::Base64Escape(DeterministicBytes(envelope));
  for (const std::string& consumer : event.consumers) {
    auto inserted = tx.Exec(
        "INSERT INTO outbox_events (event_id, consumer, jurisdiction, subject, event_type, event) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {envelope.event_id(), consumer, event.jurisdiction, event.subject, envelope.event_type(),
         encoded});
    if (!inserted.ok()) return inserted.status();
  }
  return envelope.event_id();
}

absl::StatusOr<std::vector<ConsumerBacklog>> Backlog(db::ConnectionPool& pool, absl::Time now) {
  std::vector<ConsumerBacklog> out;
  absl::Status read = pool.Read([&](db::Transaction& tx) -> absl::Status {
    auto rows = tx.Query(
        "SELECT consumer, SUM(parked = FALSE), COALESCE(MIN(IF(parked = FALSE, created_at, NULL)), "
        "''), SUM(parked = TRUE) FROM outbox_events WHERE delivered_at IS NULL GROUP BY consumer "
        "ORDER BY consumer");
    if (!rows.ok()) return rows.status();
    for (const db::Row& r : *rows) {
      ConsumerBacklog b{r.Str(0), r.Int(1), 0, r.Int(3)};
      if (!r.Str(2).empty()) {
        const auto oldest = TimestampFromSql(r.Str(2));
        b.oldest_pending_seconds =
            std::max(0.0, absl::ToDoubleSeconds(now - absl::FromUnixSeconds(oldest.seconds())) -
                              oldest.nanos() / 1e9);
      }
      out.push_back(std::move(b));
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace auxpro::outbox
