// Unit tests of libs/service/list_filter: list filters.

#include "libs/service/list_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace auxpro {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

const std::set<std::string> kFilterFields = {"state", "unit", "full_name"};

TEST(ListFilter, EmptyOrBlankFilterIsNoTerms) {
  for (const std::string& f : std::vector<std::string>{"", "   "}) {
    auto terms = service::ParseFilter(f, kFilterFields);
    ASSERT_TRUE(terms.ok()) << terms.status();
    EXPECT_TRUE(terms->empty());
  }
}

TEST(ListFilter, ParsesTermsJoinedByAnd) {
  auto terms = service::ParseFilter("state=ACTIVE AND unit = u-1", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, UnorderedElementsAre(Pair("state", "ACTIVE"), Pair("unit", "u-1")));
}

TEST(ListFilter, StripsDoubleQuotesAroundAValue) {
  auto terms = service::ParseFilter("full_name=\"张 三\" AND unit=\"一中队\"", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, UnorderedElementsAre(Pair("full_name", "张 三"), Pair("unit", "一中队")));
}

TEST(ListFilter, QuotedValueMayContainAnEqualsSign) {
  auto terms = service::ParseFilter("full_name=\"a=b\"", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, ElementsAre(Pair("full_name", "a=b")));
}

// A double-quoted value is one value: the " AND " inside the quotes is not a term separator.
TEST(ListFilter, QuotedValueMayContainTheWordAnd) {
  auto terms = service::ParseFilter("full_name=\"Smith AND Sons\" AND state=ACTIVE", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms,
              UnorderedElementsAre(Pair("full_name", "Smith AND Sons"), Pair("state", "ACTIVE")));
}

TEST(ListFilter, UnknownFieldIsInvalidArgumentNamingIt) {
  auto terms = service::ParseFilter("state=ACTIVE AND salary=100", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("\"salary\""));
}

TEST(ListFilter, RepeatedFieldIsInvalidArgumentNamingIt) {
  auto terms = service::ParseFilter("state=ACTIVE AND state=EXITED", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("\"state\""));
  EXPECT_THAT(terms.status().message(), HasSubstr("repeated"));
}

TEST(ListFilter, TermWithoutEqualsIsInvalidArgument) {
  auto terms = service::ParseFilter("state=ACTIVE AND ACTIVE", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("ACTIVE"));
}

}  // namespace
}  // namespace auxpro
