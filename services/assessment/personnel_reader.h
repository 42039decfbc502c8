#pragma once

// Live reads of persons and units from the personnel service (auxpro.personnel.v1.Personnel)
// through the host's PeerRouter, each with a deadline. This service keeps no copy of them.
// A personnel service that does not answer (no route, timeout, down) is UNAVAILABLE, never a
// default value.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/service/peer_router.h"

namespace auxpro::assessment {

class PersonnelReader {
 public:
  explicit PersonnelReader(service::PeerRouter* peers) : peers_(peers) {}

  // The person `name` (jurisdictions/{j}/persons/{id}); NOT_FOUND naming `field` when personnel
  // does not know it.
  absl::StatusOr<personnel::v1::Person> Person(const std::string& name,
                                               const std::string& field) const;
  // The person, who must be in PROBATION or ACTIVE: FAILED_PRECONDITION PERSON_NOT_EMPLOYED.
  absl::StatusOr<personnel::v1::Person> EmployedPerson(const std::string& name,
                                                       const std::string& field) const;
  // The labour contracts of the person `name`, every employment period's (ListLabourContracts,
  // which personnel serves to the SERVICE identity); NOT_FOUND naming `field` when personnel does
  // not know the person.
  absl::StatusOr<std::vector<personnel::v1::LabourContract>> LabourContracts(
      const std::string& name, const std::string& field) const;
  // The unit `unit_name` of jurisdiction `j` with its member count; NOT_FOUND when unknown.
  absl::StatusOr<personnel::v1::Unit> Unit(const std::string& j,
                                           const std::string& unit_name) const;
  // The unit's persons in PROBATION or ACTIVE, by name.
  absl::StatusOr<std::vector<personnel::v1::Person>> UnitMembers(
      const std::string& j, const std::string& unit_name) const;

 private:
  service::PeerRouter* peers_;
};

}  // namespace auxpro::assessment
