#include "libs/rpc/mutation.h"

#include "libs/audit/audit_log.h"
#include "libs/common/digest.h"
#include "libs/idempotency/idempotency_keys.h"
#include "libs/rpc/error_info.h"

namespace auxpro::rpc {

namespace {

// Stored responses are "s2:" + bytes sealed under the request key. Older rows — "s1:" or no prefix,
// sealed without the key, or plain bytes from before sealing — are read as they were written, so
// retries across an upgrade still replay.
const std::string kSealed = "s2:";
const std::string kSealedWithoutContext = "s1:";

std::string Unseal(const crypto::FieldCipher& seal, const std::string& stored,
                   const std::string& context) {
  absl::StatusOr<std::string> bytes = stored;
  if (stored.rfind(kSealed, 0) == 0) {
    bytes = seal.Decrypt(stored.substr(kSealed.size()), context);
  } else if (stored.rfind(kSealedWithoutContext, 0) == 0) {
    bytes = seal.Decrypt(stored.substr(kSealedWithoutContext.size()));
  } else if (auto unprefixed = seal.Decrypt(stored); unprefixed.ok()) {
    bytes = unprefixed;  // sealed, briefly, without any prefix
  }
  return bytes.ok() ? *bytes : std::string("\xff");  // unparseable on purpose
}

}  // namespace

absl::Status RunMutation(
    db::ConnectionPool& pool, const crypto::FieldCipher& seal, const CallContext& call,
    const std::string& jurisdiction, const std::string& request_id,
    const google::protobuf::Message& request, google::protobuf::Message* response,
    const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change) {
  if (absl::Status valid = idempotency::ValidateRequestId(request_id); !valid.ok()) return valid;
  const std::string digest = Sha256Hex(DeterministicBytes(request));
  const idempotency::RequestKey key{call.principal.spiffe_id, request_id, call.method, digest};
  // A stored response opens only for the key it was stored under.
  const std::string context = key.caller + "\n" + key.request_id;
  return pool.Transact([&](db::Transaction& tx) -> absl::Status {
    auto claimed = idempotency::Claim(tx, key);
    if (!claimed.ok()) {
      if (absl::IsInvalidArgument(claimed.status())) {
        return WithErrorInfo(claimed.status(), "REQUEST_ID_REUSED", {{"request_id", request_id}});
      }
      return claimed.status();
    }
    if (claimed->has_value()) {
      response->Clear();
      if (!response->ParseFromString(Unseal(seal, **claimed, context))) {
        return absl::InternalError("the stored response of this request_id cannot be read");
      }
      return absl::OkStatus();
    }
    auto resource = change(tx);
    if (!resource.ok()) return resource.status();
    audit::AuditEntry entry{jurisdiction,
                            call.principal.ToString(),
                            call.principal.actor,
                            call.method,
                            *resource,
                            request_id,
                            digest};
    if (absl::Status appended = audit::Append(tx, entry, call.now, seal); !appended.ok()) {
      return appended;
    }
    return idempotency::Complete(tx, key,
                                 kSealed + seal.Encrypt(DeterministicBytes(*response), context));
  });
}

}  // namespace auxpro::rpc
