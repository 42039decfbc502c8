#include "tests/support/national_id.h"

#include "absl/strings/str_format.h"
#include "libs/common/national_id.h"

namespace auxpro::testing {

std::string MakeNationalId(int year, int month, int day, int serial) {
  const std::string first17 =
      absl::StrFormat("510115%04d%02d%02d%03d", year, month, day, serial % 1000);
  return first17 + NationalIdCheckCharacter(first17);
}

}  // namespace auxpro::testing
