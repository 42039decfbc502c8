#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace auxpro::service {

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

// One keyset page of a List call.
struct Page {
  int size = kDefaultPageSize;  // rows to return
  std::string after;            // last key of the previous page ("" for the first)
  std::string query;            // what the token is bound to
};

// Validates page_size and page_token of a request bound to `query` (parent, filter, ...).
absl::StatusOr<Page> StartPage(int page_size, const std::string& page_token,
                               const std::string& query);

// `rows` were fetched with limit page.size + 1: trims them to the page and returns the
// next_page_token, empty when this is the last page.
template <typename Row, typename KeyOf>
std::string FinishPage(std::vector<Row>& rows, const Page& page, KeyOf key_of) {
  if (static_cast<int>(rows.size()) <= page.size) return "";
  rows.resize(page.size);
  return EncodePageToken(key_of(rows.back()), page.query);
}

}  // namespace auxpro::service
