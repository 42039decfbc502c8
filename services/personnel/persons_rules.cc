#include "services/personnel/persons_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/national_id.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/safe_text.h"

namespace auxpro::personnel {

absl::Status ValidateProfile(const v1::Person& p) {
  RETURN_IF_ERROR(RequireText(p.full_name(), "person.full_name", 128));
  RETURN_IF_ERROR(LimitText(p.photo_ref(), "person.photo_ref", 512));
  RETURN_IF_ERROR(LimitText(p.duty_area(), "person.duty_area", 255));
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
  if (p.findings_size() > 20) return Invalid("person.findings: too many (at most 20)");
  for (int i = 0; i < p.findings_size(); ++i) {
    const v1::BackgroundFinding& f = p.findings(i);
    const std::string field = absl::StrCat("person.findings[", i, "]");
    if (f.kind() == common::v1::DISQUALIFIER_UNSPECIFIED ||
        !common::v1::Disqualifier_IsValid(f.kind())) {
      return Invalid(absl::StrCat(field, ".kind: required, a known finding"));
    }
    if (!IsUnset(f.ended_on())) RETURN_IF_ERROR(RequireDate(f.ended_on(), field + ".ended_on"));
    RETURN_IF_ERROR(LimitText(f.evidence_ref(), field + ".evidence_ref", 128));
  }
  if (p.attestations_size() > 10) return Invalid("person.attestations: too many (at most 10)");
  for (int a : p.attestations()) {
    if (a == common::v1::ATTESTATION_UNSPECIFIED || !common::v1::Attestation_IsValid(a)) {
      return Invalid(absl::StrCat("person.attestations: ", a, " is not an attestation"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNationalIdFacts(const std::string& national_id, CivilDate today) {
  const std::optional<CivilDate> birth = BirthDateFromNationalId(national_id);
  if (!birth) return Invalid("person.national_id: no birth date in the number");
  if (*birth > today) {
    return Invalid(absl::StrCat("person.national_id: birth date ", FormatDate(*birth),
                                " is in the future (today is ", FormatDate(today), ")"));
  }
  if (birth->year < 1900) {
    return Invalid(
        absl::StrCat("person.national_id: birth date ", FormatDate(*birth), " is before 1900"));
  }
  const int province = (national_id[0] - '0') * 10 + (national_id[1] - '0');
  static constexpr int kProvinces[][2] = {{11, 15}, {21, 23}, {31, 37}, {41, 46},
                                          {50, 54}, {61, 65}, {71, 71}, {81, 82}};
  bool known = false;
  for (const auto& range : kProvinces)
    known = known || (province >= range[0] && province <= range[1]);
  if (!known || national_id.substr(2, 4) == "0000") {
    return Invalid(absl::StrCat("person.national_id: region code ", national_id.substr(0, 6),
                                " is not a GB/T 2260 county code"));
  }
  return absl::OkStatus();
}

absl::Status ValidateFindingDates(const v1::Person& p, CivilDate today) {
  for (int i = 0; i < p.findings_size(); ++i) {
    const auto& ended = p.findings(i).ended_on();
    if (!IsUnset(ended) && FromProto(ended) > today) {
      return Invalid(absl::StrCat("person.findings[", i,
                                  "].ended_on: ", FormatDate(FromProto(ended)),
                                  " is in the future (today is ", FormatDate(today),
                                  "); a finding still in force has no ended_on"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Person> NewCandidate(const v1::Person& in) {
  RETURN_IF_ERROR(RequireText(in.full_name(), "person.full_name", 128));
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
  RETURN_IF_ERROR(ValidateProfile(in));
  v1::Person p;
  // Only the fields a caller may write; everything else is the server's.
  p.set_full_name(in.full_name());
  p.set_national_id(in.national_id());
  *p.mutable_birth_date() = ToProto(birth);
  p.set_gender(gender);
  p.set_education(in.education());
  p.set_mandarin_level(in.mandarin_level() == common::v1::MANDARIN_LEVEL_UNSPECIFIED
                           ? common::v1::MANDARIN_NONE
                           : in.mandarin_level());
  p.set_basic_english(in.basic_english());
  p.set_veteran(in.veteran());
  p.set_party_member(in.party_member());
  p.set_former_auxiliary(in.former_auxiliary());
  *p.mutable_driving_licence_classes() = in.driving_licence_classes();
  p.set_smart_device_skill(in.smart_device_skill());
  p.set_photo_ref(in.photo_ref());
  p.set_post_type(in.post_type());
  p.set_duty_area(in.duty_area());
  *p.mutable_background_findings() = in.background_findings();
  *p.mutable_findings() = in.findings();
  *p.mutable_attestations() = in.attestations();
  p.set_state(v1::CANDIDATE);
  return p;
}

const std::vector<std::string>& UpdatableProfileFields() {
  static const std::vector<std::string> kFields = {
      "attestations",   "background_findings", "basic_english",      "driving_licence_classes",
      "duty_area",      "education",           "findings",           "former_auxiliary",
      "full_name",      "mandarin_level",      "party_member",       "photo_ref",
      "post_type",      "smart_device_skill",  "veteran"};
  return kFields;
}

const std::vector<std::string>& RecruitmentProfileFields() {
  static const std::vector<std::string> kFields = {
      "attestations",     "background_findings", "education", "findings",
      "former_auxiliary", "party_member",        "veteran"};
  return kFields;
}

absl::Status ValidateProfileMask(const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) return Invalid("update_mask: names no field");
  const auto& fields = UpdatableProfileFields();
  for (const std::string& path : mask.paths()) {
    if (std::find(fields.begin(), fields.end(), path) == fields.end()) {
      return Invalid(absl::StrCat("update_mask: ", QuoteInput(path),
                                  " cannot be updated (allowed: ", absl::StrJoin(fields, ", "),
                                  "; state, unit and dates change through actions)"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Person> UpdatedProfile(const v1::Person& current, const v1::Person& in,
                                          const google::protobuf::FieldMask& mask) {
  RETURN_IF_ERROR(ValidateProfileMask(mask));
  if (current.state() == v1::EXITED) {
    const auto& open = RecruitmentProfileFields();
    for (const std::string& path : mask.paths()) {
      if (std::find(open.begin(), open.end(), path) != open.end()) continue;
      return WithErrorInfo(
          Precondition(absl::StrCat(
              current.name(), ": the person has exited; the record is archived and \"", path,
              "\" cannot change (an exited record keeps open only what the recruitment check "
              "reads: ",
              absl::StrJoin(open, ", "), ")")),
          "PERSON_EXITED",
          {{"exit_date", FormatDate(FromProto(current.exit_date()))},
           {"field", path},
           {"allowed", absl::StrJoin(open, ",")}});
    }
  }
  v1::Person p = current;
  for (const std::string& path : mask.paths()) {
    if (path == "full_name") {
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
    } else if (path == "former_auxiliary") {
      // An exited person is a former auxiliary whatever is sent (their periods are on the archive).
      p.set_former_auxiliary(in.former_auxiliary() || current.state() == v1::EXITED);
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
    } else if (path == "findings") {
      *p.mutable_findings() = in.findings();
    } else if (path == "attestations") {
      *p.mutable_attestations() = in.attestations();
    } else if (path == "post_type") {
      if (in.post_type() == v1::POST_TYPE_UNSPECIFIED) {
        return Invalid("person.post_type: FIELD or OFFICE");
      }
      p.set_post_type(in.post_type());
    }
  }
  RETURN_IF_ERROR(ValidateProfile(p));
  return p;
}

}  // namespace auxpro::personnel
