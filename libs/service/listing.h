#pragma once

// List methods (AIP-132, AIP-158): keyset pages of a jurisdiction's resources in key order.

#include <string>

#include "absl/status/status.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/status_macros.h"
#include "libs/db/connection_pool.h"
#include "libs/rpc/call_context.h"
#include "libs/service/pagination.h"

namespace auxpro::service {

// The id of a resource (the last segment of its name): the key of lists in name order. A store
// whose rows are records rather than resources declares `IdOf(const Record&)` beside the record.
template <typename Resource>
std::string IdOf(const Resource& resource) {
  const std::string& name = resource.name();
  return name.substr(name.find_last_of('/') + 1);
}

// One page of a List bound to `query` (what the page token belongs to: the parent, the filter):
// `fetch(tx, after, limit)` returns up to `limit` rows whose key (`key_of(row)`) comes after
// `after` in key order; `add(row)` puts a row in the response. Fills next_page_token.
template <typename Response, typename Fetch, typename KeyOf, typename Add>
absl::Status ReadPage(db::ConnectionPool& pool, int page_size, const std::string& page_token,
                      const std::string& query, Response* response, Fetch fetch, KeyOf key_of,
                      Add add) {
  // A token belongs to one kind of list and one query: another List's token is refused.
  ASSIGN_OR_RETURN(Page page, StartPage(page_size, page_token,
                                        Response::descriptor()->full_name() + "|" + query));
  return pool.Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, fetch(tx, page.after, page.size + 1));
    response->Clear();
    response->set_next_page_token(FinishPage(rows, page, key_of));
    for (const auto& row : rows) add(row);
    return absl::OkStatus();
  });
}

// A List of the resources of the caller's jurisdiction named by `request.parent()`, in id order:
// `fetch(tx, jurisdiction, after_id, limit)` is the store's keyset query, `add(resource)` puts a
// resource in the response.
template <typename Request, typename Response, typename Fetch, typename Add>
absl::Status ListInJurisdiction(db::ConnectionPool& pool, const rpc::CallContext& call,
                                const Request& request, Response* response, Fetch fetch, Add add) {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  return ReadPage(
      pool, request.page_size(), request.page_token(), j, response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return fetch(tx, j, after, limit);
      },
      [](const auto& row) { return IdOf(row); }, add);
}

}  // namespace auxpro::service
