#include "services/grading/round_handlers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/service/pagination.h"
#include "services/grading/round_reader.h"
#include "services/grading/round_rules.h"

namespace auxpro::grading {

namespace {

// Persons one call reads at most before it answers (with a token when there are more), so a page
// of a sparse round stays within about a second.
constexpr int kScanBudget = 5 * kRoundChunk;
// Entries per page at most, whatever page_size asks: each carries a whole check (about 3 KB), and
// a page stays well under gRPC's default 4 MB message limit of a client.
constexpr int kMaxEntriesPerPage = 500;

// The round's position: personnel's token of the chunk to read next, and the last person of
// that chunk already answered for ("" none). Kept inside our own page token.
struct Position {
  std::string chunk_token;
  std::string answered_through;
};

std::string KeyOf(const Position& p) { return absl::StrCat(p.chunk_token, "|", p.answered_through); }

Position PositionOf(const std::string& key) {
  std::pair<std::string, std::string> parts = absl::StrSplit(key, absl::MaxSplits('|', 1));
  return {parts.first, parts.second};
}

}  // namespace

absl::Status Round::List(const rpc::CallContext& call, const v1::ListRoundEntriesRequest& request,
                         v1::ListRoundEntriesResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  if (!v1::RoundEntryKind_IsValid(request.kind())) {
    return Invalid(absl::StrCat("kind: unknown round entry kind ", request.kind()));
  }
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(service::Page page,
                   service::StartPage(request.page_size(), request.page_token(),
                                      absl::StrCat(v1::ListRoundEntriesResponse::descriptor()
                                                       ->full_name(),
                                                   "|", j, "|", request.kind())));
  page.size = std::min(page.size, kMaxEntriesPerPage);
  const common::v1::Date today = DateOf(call.now);
  Position at = PositionOf(page.after);
  response->Clear();
  std::vector<v1::RoundEntry> entries;
  int scanned = 0;
  while (true) {
    // No more persons than the page has room for (each gives at most one entry but in a policy
    // where both kinds hold), so a page ends where a chunk ends and nothing is read twice.
    const int room = page.size - static_cast<int>(entries.size());
    ASSIGN_OR_RETURN(RoundChunk chunk, ReadRoundChunk(ctx_, j, at.chunk_token, room, today));
    scanned += chunk.scanned;
    for (const RoundCandidate& c : chunk.candidates) {
      if (!at.answered_through.empty() && c.facts.person <= at.answered_through) continue;
      std::vector<v1::RoundEntry> mine = RoundEntriesOf(*policy, c, request.kind());
      if (mine.empty()) continue;
      if (!entries.empty() && entries.size() + mine.size() > static_cast<size_t>(page.size)) {
        // Full: the next page starts again in this chunk, after the last person answered.
        response->set_next_page_token(service::EncodePageToken(
            KeyOf({at.chunk_token, entries.back().person()}), page.query));
        break;
      }
      for (auto& e : mine) entries.push_back(std::move(e));
    }
    if (!response->next_page_token().empty()) break;
    at = Position{chunk.next_chunk_token, ""};
    if (chunk.next_chunk_token.empty()) break;  // the last chunk: the round is complete
    // Answer once the page is nine tenths full (the chunks that would fill the rest get small) or
    // enough persons were read for one call.
    if (scanned >= kScanBudget || static_cast<int>(entries.size()) * 10 >= page.size * 9) {
      response->set_next_page_token(service::EncodePageToken(KeyOf(at), page.query));
      break;
    }
  }
  for (auto& e : entries) {
    *e.mutable_check()->mutable_compute_time() = TimestampOf(call.now);
    *response->add_round_entries() = std::move(e);
  }
  response->set_persons_scanned(scanned);
  return absl::OkStatus();
}

}  // namespace auxpro::grading
