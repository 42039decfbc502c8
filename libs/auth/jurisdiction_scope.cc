#include "libs/auth/jurisdiction_scope.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/safe_text.h"

namespace auxpro::auth {

namespace {

bool IsSegment(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool MayActIn(const Principal& principal, const std::string& jurisdiction) {
  return principal.kind == common::v1::SERVICE || principal.jurisdiction == jurisdiction;
}

absl::StatusOr<std::string> ScopeOfParent(const Principal& principal, const std::string& parent,
                                          const std::string& field) {
  std::vector<std::string> parts = absl::StrSplit(parent, '/');
  if (parts.size() != 2 || parts[0] != "jurisdictions" || !IsSegment(parts[1])) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", QuoteInput(parent), " is not of the form jurisdictions/<jurisdiction>"));
  }
  if (!MayActIn(principal, parts[1])) {
    return absl::NotFoundError(absl::StrCat(field, ": jurisdiction ", QuoteInput(parts[1]),
                                            " is not the caller's jurisdiction \"",
                                            principal.jurisdiction, "\""));
  }
  return parts[1];
}

absl::StatusOr<ScopedName> ScopeOfName(const Principal& principal, const std::string& name,
                                       const std::string& collection, const std::string& field) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "jurisdictions" || !IsSegment(parts[1]) ||
      parts[2] != collection || !IsSegment(parts[3])) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", QuoteInput(name),
                                                   " is not of the form jurisdictions/"
                                                   "<jurisdiction>/",
                                                   collection, "/<id>"));
  }
  if (!MayActIn(principal, parts[1])) {
    return absl::NotFoundError(absl::StrCat(field, ": ", QuoteInput(name), " not found"));
  }
  return ScopedName{parts[1], parts[3]};
}

absl::StatusOr<std::string> ScopeOfReference(const Principal& principal, const std::string& name,
                                             const std::string& collection,
                                             const std::string& field,
                                             const std::string& jurisdiction) {
  auto ref = ScopeOfName(principal, name, collection, field);
  if (!ref.ok()) {
    if (absl::IsNotFound(ref.status())) {
      return absl::InvalidArgumentError(std::string(ref.status().message()));
    }
    return ref.status();
  }
  if (ref->jurisdiction != jurisdiction) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", QuoteInput(name), " is in another jurisdiction than \"", jurisdiction, "\""));
  }
  return ref->id;
}

}  // namespace auxpro::auth
