#include "libs/common/national_id.h"

namespace auxpro {

namespace {

constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kIdCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

CivilDate BirthDate(std::string_view id) {
  return {Digits(id.substr(6, 4)), Digits(id.substr(10, 2)), Digits(id.substr(12, 2))};
}

}  // namespace

char NationalIdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '?';
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '?';
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdCheck[sum % 11];
}

bool IsValidNationalId(std::string_view id) {
  if (id.size() != 18) return false;
  if (id[17] != NationalIdCheckCharacter(id.substr(0, 17))) return false;
  return IsValidCivilDate(BirthDate(id));
}

std::string MaskNationalId(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 2)) + std::string(id.size() - 2, '*');
}

std::optional<CivilDate> BirthDateFromNationalId(std::string_view id) {
  if (!IsValidNationalId(id)) return std::nullopt;
  return BirthDate(id);
}

common::v1::Gender GenderFromNationalId(std::string_view id) {
  if (!IsValidNationalId(id)) return common::v1::GENDER_UNSPECIFIED;
  return (id[16] - '0') % 2 == 1 ? common::v1::MALE : common::v1::FEMALE;
}

}  // namespace auxpro
