#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"
#include "libs/rpc/call_context.h"

namespace auxpro::rpc {

// Runs one mutating call as a single transaction:
//   1. claim (caller, request_id) — a retry gets the first response back and changes nothing;
//   2. `change(tx)` writes the change (and any outbox events), fills `response` and returns the
//      name of the resource it changed;
//   3. an audit row (principal, actor, method, resource, request_id, request digest) is chained;
//   4. the response is stored under the request_id, encrypted with `seal` (a response may hold
//      what is stored encrypted elsewhere, such as a national ID shown to the HR company); COMMIT.
// Any error rolls everything back: a refused call leaves nothing written.
absl::Status RunMutation(
    db::ConnectionPool& pool, const crypto::FieldCipher& seal, const CallContext& call,
    const std::string& jurisdiction, const std::string& request_id,
    const google::protobuf::Message& request, google::protobuf::Message* response,
    const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change);

}  // namespace auxpro::rpc
