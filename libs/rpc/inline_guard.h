#pragma once

#include <functional>

namespace auxpro::rpc {

// A condition every inline run (work_pool.h, TryEnterInline) must meet besides the count limit,
// checked per call: auxpro-server sets "no call waits for a database connection"
// (libs/db/pool_waiters.h). Without one set, only the limit applies. Set once at start.
void SetInlineGuard(std::function<bool()> guard);

}  // namespace auxpro::rpc
