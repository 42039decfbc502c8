#pragma once

// Names of the personnel service's resources (the store knows ids, the API knows names).

#include <string>

namespace auxpro::personnel {

std::string PersonName(const std::string& jurisdiction, const std::string& id);
std::string UnitName(const std::string& jurisdiction, const std::string& id);
std::string AgreementName(const std::string& jurisdiction, const std::string& id);
std::string PermitName(const std::string& jurisdiction, const std::string& badge);
std::string TrainingName(const std::string& jurisdiction, const std::string& person_id,
                         const std::string& id);
std::string LabourContractName(const std::string& jurisdiction, const std::string& person_id,
                               const std::string& id);
// Scope "all" (the jurisdiction-wide limit) or a unit id.
std::string HeadcountName(const std::string& jurisdiction, const std::string& scope);

}  // namespace auxpro::personnel
