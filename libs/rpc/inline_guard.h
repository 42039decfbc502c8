#pragma once

#include <functional>

namespace auxpro::rpc {

// A condition every inline run (work_pool.h, TryEnterInline) must meet besides the count limit,
// checked per call: auxpro-server sets "no call waits for a database connection"
// (libs/db/pool_waiters.h). Without one set, only the limit applies. Set once at start.
void SetInlineGuard(std::function<bool()> guard);

// Marks the running thread, while the scope lives, as inside a handler bound as a plain read of its own
// database (service::UnaryService::BindRead), which may run on one of gRPC's few threads: such a
// handler must never wait for a peer. service::PeerRouter refuses to hand it a channel.
class BoundReadScope {
 public:
  BoundReadScope();
  ~BoundReadScope();
  BoundReadScope(const BoundReadScope&) = delete;
  BoundReadScope& operator=(const BoundReadScope&) = delete;

 private:
  bool outer_;
};

// True inside a BoundReadScope on this thread.
bool InBoundRead();

}  // namespace auxpro::rpc
