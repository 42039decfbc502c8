#include "libs/audit/audit_log.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/digest.h"

namespace auxpro::audit::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::audit::migrations

namespace auxpro::audit {

namespace {

const std::string kGenesis(64, '0');

// Each field length-prefixed ("<bytes>:<field>"), so no content can move across a field
// boundary without changing the hash, whatever bytes the fields hold.
std::string RowHash(const crypto::FieldCipher& key, const std::string& prev_hash, int64_t seq,
                    const std::string& at, const AuditEntry& e) {
  std::string encoded;
  for (const std::string& field : {e.jurisdiction, prev_hash, std::to_string(seq), at, e.principal,
                                   e.actor, e.method, e.resource, e.request_id, e.digest}) {
    absl::StrAppend(&encoded, field.size(), ":", field);
  }
  return key.AuditMac(encoded);
}

}  // namespace

const std::vector<EmbeddedFile>& Migrations() { return migrations::Files(); }

absl::Status Append(db::Transaction& tx, const AuditEntry& entry, absl::Time now,
                    const crypto::FieldCipher& key) {
  // Lock the chain head (appends of one jurisdiction queue here, until COMMIT), creating it on
  // first use: the locking read comes first, since the head exists for all but the first append,
  // and every statement run while it is held delays every other append of the jurisdiction.
  const std::string lock_head =
      "SELECT last_seq, last_hash FROM audit_head WHERE jurisdiction = ? FOR UPDATE";
  auto head = tx.QueryOne(lock_head, {entry.jurisdiction});
  if (!head.ok()) return head.status();
  if (!*head) {
    auto seeded = tx.Exec(
        "INSERT INTO audit_head (jurisdiction, last_seq, last_hash) VALUES (?, 0, ?) "
        "ON DUPLICATE KEY UPDATE jurisdiction = jurisdiction",
        {entry.jurisdiction, kGenesis});
    if (!seeded.ok()) return seeded.status();
    head = tx.QueryOne(lock_head, {entry.jurisdiction});
    if (!head.ok()) return head.status();
    if (!*head) return absl::InternalError("audit head vanished");
  }
  const int64_t seq = (*head)->Int(0) + 1;
  const std::string prev_hash = (*head)->Str(1);
  const std::string at = TimeToSql(now);
  const std::string hash = RowHash(key, prev_hash, seq, at, entry);
  auto inserted = tx.Exec(
      "INSERT INTO audit_log (jurisdiction, seq, at, principal, actor, method, resource, "
      "request_id, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.jurisdiction, seq, at, entry.principal, entry.actor, entry.method, entry.resource,
       entry.request_id, entry.digest, prev_hash, hash});
  if (!inserted.ok()) return inserted.status();
  auto moved = tx.Exec("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE jurisdiction = ?",
                       {seq, hash, entry.jurisdiction});
  return moved.status();
}

absl::StatusOr<common::v1::VerifyAuditChainResponse> Verify(db::ConnectionPool& pool,
                                                            const std::string& jurisdiction,
                                                            const crypto::FieldCipher& key) {
  common::v1::VerifyAuditChainResponse result;
  absl::Status status = pool.Transact([&](db::Transaction& tx) -> absl::Status {
    // The head first, then the rows it covers: rows appended meanwhile are not judged, and a
    // row deleted from the covered range is.
    auto head = tx.QueryOne("SELECT last_seq, last_hash FROM audit_head WHERE jurisdiction = ?",
                            {jurisdiction});
    if (!head.ok()) return head.status();
    const int64_t covered = *head ? (*head)->Int(0) : 0;
    auto rows = tx.Query(
        // The time exactly as Append hashed it (the driver drops a ".000000" fraction).
        "SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), principal, actor, method, "
        "resource, request_id, digest, prev_hash, hash "
        "FROM audit_log WHERE jurisdiction = ? AND seq <= ? ORDER BY seq",
        {jurisdiction, covered});
    if (!rows.ok()) return rows.status();
    auto fail = [&](int64_t seq, std::string problem) {
      result.set_intact(false);
      result.set_first_bad_seq(seq);
      result.set_problem(std::move(problem));
    };
    result.set_intact(true);
    std::string prev = kGenesis;
    int64_t expected = 1;
    for (const db::Row& r : *rows) {
      const int64_t seq = r.Int(0);
      result.set_rows_checked(result.rows_checked() + 1);
      if (seq != expected) {
        fail(expected, absl::StrCat("row ", expected, " is missing (next row is ", seq, ")"));
        return absl::OkStatus();
      }
      if (r.Str(8) != prev) {
        fail(seq, absl::StrCat("row ", seq, " does not link to row ", seq - 1,
                               " (reordered or its predecessor changed)"));
        return absl::OkStatus();
      }
      AuditEntry e{jurisdiction, r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.Str(6), r.Str(7)};
      if (RowHash(key, prev, seq, r.Str(1), e) != r.Str(9)) {
        fail(seq, absl::StrCat("row ", seq, " was edited: its hash does not match its content"));
        return absl::OkStatus();
      }
      prev = r.Str(9);
      ++expected;
    }
    const int64_t head_seq = *head ? (*head)->Int(0) : 0;
    const std::string head_hash = *head ? (*head)->Str(1) : kGenesis;
    if (head_seq != expected - 1 || head_hash != prev) {
      fail(expected, absl::StrCat("the chain head is at row ", head_seq, " but the last row is ",
                                  expected - 1, " (rows deleted at the end)"));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace auxpro::audit
