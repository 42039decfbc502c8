#include <set>
#include <string>
#include <vector>

#include "auxpro/common/v1/types.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/policy/validation.h"

// validation.cc: the checks the section validators are made of.

namespace auxpro::policy::validation {
namespace {

using auxpro::common::v1::Education_IsValid;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ProblemsTest, NamesFieldsBelowItsPath) {
  std::vector<std::string> out;
  Problems root(out);
  Problems points = root.Field("points");
  points.Add("promotion_threshold", "a");
  points.Item("rules", 2).Add("", "b");
  points.Item("rules", 2).Add("code", "c");
  root.Field("grading").Field("levels").Add("", "d");
  root.Add("source", "e");
  EXPECT_THAT(out, ElementsAre("points.promotion_threshold: a", "points.rules[2]: b",
                               "points.rules[2].code: c", "grading.levels: d", "source: e"));
}

TEST(ProblemsTest, PassingChecksAddNothing) {
  std::vector<std::string> out;
  Problems p(out);
  std::set<int> seen;
  EXPECT_TRUE(p.Range("f", 5, 1, 5));
  EXPECT_TRUE(p.Positive("f", 1));
  EXPECT_TRUE(p.NotAbove("f", 3, "max", 3));
  EXPECT_TRUE(p.NonEmpty("f", "x"));
  EXPECT_TRUE(p.Matches("f", "A_B", kUpperSnake));
  EXPECT_TRUE(p.RequiredCode("f", "a_b", kLowerSnake));
  EXPECT_TRUE(p.KnownEnum("f", 0, Education_IsValid, "education"));
  EXPECT_TRUE(p.RequiredEnum("f", auxpro::common::v1::BACHELOR, Education_IsValid, "education"));
  EXPECT_TRUE(p.NotEmpty("f", std::vector<int>{1}));
  EXPECT_TRUE(p.Distinct("f", seen, 1, "1"));
  EXPECT_THAT(out, IsEmpty());
}

TEST(ProblemsTest, FailingChecksNameFieldAndValue) {
  std::vector<std::string> out;
  Problems p(out);
  std::set<int> seen = {7};
  EXPECT_FALSE(p.Range("range", 0, 1, 5));
  EXPECT_FALSE(p.Positive("positive", -2));
  EXPECT_FALSE(p.NotAbove("min", 4, "max", 3));
  EXPECT_FALSE(p.NonEmpty("name", ""));
  EXPECT_FALSE(p.Matches("code", "", kUpperSnake));
  EXPECT_FALSE(p.RequiredCode("required_code", "", kUpperSnake));
  EXPECT_FALSE(p.KnownEnum("education", 42, Education_IsValid, "education"));
  EXPECT_FALSE(p.RequiredEnum("unset", 0, Education_IsValid, "education", "must be chosen"));
  EXPECT_FALSE(p.NotEmpty("list", std::vector<int>{}));
  EXPECT_FALSE(p.Distinct("again", seen, 7, "7"));
  EXPECT_THAT(
      out,
      ElementsAre("range: must be between 1 and 5, got 0",
                  "positive: must be greater than 0, got -2", "min: must not exceed max (3), got 4",
                  "name: must be set", "code: must match [A-Z][A-Z0-9_]*, got \"\"",
                  "required_code: must be set", "education: unknown education value 42",
                  "unset: must be chosen", "list: must not be empty", "again: duplicate 7"));
}

TEST(ProblemsTest, RequiredCodesChecksEveryElement) {
  std::vector<std::string> out;
  Problems p(out);
  google::protobuf::RepeatedPtrField<std::string> codes;
  p.RequiredCodes("items", codes, kUpperSnake);
  for (const char* code : {"A", "b", "A", "C"}) {
    codes.Add(code);
  }
  p.RequiredCodes("items", codes, kUpperSnake);
  EXPECT_THAT(out, ElementsAre("items: must not be empty",
                               "items[1]: must match [A-Z][A-Z0-9_]*, got \"b\"",
                               "items[2]: duplicate \"A\""));
}

TEST(CodePatternTest, Snake) {
  EXPECT_TRUE(IsUpperSnake("A"));
  EXPECT_TRUE(IsUpperSnake("NO_TOP_GRADE_3_YEARS"));
  EXPECT_FALSE(IsUpperSnake(""));
  EXPECT_FALSE(IsUpperSnake("_A"));
  EXPECT_FALSE(IsUpperSnake("A_"));
  EXPECT_FALSE(IsUpperSnake("A__B"));
  EXPECT_FALSE(IsUpperSnake("3A"));
  EXPECT_FALSE(IsUpperSnake("Ab"));
  EXPECT_TRUE(IsLowerSnake("equipment_returned"));
  EXPECT_FALSE(IsLowerSnake("Equipment"));
  EXPECT_FALSE(IsLowerSnake("a-b"));
}

TEST(CodePatternTest, UpperAlnum) {
  EXPECT_TRUE(IsUpperAlnum(""));
  EXPECT_TRUE(IsUpperAlnum("XG14"));
  EXPECT_FALSE(IsUpperAlnum("x"));
  EXPECT_FALSE(IsUpperAlnum("A_1"));
}

}  // namespace
}  // namespace auxpro::policy::validation
