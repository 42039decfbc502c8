#include "services/assessment/registration_handlers.h"

#include <algorithm>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/etag.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/ratings_store.h"
#include "services/assessment/registration_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;
namespace pv1 = ::auxpro::personnel::v1;
using Signed = v1::AnnualRegistration::Signed;

constexpr char kSuffix[] = "/annualRegistrations/";

struct FormRef {
  std::string jurisdiction;
  std::string person_id;
  int year = 0;
};

// `jurisdictions/{j}/persons/{person}/annualRegistrations/{year}`.
StatusOr<FormRef> ScopeOfForm(const CallContext& call, const std::string& name) {
  const size_t at = name.find(kSuffix);
  int year = 0;
  if (at == std::string::npos ||
      !absl::SimpleAtoi(name.substr(at + std::string(kSuffix).size()), &year)) {
    return Invalid(absl::StrCat("name: \"", name.substr(0, 200),
                                "\" is not of the form jurisdictions/<jurisdiction>/persons/"
                                "<person>/annualRegistrations/<year>"));
  }
  ASSIGN_OR_RETURN(auto person, auth::ScopeOfName(call.principal, name.substr(0, at), "persons"));
  RETURN_IF_ERROR(CheckYearNotFuture(year, FromProto(DateOf(call.now)), "name year"));
  return FormRef{person.jurisdiction, person.id, year};
}

Status NotConfigured(const std::string& j) {
  return WithErrorInfo(Precondition(absl::StrCat("annual registration: the policy of ", j,
                                                 " has no annual registration form")),
                       "REGISTRATION_NOT_CONFIGURED", {});
}

Status CheckSigned(const Signed& s, const std::string& field, CivilDate today) {
  RETURN_IF_ERROR(RequireText(s.text(), field + ".text", 4000));
  RETURN_IF_ERROR(RequireText(s.signed_by(), field + ".signed_by", 64));
  RETURN_IF_ERROR(RequireDate(s.sign_date(), field + ".sign_date"));
  if (FromProto(s.sign_date()) > today) {
    return Invalid(absl::StrCat(field, ".sign_date: ", FormatDate(FromProto(s.sign_date())),
                                " is in the future"));
  }
  return absl::OkStatus();
}

std::string PostOf(const pv1::Person& p) {
  std::string post = p.post_type() == pv1::OFFICE ? "内勤协勤人员" : "外勤协勤人员";
  if (p.backbone_post() == pv1::LEADER) post += "、协勤组长";
  if (p.backbone_post() == pv1::DEPUTY_LEADER) post += "、协勤副组长";
  return post;
}

bool PartsComplete(const v1::AnnualRegistration& f) {
  return f.has_personal_summary() && f.has_unit_comment() && f.has_supervisor_opinion() &&
         f.has_party_group_opinion() && f.has_acknowledge_date();
}

}  // namespace

namespace {

// The whole form from the policy (heading, due date), personnel's person, the unit's display
// name, the rating and the row.
v1::AnnualRegistration Form(const policy::v1::Policy& policy, const FormRef& ref,
                            const pv1::Person& person, const std::string& unit_display,
                            const std::optional<store::RatingRow>& rating,
                            const store::RegistrationRow& row, CivilDate today) {
  v1::AnnualRegistration f = row.parts;
  f.set_name(AnnualRegistrationName(ref.jurisdiction, ref.person_id, ref.year));
  f.set_year(ref.year);
  f.set_issuer(policy.display_name());
  f.set_article(policy.assessment().annual_registration().article());
  f.set_full_name(person.full_name());
  f.set_gender(person.gender());
  *f.mutable_birth_date() = person.birth_date();
  f.set_political_status(person.party_member() ? "中共党员" : "群众");
  if (person.has_hire_date()) *f.mutable_post_since() = person.hire_date();
  f.set_unit(person.unit());
  f.set_unit_display_name(unit_display);
  f.set_post(PostOf(person));
  if (rating) {
    f.set_grade(rating->rating.grade());
    f.set_grade_final(rating->rating.state() == v1::FINAL);
    f.set_annual_rating(rating->rating.name());
  }
  const int due_month = std::max(
      1, static_cast<int>(policy.assessment().annual_registration().due_month_next_year()));
  const CivilDate due = AddDays(CivilDate{ref.year + 1, std::min(due_month, 12), 1}, -1);
  *f.mutable_due_date() = ToProto(due);
  f.set_complete(PartsComplete(f) && f.grade_final());
  f.set_overdue(f.complete() ? row.completed_on && FromProto(*row.completed_on) > due
                             : today > due);
  f.set_etag(absl::StrCat(row.revision));
  return f;
}

}  // namespace

Status Registrations::Get(const CallContext& call, const v1::GetAnnualRegistrationRequest& request,
                          v1::AnnualRegistration* response) const {
  ASSIGN_OR_RETURN(const FormRef ref, ScopeOfForm(call, request.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (!policy->assessment().has_annual_registration()) return NotConfigured(j);
  ASSIGN_OR_RETURN(auto person, personnel_.Person(PersonName(j, ref.person_id), "name"));
  std::string unit_display;
  if (!person.unit().empty()) {
    auto unit = personnel_.Unit(j, person.unit());
    if (unit.ok()) unit_display = unit->display_name();
    else if (!absl::IsNotFound(unit.status())) return unit.status();
  }
  const CivilDate today = FromProto(DateOf(call.now));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rating, store::FindRating(tx, j, ref.person_id, ref.year));
    ASSIGN_OR_RETURN(auto row, store::FindRegistration(tx, j, ref.person_id, ref.year, false));
    *response = Form(*policy, ref, person, unit_display, rating, row, today);
    return absl::OkStatus();
  });
}

Status Registrations::Update(const CallContext& call,
                             const v1::UpdateAnnualRegistrationRequest& request,
                             v1::AnnualRegistration* response) const {
  const v1::AnnualRegistration& in = request.annual_registration();
  ASSIGN_OR_RETURN(const FormRef ref, ScopeOfForm(call, in.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (!policy->assessment().has_annual_registration()) return NotConfigured(j);
  const CivilDate today = FromProto(DateOf(call.now));
  if (request.update_mask().paths().empty()) return Invalid("update_mask: names no field");
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "personal_summary") {
      RETURN_IF_ERROR(CheckSigned(in.personal_summary(), "annual_registration.personal_summary", today));
    } else if (path == "unit_comment") {
      RETURN_IF_ERROR(CheckSigned(in.unit_comment(), "annual_registration.unit_comment", today));
    } else if (path == "supervisor_opinion") {
      RETURN_IF_ERROR(
          CheckSigned(in.supervisor_opinion(), "annual_registration.supervisor_opinion", today));
    } else if (path == "party_group_opinion") {
      RETURN_IF_ERROR(
          CheckSigned(in.party_group_opinion(), "annual_registration.party_group_opinion", today));
    } else {
      return Invalid(absl::StrCat("update_mask: \"", path.substr(0, 64),
                                  "\" is not personal_summary, unit_comment, supervisor_opinion "
                                  "or party_group_opinion"));
    }
  }
  ASSIGN_OR_RETURN(auto person, personnel_.Person(PersonName(j, ref.person_id), "name"));
  std::string unit_display;
  if (!person.unit().empty()) {
    auto unit = personnel_.Unit(j, person.unit());
    if (unit.ok()) unit_display = unit->display_name();
  }
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::AnnualRegistration> {
        ASSIGN_OR_RETURN(auto row, store::FindRegistration(tx, j, ref.person_id, ref.year, true));
        RETURN_IF_ERROR(service::CheckEtag(absl::StrCat(row.revision), in.etag(),
                                           "annual_registration.etag"));
        for (const std::string& path : request.update_mask().paths()) {
          if (path == "personal_summary") {
            if (row.parts.has_acknowledge_date()) {
              return WithErrorInfo(
                  Precondition(absl::StrCat("annual_registration.personal_summary: ", in.name(),
                                            " is acknowledged by the person; the signed summary "
                                            "is fixed")),
                  "SUMMARY_ACKNOWLEDGED", {{"annual_registration", in.name()}});
            }
            *row.parts.mutable_personal_summary() = in.personal_summary();
          } else if (path == "unit_comment") {
            *row.parts.mutable_unit_comment() = in.unit_comment();
          } else if (path == "supervisor_opinion") {
            *row.parts.mutable_supervisor_opinion() = in.supervisor_opinion();
          } else {
            *row.parts.mutable_party_group_opinion() = in.party_group_opinion();
          }
        }
        ASSIGN_OR_RETURN(auto rating, store::FindRating(tx, j, ref.person_id, ref.year));
        if (!row.completed_on && PartsComplete(row.parts) && rating &&
            rating->rating.state() == v1::FINAL) {
          row.completed_on = ToProto(today);
        }
        ASSIGN_OR_RETURN(auto written,
                         store::WriteRegistration(tx, j, ref.person_id, ref.year, row, call.now));
        return Form(*policy, ref, person, unit_display, rating, written, today);
      });
}

Status Registrations::Acknowledge(const CallContext& call,
                                  const v1::AcknowledgeAnnualRegistrationRequest& request,
                                  v1::AnnualRegistration* response) const {
  ASSIGN_OR_RETURN(const FormRef ref, ScopeOfForm(call, request.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (!policy->assessment().has_annual_registration()) return NotConfigured(j);
  const CivilDate today = FromProto(DateOf(call.now));
  RETURN_IF_ERROR(RequireDate(request.acknowledge_date(), "acknowledge_date"));
  if (FromProto(request.acknowledge_date()) > today) {
    return Invalid(absl::StrCat("acknowledge_date: ",
                                FormatDate(FromProto(request.acknowledge_date())),
                                " is in the future"));
  }
  RETURN_IF_ERROR(RequireText(request.acknowledgement_ref(), "acknowledgement_ref", 128));
  ASSIGN_OR_RETURN(auto person, personnel_.Person(PersonName(j, ref.person_id), "name"));
  std::string unit_display;
  if (!person.unit().empty()) {
    auto unit = personnel_.Unit(j, person.unit());
    if (unit.ok()) unit_display = unit->display_name();
  }
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::AnnualRegistration> {
        ASSIGN_OR_RETURN(auto row, store::FindRegistration(tx, j, ref.person_id, ref.year, true));
        if (!row.parts.has_personal_summary()) {
          return Precondition(absl::StrCat("acknowledge: ", request.name(),
                                           " has no personal summary yet; the person signs it"));
        }
        if (row.parts.has_acknowledge_date()) {
          return Precondition(absl::StrCat("acknowledge: ", request.name(),
                                           " is already acknowledged on ",
                                           FormatDate(FromProto(row.parts.acknowledge_date()))));
        }
        *row.parts.mutable_acknowledge_date() = request.acknowledge_date();
        row.parts.set_acknowledgement_ref(request.acknowledgement_ref());
        ASSIGN_OR_RETURN(auto rating, store::FindRating(tx, j, ref.person_id, ref.year));
        if (!row.completed_on && PartsComplete(row.parts) && rating &&
            rating->rating.state() == v1::FINAL) {
          row.completed_on = ToProto(today);
        }
        ASSIGN_OR_RETURN(auto written,
                         store::WriteRegistration(tx, j, ref.person_id, ref.year, row, call.now));
        return Form(*policy, ref, person, unit_display, rating, written, today);
      });
}

}  // namespace auxpro::assessment
