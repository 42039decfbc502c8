#pragma once

// National ID number (GB 11643-1999): 6-digit region, 8-digit birth date YYYYMMDD, 3-digit
// sequence (odd = male), check character (digit or upper-case 'X').

#include <optional>
#include <string>
#include <string_view>

#include "auxpro/common/v1/types.pb.h"
#include "libs/common/calendar.h"

namespace auxpro {

// The check character (ISO 7064 MOD 11-2) of the first 17 digits of a national ID; '?' when
// they are not 17 digits.
char NationalIdCheckCharacter(std::string_view first17);
// Length 18, digits except a final check character, a valid birth date and a matching checksum
// (ISO 7064 MOD 11-2). Strict: a lower-case 'x' is not accepted.
bool IsValidNationalId(std::string_view id);
// The province (first 2 characters) kept, every other character '*' (18 chars -> 2 + 16 '*').
// The record shows the birth date and gender next to it, so any further digit shown narrows the
// number down: with the first and last 4 kept, about 9 numbers fit a person's birth date; with the
// province alone, tens of thousands. An input of 8 characters or fewer is masked completely.
// Idempotent: masking a mask keeps the province.
std::string MaskNationalId(std::string_view id);
// nullopt when the ID is not valid.
std::optional<CivilDate> BirthDateFromNationalId(std::string_view id);
// GENDER_UNSPECIFIED when the ID is not valid.
common::v1::Gender GenderFromNationalId(std::string_view id);

}  // namespace auxpro
