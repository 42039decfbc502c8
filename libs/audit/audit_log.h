#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/common/v1/audit_service.pb.h"
#include "libs/common/embedded_file.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"

namespace auxpro::audit {

// One audited mutation.
struct AuditEntry {
  std::string jurisdiction;
  std::string principal;  // Principal::ToString()
  std::string actor;      // from metadata, may be empty
  std::string method;     // "auxpro.personnel.v1.Personnel/HirePerson"
  std::string resource;   // the resource name changed
  std::string request_id;
  std::string digest;  // SHA-256 hex of the request
};

// Appends a row to the jurisdiction's hash chain inside `tx`, the caller's transaction, so the row
// exists exactly when the change does. hash = HMAC-SHA256 under the audit key of the
// length-prefixed fields jurisdiction, prev_hash, seq, at, principal, actor, method, resource,
// request_id and digest: editing, reordering, deleting rows inside the chain or moving it to
// another jurisdiction is detected even by someone who can rewrite the table but lacks the key
// (kept outside the database). Cutting the newest rows together with the head is not: that needs
// an anchor outside the database.
absl::Status Append(db::Transaction& tx, const AuditEntry& entry, absl::Time now,
                    const crypto::FieldCipher& key);

// Walks the jurisdiction's chain in order and reports the first row that is edited (hash does not
// match its content), missing (sequence gap or head beyond the last row) or out of order (link to
// the previous hash broken).
// Rows appended after the chain head was read are left for the next verification.
absl::StatusOr<common::v1::VerifyAuditChainResponse> Verify(db::ConnectionPool& pool,
                                                            const std::string& jurisdiction,
                                                            const crypto::FieldCipher& key);

// The audit tables, applied as migration component "audit" in every service schema.
const std::vector<EmbeddedFile>& Migrations();

}  // namespace auxpro::audit
