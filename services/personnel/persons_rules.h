// Person records (档案): what a new record and a profile update may hold. Pure.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::personnel {

// A new candidate from the fields a caller sent: requires full_name, a valid national ID (GB
// 11643), education and post type; takes birth date and gender from the national ID (when sent
// they must agree); state CANDIDATE; output-only fields cleared. The clear national ID stays in
// `national_id` for the caller to seal. INVALID_ARGUMENT naming the field otherwise.
absl::StatusOr<v1::Person> NewCandidate(const v1::Person& in);

// The profile fields an update may change (state, unit and dates change through actions).
const std::vector<std::string>& UpdatableProfileFields();

// INVALID_ARGUMENT for an empty mask or a path that is not a profile field.
absl::Status ValidateProfileMask(const google::protobuf::FieldMask& mask);

// The profile fields the recruitment check reads (education, veteran, party_member,
// former_auxiliary, background_findings, findings, attestations): the only ones an EXITED record
// may still change, so a former auxiliary's findings are brought up to date before a re-hire.
const std::vector<std::string>& RecruitmentProfileFields();

// `current` with the fields named by `mask` taken from `in`: INVALID_ARGUMENT for a mask that
// ValidateProfileMask refuses or a value a profile field cannot hold;
// FAILED_PRECONDITION PERSON_EXITED for an archived record when the mask names a field outside
// RecruitmentProfileFields (metadata `allowed`: those fields, comma-separated).
absl::StatusOr<v1::Person> UpdatedProfile(const v1::Person& current, const v1::Person& in,
                                          const google::protobuf::FieldMask& mask);

// Sizes and characters the columns hold: full name, photo, duty area, licence classes,
// background findings. INVALID_ARGUMENT naming the field.
absl::Status ValidateProfile(const v1::Person& person);

// What the GB 11643 checksum does not catch: a birth date after `today` or before 1900, and a
// region code (the first six digits) outside the GB/T 2260 provinces (11-15, 21-23, 31-37, 41-46,
// 50-54, 61-65, 71, 81, 82) or ending in 0000 for a county (000000). INVALID_ARGUMENT naming
// person.national_id.
absl::Status CheckNationalIdFacts(const std::string& national_id, CivilDate today);

// A finding's ended_on may not be after `today` (a finding in force has none). INVALID_ARGUMENT
// naming person.findings[i].ended_on.
absl::Status ValidateFindingDates(const v1::Person& person, CivilDate today);

}  // namespace auxpro::personnel
