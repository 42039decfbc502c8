// Unit tests of libs/service/pagination: pagination.

#include "libs/service/pagination.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;

TEST(PageSize, ZeroMeansTheDefaultOf50) {
  auto size = service::EffectivePageSize(0);
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 50);
}

TEST(PageSize, AboveTheMaximumIsClampedTo1000) {
  EXPECT_EQ(*service::EffectivePageSize(5000), 1000);
  EXPECT_EQ(*service::EffectivePageSize(1001), 1000);
  EXPECT_EQ(*service::EffectivePageSize(1000), 1000);
}

TEST(PageSize, AnInRangeSizeIsKept) {
  EXPECT_EQ(*service::EffectivePageSize(1), 1);
  EXPECT_EQ(*service::EffectivePageSize(37), 37);
}

TEST(PageSize, NegativeIsInvalidArgumentNamingPageSize) {
  auto size = service::EffectivePageSize(-1);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(size.status().message(), HasSubstr("page_size"));
}

TEST(PageToken, RoundTripsTheLastKeyForTheSameQuery) {
  const std::string query = "parent=jurisdictions/wenjiang|filter=state=ACTIVE";
  for (const std::string& key :
       std::vector<std::string>{"p-42", "a:b:c", "张三/一中队", std::string("x\0y", 3)}) {
    const std::string token = service::EncodePageToken(key, query);
    auto decoded = service::DecodePageToken(token, query);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, key);
  }
}

TEST(PageToken, EmptyTokenIsTheFirstPage) {
  auto decoded = service::DecodePageToken("", "any query");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, "");
}

TEST(PageToken, RefusesATokenOfAnotherQuery) {
  const std::string token = service::EncodePageToken("p-42", "parent=jurisdictions/wenjiang");
  auto decoded = service::DecodePageToken(token, "parent=jurisdictions/haimen");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(decoded.status().message(), HasSubstr("page_token"));
}

TEST(PageToken, RefusesGarbage) {
  const std::string query = "parent=jurisdictions/wenjiang";
  for (const std::string& garbage : std::vector<std::string>{
           std::string("not a token!"), std::string("%%%"), absl::WebSafeBase64Escape("short"),
           absl::WebSafeBase64Escape("0123456789abcdefXlast-key")}) {
    auto decoded = service::DecodePageToken(garbage, query);
    ASSERT_FALSE(decoded.ok()) << "accepted " << garbage;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(decoded.status().message(), HasSubstr("page_token"));
  }
}

TEST(PageToken, RefusesATokenWhoseFingerprintWasEdited) {
  const std::string query = "parent=jurisdictions/wenjiang";
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(service::EncodePageToken("p-1", query), &raw));
  raw[0] = raw[0] == '0' ? '1' : '0';
  auto decoded = service::DecodePageToken(absl::WebSafeBase64Escape(raw), query);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro
