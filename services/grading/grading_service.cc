#include "services/grading/grading_service.h"

namespace auxpro::grading {

GradingService::GradingService(const service::ServiceContext& ctx)
    : UnaryService(v1::Grading::service_full_name(), ctx.work), applications_(ctx),
      levels_(ctx),
      deadlines_(ctx),
      objections_(ctx),
      forms_(ctx),
      round_(ctx) {
  Bind("GetPersonLevel", &levels_, &Levels::Get);
  Bind("CheckRequirements", &applications_, &Applications::Check);
  Bind("CreateApplication", &applications_, &Applications::Create);
  Bind("GetApplication", &applications_, &Applications::Get);
  Bind("ListApplications", &applications_, &Applications::List);
  Bind("SubmitApplication", &applications_, &Applications::Submit);
  Bind("PassQualificationReview", &applications_, &Applications::PassReview);
  Bind("DecideApplication", &applications_, &Applications::Decide);
  Bind("ReturnApplication", &applications_, &Applications::Return);
  Bind("WithdrawApplication", &applications_, &Applications::Withdraw);
  Bind("FileApplication", &applications_, &Applications::File);
  Bind("PublishResultNotice", &applications_, &Applications::Publish);
  Bind("GetResultNotice", &applications_, &Applications::GetNotice);
  Bind("OpenDemotionCase", &levels_, &Levels::OpenCase);
  Bind("GetDemotionCase", &levels_, &Levels::GetCase);
  Bind("DecideDemotionCase", &levels_, &Levels::DecideCase);
  Bind("RevokeLevel", &levels_, &Levels::Revoke);
  Bind("ListArchiveEntries", &levels_, &Levels::ListArchive);
  Bind("ListOverdueApplications", &deadlines_, &Deadlines::ListOverdue);
  Bind("RunGradingSweep", &deadlines_, &Deadlines::Sweep);
  Bind("RecordObjection", &objections_, &Objections::Record);
  Bind("AnswerObjection", &objections_, &Objections::Answer);
  Bind("RecordAttestation", &forms_, &Forms::RecordAttestation);
  Bind("GetQualificationForm", &forms_, &Forms::QualificationForm);
  Bind("GetResultNoticeForm", &forms_, &Forms::NoticeForm);
  Bind("ListRoundEntries", &round_, &Round::List);
}

}  // namespace auxpro::grading
