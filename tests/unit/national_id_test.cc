// Unit tests of libs/common/national_id: GB 11643 numbers.

#include "libs/common/national_id.h"

#include <gtest/gtest.h>

namespace auxpro {
namespace {

TEST(NationalId, ChecksumOfGb11643IsVerified) {
  EXPECT_TRUE(IsValidNationalId("11010519491231002X"));
  EXPECT_TRUE(IsValidNationalId("140102198511071536"));
  EXPECT_FALSE(IsValidNationalId("110105194912310021"));  // wrong check character
  EXPECT_FALSE(IsValidNationalId("140102198511071537"));
  EXPECT_FALSE(IsValidNationalId("11010519491231002x"));  // lower-case x is not accepted
  EXPECT_FALSE(IsValidNationalId("11010519491231002"));   // 17 characters
  EXPECT_FALSE(IsValidNationalId("1101051949123100A2X"));
  EXPECT_FALSE(IsValidNationalId("110105194912310X2X"));
  EXPECT_FALSE(IsValidNationalId(""));
  // Checksum right, birth date 1999-02-30 impossible.
  EXPECT_FALSE(IsValidNationalId("140102199902300011"));
}

TEST(NationalId, MaskKeepsFirstFourAndLastFour) {
  EXPECT_EQ(MaskNationalId("11010519491231002X"), "11****************");
  // Masks stored before the mask narrowed (first and last 4 kept) are masked again on the way out.
  EXPECT_EQ(MaskNationalId("1101**********002X"), "11****************");
  EXPECT_EQ(MaskNationalId("12345678"), "********");
  EXPECT_EQ(MaskNationalId(""), "");
}

TEST(NationalId, BirthDateAndGenderComeFromTheNumber) {
  EXPECT_EQ(BirthDateFromNationalId("11010519491231002X"), (CivilDate{1949, 12, 31}));
  EXPECT_EQ(GenderFromNationalId("11010519491231002X"), common::v1::FEMALE);  // 17th digit 2
  EXPECT_EQ(BirthDateFromNationalId("14010219800229001X"), (CivilDate{1980, 2, 29}));
  EXPECT_EQ(GenderFromNationalId("14010219800229001X"), common::v1::MALE);  // 17th digit 1
  EXPECT_EQ(GenderFromNationalId("140102198511071536"), common::v1::MALE);
  EXPECT_EQ(BirthDateFromNationalId("110105194912310021"), std::nullopt);
  EXPECT_EQ(GenderFromNationalId("110105194912310021"), common::v1::GENDER_UNSPECIFIED);
}

}  // namespace
}  // namespace auxpro
