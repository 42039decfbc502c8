#pragma once

#include <string>

#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/call_context.h"
#include "libs/rpc/work_pool.h"

namespace auxpro::personnel {

namespace v1 = ::auxpro::personnel::v1;

// The gRPC handlers of auxpro.personnel.v1.Personnel: validate the request, scope it to the
// caller's jurisdiction, run the rules of personnel_rules against what personnel_store reads, and
// write through rpc::RunMutation (idempotent, audited, one transaction). Access by agency kind is
// already enforced by the server before a handler runs (proto options, libs/auth).
class PersonnelService final : public v1::Personnel::CallbackService {
 public:
  PersonnelService(db::ConnectionPool& pool, const policy::PolicySet& policies,
                   const crypto::FieldCipher& cipher, rpc::WorkPool& work);

// Type names cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define AUXPRO_PERSONNEL_METHOD(Method, Request, Response)                                       \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* context, const Request* request, \
                                   Response* response) override;                                 \
  absl::Status Do##Method(const rpc::CallContext& call, const Request& request, Response* response);
  AUXPRO_PERSONNEL_METHOD(CreatePerson, v1::CreatePersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(GetPerson, v1::GetPersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(ListPersons, v1::ListPersonsRequest, v1::ListPersonsResponse)
  AUXPRO_PERSONNEL_METHOD(UpdatePerson, v1::UpdatePersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(CheckRecruitmentEligibility, v1::CheckRecruitmentEligibilityRequest,
                          v1::CheckRecruitmentEligibilityResponse)
  AUXPRO_PERSONNEL_METHOD(HirePerson, v1::HirePersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(EndProbation, v1::EndProbationRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(TransferPerson, v1::TransferPersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(ExitPerson, v1::ExitPersonRequest, v1::Person)
  AUXPRO_PERSONNEL_METHOD(CreateDispatchAgreement, v1::CreateDispatchAgreementRequest,
                          v1::DispatchAgreement)
  AUXPRO_PERSONNEL_METHOD(SignDispatchAgreement, v1::SignDispatchAgreementRequest,
                          v1::DispatchAgreement)
  AUXPRO_PERSONNEL_METHOD(GetDispatchAgreement, v1::GetDispatchAgreementRequest,
                          v1::DispatchAgreement)
  AUXPRO_PERSONNEL_METHOD(ListDispatchAgreements, v1::ListDispatchAgreementsRequest,
                          v1::ListDispatchAgreementsResponse)
  AUXPRO_PERSONNEL_METHOD(CreateUnit, v1::CreateUnitRequest, v1::Unit)
  AUXPRO_PERSONNEL_METHOD(ListUnits, v1::ListUnitsRequest, v1::ListUnitsResponse)
  AUXPRO_PERSONNEL_METHOD(SetHeadcountLimit, v1::SetHeadcountLimitRequest, v1::HeadcountLimit)
  AUXPRO_PERSONNEL_METHOD(ListHeadcountLimits, v1::ListHeadcountLimitsRequest,
                          v1::ListHeadcountLimitsResponse)
  AUXPRO_PERSONNEL_METHOD(RecordTraining, v1::RecordTrainingRequest, v1::TrainingRecord)
  AUXPRO_PERSONNEL_METHOD(ListTrainingRecords, v1::ListTrainingRecordsRequest,
                          v1::ListTrainingRecordsResponse)
  AUXPRO_PERSONNEL_METHOD(GetTrainingCoverage, v1::GetTrainingCoverageRequest, v1::TrainingCoverage)
  AUXPRO_PERSONNEL_METHOD(IssuePermit, v1::IssuePermitRequest, v1::Permit)
  AUXPRO_PERSONNEL_METHOD(RevokePermit, v1::RevokePermitRequest, v1::Permit)
  AUXPRO_PERSONNEL_METHOD(ListPermits, v1::ListPermitsRequest, v1::ListPermitsResponse)
  AUXPRO_PERSONNEL_METHOD(VerifyAuditChain, common::v1::VerifyAuditChainRequest,
                          common::v1::VerifyAuditChainResponse)
#undef AUXPRO_PERSONNEL_METHOD
  // NOLINTEND(bugprone-macro-parentheses)

 private:
  absl::StatusOr<const policy::v1::Policy*> PolicyFor(const std::string& jurisdiction) const;

  db::ConnectionPool& pool_;
  const policy::PolicySet& policies_;
  const crypto::FieldCipher& cipher_;
  rpc::WorkPool& work_;
};

}  // namespace auxpro::personnel
