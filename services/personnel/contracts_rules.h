// Labour contracts (劳动合同), the resignation and backbone posts as decisions: facts and policy
// in, the contract or person as the action leaves them, or the refusal (FAILED_PRECONDITION with a
// google.rpc.ErrorInfo, INVALID_ARGUMENT naming the field). Pure: dates passed in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::personnel {

// HR_COMPANY for a dispatched person, ENFORCEMENT_BUREAU for a direct hire.
common::v1::AgencyKind EmployerOf(const v1::Person& person);
// PERMISSION_DENIED unless `caller` is the person's employer of record.
absl::Status CheckEmployer(const v1::Person& person, common::v1::AgencyKind caller);

struct ContractFacts {
  v1::Person person;
  v1::LabourContract requested;
  // Every contract of the person, all periods.
  std::vector<v1::LabourContract> existing;
  // The last final annual grade read from the assessment service, nullopt when none was read
  // (no rating, or no need to ask).
  std::optional<std::string> last_annual_grade;
};
// Whether a new contract for `person` starting on or after the hire date would be a renewal: an
// earlier contract of the current employment period exists.
bool IsRenewal(const v1::Person& person, const std::vector<v1::LabourContract>& existing);
// The contract to write (employer, end date, renewal, IN_FORCE) or the refusal, in this order:
// INVALID_STATE_TRANSITION, labour_contract.start_date, DATE_BEFORE_HIRE, PROBATION_NOT_PASSED,
// labour_contract.end_date, CONTRACT_TERM, labour_contract.min_service_months,
// CONTRACT_OVERLAPS, RENEWAL_RATING.
absl::StatusOr<v1::LabourContract> DecideContract(const policy::v1::Policy& policy,
                                                  const ContractFacts& facts);
// The contract ended on `end_date` for `reason`: CONTRACT_ENDED, end_date before the start.
absl::StatusOr<v1::LabourContract> DecideContractEnd(const v1::LabourContract& contract,
                                                     CivilDate end_date, const std::string& reason);

// A resignation recorded with the exit (longquan art. 15, template art. 20):
// RESIGNATION_INCOMPLETE naming notice_days, signoff.<who>, handback.<item>; INVALID_ARGUMENT
// for a missing resignation where the policy has rules, or one with another exit reason.
absl::Status CheckResignationOnExit(const policy::v1::Resignation& rules, v1::ExitReason reason,
                                    const v1::Resignation* resignation, CivilDate exit_date);

struct BackboneFacts {
  v1::Person person;
  v1::BackbonePost post = v1::BACKBONE_POST_UNSPECIFIED;
  int leader_posts = 0, deputy_posts = 0;  // the unit's numbers
  int leaders = 0, deputies = 0;           // held now, the person included
  CivilDate effective_date;
};
// The person with the post and its monthly pay, or the refusal: INVALID_ARGUMENT post,
// INVALID_STATE_TRANSITION, BACKBONE_DISABLED, ALREADY_IN_POST, LEADER_FROM_DEPUTIES,
// BACKBONE_QUOTA.
absl::StatusOr<v1::Person> DecideBackbonePost(const policy::v1::Policy& policy,
                                              const BackboneFacts& facts);

}  // namespace auxpro::personnel
