#include "libs/service/pagination.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/digest.h"

namespace auxpro::service {

namespace {
std::string Fingerprint(const std::string& query) { return Sha256Hex(query).substr(0, 16); }
}  // namespace

absl::StatusOr<int> EffectivePageSize(int requested) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must not be negative, got ", requested));
  }
  if (requested == 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

std::string EncodePageToken(const std::string& last_key, const std::string& query) {
  return absl::WebSafeBase64Escape(absl::StrCat(Fingerprint(query), ":", last_key));
}

absl::StatusOr<std::string> DecodePageToken(const std::string& token, const std::string& query) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() < 17 || raw[16] != ':') {
    return absl::InvalidArgumentError("page_token: malformed; pass next_page_token unchanged");
  }
  if (raw.substr(0, 16) != Fingerprint(query)) {
    return absl::InvalidArgumentError(
        "page_token: belongs to a different query (parent or filter changed)");
  }
  return raw.substr(17);
}

absl::StatusOr<Page> StartPage(int page_size, const std::string& page_token,
                               const std::string& query) {
  auto size = EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  auto after = DecodePageToken(page_token, query);
  if (!after.ok()) return after.status();
  return Page{*size, *after, query};
}

}  // namespace auxpro::service
