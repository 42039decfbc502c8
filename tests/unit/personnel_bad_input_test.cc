// Bad input the national-ID checksum lets through (issue: birth years 2030 or 1800, region code
// 000000), refused by persons_rules naming the field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_format.h"
#include "libs/common/national_id.h"
#include "services/personnel/persons_rules.h"

namespace auxpro::personnel {
namespace {

using ::testing::HasSubstr;

constexpr CivilDate kToday{2026, 3, 1};

// A number with a valid GB 11643 check character.
std::string Id(const std::string& region, int year, int month, int day) {
  std::string s = region + absl::StrFormat("%04d%02d%02d%03d", year, month, day, 123);
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (s[i] - '0') * kWeights[i];
  s += "10X98765432"[sum % 11];
  return s;
}

TEST(NationalIdFacts, TheChecksumAloneAdmitsImpossibleNumbers) {
  EXPECT_TRUE(IsValidNationalId(Id("000000", 1990, 5, 17)));
  EXPECT_TRUE(IsValidNationalId(Id("510115", 2030, 1, 1)));
}

TEST(NationalIdFacts, BirthInTheFutureOrBefore1900IsRefused) {
  absl::Status future = CheckNationalIdFacts(Id("510115", 2030, 1, 1), kToday);
  EXPECT_EQ(future.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(future.message(), HasSubstr("person.national_id"));
  EXPECT_THAT(future.message(), HasSubstr("in the future"));
  EXPECT_THAT(CheckNationalIdFacts(Id("510115", 1800, 1, 1), kToday).message(),
              HasSubstr("before 1900"));
  EXPECT_TRUE(CheckNationalIdFacts(Id("510115", 1990, 5, 17), kToday).ok());
}

TEST(NationalIdFacts, RegionCodeMustBeACountyOfAProvince) {
  EXPECT_THAT(CheckNationalIdFacts(Id("000000", 1990, 5, 17), kToday).message(),
              HasSubstr("region code 000000"));
  EXPECT_FALSE(CheckNationalIdFacts(Id("990101", 1990, 5, 17), kToday).ok());
  EXPECT_FALSE(CheckNationalIdFacts(Id("510000", 1990, 5, 17), kToday).ok());
  EXPECT_TRUE(CheckNationalIdFacts(Id("320684", 1990, 5, 17), kToday).ok());  // haimen
  EXPECT_TRUE(CheckNationalIdFacts(Id("140100", 1990, 5, 17), kToday).ok());  // taiyuan
}

}  // namespace
}  // namespace auxpro::personnel
