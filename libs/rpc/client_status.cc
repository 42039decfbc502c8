#include "libs/rpc/client_status.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "libs/common/ids.h"
#include "libs/common/safe_text.h"
#include "libs/log/log.h"

namespace auxpro::rpc {

namespace {

constexpr char kMysqlErrno[] = "mysql_errno";

std::string_view Std(absl::string_view s) { return std::string_view(s.data(), s.size()); }

std::string SentenceFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
      return "the database is unavailable; retry with backoff (the same request_id is safe)";
    case absl::StatusCode::kAborted:
      return "a concurrent change got in the way; retry with the same request_id";
    case absl::StatusCode::kAlreadyExists:
      return "a resource with these values already exists";
    case absl::StatusCode::kDeadlineExceeded:
      return "the database did not answer in time; retry with backoff";
    case absl::StatusCode::kInvalidArgument:
      return "a value does not fit its field";
    default:
      return "internal error";
  }
}

}  // namespace

absl::Status ForClient(const absl::Status& status, const std::string& method) {
  if (status.ok()) return status;
  const bool from_database = status.GetPayload(kMysqlErrno).has_value();
  const auto code = status.code();
  const bool internal = code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
                        code == absl::StatusCode::kDataLoss;
  if (!from_database && !internal) {
    if (status.message().size() <= 512) return status;
    absl::Status cut(code, TruncateMessage(Std(status.message()), 512));
    status.ForEachPayload(
        [&](absl::string_view url, const absl::Cord& payload) { cut.SetPayload(url, payload); });
    return cut;
  }
  const std::string ref = NewId("").substr(0, 12);
  logging::Error("rpc", "error text hidden from the client",
                 logging::Fields()
                     .Str("method", method)
                     .Str("code", absl::StatusCodeToString(code))
                     .Str("ref", ref)
                     .Str("detail", TruncateMessage(Std(status.message()), 4096)));
  absl::Status out(code, absl::StrCat(SentenceFor(code), " (ref ", ref, ")"));
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    if (url != kMysqlErrno) out.SetPayload(url, payload);
  });
  return out;
}

}  // namespace auxpro::rpc
