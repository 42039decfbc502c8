#pragma once

// What every fuzz target shares: FUZZ_CHECK, which aborts (a finding for libFuzzer, a failed
// replay test) when an invariant of the code under test does not hold.

#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/cord.h"

// FUZZ_CHECK_RULE(status): the status is what a rule may answer (IsRuleAnswer), else it is
// printed (its first 300 bytes) and the target aborts.
#define FUZZ_CHECK_RULE(status)                                                                  \
  do {                                                                                           \
    const absl::Status& fuzz_s = (status);                                                       \
    if (!::auxpro::fuzz::IsRuleAnswer(fuzz_s)) {                                                 \
      std::fprintf(stderr, "%s:%d: not a rule answer (%zu bytes): %.300s\n", __FILE__, __LINE__, \
                   fuzz_s.message().size(), fuzz_s.ToString().c_str());                         \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace auxpro::fuzz {

// How much of a refusal may come from the input: error messages quote a short prefix of it
// (QuoteInput), and the ErrorInfo details carried as payloads must not echo it whole either
// (a 4 MB field would come back in the trailers).
inline constexpr size_t kMaxRefusalBytes = 2048;

// A refusal of hostile input has the expected code, a message, and a bounded size.
inline bool IsBoundedRefusal(const absl::Status& s, absl::StatusCode code) {
  size_t payload = 0;
  s.ForEachPayload([&payload](absl::string_view type_url, const absl::Cord& value) {
    payload += type_url.size() + value.size();
  });
  return s.code() == code && !s.message().empty() && s.message().size() <= kMaxRefusalBytes &&
         payload <= kMaxRefusalBytes;
}

// What a rule may answer to a request: OK, or a client error (never INTERNAL or UNKNOWN) that
// is a bounded refusal.
inline bool IsRuleAnswer(const absl::Status& s) {
  if (s.ok()) return true;
  for (absl::StatusCode code :
       {absl::StatusCode::kInvalidArgument, absl::StatusCode::kFailedPrecondition,
        absl::StatusCode::kNotFound, absl::StatusCode::kAlreadyExists,
        absl::StatusCode::kPermissionDenied, absl::StatusCode::kOutOfRange}) {
    if (IsBoundedRefusal(s, code)) return true;
  }
  return false;
}

}  // namespace auxpro::fuzz
