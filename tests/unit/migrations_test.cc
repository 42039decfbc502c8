// Unit tests of libs/db/migrations: migration statement splitting.

#include "libs/db/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace auxpro {
namespace {

using ::testing::HasSubstr;

TEST(SplitStatements, SplitsAtLinesEndingWithASemicolon) {
  const std::string text =
      "CREATE TABLE a (\n"
      "  id INT\n"
      ");\n"
      "INSERT INTO a VALUES (1);  \n"
      "INSERT INTO a VALUES (2)";
  auto statements = db::SplitStatements(text);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_THAT(statements[0], HasSubstr("CREATE TABLE a ("));
  EXPECT_THAT(statements[0], HasSubstr("id INT"));
  EXPECT_EQ(statements[0].find(';'), std::string::npos);
  EXPECT_THAT(statements[1], HasSubstr("INSERT INTO a VALUES (1)"));
  EXPECT_EQ(statements[1].find(';'), std::string::npos);
  EXPECT_THAT(statements[2], HasSubstr("INSERT INTO a VALUES (2)"));
}

TEST(SplitStatements, SemicolonInsideALineDoesNotSplit) {
  auto statements = db::SplitStatements("INSERT INTO a VALUES ('x;y'), ('z');\n");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_THAT(statements[0], HasSubstr("('x;y'), ('z')"));
}

TEST(SplitStatements, SkipsCommentLinesEvenWhenTheyEndWithASemicolon) {
  const std::string text =
      "-- header comment;\n"
      "  -- indented comment;\n"
      "CREATE TABLE a (id INT);\n"
      "-- trailing comment\n";
  auto statements = db::SplitStatements(text);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].find("--"), std::string::npos);
  EXPECT_THAT(statements[0], HasSubstr("CREATE TABLE a (id INT)"));
}

TEST(SplitStatements, BlankOrEmptyTextHasNoStatements) {
  EXPECT_TRUE(db::SplitStatements("").empty());
  EXPECT_TRUE(db::SplitStatements("\n  \n;\n-- only a comment\n").empty());
}

TEST(SplitStatements, HandlesWindowsLineEndings) {
  auto statements = db::SplitStatements("SELECT 1;\r\nSELECT 2;\r\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_THAT(statements[0], HasSubstr("SELECT 1"));
  EXPECT_THAT(statements[1], HasSubstr("SELECT 2"));
}

}  // namespace
}  // namespace auxpro
