// Unit tests of libs/service/etag: optimistic concurrency (AIP-154).

#include "libs/service/etag.h"

#include <gtest/gtest.h>

#include "libs/common/errors.h"

namespace auxpro {
namespace {

TEST(Etag, TheCurrentEtagPassesWithOrWithoutQuotes) {
  EXPECT_TRUE(service::CheckEtag("3", "3", "person.etag").ok());
  EXPECT_TRUE(service::CheckEtag("3", "\"3\"", "person.etag").ok());
}

TEST(Etag, AStaleEtagIsAbortedWithTheCurrentOne) {
  absl::Status s = service::CheckEtag("4", "3", "person.etag");
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_NE(s.message().find("person.etag 3 is stale"), absl::string_view::npos) << s;
  auto info = ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "ETAG_MISMATCH");
  EXPECT_EQ(info->metadata.at("current_etag"), "4");
}

TEST(Etag, AMissingEtagIsInvalidNamingTheField) {
  absl::Status s = service::CheckEtag("4", "", "person.etag");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "person.etag: required (read it first)");
}

}  // namespace
}  // namespace auxpro
