#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/common/status_macros.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"
#include "libs/rpc/call_context.h"

namespace auxpro::service {

// Runs one mutating call as a single transaction:
//   1. claim (caller, request_id) — a retry gets the first response back and changes nothing;
//   2. `change(tx)` writes the change (and any outbox events), fills `response` and returns the
//      name of the resource it changed;
//   3. an audit row (principal, actor, method, resource, request_id, request digest) is chained;
//   4. the response is stored under the request_id, encrypted with `seal` (a response may hold
//      what is stored encrypted elsewhere, such as a national ID shown to the HR company); COMMIT.
// Any error rolls everything back: a refused call leaves nothing written. `replayed`, when given,
// says whether the response is the stored one of an earlier call (nothing was changed now).
absl::Status RunMutation(db::ConnectionPool& pool, const crypto::FieldCipher& seal,
                         const rpc::CallContext& call, const std::string& jurisdiction,
                         const std::string& request_id, const google::protobuf::Message& request,
                         google::protobuf::Message* response,
                         const std::function<absl::StatusOr<std::string>(db::Transaction&)>& change,
                         bool* replayed = nullptr);

// The `string request_id` field of a mutating request (API-STYLE); "" when it has none.
std::string RequestIdOf(const google::protobuf::Message& request);

// RunMutation bound once to a service's pool and keys. A handler hands it the change, which
// writes through the store and returns the resource it wrote; the mutator puts that resource in
// the response and audits it under its `name`:
//
//   return mutate_(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Unit> {
//     return store::InsertUnit(tx, j, id, request.unit().display_name(), call.now);
//   });
//
// The request's `request_id` field is its idempotency key.
class Mutator {
 public:
  Mutator(db::ConnectionPool& pool, const crypto::FieldCipher& seal) : pool_(pool), seal_(seal) {}

  template <typename Resource, typename Change>
  absl::Status operator()(const rpc::CallContext& call, const std::string& jurisdiction,
                          const google::protobuf::Message& request, Resource* response,
                          Change&& change) const {
    return RunMutation(pool_, seal_, call, jurisdiction, RequestIdOf(request), request, response,
                       [&](db::Transaction& tx) -> absl::StatusOr<std::string> {
                         ASSIGN_OR_RETURN(*response, change(tx));
                         return std::string(response->name());
                       });
  }

  // A mutation whose idempotency key is given rather than read from the request (an event id),
  // and whose change returns the name of what it changed (for the audit). `replayed`: as for
  // RunMutation (an event consumer answers `duplicate` with it).
  template <typename Change>
  absl::Status WithKey(const rpc::CallContext& call, const std::string& jurisdiction,
                       const std::string& request_id, const google::protobuf::Message& request,
                       google::protobuf::Message* response, Change&& change,
                       bool* replayed = nullptr) const {
    return RunMutation(pool_, seal_, call, jurisdiction, request_id, request, response, change,
                       replayed);
  }

  db::ConnectionPool& pool() const { return pool_; }

 private:
  db::ConnectionPool& pool_;
  const crypto::FieldCipher& seal_;
};

}  // namespace auxpro::service
