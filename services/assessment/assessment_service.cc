#include "services/assessment/assessment_service.h"

namespace auxpro::assessment {

AssessmentService::AssessmentService(const service::ServiceContext& ctx)
    : UnaryService(v1::Assessment::service_full_name(), ctx.work),
      daily_(ctx),
      leave_(ctx),
      monthly_(ctx),
      sessions_(ctx),
      ratings_(ctx),
      standing_(ctx),
      publications_(ctx),
      registrations_(ctx),
      pay_sheets_(ctx) {
  Bind("CreateDailyRecord", &daily_, &Daily::Create);
  Bind("ListDailyRecords", &daily_, &Daily::List);
  Bind("GetWeeklyReport", &daily_, &Daily::Weekly);
  Bind("ListDismissalFlags", &daily_, &Daily::Flags);
  Bind("CreateLeaveRequest", &leave_, &Leave::Create);
  Bind("GetLeaveRequest", &leave_, &Leave::Get);
  Bind("ListLeaveRequests", &leave_, &Leave::List);
  Bind("ApproveLeaveRequest", &leave_, &Leave::Approve);
  Bind("RejectLeaveRequest", &leave_, &Leave::Reject);
  Bind("CancelLeaveRequest", &leave_, &Leave::Cancel);
  Bind("RecordLeaveReturn", &leave_, &Leave::Return);
  Bind("CreateMonthlyAssessment", &monthly_, &Monthly::Create);
  Bind("ListMonthlyAssessments", &monthly_, &Monthly::List);
  Bind("CreateAssessmentSession", &sessions_, &Sessions::Create);
  Bind("GetAssessmentSession", &sessions_, &Sessions::Get);
  Bind("RecordCentralizedResult", &sessions_, &Sessions::Record);
  Bind("ListCentralizedResults", &sessions_, &Sessions::ListResults);
  Bind("ProposeAnnualRating", &ratings_, &Ratings::Propose);
  Bind("ListAnnualRatings", &ratings_, &Ratings::List);
  Bind("FinalizeAnnualRatings", &ratings_, &Ratings::Finalize);
  BindRead("GetAssessmentStanding", &standing_, &Standing::Get);
  Bind("BatchGetAssessmentStandings", &standing_, &Standing::BatchGet);
  Bind("PublishResults", &publications_, &Publications::Publish);
  Bind("GetPublication", &publications_, &Publications::Get);
  Bind("ListPublications", &publications_, &Publications::List);
  Bind("RecordObjection", &publications_, &Publications::Object);
  Bind("ListObjections", &publications_, &Publications::ListObjections);
  Bind("AnswerObjection", &publications_, &Publications::Answer);
  Bind("GetAnnualRegistration", &registrations_, &Registrations::Get);
  Bind("UpdateAnnualRegistration", &registrations_, &Registrations::Update);
  Bind("AcknowledgeAnnualRegistration", &registrations_, &Registrations::Acknowledge);
  Bind("GetPaySheet", &pay_sheets_, &PaySheets::Get);
}

}  // namespace auxpro::assessment
