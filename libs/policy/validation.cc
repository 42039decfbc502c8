#include "libs/policy/validation.h"

namespace auxpro::policy::validation {
namespace {

// A letter of one case (`is_letter`) first, then such letters, digits and single underscores, not
// at the end.
bool IsSnake(const std::string& s, bool (*is_letter)(char)) {
  if (s.empty() || !is_letter(s[0]) || s.back() == '_') {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!is_letter(c) && !IsDigit(c) && c != '_') {
      return false;
    }
    if (c == '_' && i > 0 && s[i - 1] == '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsUpperSnake(const std::string& s) { return IsSnake(s, IsUpper); }
bool IsLowerSnake(const std::string& s) { return IsSnake(s, IsLower); }

bool IsUpperAlnum(const std::string& s) {
  for (char c : s) {
    if (!IsUpper(c) && !IsDigit(c)) {
      return false;
    }
  }
  return true;
}

std::string Quote(absl::string_view s) { return absl::StrCat("\"", s, "\""); }

Problems Problems::Field(absl::string_view field) const {
  if (path_.empty() || field.empty()) {
    return Problems(out_, absl::StrCat(path_, field));
  }
  return Problems(out_, absl::StrCat(path_, ".", field));
}

Problems Problems::Item(absl::string_view field, int index) const {
  return Problems(out_, absl::StrCat(Field(field).path_, "[", index, "]"));
}

void Problems::Add(absl::string_view field, absl::string_view message) {
  out_->push_back(absl::StrCat(Field(field).path_, ": ", message));
}

bool Problems::Check(bool ok, absl::string_view field, absl::string_view message) {
  if (!ok) {
    Add(field, message);
  }
  return ok;
}

bool Problems::Range(absl::string_view field, int64_t value, int64_t lo, int64_t hi) {
  if (value >= lo && value <= hi) {
    return true;
  }
  Add(field, absl::StrCat("must be between ", lo, " and ", hi, ", got ", value));
  return false;
}

bool Problems::Positive(absl::string_view field, int64_t value) {
  if (value > 0) {
    return true;
  }
  Add(field, absl::StrCat("must be greater than 0, got ", value));
  return false;
}

bool Problems::NotAbove(absl::string_view field, int64_t min, absl::string_view max_field,
                        int64_t max) {
  if (min <= max) {
    return true;
  }
  Add(field, absl::StrCat("must not exceed ", max_field, " (", max, "), got ", min));
  return false;
}

bool Problems::NonEmpty(absl::string_view field, const std::string& value) {
  return Check(!value.empty(), field, "must be set");
}

bool Problems::Matches(absl::string_view field, const std::string& value,
                       const CodePattern& pattern) {
  return Check(pattern.matches(value), field,
               absl::StrCat("must match ", pattern.text, ", got ", Quote(value)));
}

bool Problems::RequiredCode(absl::string_view field, const std::string& value,
                            const CodePattern& pattern) {
  return NonEmpty(field, value) && Matches(field, value, pattern);
}

void Problems::RequiredCodes(absl::string_view field,
                             const google::protobuf::RepeatedPtrField<std::string>& codes,
                             const CodePattern& pattern) {
  NotEmpty(field, codes);
  std::set<std::string> seen;
  for (int i = 0; i < codes.size(); ++i) {
    const std::string& code = codes.Get(i);
    Problems item = Item(field, i);
    if (item.Matches("", code, pattern)) {
      item.Distinct("", seen, code, Quote(code));
    }
  }
}

bool Problems::KnownEnum(absl::string_view field, int value, bool (*is_valid)(int),
                         absl::string_view noun) {
  if (is_valid(value)) {
    return true;
  }
  Add(field, absl::StrCat("unknown ", noun, " value ", value));
  return false;
}

bool Problems::RequiredEnum(absl::string_view field, int value, bool (*is_valid)(int),
                            absl::string_view noun, absl::string_view unset) {
  return Check(value != 0, field, unset) && KnownEnum(field, value, is_valid, noun);
}

}  // namespace auxpro::policy::validation
