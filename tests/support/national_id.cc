#include "tests/support/national_id.h"

#include "absl/strings/str_format.h"

namespace auxpro::testing {

std::string MakeNationalId(int year, int month, int day, int serial) {
  std::string body = absl::StrFormat("510115%04d%02d%02d%03d", year, month, day, serial % 1000);
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

}  // namespace auxpro::testing
