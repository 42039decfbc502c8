#pragma once

// Batch reads (AIP-231): the names of a BatchGet request checked against its parent, and the
// keyed SQL reads behind it done in fixed chunks (one prepared statement per query, whatever the
// batch size).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "libs/auth/principal.h"
#include "libs/db/transaction.h"

namespace auxpro::service {

inline constexpr int kMaxBatchSize = 1000;
// Ids per SQL read: the IN list of a chunked query has exactly this many placeholders.
inline constexpr int kBatchChunk = 100;

// The jurisdiction of `parent` and the person id of each name, in order. Each name must read
// `jurisdictions/{j}/persons/{person}` + `suffix` (e.g. "/pointBalance") with j the parent's.
// INVALID_ARGUMENT naming `field[i]` (or no names / more than 1000); NOT_FOUND for a parent of
// another jurisdiction.
struct BatchScope {
  std::string jurisdiction;
  std::vector<std::string> person_ids;
};
absl::StatusOr<BatchScope> ScopeOfBatch(const auth::Principal& principal,
                                        const std::string& parent,
                                        const google::protobuf::RepeatedPtrField<std::string>& names,
                                        const std::string& suffix, const std::string& field);

// "?, ?, ..., ?" with kBatchChunk placeholders.
inline const std::string& ChunkPlaceholders() {
  static const std::string* text = [] {
    std::string* s = new std::string("?");
    for (int i = 1; i < kBatchChunk; ++i) s->append(", ?");
    return s;
  }();
  return *text;
}

// Calls `read(params)` for each chunk of `ids`: the ids of the chunk padded with "" up to
// kBatchChunk (an id no row has), to be bound to ChunkPlaceholders().
template <typename Read>
absl::Status ForEachChunk(const std::vector<std::string>& ids, Read read) {
  for (size_t start = 0; start < ids.size(); start += kBatchChunk) {
    std::vector<db::Param> params;
    params.reserve(kBatchChunk);
    for (size_t i = start; i < start + kBatchChunk; ++i) {
      params.emplace_back(i < ids.size() ? ids[i] : std::string());
    }
    absl::Status s = read(std::move(params));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace auxpro::service
