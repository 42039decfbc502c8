#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

void ValidateAnnualRating(Problems p, const auxpro::policy::v1::AnnualRating& rating) {
  p.RequiredCodes("grades", rating.grades(), kUpperSnake);
  p.Range("cap_percent", rating.cap_percent(), 1, 100);
  p.RequiredEnum("cap_rounding", rating.cap_rounding(),
                 auxpro::policy::v1::AnnualRating_Rounding_IsValid, "rounding");
  const uint32_t size = rating.small_unit_size();
  const uint32_t top = rating.small_unit_top_count();
  if (size > 0 && top == 0) {
    p.Add("small_unit_top_count", "must be greater than 0 when small_unit_size is set");
  }
  if (size == 0 && top > 0) {
    p.Add("small_unit_top_count", absl::StrCat("must be 0 when small_unit_size is 0, got ", top));
  }
  if (size > 0 && top >= size) {
    p.Add("small_unit_top_count",
          absl::StrCat("must be less than small_unit_size (", size, "), got ", top));
  }
}

}  // namespace auxpro::policy::validation
