#pragma once

// Structured logs of auxpro-server: every event is one JSON object on one line of stderr,
//
//   {"time":"2026-12-02T01:02:03.456Z","level":"info","module":"rpc","msg":"call",
//    "method":"auxpro.personnel.v1.Personnel/GetPerson","code":"OK","latency_ms":3.1,...}
//
// written through spdlog (thread-safe sink, flushed per line, UTC time). Fields are what the
// caller adds: never a request or response body, a national ID, a respondent key or a comment
// text — the call log (libs/rpc/unary.h) names the method, the caller and the outcome only.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace auxpro::logging {

enum class Level { kDebug, kInfo, kWarn, kError };

// The fields of one event after time, level, module and msg, as JSON members.
class Fields {
 public:
  Fields& Str(absl::string_view key, absl::string_view value);
  Fields& Int(absl::string_view key, int64_t value);
  Fields& Num(absl::string_view key, double value);
  Fields& Bool(absl::string_view key, bool value);
  // ",\"k\":v..." (empty without fields).
  const std::string& json() const { return json_; }

 private:
  std::string json_;
};

// Writes one event if `level` is at least the configured level.
void Write(Level level, absl::string_view module, absl::string_view msg, const Fields& fields = {});
inline void Debug(absl::string_view module, absl::string_view msg, const Fields& f = {}) {
  Write(Level::kDebug, module, msg, f);
}
inline void Info(absl::string_view module, absl::string_view msg, const Fields& f = {}) {
  Write(Level::kInfo, module, msg, f);
}
inline void Warn(absl::string_view module, absl::string_view msg, const Fields& f = {}) {
  Write(Level::kWarn, module, msg, f);
}
inline void Error(absl::string_view module, absl::string_view msg, const Fields& f = {}) {
  Write(Level::kError, module, msg, f);
}

// The lowest level written: "debug", "info" (default), "warn" or "error"; INVALID_ARGUMENT
// naming the flag otherwise.
absl::Status SetLevel(absl::string_view level);

// Routes gRPC's own log lines (gpr_log) into these logs, module "grpc".
void CaptureGrpcLogs();

// `text` as a JSON string literal, quotes included (control characters escaped; bytes that are
// not UTF-8 become U+FFFD, so every line stays valid JSON).
std::string JsonString(absl::string_view text);

}  // namespace auxpro::logging
