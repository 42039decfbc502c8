// Fuzz target: the page-token decoder (libs/service/pagination). A page_token is whatever the
// caller sends: it must decode to the last key of a page of the same query or be refused with
// INVALID_ARGUMENT naming page_token, and every key must survive its own token.
// Input: <query> '\n' <token>; the first 4 bytes of the token part also make a page_size.

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>

#include "libs/service/pagination.h"
#include "tests/fuzz/fuzz_check.h"

namespace auxpro::fuzz {
namespace {

void Run(const std::string& input) {
  const size_t nl = input.find('\n');
  const std::string query = nl == std::string::npos ? "" : input.substr(0, nl);
  const std::string token = nl == std::string::npos ? input : input.substr(nl + 1);

  absl::StatusOr<std::string> after = service::DecodePageToken(token, query);
  if (after.ok()) {
    FUZZ_CHECK(token.empty() || service::EncodePageToken(*after, query).size() > 0);
  } else {
    FUZZ_CHECK(IsBoundedRefusal(after.status(), absl::StatusCode::kInvalidArgument));
    FUZZ_CHECK(after.status().message().find("page_token") != absl::string_view::npos);
  }
  // Any key, read as bytes, comes back from its own token, and only for its own query.
  const std::string again = service::EncodePageToken(token, query);
  absl::StatusOr<std::string> decoded = service::DecodePageToken(again, query);
  FUZZ_CHECK(decoded.ok() && *decoded == token);
  // (A 64-bit fingerprint collision would let it pass: not an input a fuzzer finds.)
  FUZZ_CHECK(!service::DecodePageToken(again, query + "x").ok());

  int32_t page_size = 0;
  std::memcpy(&page_size, token.data(), std::min<size_t>(sizeof(page_size), token.size()));
  absl::StatusOr<service::Page> page = service::StartPage(page_size, token, query);
  if (page.ok()) {
    FUZZ_CHECK(page->size >= 1 && page->size <= service::kMaxPageSize);
    FUZZ_CHECK(page->query == query);
  } else {
    FUZZ_CHECK(IsBoundedRefusal(page.status(), absl::StatusCode::kInvalidArgument));
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auxpro::fuzz::Run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
