#pragma once

namespace auxpro::db {

// How many calls of this process wait for a free connection in any ConnectionPool right now. A
// hint, read without a lock: auxpro-server runs a plain read on gRPC's own thread only while no
// call waits for a connection (libs/rpc/inline_guard.h), so that a saturated pool never holds
// gRPC's few threads in the checkout wait.
int WaitingForConnections();

}  // namespace auxpro::db
