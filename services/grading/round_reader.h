#pragma once

// Reads the round's facts a chunk of persons at a time: one ListPersons page from personnel,
// then at once one batch read each from assessment, points and survey and grading's own records
// of the same persons, each call with a deadline. Nothing is read per person.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/service/service_context.h"
#include "services/grading/round_rules.h"

namespace auxpro::grading {

// Persons per chunk: a ListPersons page and every batch read hold at most this many.
inline constexpr int kRoundChunk = 1000;

struct RoundChunk {
  // The employed persons (PROBATION, ACTIVE) of the chunk, in personnel's id order.
  std::vector<RoundCandidate> candidates;
  int scanned = 0;               // persons listed, employed or not
  std::string next_chunk_token;  // personnel's token of the next chunk; "" after the last
};

// The chunk of up to `size` (at most kRoundChunk) of `j`'s persons that personnel's
// `chunk_token` starts ("" the first), with the facts of the check for `date`. UNAVAILABLE naming
// the service when one does not answer.
absl::StatusOr<RoundChunk> ReadRoundChunk(const service::ServiceContext& ctx,
                                          const std::string& j, const std::string& chunk_token,
                                          int size, const common::v1::Date& date);

}  // namespace auxpro::grading
