#pragma once

// Resource names of the assessment service, and the personnel names it refers to.

#include <string>

namespace auxpro::assessment {

std::string PersonName(const std::string& j, const std::string& person_id);
std::string UnitName(const std::string& j, const std::string& unit_id);
std::string MonthlyAssessmentName(const std::string& j, const std::string& id);
std::string SessionName(const std::string& j, const std::string& id);
std::string ResultName(const std::string& j, const std::string& session_id, const std::string& id);
std::string AnnualRatingName(const std::string& j, const std::string& id);
std::string DailyRecordName(const std::string& j, const std::string& id);
std::string WeeklyReportName(const std::string& j, const std::string& unit_id,
                             const std::string& week);
std::string LeaveRequestName(const std::string& j, const std::string& id);
std::string RatingYearName(const std::string& j, const std::string& unit_id, int year);
std::string PublicationName(const std::string& j, const std::string& id);
std::string ObjectionName(const std::string& j, const std::string& publication_id,
                          const std::string& id);
std::string AnnualRegistrationName(const std::string& j, const std::string& person_id, int year);
std::string PaySheetName(const std::string& j, const std::string& person_id, int year, int month);

}  // namespace auxpro::assessment
