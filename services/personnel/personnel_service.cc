#include "services/personnel/personnel_service.h"

namespace auxpro::personnel {

PersonnelService::PersonnelService(const service::ServiceContext& ctx)
    : UnaryService(v1::Personnel::service_full_name(), ctx.work),
      persons_(ctx),
      employment_(ctx),
      hiring_steps_(ctx),
      agreements_(ctx),
      organisation_(ctx),
      training_(ctx),
      permits_(ctx),
      roster_(ctx),
      contracts_(ctx),
      staffing_(ctx),
      events_(ctx) {
  Bind("CreatePerson", &persons_, &Persons::Create);
  BindRead("GetPerson", &persons_, &Persons::Get);
  Bind("ListPersons", &persons_, &Persons::List);
  Bind("UpdatePerson", &persons_, &Persons::Update);
  Bind("CheckRecruitmentEligibility", &employment_, &Employment::CheckEligibility);
  Bind("RecordHiringStep", &hiring_steps_, &HiringSteps::Record);
  Bind("GetPublicRoster", &roster_, &Roster::Get);
  Bind("HirePerson", &employment_, &Employment::Hire);
  Bind("EndProbation", &employment_, &Employment::EndProbation);
  Bind("TransferPerson", &employment_, &Employment::Transfer);
  Bind("ExitPerson", &employment_, &Employment::Exit);
  Bind("CreateDispatchAgreement", &agreements_, &Agreements::Create);
  Bind("SignDispatchAgreement", &agreements_, &Agreements::Sign);
  Bind("GetDispatchAgreement", &agreements_, &Agreements::Get);
  Bind("ListDispatchAgreements", &agreements_, &Agreements::List);
  Bind("CreateUnit", &organisation_, &Organisation::CreateUnit);
  Bind("ListUnits", &organisation_, &Organisation::ListUnits);
  Bind("SetHeadcountLimit", &organisation_, &Organisation::SetHeadcountLimit);
  Bind("ListHeadcountLimits", &organisation_, &Organisation::ListHeadcountLimits);
  Bind("SetStaffingFloor", &staffing_, &Staffing::SetFloor);
  Bind("SetEstablishedStaff", &staffing_, &Staffing::SetEstablishedStaff);
  Bind("GetStaffingReport", &staffing_, &Staffing::Report);
  Bind("RecordTraining", &training_, &Training::Record);
  Bind("ListTrainingRecords", &training_, &Training::List);
  Bind("GetTrainingCoverage", &training_, &Training::Coverage);
  Bind("IssuePermit", &permits_, &Permits::Issue);
  Bind("RevokePermit", &permits_, &Permits::Revoke);
  Bind("ListPermits", &permits_, &Permits::List);
  Bind("CreateLabourContract", &contracts_, &Contracts::Create);
  Bind("ListLabourContracts", &contracts_, &Contracts::List);
  Bind("EndLabourContract", &contracts_, &Contracts::End);
  Bind("SetBackbonePosts", &contracts_, &Contracts::SetBackbonePosts);
  Bind("AppointBackbonePost", &contracts_, &Contracts::AppointBackbonePost);
}

}  // namespace auxpro::personnel
