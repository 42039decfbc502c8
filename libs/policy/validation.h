#pragma once

// The checks the section validators (validate_*.cc) are made of. Internal to auxpro_policy; the
// public entry point is ValidatePolicy (validate_policy.h).

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace auxpro::policy::validation {

inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 5;
inline constexpr int kMaxAgeYears = 100;

inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// What a code must look like: `matches` decides, `text` shows it in the message.
struct CodePattern {
  bool (*matches)(const std::string&);
  absl::string_view text;
};

// [A-Z][A-Z0-9_]*, no trailing or doubled underscore: grade, item and point rule codes.
bool IsUpperSnake(const std::string& s);
// [a-z][a-z0-9_]*, no trailing or doubled underscore: exit checklist items.
bool IsLowerSnake(const std::string& s);
// [A-Z0-9]*
bool IsUpperAlnum(const std::string& s);

inline constexpr CodePattern kUpperSnake = {IsUpperSnake, "[A-Z][A-Z0-9_]*"};
inline constexpr CodePattern kLowerSnake = {IsLowerSnake, "[a-z][a-z0-9_]*"};

std::string Quote(absl::string_view s);

// Collects problems as "<path>: <message>" into a list that the root owns. A Problems made by Field
// or Item adds to the same list under a longer path, so a validator names fields relative to the
// message it checks: Problems at "points" reports Range("promotion_threshold", ...) as
// "points.promotion_threshold: ...". Every `field` below may be "" for the path itself.
//
// Each check returns whether the value passed, for checks that only make sense after it.
class Problems {
 public:
  explicit Problems(std::vector<std::string>& out) : out_(&out) {}

  // `field` of the message at this path ("points" -> "points.rules").
  Problems Field(absl::string_view field) const;
  // Element `index` of repeated `field` ("points" -> "points.rules[2]").
  Problems Item(absl::string_view field, int index) const;

  void Add(absl::string_view field, absl::string_view message);

  // lo <= value <= hi.
  bool Range(absl::string_view field, int64_t value, int64_t lo, int64_t hi);
  // value > 0.
  bool Positive(absl::string_view field, int64_t value);
  // min <= max, where max is the value of field `max_field`.
  bool NotAbove(absl::string_view field, int64_t min, absl::string_view max_field, int64_t max);
  // A non-empty string.
  bool NonEmpty(absl::string_view field, const std::string& value);
  // A string that matches `pattern`.
  bool Matches(absl::string_view field, const std::string& value, const CodePattern& pattern);
  // A non-empty string that matches `pattern`.
  bool RequiredCode(absl::string_view field, const std::string& value, const CodePattern& pattern);
  // A non-empty list of distinct codes, each matching `pattern`.
  void RequiredCodes(absl::string_view field,
                     const google::protobuf::RepeatedPtrField<std::string>& codes,
                     const CodePattern& pattern);
  // An enum value its IsValid function knows; `noun` names the enum in "unknown <noun> value 7".
  bool KnownEnum(absl::string_view field, int value, bool (*is_valid)(int), absl::string_view noun);
  // A known enum value other than 0 (UNSPECIFIED); `unset` is the problem when it is 0.
  bool RequiredEnum(absl::string_view field, int value, bool (*is_valid)(int),
                    absl::string_view noun, absl::string_view unset = "must be set");
  // At least one element.
  template <typename Repeated>
  bool NotEmpty(absl::string_view field, const Repeated& values) {
    return Check(!values.empty(), field, "must not be empty");
  }
  // `value` not already in `seen` (it is added); `shown` is how the problem names it.
  template <typename T>
  bool Distinct(absl::string_view field, std::set<T>& seen, const T& value,
                absl::string_view shown) {
    return Check(seen.insert(value).second, field, absl::StrCat("duplicate ", shown));
  }

 private:
  Problems(std::vector<std::string>* out, std::string path) : out_(out), path_(std::move(path)) {}

  // Adds `message` at `field` unless `ok`; returns `ok`.
  bool Check(bool ok, absl::string_view field, absl::string_view message);

  std::vector<std::string>* out_;
  std::string path_;
};

}  // namespace auxpro::policy::validation
