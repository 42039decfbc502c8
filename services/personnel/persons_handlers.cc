#include "services/personnel/persons_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/national_id.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/etag.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/personnel/persons_rules.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// Who learns which record holds a number: the HR company, which sees every ID in clear anyway,
// gets the record's name; an agency that sees masked IDs only gets no name, so a guessed number
// is not tied to a person (and each wrong guess writes an audited candidate record).
Status NationalIdTaken(const CallContext& call, const std::string& j, const std::string& id) {
  if (call.principal.kind == common::v1::HR_COMPANY) {
    return AlreadyExists(
        absl::StrCat("person.national_id: already recorded as ", PersonName(j, id)));
  }
  return AlreadyExists(
      "person.national_id: this number is already recorded in the jurisdiction; the HR company "
      "can find the record");
}

// The filter of ListPersons: state, unit, post_type, dispatch_agreement, badge_number.
StatusOr<store::PersonFilter> ParsePersonFilter(const CallContext& call, const std::string& j,
                                                const std::string& text) {
  ASSIGN_OR_RETURN(auto terms, service::ParseFilter(text, {"state", "unit", "post_type",
                                                           "dispatch_agreement", "badge_number"}));
  store::PersonFilter filter;
  for (const auto& [field, value] : terms) {
    if (field == "state") {
      v1::PersonState state;
      if (!v1::PersonState_Parse(value, &state) || state == v1::PERSON_STATE_UNSPECIFIED) {
        return Invalid(absl::StrCat("filter: state \"", value, "\" is not a person state"));
      }
      filter.state = state;
    } else if (field == "post_type") {
      v1::PostType type;
      if (!v1::PostType_Parse(value, &type) || type == v1::POST_TYPE_UNSPECIFIED) {
        return Invalid(absl::StrCat("filter: post_type \"", value, "\" is not FIELD or OFFICE"));
      }
      filter.post_type = type;
    } else if (field == "badge_number") {
      RETURN_IF_ERROR(RequireText(value, "filter badge_number", 32));
      filter.badge_number = value;
    } else if (field == "unit") {
      ASSIGN_OR_RETURN(filter.unit_id,
                       auth::ScopeOfReference(call.principal, value, "units", "filter unit", j));
    } else {
      ASSIGN_OR_RETURN(filter.agreement_id,
                       auth::ScopeOfReference(call.principal, value, "dispatchAgreements",
                                              "filter dispatch_agreement", j));
    }
  }
  return filter;
}

}  // namespace

v1::Person Present(const store::PersonRecord& rec, const CallContext& call,
                   const crypto::FieldCipher& cipher) {
  v1::Person p = rec.person;
  p.clear_national_id();  // input only
  // Masked again: rows stored before the mask narrowed hold more digits (national_id.h).
  p.set_masked_national_id(MaskNationalId(rec.national_id_masked));
  if (call.principal.kind == common::v1::HR_COMPANY) {
    auto clear = cipher.Decrypt(rec.national_id_sealed, p.name());
    if (clear.ok()) p.set_disclosed_national_id(*clear);
  }
  return p;
}

StatusOr<store::PersonRecord> LoadPerson(db::Transaction& tx, const std::string& j,
                                         const std::string& id, bool lock) {
  ASSIGN_OR_RETURN(auto rec, store::GetPerson(tx, j, id, lock));
  if (!rec) return NotFound("person", PersonName(j, id));
  return std::move(*rec);
}

Status Persons::Create(const CallContext& call, const v1::CreatePersonRequest& request,
                       v1::Person* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(v1::Person candidate, NewCandidate(request.person()));
  RETURN_IF_ERROR(ValidateFindingDates(candidate, FromProto(DateOf(call.now))));
  RETURN_IF_ERROR(CheckNationalIdFacts(candidate.national_id(), FromProto(DateOf(call.now))));
  store::PersonRecord rec;
  rec.id = NewId("p-");
  rec.person = std::move(candidate);
  rec.person.set_name(PersonName(j, rec.id));
  const std::string national_id = rec.person.national_id();
  rec.person.clear_national_id();
  rec.national_id_sealed = ctx_.cipher.Encrypt(national_id, rec.person.name());
  rec.national_id_masked = MaskNationalId(national_id);
  const std::string index = ctx_.cipher.BlindIndex(national_id);
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(auto existing, store::FindPersonByNationalIdIndex(tx, j, index));
    if (existing) return NationalIdTaken(call, j, *existing);
    auto written = store::InsertPerson(tx, j, rec, index, call.now);
    if (absl::IsAlreadyExists(written.status())) {
      // A concurrent create of the same ID won the race: name the record it made.
      auto winner = store::FindPersonByNationalIdIndex(tx, j, index);
      if (winner.ok() && *winner) return NationalIdTaken(call, j, **winner);
    }
    RETURN_IF_ERROR(written);
    return Present(*written, call, ctx_.cipher);
  });
}

Status Persons::Get(const CallContext& call, const v1::GetPersonRequest& request,
                    v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, ref.jurisdiction, ref.id, false));
    *response = Present(rec, call, ctx_.cipher);
    return absl::OkStatus();
  });
}

Status Persons::List(const CallContext& call, const v1::ListPersonsRequest& request,
                     v1::ListPersonsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const store::PersonFilter filter, ParsePersonFilter(call, j, request.filter()));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListPersons(tx, j, filter, after, limit);
      },
      [](const store::PersonRecord& r) { return r.id; },
      [&](const store::PersonRecord& r) {
        *response->add_persons() = Present(r, call, ctx_.cipher);
      });
}

Status Persons::Update(const CallContext& call, const v1::UpdatePersonRequest& request,
                       v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.person().name(), "persons",
                                               "person.name"));
  if (request.person().etag().empty()) return Invalid("person.etag: required (read it first)");
  RETURN_IF_ERROR(ValidateProfileMask(request.update_mask()));
  const std::string& j = ref.jurisdiction;
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
    RETURN_IF_ERROR(service::CheckEtag(rec.person.etag(), request.person().etag(), "person.etag"));
    ASSIGN_OR_RETURN(rec.person,
                     UpdatedProfile(rec.person, request.person(), request.update_mask()));
    RETURN_IF_ERROR(ValidateFindingDates(rec.person, FromProto(DateOf(call.now))));
    ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

}  // namespace auxpro::personnel
