// google.rpc.ErrorInfo in status details (AIP-193), written without Debian-absent googleapis.

#include "libs/rpc/error_info.h"

#include <google/protobuf/any.pb.h>
#include <gtest/gtest.h>

namespace auxpro::rpc {
namespace {

TEST(ErrorInfo, TravelsInGoogleRpcStatusDetailsWithTheAnsweringServiceAsDomain) {
  absl::Status refused =
      WithErrorInfo(absl::FailedPreconditionError("head-count limit reached"),
                    "HEADCOUNT_LIMIT_REACHED", {{"limit", "20"}, {"current_count", "20"}});
  grpc::Status wire = ToGrpcWithDetails(refused, "auxpro.personnel.v1.Personnel");
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(wire.error_message(), "head-count limit reached");
  auto info = ErrorInfoOf(wire);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "HEADCOUNT_LIMIT_REACHED");
  EXPECT_EQ(info->domain, "auxpro.personnel.v1.Personnel");
  EXPECT_EQ(info->metadata.size(), 2u);
  EXPECT_EQ(info->metadata.at("limit"), "20");
  EXPECT_EQ(info->metadata.at("current_count"), "20");
}

TEST(ErrorInfo, DetailsAreAGoogleRpcStatusWithCodeMessageAndAnAny) {
  grpc::Status wire = ToGrpcWithDetails(
      WithErrorInfo(absl::AbortedError("stale"), "ETAG_MISMATCH", {{"current_etag", "\"3\""}}),
      "auxpro.personnel.v1.Personnel");
  // google.rpc.Status: field 1 code (varint), 2 message, 3 details (Any).
  const std::string& d = wire.error_details();
  ASSERT_GE(d.size(), 4u);
  EXPECT_EQ(static_cast<uint8_t>(d[0]), 0x08);
  EXPECT_EQ(static_cast<uint8_t>(d[1]), static_cast<uint8_t>(grpc::StatusCode::ABORTED));
  EXPECT_NE(d.find("type.googleapis.com/google.rpc.ErrorInfo"), std::string::npos);
}

TEST(ErrorInfo, StatusWithoutInfoHasNoDetails) {
  grpc::Status wire = ToGrpcWithDetails(absl::NotFoundError("person not found"), "svc");
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(wire.error_details().empty());
  EXPECT_FALSE(ErrorInfoOf(wire).has_value());
  EXPECT_TRUE(ToGrpcWithDetails(absl::OkStatus(), "svc").ok());
}

TEST(ErrorInfo, ReadBackFromAbslStatus) {
  absl::Status s = WithErrorInfo(absl::InvalidArgumentError("x"), "REQUEST_ID_REUSED");
  auto info = ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "REQUEST_ID_REUSED");
  EXPECT_TRUE(info->domain.empty());
  EXPECT_FALSE(ErrorInfoOf(absl::InvalidArgumentError("y")).has_value());
}

}  // namespace
}  // namespace auxpro::rpc
