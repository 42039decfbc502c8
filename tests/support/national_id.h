#pragma once

#include <string>

namespace auxpro::testing {

// A valid 18-character national ID (GB 11643) for region 510115 born on the given date; `serial`
// (0-999) picks the sequence digits, whose parity gives the gender (odd = male).
std::string MakeNationalId(int year, int month, int day, int serial);

}  // namespace auxpro::testing
