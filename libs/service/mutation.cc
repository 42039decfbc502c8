#include "libs/service/mutation.h"

#include <cstdlib>

#include "libs/audit/audit_log.h"
#include "libs/common/digest.h"
#include "libs/db/sql_error.h"
#include "libs/idempotency/idempotency_keys.h"
#include "libs/rpc/error_info.h"

namespace auxpro::service {

namespace {

// Stored responses are sealed under the request key: they open only for the key they were stored
// under.
std::string Unseal(const crypto::FieldCipher& seal, const std::string& stored,
                   const std::string& context) {
  absl::StatusOr<std::string> bytes = seal.Decrypt(stored, context);
  return bytes.ok() ? *bytes : std::string("\xff");  // unparseable on purpose
}

constexpr int kDeadlockAttempts = 5;

// Fault injection for the restart tests: with AUXPRO_FAILPOINT_EXIT_AFTER_COMMIT set to a full
// method name ("auxpro.points.v1.Points/RecordBreach"), the process dies right after such a call
// commits and before it answers, as a crash there would. Unset in every deployment.
void ExitIfFailpoint(const std::string& method) {
  static const std::string armed = [] {
    const char* v = std::getenv("AUXPRO_FAILPOINT_EXIT_AFTER_COMMIT");
    return std::string(v == nullptr ? "" : v);
  }();
  if (!armed.empty() && armed == method) std::_Exit(137);
}

absl::Status MutateOnce(db::ConnectionPool& pool, const crypto::FieldCipher& seal,
                        const rpc::CallContext& call, const std::string& jurisdiction,
                        const std::string& request_id, const idempotency::RequestKey& key,
                        const std::string& digest, const std::string& context,
                        google::protobuf::Message* response,
                        const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change,
                        bool* replayed);

}  // namespace

std::string RequestIdOf(const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      field->is_repeated()) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

absl::Status RunMutation(db::ConnectionPool& pool, const crypto::FieldCipher& seal,
                         const rpc::CallContext& call, const std::string& jurisdiction,
                         const std::string& request_id, const google::protobuf::Message& request,
                         google::protobuf::Message* response,
                         const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change,
                         bool* replayed) {
  if (replayed != nullptr) *replayed = false;
  if (absl::Status valid = idempotency::ValidateRequestId(request_id); !valid.ok()) return valid;
  const std::string digest = Sha256Hex(DeterministicBytes(request));
  const idempotency::RequestKey key{call.principal.spiffe_id, request_id, call.method, digest};
  // A stored response opens only for the key it was stored under.
  const std::string context = key.caller + "\n" + key.request_id;
  // Twins of one request_id that wait on its first claim may deadlock when that claim rolls back
  // (a refusal): InnoDB undoes the victim's whole transaction, so it is run again, and then
  // replays the stored answer or is refused like the first.
  absl::Status result;
  for (int attempt = 0; attempt < kDeadlockAttempts; ++attempt) {
    result = MutateOnce(pool, seal, call, jurisdiction, request_id, key, digest, context, response,
                        change, replayed);
    if (!absl::IsAborted(result) || db::MysqlErrno(result) != db::kErrDeadlock) break;
  }
  if (result.ok()) ExitIfFailpoint(call.method);
  return result;
}

namespace {

absl::Status MutateOnce(db::ConnectionPool& pool, const crypto::FieldCipher& seal,
                        const rpc::CallContext& call, const std::string& jurisdiction,
                        const std::string& request_id, const idempotency::RequestKey& key,
                        const std::string& digest, const std::string& context,
                        google::protobuf::Message* response,
                        const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change,
                        bool* replayed) {
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
      if (replayed != nullptr) *replayed = true;
      return absl::OkStatus();
    }
    auto resource = change(tx);
    if (!resource.ok()) return resource.status();
    // The stored response first, the audit append last: the append locks the jurisdiction's
    // chain head, which every mutation of the jurisdiction waits for until this COMMIT, so as few
    // statements as possible run while it is held (the head's read, the row, the head's update).
    RETURN_IF_ERROR(
        idempotency::Complete(tx, key, seal.Encrypt(DeterministicBytes(*response), context)));
    audit::AuditEntry entry{jurisdiction,
                            call.principal.ToString(),
                            call.principal.actor,
                            call.method,
                            *resource,
                            request_id,
                            digest};
    return audit::Append(tx, entry, call.now, seal);
  });
}

}  // namespace

}  // namespace auxpro::service
