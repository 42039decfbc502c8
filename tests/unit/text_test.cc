// Unit tests of libs/common/text: required, limited and id text fields.

#include "libs/common/text.h"

#include <gtest/gtest.h>

namespace auxpro {
namespace {

TEST(Text, RequiredTextMayNotBeBlankAndIsLimitedInBytes) {
  EXPECT_TRUE(RequireText("张三", "person.full_name", 128).ok());
  EXPECT_EQ(RequireText(" \t ", "person.full_name", 128).message(), "person.full_name: required");
  EXPECT_EQ(RequireText("", "reason", 10).code(), absl::StatusCode::kInvalidArgument);
  // Three bytes per character in UTF-8: four characters are 12 bytes.
  EXPECT_EQ(RequireText("一二三四", "reason", 10).message(), "reason: at most 10 bytes, got 12");
}

TEST(Text, LimitedTextMayBeEmpty) {
  EXPECT_TRUE(LimitText("", "note", 5).ok());
  EXPECT_TRUE(LimitText("12345", "note", 5).ok());
  EXPECT_EQ(LimitText("123456", "note", 5).message(), "note: at most 5 bytes, got 6");
}

TEST(Text, CharacterLimitsCountCodePointsAndRefuseBrokenUtf8) {
  EXPECT_TRUE(LimitChars("", "comment", 2).ok());
  EXPECT_TRUE(LimitChars("好的", "comment", 2).ok());  // 6 bytes, 2 characters
  EXPECT_EQ(LimitChars("好的呀", "comment", 2).message(), "comment: at most 2 characters");
  EXPECT_TRUE(LimitChars("\xF0\x9F\x98\x80", "comment", 1).ok());  // one 4-byte emoji
  EXPECT_EQ(LimitChars("a\xE5\xA5", "comment", 5).message(), "comment: not UTF-8 text (byte 1)");
  EXPECT_EQ(LimitChars("\x80", "comment", 5).message(), "comment: not UTF-8 text (byte 0)");
}

TEST(Text, IdsAreLowerCaseLettersDigitsAndDashes) {
  EXPECT_TRUE(IsIdText("unit-1", 40));
  EXPECT_FALSE(IsIdText("Unit-1", 40));
  EXPECT_FALSE(IsIdText("unit 1", 40));
  EXPECT_FALSE(IsIdText("", 40));
  EXPECT_FALSE(IsIdText(std::string(41, 'a'), 40));
  EXPECT_EQ(RequireIdText("一中队", "unit_id", 40).message(),
            "unit_id: \"一中队\" must be 1-40 lower-case letters, digits or '-'");
}

}  // namespace
}  // namespace auxpro
