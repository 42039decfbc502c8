#pragma once

// Status plumbing for code that returns absl::Status or absl::StatusOr<T>:
//
//   RETURN_IF_ERROR(store::Insert(tx, row));          // returns the error, if any
//   ASSIGN_OR_RETURN(auto person, LoadPerson(tx, id)); // declares `person` from the value
//
// The expression is evaluated once.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace auxpro::internal {
inline absl::Status AsStatus(absl::Status s) { return s; }
template <typename T>
absl::Status AsStatus(const absl::StatusOr<T>& s) {
  return s.status();
}
}  // namespace auxpro::internal

#define AUXPRO_STATUS_CONCAT_INNER(a, b) a##b
#define AUXPRO_STATUS_CONCAT(a, b) AUXPRO_STATUS_CONCAT_INNER(a, b)

// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration.
#define RETURN_IF_ERROR(expr)                                                                   \
  do {                                                                                          \
    if (::absl::Status auxpro_status = ::auxpro::internal::AsStatus(expr); !auxpro_status.ok()) \
      return auxpro_status;                                                                     \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  AUXPRO_ASSIGN_OR_RETURN_IMPL(AUXPRO_STATUS_CONCAT(auxpro_statusor_, __LINE__), lhs, expr)

#define AUXPRO_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr)  \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
// NOLINTEND(bugprone-macro-parentheses)
