#pragma once

// What a client sees of a handler's status (rpc::Offload applies it to every answered call):
//   - INTERNAL, UNKNOWN and DATA_LOSS, and any status made from a database error (it carries the
//     server's SQL text: a `mysql_errno` payload from libs/db), are logged in full on stderr with
//     the method and a reference, and answered with the same code and a fixed sentence that
//     quotes only the reference;
//   - every other message is cut to 512 bytes, so that no error echoes a client's whole input
//     back in `grpc-message`.
// ErrorInfo details are kept.

#include <string>

#include "absl/status/status.h"

namespace auxpro::rpc {

absl::Status ForClient(const absl::Status& status, const std::string& method);

}  // namespace auxpro::rpc
