#include "services/personnel/agreements_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/listing.h"
#include "services/personnel/agreements_rules.h"
#include "services/personnel/agreements_store.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status ValidateAgreement(const v1::DispatchAgreement& a) {
  RETURN_IF_ERROR(RequireText(a.title(), "dispatch_agreement.title", 255));
  if (a.headcount() <= 0) {
    return Invalid(
        absl::StrCat("dispatch_agreement.headcount: must be positive, got ", a.headcount()));
  }
  RETURN_IF_ERROR(RequireDate(a.start_date(), "dispatch_agreement.start_date"));
  RETURN_IF_ERROR(RequireDate(a.end_date(), "dispatch_agreement.end_date"));
  if (CompareDates(a.end_date(), a.start_date()) < 0) {
    return Invalid("dispatch_agreement.end_date: before start_date");
  }
  if (a.monthly_pay_fen() < 0) return Invalid("dispatch_agreement.monthly_pay_fen: negative");
  if (a.posts_size() > 100) return Invalid("dispatch_agreement.posts: at most 100");
  for (const std::string& post : a.posts()) {
    if (post.empty() || post.size() > 255 || post.find('\n') != std::string::npos) {
      return Invalid("dispatch_agreement.posts: each post 1-255 bytes on one line");
    }
  }
  RETURN_IF_ERROR(LimitText(a.duties(), "dispatch_agreement.duties", 20000));
  RETURN_IF_ERROR(LimitText(a.social_insurance(), "dispatch_agreement.social_insurance", 20000));
  return LimitText(a.breach_liability(), "dispatch_agreement.breach_liability", 20000);
}

// The agreement `id` of the jurisdiction, NOT_FOUND naming `name` when there is none.
StatusOr<store::AgreementRecord> LoadAgreement(db::Transaction& tx, const std::string& j,
                                               const std::string& id, const std::string& name,
                                               bool lock) {
  ASSIGN_OR_RETURN(auto rec, store::GetAgreement(tx, j, id, lock));
  if (!rec) return NotFound("dispatch agreement", name);
  return std::move(*rec);
}

}  // namespace

Status Agreements::Create(const CallContext& call,
                          const v1::CreateDispatchAgreementRequest& request,
                          v1::DispatchAgreement* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  RETURN_IF_ERROR(ValidateAgreement(request.dispatch_agreement()));
  store::AgreementRecord rec;
  rec.id = NewId("da-");
  const v1::DispatchAgreement& in = request.dispatch_agreement();
  v1::DispatchAgreement& a = rec.agreement;
  a.set_title(in.title());
  *a.mutable_posts() = in.posts();
  a.set_duties(in.duties());
  a.set_headcount(in.headcount());
  *a.mutable_start_date() = in.start_date();
  *a.mutable_end_date() = in.end_date();
  a.set_monthly_pay_fen(in.monthly_pay_fen());
  a.set_social_insurance(in.social_insurance());
  a.set_breach_liability(in.breach_liability());
  a = SignedBy(std::move(a), call.principal.kind);  // the creating party signs
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> StatusOr<v1::DispatchAgreement> {
                       ASSIGN_OR_RETURN(auto written, store::InsertAgreement(tx, j, rec, call.now));
                       return written.agreement;
                     });
}

Status Agreements::Sign(const CallContext& call, const v1::SignDispatchAgreementRequest& request,
                        v1::DispatchAgreement* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.name(), "dispatchAgreements"));
  return ctx_.mutate(
      call, ref.jurisdiction, request, response,
      [&](db::Transaction& tx) -> StatusOr<v1::DispatchAgreement> {
        ASSIGN_OR_RETURN(auto rec,
                         LoadAgreement(tx, ref.jurisdiction, ref.id, request.name(), true));
        rec.agreement = SignedBy(std::move(rec.agreement), call.principal.kind);
        ASSIGN_OR_RETURN(auto written, store::UpdateAgreementSignatures(tx, ref.jurisdiction, rec));
        return written.agreement;
      });
}

Status Agreements::Get(const CallContext& call, const v1::GetDispatchAgreementRequest& request,
                       v1::DispatchAgreement* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.name(), "dispatchAgreements"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rec, LoadAgreement(tx, ref.jurisdiction, ref.id, request.name(), false));
    *response = rec.agreement;
    return absl::OkStatus();
  });
}

Status Agreements::List(const CallContext& call, const v1::ListDispatchAgreementsRequest& request,
                        v1::ListDispatchAgreementsResponse* response) const {
  return service::ListInJurisdiction(
      ctx_.pool, call, request, response, store::ListAgreements,
      [&](const store::AgreementRecord& r) { *response->add_dispatch_agreements() = r.agreement; });
}

}  // namespace auxpro::personnel
