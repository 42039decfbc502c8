// Unit tests of libs/service/peer_router: routes to peers, and the guard that keeps handlers bound
// as plain reads (BindRead, which may run on gRPC's own threads) from waiting for a peer.

#include "libs/service/peer_router.h"

#include <gtest/gtest.h>

#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/inline_guard.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

TEST(PeerRouter, AHandlerBoundAsAPlainReadGetsNoPeerChannel) {
  service::PeerRouter router({{"personnel", "127.0.0.1:1"}},
                             testing::ClientIdentity("system", "SERVICE"));
  EXPECT_NE(router.ChannelTo("personnel"), nullptr);
  EXPECT_EQ(router.ChannelTo("points"), nullptr) << "no route";
  EXPECT_FALSE(rpc::InBoundRead());
  {
    rpc::BoundReadScope read_only;
    EXPECT_TRUE(rpc::InBoundRead());
    EXPECT_EQ(router.ChannelTo("personnel"), nullptr);
    EXPECT_EQ(router.StubOf<personnel::v1::Personnel>("personnel"), nullptr);
    { rpc::BoundReadScope nested; }
    EXPECT_TRUE(rpc::InBoundRead()) << "a nested scope leaves the outer one in force";
  }
  EXPECT_FALSE(rpc::InBoundRead());
  EXPECT_NE(router.ChannelTo("personnel"), nullptr);
}

}  // namespace
}  // namespace auxpro
