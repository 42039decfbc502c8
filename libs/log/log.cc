#include "libs/log/log.h"

#include <grpc/support/log.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace auxpro::logging {

namespace {

spdlog::logger& Logger() {
  static spdlog::logger* logger = [] {
    auto* l = new spdlog::logger("auxpro", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    // time and level by spdlog; module, msg and the fields are the payload (%v).
    l->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc,
        "\n"));
    l->set_level(spdlog::level::info);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

void AppendUtf8Escaped(std::string& out, absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out += absl::StrFormat("\\u%04x", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
    uint32_t cp = len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      ok = (cc & 0xc0) == 0x80;
      cp = (cp << 6) | (cc & 0x3f);
    }
    const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= min[len] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    if (!ok) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    out.append(s.data() + i, len);
    i += len;
  }
}

void Key(std::string& out, absl::string_view key) {
  out += ',';
  out += JsonString(key);
  out += ':';
}

void GrpcLog(gpr_log_func_args* args) {
  const Level level = args->severity == GPR_LOG_SEVERITY_ERROR  ? Level::kError
                      : args->severity == GPR_LOG_SEVERITY_INFO ? Level::kInfo
                                                                : Level::kDebug;
  Write(level, "grpc", args->message != nullptr ? args->message : "",
        Fields().Str("file", args->file != nullptr ? args->file : "").Int("line", args->line));
}

}  // namespace

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  AppendUtf8Escaped(out, text);
  out += '"';
  return out;
}

Fields& Fields::Str(absl::string_view key, absl::string_view value) {
  Key(json_, key);
  json_ += JsonString(value);
  return *this;
}

Fields& Fields::Int(absl::string_view key, int64_t value) {
  Key(json_, key);
  absl::StrAppend(&json_, value);
  return *this;
}

Fields& Fields::Num(absl::string_view key, double value) {
  Key(json_, key);
  if (std::isfinite(value)) {
    absl::StrAppend(&json_, absl::StrFormat("%.3f", value));
  } else {
    json_ += "null";
  }
  return *this;
}

Fields& Fields::Bool(absl::string_view key, bool value) {
  Key(json_, key);
  json_ += value ? "true" : "false";
  return *this;
}

void Write(Level level, absl::string_view module, absl::string_view msg, const Fields& fields) {
  spdlog::logger& logger = Logger();
  const auto spd = ToSpd(level);
  if (!logger.should_log(spd)) return;
  std::string payload =
      absl::StrCat("\"module\":", JsonString(module), ",\"msg\":", JsonString(msg), fields.json());
  logger.log(spd, spdlog::string_view_t(payload.data(), payload.size()));
}

absl::Status SetLevel(absl::string_view level) {
  Level l;
  if (level == "debug") {
    l = Level::kDebug;
  } else if (level == "info") {
    l = Level::kInfo;
  } else if (level == "warn") {
    l = Level::kWarn;
  } else if (level == "error") {
    l = Level::kError;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--log_level: \"", level, "\" is not debug, info, warn or error"));
  }
  Logger().set_level(ToSpd(l));
  return absl::OkStatus();
}

void CaptureGrpcLogs() { gpr_set_log_function(GrpcLog); }

}  // namespace auxpro::logging
