#include "libs/service/etag.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::service {

absl::Status CheckEtag(const std::string& current, const std::string& sent,
                       const std::string& field) {
  if (sent.empty()) return Invalid(absl::StrCat(field, ": required (read it first)"));
  std::string bare = sent;
  if (bare.size() >= 2 && bare.front() == '"' && bare.back() == '"') {
    bare = bare.substr(1, bare.size() - 2);
  }
  if (bare == current) return absl::OkStatus();
  return WithErrorInfo(absl::AbortedError(absl::StrCat("ETAG_MISMATCH: ", field, " ", sent,
                                                       " is stale; the current etag is ", current,
                                                       ": read the resource again and retry")),
                       "ETAG_MISMATCH", {{"current_etag", current}});
}

}  // namespace auxpro::service
