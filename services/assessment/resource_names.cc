#include "services/assessment/resource_names.h"

#include "absl/strings/str_cat.h"

namespace auxpro::assessment {

std::string PersonName(const std::string& j, const std::string& person_id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", person_id);
}
std::string UnitName(const std::string& j, const std::string& unit_id) {
  return absl::StrCat("jurisdictions/", j, "/units/", unit_id);
}
std::string MonthlyAssessmentName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/monthlyAssessments/", id);
}
std::string SessionName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/assessmentSessions/", id);
}
std::string ResultName(const std::string& j, const std::string& session_id, const std::string& id) {
  return absl::StrCat(SessionName(j, session_id), "/results/", id);
}
std::string AnnualRatingName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/annualRatings/", id);
}
std::string DailyRecordName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/dailyRecords/", id);
}
std::string WeeklyReportName(const std::string& j, const std::string& unit_id,
                             const std::string& week) {
  return absl::StrCat(UnitName(j, unit_id), "/weeklyReports/", week);
}
std::string RatingYearName(const std::string& j, const std::string& unit_id, int year) {
  return absl::StrCat(UnitName(j, unit_id), "/ratingYears/", year);
}
std::string LeaveRequestName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/leaveRequests/", id);
}
std::string PublicationName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/publications/", id);
}
std::string ObjectionName(const std::string& j, const std::string& publication_id,
                          const std::string& id) {
  return absl::StrCat(PublicationName(j, publication_id), "/objections/", id);
}
std::string AnnualRegistrationName(const std::string& j, const std::string& person_id, int year) {
  return absl::StrCat(PersonName(j, person_id), "/annualRegistrations/", year);
}
std::string PaySheetName(const std::string& j, const std::string& person_id, int year, int month) {
  return absl::StrCat(PersonName(j, person_id), "/paySheets/", year, "-", month < 10 ? "0" : "",
                      month);
}

}  // namespace auxpro::assessment
