#include "libs/service/batch.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/safe_text.h"

namespace auxpro::service {

absl::StatusOr<BatchScope> ScopeOfBatch(const auth::Principal& principal,
                                        const std::string& parent,
                                        const google::protobuf::RepeatedPtrField<std::string>& names,
                                        const std::string& suffix, const std::string& field) {
  BatchScope out;
  ASSIGN_OR_RETURN(out.jurisdiction, auth::ScopeOfParent(principal, parent));
  if (names.empty()) return Invalid(absl::StrCat(field, ": at least one name"));
  if (names.size() > kMaxBatchSize) {
    return Invalid(absl::StrCat(field, ": at most ", kMaxBatchSize, " names, got ", names.size()));
  }
  out.person_ids.reserve(names.size());
  for (int i = 0; i < names.size(); ++i) {
    const std::string what = absl::StrCat(field, "[", i, "]");
    const std::string& name = names[i];
    if (!absl::EndsWith(name, suffix)) {
      return Invalid(absl::StrCat(what, ": ", QuoteInput(name),
                                  " is not of the form jurisdictions/{j}/persons/{person}", suffix));
    }
    ASSIGN_OR_RETURN(std::string id,
                     auth::ScopeOfReference(principal, name.substr(0, name.size() - suffix.size()),
                                            "persons", what, out.jurisdiction));
    out.person_ids.push_back(std::move(id));
  }
  return out;
}

}  // namespace auxpro::service
