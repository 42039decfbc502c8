#include "services/personnel/personnel_service.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "libs/audit/audit_log.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/civil_time.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/error_info.h"
#include "libs/rpc/list_filter.h"
#include "libs/rpc/mutation.h"
#include "libs/rpc/pagination.h"
#include "libs/rpc/unary.h"
#include "services/personnel/personnel_rules.h"
#include "services/personnel/personnel_store.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

constexpr char kService[] = "auxpro.personnel.v1.Personnel";
constexpr char kProducer[] = "personnel";

// Consumers of each event (DOMAIN.md 4, 5): points keeps or clears balances, grading grades.
const std::vector<std::string> kHiredConsumers = {"grading"};
const std::vector<std::string> kTransferredConsumers = {"points", "grading"};
const std::vector<std::string> kExitedConsumers = {"points", "grading"};

Status Invalid(const std::string& message) { return absl::InvalidArgumentError(message); }
Status Precondition(const std::string& message) { return absl::FailedPreconditionError(message); }

// "person 'jurisdictions/wenjiang/persons/p-1' not found".
Status NotFound(const std::string& what, const std::string& name) {
  return absl::NotFoundError(absl::StrCat(what, " \"", name, "\" not found"));
}

std::string NewId(const std::string& prefix) {
  std::string uuid = outbox::NewUuid();
  uuid.erase(std::remove(uuid.begin(), uuid.end(), '-'), uuid.end());
  return absl::StrCat(prefix, uuid.substr(0, 16));
}

// The id of a resource (the last segment of its name): the keyset key of name-ordered lists.
template <typename Resource>
std::string LastSegment(const Resource& r) {
  return r.name().substr(r.name().find_last_of('/') + 1);
}

// A List of a jurisdiction's resources in key order: scope the parent, page, fetch through the
// store (`fetch(tx, jurisdiction, after, limit)`), and hand each row to `add`.
template <typename Row, typename Fetch, typename KeyOf, typename Add>
Status ListInJurisdiction(db::ConnectionPool& pool, const CallContext& call,
                          const std::string& parent, int page_size, const std::string& page_token,
                          Fetch fetch, KeyOf key_of, std::string* next_page_token, Add add) {
  auto j = auth::ScopeOfParent(call.principal, parent);
  if (!j.ok()) return j.status();
  auto page = rpc::StartPage(page_size, page_token, *j);
  if (!page.ok()) return page.status();
  return pool.Read([&](db::Transaction& tx) -> Status {
    absl::StatusOr<std::vector<Row>> rows = fetch(tx, *j, page->after, page->size + 1);
    if (!rows.ok()) return rows.status();
    *next_page_token = rpc::FinishPage(*rows, *page, key_of);
    for (const Row& row : *rows) add(row);
    return absl::OkStatus();
  });
}

PersonState ToRuleState(v1::PersonState state) {
  switch (state) {
    case v1::PROBATION:
      return PersonState::kProbation;
    case v1::ACTIVE:
      return PersonState::kActive;
    case v1::EXITED:
      return PersonState::kExited;
    default:
      return PersonState::kCandidate;
  }
}

Status CheckState(const store::PersonRecord& rec, PersonAction action) {
  const PersonState state = ToRuleState(rec.person.state());
  Decision d = CheckTransition(state, action);
  if (d.ok()) return absl::OkStatus();
  return rpc::WithErrorInfo(Precondition(absl::StrCat(rec.person.name(), ": ", d.Summary())),
                            "INVALID_STATE_TRANSITION",
                            {{"state", std::string(PersonStateName(state))},
                             {"action", std::string(PersonActionName(action))}});
}

// A head-count refusal with the values a client needs as fields.
Status HeadcountRefusal(const RuleFailure& failure, const v1::HeadcountLimit& limit) {
  return rpc::WithErrorInfo(Precondition(failure.reason), "HEADCOUNT_LIMIT_REACHED",
                            {{"headcount_limit", limit.name()},
                             {"limit", std::to_string(limit.limit())},
                             {"current_count", std::to_string(limit.current_count())}});
}

std::string Conditions(const Decision& d) {
  std::vector<std::string> codes;
  for (const RuleFailure& f : d.failures) codes.push_back(f.condition);
  return absl::StrJoin(codes, ",");
}

// A date field: unset means `fallback` (today); set must be a real date.
StatusOr<common::v1::Date> DateOrToday(const common::v1::Date& d, const CallContext& call,
                                       const std::string& field) {
  if (IsUnset(d)) return DateOf(call.now);
  if (!IsValidDate(d)) {
    return Invalid(absl::StrCat(field, ": ", d.year(), "-", d.month(), "-", d.day(),
                                " is not a calendar date"));
  }
  return d;
}

// Name "jurisdictions/<j>/persons/<id>" of the caller's jurisdiction.
StatusOr<auth::ScopedName> PersonRef(const CallContext& call, const std::string& name,
                                     const std::string& field) {
  return auth::ScopeOfName(call.principal, name, "persons", field);
}

// A reference to another resource of the same jurisdiction as `jurisdiction`.
StatusOr<std::string> SameJurisdictionId(const CallContext& call, const std::string& name,
                                         const std::string& collection, const std::string& field,
                                         const std::string& jurisdiction) {
  auto ref = auth::ScopeOfName(call.principal, name, collection, field);
  if (!ref.ok()) {
    if (absl::IsNotFound(ref.status())) return Invalid(std::string(ref.status().message()));
    return ref.status();
  }
  if (ref->jurisdiction != jurisdiction) {
    return Invalid(absl::StrCat(field, ": \"", name, "\" is in another jurisdiction than \"",
                                jurisdiction, "\""));
  }
  return ref->id;
}

bool IsIdText(const std::string& s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status RequireText(const std::string& value, const std::string& field, size_t max) {
  if (absl::StripAsciiWhitespace(value).empty()) return Invalid(absl::StrCat(field, ": required"));
  if (value.size() > max) {
    return Invalid(absl::StrCat(field, ": at most ", max, " bytes, got ", value.size()));
  }
  return absl::OkStatus();
}

// Sizes and characters the columns hold; repeated fields are stored joined by a separator
// they must not contain.
Status ValidateProfile(const v1::Person& p) {
  if (auto s = RequireText(p.full_name(), "person.full_name", 128); !s.ok()) return s;
  if (p.photo_ref().size() > 512) return Invalid("person.photo_ref: at most 512 bytes");
  if (p.duty_area().size() > 255) return Invalid("person.duty_area: at most 255 bytes");
  size_t classes = 0;
  for (const std::string& c : p.driving_licence_classes()) {
    if (c.empty() || c.size() > 8 || c.find(',') != std::string::npos) {
      return Invalid(absl::StrCat("person.driving_licence_classes: \"", c,
                                  "\" is not a licence class (1-8 characters, no comma)"));
    }
    classes += c.size() + 1;
  }
  if (classes > 255) return Invalid("person.driving_licence_classes: too many");
  if (p.background_findings_size() > 20) return Invalid("person.background_findings: too many");
  for (int f : p.background_findings()) {
    if (f == common::v1::DISQUALIFIER_UNSPECIFIED || !common::v1::Disqualifier_IsValid(f)) {
      return Invalid(absl::StrCat("person.background_findings: ", f, " is not a finding"));
    }
  }
  return absl::OkStatus();
}

Status ValidateAgreementText(const v1::DispatchAgreement& a) {
  for (const std::string& post : a.posts()) {
    if (post.empty() || post.size() > 255 || post.find('\n') != std::string::npos) {
      return Invalid("dispatch_agreement.posts: each post 1-255 bytes on one line");
    }
  }
  if (a.posts_size() > 100) return Invalid("dispatch_agreement.posts: at most 100");
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string*>{"duties", &a.duties()},
        {"social_insurance", &a.social_insurance()},
        {"breach_liability", &a.breach_liability()}}) {
    if (value->size() > 20000) {
      return Invalid(absl::StrCat("dispatch_agreement.", field, ": at most 20000 bytes"));
    }
  }
  return absl::OkStatus();
}

Candidate CandidateOf(const v1::Person& p) {
  Candidate c;
  c.birth_date = FromProto(p.birth_date());
  c.gender = p.gender();
  c.education = p.education();
  c.veteran = p.veteran();
  c.party_member = p.party_member();
  c.former_auxiliary = p.former_auxiliary();
  for (int f : p.background_findings())
    c.findings.push_back(static_cast<common::v1::Disqualifier>(f));
  return c;
}

// Head-count limits of the jurisdiction and of `unit_id` for one more member.
Status CheckLimits(db::Transaction& tx, const policy::v1::Policy& policy, const std::string& j,
                   const std::string& unit_id, bool include_jurisdiction) {
  if (include_jurisdiction) {
    auto all = store::GetHeadcountLimit(tx, j, "all", /*lock=*/true);
    if (!all.ok()) return all.status();
    if (!*all && policy.headcount().require_jurisdiction_limit()) {
      return Precondition(
          absl::StrCat("head-count limit: the establishment office has set no "
                       "limit for jurisdiction \"",
                       j, "\"; hiring needs one"));
    }
    if (*all) {
      if (auto f = CheckHeadcount(
              {absl::StrCat("jurisdiction \"", j, "\""), (*all)->limit(), (*all)->current_count()},
              1)) {
        return HeadcountRefusal(*f, **all);
      }
    }
  }
  auto unit_limit = store::GetHeadcountLimit(tx, j, unit_id, /*lock=*/true);
  if (!unit_limit.ok()) return unit_limit.status();
  if (*unit_limit) {
    if (auto f = CheckHeadcount({absl::StrCat("unit \"", store::UnitName(j, unit_id), "\""),
                                 (*unit_limit)->limit(), (*unit_limit)->current_count()},
                                1)) {
      return HeadcountRefusal(*f, **unit_limit);
    }
  }
  return absl::OkStatus();
}

Status EmitEvent(db::Transaction& tx, const std::vector<std::string>& consumers,
                 const std::string& j, const std::string& subject,
                 const google::protobuf::Message& payload, absl::Time now) {
  return outbox::Enqueue(tx, {kProducer, consumers, j, subject, &payload}, now).status();
}

}  // namespace

PersonnelService::PersonnelService(db::ConnectionPool& pool, const policy::PolicySet& policies,
                                   const crypto::FieldCipher& cipher, rpc::WorkPool& work)
    : pool_(pool), policies_(policies), cipher_(cipher), work_(work) {}

// Type names cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define AUXPRO_PERSONNEL_DISPATCH(Method, Request, Response)                                       \
  grpc::ServerUnaryReactor* PersonnelService::Method(grpc::CallbackServerContext* context,         \
                                                     const Request* request, Response* response) { \
    return rpc::Offload(context, work_, absl::StrCat(kService, "/" #Method),                       \
                        [this, request, response](const CallContext& call) {                       \
                          return Do##Method(call, *request, response);                             \
                        });                                                                        \
  }
AUXPRO_PERSONNEL_DISPATCH(CreatePerson, v1::CreatePersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(GetPerson, v1::GetPersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(ListPersons, v1::ListPersonsRequest, v1::ListPersonsResponse)
AUXPRO_PERSONNEL_DISPATCH(UpdatePerson, v1::UpdatePersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(CheckRecruitmentEligibility, v1::CheckRecruitmentEligibilityRequest,
                          v1::CheckRecruitmentEligibilityResponse)
AUXPRO_PERSONNEL_DISPATCH(HirePerson, v1::HirePersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(EndProbation, v1::EndProbationRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(TransferPerson, v1::TransferPersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(ExitPerson, v1::ExitPersonRequest, v1::Person)
AUXPRO_PERSONNEL_DISPATCH(CreateDispatchAgreement, v1::CreateDispatchAgreementRequest,
                          v1::DispatchAgreement)
AUXPRO_PERSONNEL_DISPATCH(SignDispatchAgreement, v1::SignDispatchAgreementRequest,
                          v1::DispatchAgreement)
AUXPRO_PERSONNEL_DISPATCH(GetDispatchAgreement, v1::GetDispatchAgreementRequest,
                          v1::DispatchAgreement)
AUXPRO_PERSONNEL_DISPATCH(ListDispatchAgreements, v1::ListDispatchAgreementsRequest,
                          v1::ListDispatchAgreementsResponse)
AUXPRO_PERSONNEL_DISPATCH(CreateUnit, v1::CreateUnitRequest, v1::Unit)
AUXPRO_PERSONNEL_DISPATCH(ListUnits, v1::ListUnitsRequest, v1::ListUnitsResponse)
AUXPRO_PERSONNEL_DISPATCH(SetHeadcountLimit, v1::SetHeadcountLimitRequest, v1::HeadcountLimit)
AUXPRO_PERSONNEL_DISPATCH(ListHeadcountLimits, v1::ListHeadcountLimitsRequest,
                          v1::ListHeadcountLimitsResponse)
AUXPRO_PERSONNEL_DISPATCH(RecordTraining, v1::RecordTrainingRequest, v1::TrainingRecord)
AUXPRO_PERSONNEL_DISPATCH(ListTrainingRecords, v1::ListTrainingRecordsRequest,
                          v1::ListTrainingRecordsResponse)
AUXPRO_PERSONNEL_DISPATCH(GetTrainingCoverage, v1::GetTrainingCoverageRequest, v1::TrainingCoverage)
AUXPRO_PERSONNEL_DISPATCH(IssuePermit, v1::IssuePermitRequest, v1::Permit)
AUXPRO_PERSONNEL_DISPATCH(RevokePermit, v1::RevokePermitRequest, v1::Permit)
AUXPRO_PERSONNEL_DISPATCH(ListPermits, v1::ListPermitsRequest, v1::ListPermitsResponse)
AUXPRO_PERSONNEL_DISPATCH(VerifyAuditChain, common::v1::VerifyAuditChainRequest,
                          common::v1::VerifyAuditChainResponse)
#undef AUXPRO_PERSONNEL_DISPATCH
// NOLINTEND(bugprone-macro-parentheses)

StatusOr<const policy::v1::Policy*> PersonnelService::PolicyFor(const std::string& j) const {
  const policy::v1::Policy* policy = policies_.Find(j);
  if (policy == nullptr) {
    return Precondition(absl::StrCat("no policy is configured for jurisdiction \"", j, "\""));
  }
  return policy;
}

namespace {

// Sealed national IDs are "v2:" + ciphertext bound to the person's name. Records created before
// the binding hold an unbound ciphertext without prefix and still open.
const std::string kNationalIdBound = "v2:";

absl::StatusOr<std::string> OpenNationalId(const crypto::FieldCipher& cipher,
                                           const store::PersonRecord& rec) {
  const std::string& sealed = rec.national_id_sealed;
  if (sealed.rfind(kNationalIdBound, 0) == 0) {
    return cipher.Decrypt(sealed.substr(kNationalIdBound.size()), rec.person.name());
  }
  return cipher.Decrypt(sealed);
}

// The person as the caller may see it: national ID in clear for the HR company only.
v1::Person Present(const store::PersonRecord& rec, const CallContext& call,
                   const crypto::FieldCipher& cipher) {
  v1::Person p = rec.person;
  if (call.principal.kind == common::v1::HR_COMPANY) {
    auto clear = OpenNationalId(cipher, rec);
    p.set_national_id(clear.ok() ? *clear : rec.national_id_masked);
  } else {
    p.set_national_id(rec.national_id_masked);
  }
  return p;
}

StatusOr<store::PersonRecord> LoadPerson(db::Transaction& tx, const auth::ScopedName& ref,
                                         bool lock) {
  auto rec = store::GetPerson(tx, ref.jurisdiction, ref.id, lock);
  if (!rec.ok()) return rec.status();
  if (!*rec) return NotFound("person", store::PersonName(ref.jurisdiction, ref.id));
  return std::move(**rec);
}

}  // namespace

// ---------------------------------------------------------------------------- persons

Status PersonnelService::DoCreatePerson(const CallContext& call,
                                        const v1::CreatePersonRequest& request,
                                        v1::Person* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  const v1::Person& in = request.person();
  if (auto s = RequireText(in.full_name(), "person.full_name", 128); !s.ok()) return s;
  if (!IsValidNationalId(in.national_id())) {
    return Invalid("person.national_id: not a valid 18-character national ID number (GB 11643)");
  }
  const CivilDate birth = *BirthDateFromNationalId(in.national_id());
  const common::v1::Gender gender = GenderFromNationalId(in.national_id());
  if (!IsUnset(in.birth_date()) && FromProto(in.birth_date()) != birth) {
    return Invalid("person.birth_date: differs from the birth date in person.national_id");
  }
  if (in.gender() != common::v1::GENDER_UNSPECIFIED && in.gender() != gender) {
    return Invalid("person.gender: differs from the gender in person.national_id");
  }
  if (in.education() == common::v1::EDUCATION_UNSPECIFIED) {
    return Invalid("person.education: required");
  }
  if (in.post_type() == v1::POST_TYPE_UNSPECIFIED) {
    return Invalid("person.post_type: required (FIELD or OFFICE)");
  }
  if (auto s = ValidateProfile(in); !s.ok()) return s;
  store::PersonRecord rec;
  rec.id = NewId("p-");
  rec.person = in;
  rec.person.clear_national_id();
  rec.person.set_name(store::PersonName(*j, rec.id));
  *rec.person.mutable_birth_date() = ToProto(birth);
  rec.person.set_gender(gender);
  if (rec.person.mandarin_level() == common::v1::MANDARIN_LEVEL_UNSPECIFIED) {
    rec.person.set_mandarin_level(common::v1::MANDARIN_NONE);
  }
  rec.person.set_state(v1::CANDIDATE);
  rec.person.clear_unit();
  rec.person.clear_badge_number();
  rec.person.clear_dispatch_agreement();
  rec.person.clear_hire_date();
  rec.person.clear_probation_end_date();
  rec.person.clear_exit_date();
  rec.person.clear_exit_reason();
  rec.national_id_sealed = kNationalIdBound + cipher_.Encrypt(in.national_id(), rec.person.name());
  rec.national_id_masked = MaskNationalId(in.national_id());
  const std::string index = cipher_.BlindIndex(in.national_id());
  return rpc::RunMutation(
      pool_, cipher_, call, *j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto existing = store::FindPersonByNationalIdIndex(tx, *j, index);
        if (!existing.ok()) return existing.status();
        if (*existing) {
          return absl::AlreadyExistsError(absl::StrCat("person.national_id: already recorded as ",
                                                       store::PersonName(*j, **existing)));
        }
        if (auto s = store::InsertPerson(tx, *j, rec, index, call.now); !s.ok()) {
          if (!absl::IsAlreadyExists(s)) return s;
          // A concurrent create of the same ID won the race: name the record it made.
          auto winner = store::FindPersonByNationalIdIndex(tx, *j, index);
          if (!winner.ok() || !*winner) return s;
          return absl::AlreadyExistsError(absl::StrCat("person.national_id: already recorded as ",
                                                       store::PersonName(*j, **winner)));
        }
        auto stored = store::GetPerson(tx, *j, rec.id);
        if (!stored.ok()) return stored.status();
        *response = Present(**stored, call, cipher_);
        return rec.person.name();
      });
}

Status PersonnelService::DoGetPerson(const CallContext& call, const v1::GetPersonRequest& request,
                                     v1::Person* response) {
  auto ref = PersonRef(call, request.name(), "name");
  if (!ref.ok()) return ref.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto rec = LoadPerson(tx, *ref, false);
    if (!rec.ok()) return rec.status();
    *response = Present(*rec, call, cipher_);
    return absl::OkStatus();
  });
}

Status PersonnelService::DoListPersons(const CallContext& call,
                                       const v1::ListPersonsRequest& request,
                                       v1::ListPersonsResponse* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  auto terms =
      rpc::ParseFilter(request.filter(), {"state", "unit", "post_type", "dispatch_agreement"});
  if (!terms.ok()) return terms.status();
  store::PersonFilter filter;
  for (const auto& [field, value] : *terms) {
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
    } else if (field == "unit") {
      auto id = SameJurisdictionId(call, value, "units", "filter unit", *j);
      if (!id.ok()) return id.status();
      filter.unit_id = *id;
    } else {
      auto id =
          SameJurisdictionId(call, value, "dispatchAgreements", "filter dispatch_agreement", *j);
      if (!id.ok()) return id.status();
      filter.agreement_id = *id;
    }
  }
  auto page = rpc::StartPage(request.page_size(), request.page_token(),
                             absl::StrCat(*j, "|", request.filter()));
  if (!page.ok()) return page.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto rows = store::ListPersons(tx, *j, filter, page->after, page->size + 1);
    if (!rows.ok()) return rows.status();
    response->Clear();
    response->set_next_page_token(
        rpc::FinishPage(*rows, *page, [](const store::PersonRecord& r) { return r.id; }));
    for (const auto& rec : *rows) *response->add_persons() = Present(rec, call, cipher_);
    return absl::OkStatus();
  });
}

Status PersonnelService::DoUpdatePerson(const CallContext& call,
                                        const v1::UpdatePersonRequest& request,
                                        v1::Person* response) {
  auto ref = PersonRef(call, request.person().name(), "person.name");
  if (!ref.ok()) return ref.status();
  if (request.person().etag().empty()) return Invalid("person.etag: required (read it first)");
  if (request.update_mask().paths().empty()) return Invalid("update_mask: names no field");
  static const std::set<std::string> kUpdatable = {
      "full_name", "education",    "mandarin_level",          "basic_english",
      "veteran",   "party_member", "driving_licence_classes", "smart_device_skill",
      "photo_ref", "duty_area",    "background_findings",     "post_type"};
  for (const std::string& path : request.update_mask().paths()) {
    if (kUpdatable.count(path) == 0) {
      return Invalid(absl::StrCat("update_mask: \"", path, "\" cannot be updated (allowed: ",
                                  absl::StrJoin(kUpdatable, ", "),
                                  "; state, unit and dates change through actions)"));
    }
  }
  const v1::Person& in = request.person();
  return rpc::RunMutation(
      pool_, cipher_, call, ref->jurisdiction, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, true);
        if (!rec.ok()) return rec.status();
        if (rec->person.etag() != in.etag()) {
          return rpc::WithErrorInfo(
              absl::AbortedError(absl::StrCat("ETAG_MISMATCH: person.etag ", in.etag(),
                                              " is stale; current is ", rec->person.etag())),
              "ETAG_MISMATCH", {{"current_etag", rec->person.etag()}});
        }
        if (rec->person.state() == v1::EXITED) {
          return Precondition(
              absl::StrCat(rec->person.name(), ": the person has exited; the record is archived"));
        }
        v1::Person& p = rec->person;
        for (const std::string& path : request.update_mask().paths()) {
          if (path == "full_name") {
            if (auto s = RequireText(in.full_name(), "person.full_name", 128); !s.ok()) return s;
            p.set_full_name(in.full_name());
          } else if (path == "education") {
            if (in.education() == common::v1::EDUCATION_UNSPECIFIED) {
              return Invalid("person.education: required");
            }
            p.set_education(in.education());
          } else if (path == "mandarin_level") {
            p.set_mandarin_level(in.mandarin_level() == common::v1::MANDARIN_LEVEL_UNSPECIFIED
                                     ? common::v1::MANDARIN_NONE
                                     : in.mandarin_level());
          } else if (path == "basic_english") {
            p.set_basic_english(in.basic_english());
          } else if (path == "veteran") {
            p.set_veteran(in.veteran());
          } else if (path == "party_member") {
            p.set_party_member(in.party_member());
          } else if (path == "driving_licence_classes") {
            *p.mutable_driving_licence_classes() = in.driving_licence_classes();
          } else if (path == "smart_device_skill") {
            p.set_smart_device_skill(in.smart_device_skill());
          } else if (path == "photo_ref") {
            p.set_photo_ref(in.photo_ref());
          } else if (path == "duty_area") {
            p.set_duty_area(in.duty_area());
          } else if (path == "background_findings") {
            *p.mutable_background_findings() = in.background_findings();
          } else if (path == "post_type") {
            if (in.post_type() == v1::POST_TYPE_UNSPECIFIED) {
              return Invalid("person.post_type: FIELD or OFFICE");
            }
            p.set_post_type(in.post_type());
          }
        }
        if (auto s = ValidateProfile(p); !s.ok()) return s;
        if (auto s = store::UpdatePerson(tx, ref->jurisdiction, *rec, call.now); !s.ok()) return s;
        auto stored = LoadPerson(tx, *ref, false);
        if (!stored.ok()) return stored.status();
        *response = Present(*stored, call, cipher_);
        return p.name();
      });
}

// ---------------------------------------------------------------------------- recruitment

Status PersonnelService::DoCheckRecruitmentEligibility(
    const CallContext& call, const v1::CheckRecruitmentEligibilityRequest& request,
    v1::CheckRecruitmentEligibilityResponse* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  auto policy = PolicyFor(ref->jurisdiction);
  if (!policy.ok()) return policy.status();
  auto hire_date = DateOrToday(request.hire_date(), call, "hire_date");
  if (!hire_date.ok()) return hire_date.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto rec = LoadPerson(tx, *ref, false);
    if (!rec.ok()) return rec.status();
    // Eligibility is about hiring a candidate; for someone hired the team count already
    // includes them.
    if (auto s = CheckState(*rec, PersonAction::kHire); !s.ok()) return s;
    auto team = store::CountTeam(tx, ref->jurisdiction);
    if (!team.ok()) return team.status();
    Decision d = CheckEligibility(**policy, CandidateOf(rec->person), FromProto(*hire_date), *team);
    response->Clear();
    response->set_eligible(d.ok());
    for (const RuleFailure& f : d.failures) {
      auto* out = response->add_failures();
      out->set_condition(f.condition);
      out->set_reason(f.reason);
    }
    return absl::OkStatus();
  });
}

Status PersonnelService::DoHirePerson(const CallContext& call, const v1::HirePersonRequest& request,
                                      v1::Person* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  const std::string& j = ref->jurisdiction;
  auto policy = PolicyFor(j);
  if (!policy.ok()) return policy.status();
  auto unit_id = SameJurisdictionId(call, request.unit(), "units", "unit", j);
  if (!unit_id.ok()) return unit_id.status();
  auto agreement_id = SameJurisdictionId(call, request.dispatch_agreement(), "dispatchAgreements",
                                         "dispatch_agreement", j);
  if (!agreement_id.ok()) return agreement_id.status();
  auto hire_date = DateOrToday(request.hire_date(), call, "hire_date");
  if (!hire_date.ok()) return hire_date.status();
  return rpc::RunMutation(
      pool_, cipher_, call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, true);
        if (!rec.ok()) return rec.status();
        if (auto s = CheckState(*rec, PersonAction::kHire); !s.ok()) return s;
        auto unit = store::GetUnit(tx, j, *unit_id, /*lock=*/true);
        if (!unit.ok()) return unit.status();
        if (!*unit) return NotFound("unit", request.unit());
        auto agreement = store::GetAgreement(tx, j, *agreement_id, /*lock=*/true);
        if (!agreement.ok()) return agreement.status();
        if (!*agreement) return NotFound("dispatch agreement", request.dispatch_agreement());
        const v1::DispatchAgreement& a = (*agreement)->agreement;
        if (a.state() != v1::DispatchAgreement::ACTIVE) {
          return Precondition(absl::StrCat("dispatch agreement ", a.name(),
                                           " is not signed by both the HR company and the bureau"));
        }
        if (auto f = CheckAgreementActive(FromProto(a.start_date()), FromProto(a.end_date()),
                                          FromProto(*hire_date))) {
          return Precondition(f->reason);
        }
        if (auto f = CheckAgreementCapacity(a.headcount(), a.assigned_count(), 1)) {
          return rpc::WithErrorInfo(
              Precondition(absl::StrCat("dispatch agreement ", a.name(), ": ", f->reason)),
              "AGREEMENT_HEADCOUNT_REACHED",
              {{"dispatch_agreement", a.name()},
               {"headcount", std::to_string(a.headcount())},
               {"assigned_count", std::to_string(a.assigned_count())}});
        }
        if (auto s = store::LockHiring(tx, j); !s.ok()) return s;
        auto team = store::CountTeam(tx, j);
        if (!team.ok()) return team.status();
        Decision eligible =
            CheckEligibility(**policy, CandidateOf(rec->person), FromProto(*hire_date), *team);
        if (!eligible.ok()) {
          return rpc::WithErrorInfo(
              Precondition(absl::StrCat("recruitment eligibility: ", eligible.Summary())),
              "RECRUITMENT_INELIGIBLE", {{"conditions", Conditions(eligible)}});
        }
        if (auto s = CheckLimits(tx, **policy, j, *unit_id, true); !s.ok()) return s;
        v1::Person& p = rec->person;
        p.set_state(v1::PROBATION);
        rec->unit_id = *unit_id;
        rec->agreement_id = *agreement_id;
        *p.mutable_hire_date() = *hire_date;
        p.clear_probation_end_date();
        if (auto end = ProbationEnd((*policy)->probation(), FromProto(*hire_date))) {
          *p.mutable_probation_end_date() = ToProto(*end);
        }
        if (auto s = store::UpdatePerson(tx, j, *rec, call.now); !s.ok()) return s;
        v1::PersonHired event;
        event.set_person(p.name());
        event.set_unit(store::UnitName(j, *unit_id));
        *event.mutable_hire_date() = *hire_date;
        if (auto s = EmitEvent(tx, kHiredConsumers, j, p.name(), event, call.now); !s.ok()) {
          return s;
        }
        auto stored = LoadPerson(tx, *ref, false);
        if (!stored.ok()) return stored.status();
        *response = Present(*stored, call, cipher_);
        return p.name();
      });
}

Status PersonnelService::DoEndProbation(const CallContext& call,
                                        const v1::EndProbationRequest& request,
                                        v1::Person* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  auto end_date = DateOrToday(request.end_date(), call, "end_date");
  if (!end_date.ok()) return end_date.status();
  return rpc::RunMutation(pool_, cipher_, call, ref->jurisdiction, request.request_id(), request,
                          response, [&](db::Transaction& tx) -> StatusOr<std::string> {
                            auto rec = LoadPerson(tx, *ref, true);
                            if (!rec.ok()) return rec.status();
                            if (auto s = CheckState(*rec, PersonAction::kEndProbation); !s.ok())
                              return s;
                            if (CompareDates(*end_date, rec->person.hire_date()) < 0) {
                              return Precondition(absl::StrCat("end_date: ", DateToSql(*end_date),
                                                               " is before the hire date ",
                                                               DateToSql(rec->person.hire_date())));
                            }
                            rec->person.set_state(v1::ACTIVE);
                            *rec->person.mutable_probation_end_date() = *end_date;
                            if (auto s = store::UpdatePerson(tx, ref->jurisdiction, *rec, call.now);
                                !s.ok())
                              return s;
                            auto stored = LoadPerson(tx, *ref, false);
                            if (!stored.ok()) return stored.status();
                            *response = Present(*stored, call, cipher_);
                            return rec->person.name();
                          });
}

Status PersonnelService::DoTransferPerson(const CallContext& call,
                                          const v1::TransferPersonRequest& request,
                                          v1::Person* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  const std::string& j = ref->jurisdiction;
  auto policy = PolicyFor(j);
  if (!policy.ok()) return policy.status();
  auto unit_id = SameJurisdictionId(call, request.to_unit(), "units", "to_unit", j);
  if (!unit_id.ok()) return unit_id.status();
  if (auto s = RequireText(request.reason(), "reason", 255); !s.ok()) return s;
  auto effective = DateOrToday(request.effective_date(), call, "effective_date");
  if (!effective.ok()) return effective.status();
  return rpc::RunMutation(
      pool_, cipher_, call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, true);
        if (!rec.ok()) return rec.status();
        if (auto s = CheckState(*rec, PersonAction::kTransfer); !s.ok()) return s;
        if (rec->unit_id == *unit_id) {
          return Precondition(
              absl::StrCat(rec->person.name(), " is already in ", request.to_unit()));
        }
        auto unit = store::GetUnit(tx, j, *unit_id, /*lock=*/true);
        if (!unit.ok()) return unit.status();
        if (!*unit) return NotFound("unit", request.to_unit());
        if (auto s = CheckLimits(tx, **policy, j, *unit_id, false); !s.ok()) return s;
        v1::PersonTransferred event;
        event.set_person(rec->person.name());
        event.set_from_unit(rec->person.unit());
        event.set_to_unit(store::UnitName(j, *unit_id));
        *event.mutable_effective_date() = *effective;
        event.set_reason(request.reason());
        rec->unit_id = *unit_id;
        if (auto s = store::UpdatePerson(tx, j, *rec, call.now); !s.ok()) return s;
        if (auto s = EmitEvent(tx, kTransferredConsumers, j, rec->person.name(), event, call.now);
            !s.ok()) {
          return s;
        }
        auto stored = LoadPerson(tx, *ref, false);
        if (!stored.ok()) return stored.status();
        *response = Present(*stored, call, cipher_);
        return rec->person.name();
      });
}

Status PersonnelService::DoExitPerson(const CallContext& call, const v1::ExitPersonRequest& request,
                                      v1::Person* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  const std::string& j = ref->jurisdiction;
  auto policy = PolicyFor(j);
  if (!policy.ok()) return policy.status();
  if (request.reason() == v1::EXIT_REASON_UNSPECIFIED) return Invalid("reason: required");
  auto exit_date = DateOrToday(request.exit_date(), call, "exit_date");
  if (!exit_date.ok()) return exit_date.status();
  std::vector<std::string> confirmed(request.confirmed_checklist().begin(),
                                     request.confirmed_checklist().end());
  Decision checklist = CheckExitChecklist((*policy)->exit(), confirmed);
  if (!checklist.ok()) {
    return rpc::WithErrorInfo(
        Precondition(absl::StrCat("exit checklist: ", checklist.Summary())),
        "EXIT_CHECKLIST_INCOMPLETE",
        {{"missing", absl::StrJoin(MissingExitItems((*policy)->exit(), confirmed), ",")},
         {"conditions", Conditions(checklist)}});
  }
  if (request.note().size() > 1000) return Invalid("note: at most 1000 bytes");
  return rpc::RunMutation(
      pool_, cipher_, call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, true);
        if (!rec.ok()) return rec.status();
        if (auto s = CheckState(*rec, PersonAction::kExit); !s.ok()) return s;
        if (CompareDates(*exit_date, rec->person.hire_date()) < 0) {
          return Precondition(absl::StrCat("exit_date: ", DateToSql(*exit_date),
                                           " is before the hire date ",
                                           DateToSql(rec->person.hire_date())));
        }
        v1::PersonExited event;
        auto permit = store::ValidPermitOf(tx, j, ref->id);
        if (!permit.ok()) return permit.status();
        if (*permit) {
          if (auto s = store::RevokePermit(tx, j, (*permit)->badge_number(), DateToSql(*exit_date),
                                           "exit");
              !s.ok()) {
            return s;
          }
          event.set_revoked_badge_number((*permit)->badge_number());
        }
        v1::Person& p = rec->person;
        p.set_state(v1::EXITED);
        *p.mutable_exit_date() = *exit_date;
        p.set_exit_reason(request.reason());
        rec->exit_checklist = absl::StrJoin(confirmed, ",");
        rec->exit_note = request.note();
        if (auto s = store::UpdatePerson(tx, j, *rec, call.now); !s.ok()) return s;
        event.set_person(p.name());
        event.set_exit_reason(v1::ExitReason_Name(request.reason()));
        *event.mutable_exit_date() = *exit_date;
        if (auto s = EmitEvent(tx, kExitedConsumers, j, p.name(), event, call.now); !s.ok()) {
          return s;
        }
        auto stored = LoadPerson(tx, *ref, false);
        if (!stored.ok()) return stored.status();
        *response = Present(*stored, call, cipher_);
        return p.name();
      });
}

// ---------------------------------------------------------------------------- agreements

Status PersonnelService::DoCreateDispatchAgreement(
    const CallContext& call, const v1::CreateDispatchAgreementRequest& request,
    v1::DispatchAgreement* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  const v1::DispatchAgreement& in = request.dispatch_agreement();
  if (auto s = RequireText(in.title(), "dispatch_agreement.title", 255); !s.ok()) return s;
  if (in.headcount() <= 0) {
    return Invalid(
        absl::StrCat("dispatch_agreement.headcount: must be positive, got ", in.headcount()));
  }
  if (!IsValidDate(in.start_date())) return Invalid("dispatch_agreement.start_date: required date");
  if (!IsValidDate(in.end_date())) return Invalid("dispatch_agreement.end_date: required date");
  if (CompareDates(in.end_date(), in.start_date()) < 0) {
    return Invalid("dispatch_agreement.end_date: before start_date");
  }
  if (in.monthly_pay_fen() < 0) return Invalid("dispatch_agreement.monthly_pay_fen: negative");
  if (auto s = ValidateAgreementText(in); !s.ok()) return s;
  store::AgreementRecord rec;
  rec.id = NewId("da-");
  rec.agreement = in;
  rec.agreement.set_hr_company_signed(call.principal.kind == common::v1::HR_COMPANY);
  rec.agreement.set_bureau_signed(call.principal.kind == common::v1::ENFORCEMENT_BUREAU);
  return rpc::RunMutation(pool_, cipher_, call, *j, request.request_id(), request, response,
                          [&](db::Transaction& tx) -> StatusOr<std::string> {
                            if (auto s = store::InsertAgreement(tx, *j, rec, call.now); !s.ok()) {
                              return s;
                            }
                            auto stored = store::GetAgreement(tx, *j, rec.id);
                            if (!stored.ok()) return stored.status();
                            *response = (*stored)->agreement;
                            return response->name();
                          });
}

Status PersonnelService::DoSignDispatchAgreement(const CallContext& call,
                                                 const v1::SignDispatchAgreementRequest& request,
                                                 v1::DispatchAgreement* response) {
  auto ref = auth::ScopeOfName(call.principal, request.name(), "dispatchAgreements");
  if (!ref.ok()) return ref.status();
  return rpc::RunMutation(
      pool_, cipher_, call, ref->jurisdiction, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = store::GetAgreement(tx, ref->jurisdiction, ref->id, /*lock=*/true);
        if (!rec.ok()) return rec.status();
        if (!*rec) return NotFound("dispatch agreement", request.name());
        bool hr = (*rec)->agreement.hr_company_signed();
        bool bureau = (*rec)->agreement.bureau_signed();
        if (call.principal.kind == common::v1::HR_COMPANY) hr = true;
        if (call.principal.kind == common::v1::ENFORCEMENT_BUREAU) bureau = true;
        if (auto s = store::UpdateAgreementSignatures(tx, ref->jurisdiction, ref->id, hr, bureau);
            !s.ok()) {
          return s;
        }
        auto stored = store::GetAgreement(tx, ref->jurisdiction, ref->id);
        if (!stored.ok()) return stored.status();
        *response = (*stored)->agreement;
        return response->name();
      });
}

Status PersonnelService::DoGetDispatchAgreement(const CallContext& call,
                                                const v1::GetDispatchAgreementRequest& request,
                                                v1::DispatchAgreement* response) {
  auto ref = auth::ScopeOfName(call.principal, request.name(), "dispatchAgreements");
  if (!ref.ok()) return ref.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto rec = store::GetAgreement(tx, ref->jurisdiction, ref->id);
    if (!rec.ok()) return rec.status();
    if (!*rec) return NotFound("dispatch agreement", request.name());
    *response = (*rec)->agreement;
    return absl::OkStatus();
  });
}

Status PersonnelService::DoListDispatchAgreements(const CallContext& call,
                                                  const v1::ListDispatchAgreementsRequest& request,
                                                  v1::ListDispatchAgreementsResponse* response) {
  response->Clear();
  return ListInJurisdiction<store::AgreementRecord>(
      pool_, call, request.parent(), request.page_size(), request.page_token(),
      store::ListAgreements, [](const store::AgreementRecord& r) { return r.id; },
      response->mutable_next_page_token(),
      [&](const store::AgreementRecord& r) { *response->add_dispatch_agreements() = r.agreement; });
}

// ---------------------------------------------------------------------------- units, limits

Status PersonnelService::DoCreateUnit(const CallContext& call, const v1::CreateUnitRequest& request,
                                      v1::Unit* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  if (auto s = RequireText(request.unit().display_name(), "unit.display_name", 255); !s.ok()) {
    return s;
  }
  std::string id = request.unit_id();
  if (id.empty()) {
    id = NewId("u-");
  } else if (!IsIdText(id, 40)) {
    return Invalid(
        absl::StrCat("unit_id: \"", id, "\" must be 1-40 lower-case letters, digits or '-'"));
  }
  return rpc::RunMutation(
      pool_, cipher_, call, *j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto existing = store::GetUnit(tx, *j, id);
        if (!existing.ok()) return existing.status();
        if (*existing) {
          return absl::AlreadyExistsError(
              absl::StrCat("unit ", store::UnitName(*j, id), " already exists"));
        }
        auto s = store::InsertUnit(tx, *j, id, request.unit().display_name(), call.now);
        if (!s.ok()) return s;
        auto stored = store::GetUnit(tx, *j, id);
        if (!stored.ok()) return stored.status();
        *response = **stored;
        return response->name();
      });
}

Status PersonnelService::DoListUnits(const CallContext& call, const v1::ListUnitsRequest& request,
                                     v1::ListUnitsResponse* response) {
  response->Clear();
  return ListInJurisdiction<v1::Unit>(pool_, call, request.parent(), request.page_size(),
                                      request.page_token(), store::ListUnits, LastSegment<v1::Unit>,
                                      response->mutable_next_page_token(),
                                      [&](const v1::Unit& unit) { *response->add_units() = unit; });
}

Status PersonnelService::DoSetHeadcountLimit(const CallContext& call,
                                             const v1::SetHeadcountLimitRequest& request,
                                             v1::HeadcountLimit* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  if (request.limit() < 0) {
    return Invalid(absl::StrCat("limit: must not be negative, got ", request.limit()));
  }
  if (request.document_ref().size() > 255) return Invalid("document_ref: at most 255 bytes");
  std::string scope = "all";
  if (!request.unit().empty()) {
    auto id = SameJurisdictionId(call, request.unit(), "units", "unit", *j);
    if (!id.ok()) return id.status();
    scope = *id;
  }
  return rpc::RunMutation(
      pool_, cipher_, call, *j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        if (scope != "all") {
          auto unit = store::GetUnit(tx, *j, scope);
          if (!unit.ok()) return unit.status();
          if (!*unit) return NotFound("unit", request.unit());
        }
        if (auto s = store::UpsertHeadcountLimit(tx, *j, scope, request.limit(),
                                                 request.document_ref(), call.now);
            !s.ok()) {
          return s;
        }
        auto stored = store::GetHeadcountLimit(tx, *j, scope);
        if (!stored.ok()) return stored.status();
        *response = **stored;
        return response->name();
      });
}

Status PersonnelService::DoListHeadcountLimits(const CallContext& call,
                                               const v1::ListHeadcountLimitsRequest& request,
                                               v1::ListHeadcountLimitsResponse* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto rows = store::ListHeadcountLimits(tx, *j);
    if (!rows.ok()) return rows.status();
    response->Clear();
    for (const auto& limit : *rows) *response->add_headcount_limits() = limit;
    return absl::OkStatus();
  });
}

// ---------------------------------------------------------------------------- training

Status PersonnelService::DoRecordTraining(const CallContext& call,
                                          const v1::RecordTrainingRequest& request,
                                          v1::TrainingRecord* response) {
  auto ref = PersonRef(call, request.parent(), "parent");
  if (!ref.ok()) return ref.status();
  const v1::TrainingRecord& in = request.training_record();
  if (in.kind() == v1::TRAINING_KIND_UNSPECIFIED) {
    return Invalid("training_record.kind: required (PRE_JOB, ANNUAL or DRILL)");
  }
  if (!IsValidDate(in.start_date())) return Invalid("training_record.start_date: required date");
  if (in.days() < 0 || in.hours() < 0 || in.days() > 366 || in.hours() > 10000) {
    return Invalid("training_record.days/hours: out of range");
  }
  if (in.kind() == v1::DRILL ? in.hours() <= 0 : in.days() <= 0) {
    return Invalid(in.kind() == v1::DRILL ? "training_record.hours: a drill needs hours > 0"
                                          : "training_record.days: needs days > 0");
  }
  if (in.topic().size() > 255) return Invalid("training_record.topic: at most 255 bytes");
  const std::string id = NewId("t-");
  return rpc::RunMutation(
      pool_, cipher_, call, ref->jurisdiction, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, false);
        if (!rec.ok()) return rec.status();
        if (rec->person.state() == v1::EXITED) {
          return Precondition(absl::StrCat(rec->person.name(), " has exited"));
        }
        if (auto s = store::InsertTraining(tx, ref->jurisdiction, ref->id, id, in, call.now);
            !s.ok()) {
          return s;
        }
        *response = in;
        response->set_name(store::TrainingName(ref->jurisdiction, ref->id, id));
        *response->mutable_create_time() = TimestampFromSql(TimeToSql(call.now));
        return response->name();
      });
}

Status PersonnelService::DoListTrainingRecords(const CallContext& call,
                                               const v1::ListTrainingRecordsRequest& request,
                                               v1::ListTrainingRecordsResponse* response) {
  auto ref = PersonRef(call, request.parent(), "parent");
  if (!ref.ok()) return ref.status();
  auto page = rpc::StartPage(request.page_size(), request.page_token(), request.parent());
  if (!page.ok()) return page.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto person = LoadPerson(tx, *ref, false);
    if (!person.ok()) return person.status();
    auto rows = store::ListTraining(tx, ref->jurisdiction, ref->id, page->after, page->size + 1);
    if (!rows.ok()) return rows.status();
    response->Clear();
    response->set_next_page_token(rpc::FinishPage(*rows, *page, LastSegment<v1::TrainingRecord>));
    for (const auto& t : *rows) *response->add_training_records() = t;
    return absl::OkStatus();
  });
}

Status PersonnelService::DoGetTrainingCoverage(const CallContext& call,
                                               const v1::GetTrainingCoverageRequest& request,
                                               v1::TrainingCoverage* response) {
  auto j = auth::ScopeOfParent(call.principal, request.parent());
  if (!j.ok()) return j.status();
  if (request.year() < 2000 || request.year() > 2200) {
    return Invalid(absl::StrCat("year: ", request.year(), " is out of range"));
  }
  auto policy = PolicyFor(*j);
  if (!policy.ok()) return policy.status();
  return pool_.Read([&](db::Transaction& tx) -> Status {
    auto ids = store::ListMemberIds(tx, *j);
    if (!ids.ok()) return ids.status();
    auto training = store::TrainingForRules(tx, *j, *ids);
    if (!training.ok()) return training.status();
    std::vector<CoverageInput> inputs;
    for (const std::string& id : *ids) {
      inputs.push_back({store::PersonName(*j, id), (*training)[id]});
    }
    Coverage c = TrainingCoverage(**policy, request.year(), inputs);
    response->Clear();
    response->set_year(request.year());
    response->set_required(c.required);
    response->set_covered(c.covered);
    response->set_percent(c.percent);
    response->set_target_percent(
        static_cast<int32_t>((*policy)->training().annual_coverage_percent()));
    response->set_target_met(c.target_met);
    for (const auto& m : c.missing) response->add_missing(m);
    return absl::OkStatus();
  });
}

// ---------------------------------------------------------------------------- permits

Status PersonnelService::DoIssuePermit(const CallContext& call,
                                       const v1::IssuePermitRequest& request,
                                       v1::Permit* response) {
  auto ref = PersonRef(call, request.person(), "person");
  if (!ref.ok()) return ref.status();
  const std::string& j = ref->jurisdiction;
  auto policy = PolicyFor(j);
  if (!policy.ok()) return policy.status();
  auto issue_date = DateOrToday(request.issue_date(), call, "issue_date");
  if (!issue_date.ok()) return issue_date.status();
  return rpc::RunMutation(
      pool_, cipher_, call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, *ref, true);
        if (!rec.ok()) return rec.status();
        if (auto s = CheckState(*rec, PersonAction::kIssuePermit); !s.ok()) return s;
        auto held = store::ValidPermitOf(tx, j, ref->id);
        if (!held.ok()) return held.status();
        if (*held) {
          return Precondition(absl::StrCat(rec->person.name(), " already holds valid permit ",
                                           (*held)->badge_number()));
        }
        auto training = store::TrainingForRules(tx, j, {ref->id});
        if (!training.ok()) return training.status();
        if (auto f = CheckPermitPrerequisites(**policy, (*training)[ref->id])) {
          return Precondition(absl::StrCat(rec->person.name(), ": ", f->reason));
        }
        auto serial = store::TakeNextBadgeSerial(tx, j);
        if (!serial.ok()) return serial.status();
        if (auto f = CheckBadgeSerial((*policy)->permit(), *serial)) {
          return Precondition(f->reason);
        }
        const std::string badge = FormatBadge((*policy)->permit(), *serial);
        if (auto s = store::InsertPermit(tx, j, badge, ref->id, DateToSql(*issue_date)); !s.ok()) {
          return s;
        }
        auto stored = store::GetPermit(tx, j, badge);
        if (!stored.ok()) return stored.status();
        *response = **stored;
        return response->name();
      });
}

Status PersonnelService::DoRevokePermit(const CallContext& call,
                                        const v1::RevokePermitRequest& request,
                                        v1::Permit* response) {
  auto ref = auth::ScopeOfName(call.principal, request.name(), "permits");
  if (!ref.ok()) return ref.status();
  if (auto s = RequireText(request.reason(), "reason", 255); !s.ok()) return s;
  auto revoke_date = DateOrToday(request.revoke_date(), call, "revoke_date");
  if (!revoke_date.ok()) return revoke_date.status();
  return rpc::RunMutation(
      pool_, cipher_, call, ref->jurisdiction, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto permit = store::GetPermit(tx, ref->jurisdiction, ref->id, /*lock=*/true);
        if (!permit.ok()) return permit.status();
        if (!*permit) return NotFound("permit", request.name());
        if ((*permit)->state() == v1::Permit::REVOKED) {
          return Precondition(absl::StrCat("permit ", request.name(), " is already revoked"));
        }
        if (auto s = store::RevokePermit(tx, ref->jurisdiction, ref->id, DateToSql(*revoke_date),
                                         request.reason());
            !s.ok()) {
          return s;
        }
        auto stored = store::GetPermit(tx, ref->jurisdiction, ref->id);
        if (!stored.ok()) return stored.status();
        *response = **stored;
        return response->name();
      });
}

Status PersonnelService::DoListPermits(const CallContext& call,
                                       const v1::ListPermitsRequest& request,
                                       v1::ListPermitsResponse* response) {
  response->Clear();
  return ListInJurisdiction<v1::Permit>(
      pool_, call, request.parent(), request.page_size(), request.page_token(), store::ListPermits,
      LastSegment<v1::Permit>, response->mutable_next_page_token(),
      [&](const v1::Permit& permit) { *response->add_permits() = permit; });
}

Status PersonnelService::DoVerifyAuditChain(const CallContext& call,
                                            const common::v1::VerifyAuditChainRequest&,
                                            common::v1::VerifyAuditChainResponse* response) {
  auto result = audit::Verify(pool_, call.principal.jurisdiction, cipher_);
  if (!result.ok()) return result.status();
  *response = *result;
  return absl::OkStatus();
}

}  // namespace auxpro::personnel
