#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace auxpro::rpc {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// AIP-158: 0 -> 50, above 1000 -> 1000, negative -> INVALID_ARGUMENT naming page_size.
absl::StatusOr<int> EffectivePageSize(int requested);

// Keyset pagination tokens. A token carries the last key of the page and a fingerprint of the
// query (parent, filter, ...) it belongs to, so a token of another query is refused.
std::string EncodePageToken(const std::string& last_key, const std::string& query);
// "" for an empty token (first page); INVALID_ARGUMENT naming page_token when malformed or of
// another query.
absl::StatusOr<std::string> DecodePageToken(const std::string& token, const std::string& query);

}  // namespace auxpro::rpc
