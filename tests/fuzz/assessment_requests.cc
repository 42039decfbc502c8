// Fuzz target: every request of auxpro.assessment.v1.Assessment (tests/fuzz/service_requests.h),
// then the rules its handlers run on the request before the store (services/assessment/
// *_rules.h), in the handlers' order.

#include <cstdint>
#include <string>
#include <vector>

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/daily_rules.h"
#include "services/assessment/leave_rules.h"
#include "services/assessment/pay_rules.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/service_requests.h"

namespace auxpro::fuzz {
namespace {

namespace v1 = ::auxpro::assessment::v1;

void CheckRuleStatus(const absl::Status& s) { FUZZ_CHECK_RULE(s); }

// A leave as the store returns one after its approval: 10-14 June 2026.
v1::LeaveRequest ApprovedLeave() {
  v1::LeaveRequest leave;
  leave.set_name("jurisdictions/wenjiang/leaveRequests/l-1");
  leave.set_person("jurisdictions/wenjiang/persons/p-1");
  *leave.mutable_start_date() = ToProto(CivilDate{2026, 6, 10});
  *leave.mutable_end_date() = ToProto(CivilDate{2026, 6, 14});
  leave.set_reason("family");
  leave.set_days(5);
  leave.set_state(v1::LeaveRequest::APPROVED);
  return leave;
}

void ServiceRules(const std::string& method, const google::protobuf::Message& request) {
  const policy::v1::Policy& policy = Wenjiang();
  if (const auto* r = As<v1::CreateDailyRecordRequest>(request)) {
    const v1::DailyRecord& in = r->daily_record();
    absl::Status checked = assessment::CheckDailyRecord(in, kToday);
    CheckRuleStatus(checked);
    if (!checked.ok()) return;
    absl::Status deduction = assessment::CheckRecordDeduction(policy.assessment(), in);
    CheckRuleStatus(deduction);
    if (!deduction.ok()) return;
    const CivilDate date = FromProto(in.date());
    (void)assessment::MonthDeductions(policy.assessment().performance_pay(), {in}, {},
                                      date.year, date.month);
    assessment::DailyFact fact{"jurisdictions/wenjiang/dailyRecords/d-1", in.kind(), in.person(),
                               date, in.hours(), in.days(), in.passed()};
    (void)assessment::BuildWeeklyReport(policy, assessment::WeekStart(date), {fact});
    (void)assessment::DismissalFlags(policy.daily_management(), 0, date.year, {fact});
  } else if (const auto* r = As<v1::CreateLeaveRequestRequest>(request)) {
    absl::StatusOr<int> days = assessment::CheckLeaveRequest(r->leave_request());
    CheckRuleStatus(days.status());
    if (!days.ok()) return;
    FUZZ_CHECK(*days >= 1);
    CheckRuleStatus(assessment::LeaveApproverLevel(policy.assessment(), *days).status());
    v1::LeaveRequest leave = r->leave_request();
    leave.set_days(*days);
    leave.set_state(v1::LeaveRequest::APPROVED);
    const CivilDate start = FromProto(leave.start_date());
    (void)assessment::LeaveDaysWithin(leave, start, AddDays(start, 40));
  } else if (const auto* r = As<v1::RecordLeaveReturnRequest>(request)) {
    CheckRuleStatus(assessment::CheckLeaveReturn(ApprovedLeave(), r->return_date(), kToday));
  } else if (const auto* r = As<v1::CreateMonthlyAssessmentRequest>(request)) {
    const v1::MonthlyAssessment& in = r->monthly_assessment();
    absl::Status month = assessment::CheckMonthNotFuture(in.month(), kToday, "month");
    CheckRuleStatus(month);
    if (!month.ok()) return;
    const std::vector<v1::MonthlyAssessment::Item> items(in.items().begin(), in.items().end());
    CheckRuleStatus(assessment::CheckDailyItems(policy.assessment(), items).status());
  } else if (const auto* r = As<v1::CreateAssessmentSessionRequest>(request)) {
    CheckRuleStatus(assessment::CheckQuarterNotFuture(r->assessment_session().year(),
                                                      r->assessment_session().quarter(), kToday));
  } else if (const auto* r = As<v1::ProposeAnnualRatingRequest>(request)) {
    absl::Status year = assessment::CheckYearNotFuture(r->annual_rating().year(), kToday, "year");
    CheckRuleStatus(year);
    if (year.ok()) {
      CheckRuleStatus(assessment::CheckGrade(policy.annual_rating(), r->annual_rating().grade()));
    }
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const google::protobuf::ServiceDescriptor& service =
      auxpro::fuzz::ServiceOf(*auxpro::assessment::v1::CreateDailyRecordRequest::descriptor(),
                              "auxpro.assessment.v1.Assessment");
  auxpro::fuzz::RunRequest(service, data, size,
                           auxpro::fuzz::ServiceRules);
  return 0;
}
