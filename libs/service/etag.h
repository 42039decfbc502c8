#pragma once

// Optimistic concurrency (AIP-154): a resource's etag is its version as text; an update sends the
// etag it read.

#include <string>

#include "absl/status/status.h"

namespace auxpro::service {

// OK when `sent` is the current etag (surrounding double quotes, as HTTP clients send them, are
// ignored); INVALID_ARGUMENT naming `field` when none was sent; ABORTED ETAG_MISMATCH
// (current_etag) when it is stale.
absl::Status CheckEtag(const std::string& current, const std::string& sent,
                       const std::string& field);

}  // namespace auxpro::service
