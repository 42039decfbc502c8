#include "services/personnel/resource_names.h"

#include "absl/strings/str_cat.h"

namespace auxpro::personnel {

std::string PersonName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", id);
}
std::string UnitName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/units/", id);
}
std::string AgreementName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/dispatchAgreements/", id);
}
std::string PermitName(const std::string& j, const std::string& badge) {
  return absl::StrCat("jurisdictions/", j, "/permits/", badge);
}
std::string TrainingName(const std::string& j, const std::string& person_id,
                         const std::string& id) {
  return absl::StrCat(PersonName(j, person_id), "/trainingRecords/", id);
}
std::string HeadcountName(const std::string& j, const std::string& scope) {
  return absl::StrCat("jurisdictions/", j, "/headcountLimits/", scope);
}

}  // namespace auxpro::personnel

namespace auxpro::personnel {

std::string LabourContractName(const std::string& jurisdiction, const std::string& person_id,
                               const std::string& id) {
  return PersonName(jurisdiction, person_id) + "/labourContracts/" + id;
}

}  // namespace auxpro::personnel
