#include "services/personnel/probation_evidence_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"

namespace auxpro::personnel {

namespace {

// `name` is `jurisdictions/{j}/{collection}/...`.
bool InJurisdiction(const std::string& name, const std::string& j, const std::string& collection) {
  const std::string prefix = absl::StrCat("jurisdictions/", j, "/", collection, "/");
  return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

absl::Status ValidateProbationAssessment(const v1::ProbationAssessment& a, const std::string& j,
                                         const std::string& field) {
  RETURN_IF_ERROR(RequireText(a.session(), field + ".session", 255));
  RETURN_IF_ERROR(RequireText(a.result(), field + ".result", 255));
  RETURN_IF_ERROR(RequireText(a.item(), field + ".item", 64));
  if (!InJurisdiction(a.session(), j, "assessmentSessions")) {
    return Invalid(absl::StrCat(field, ".session: \"", a.session(),
                                "\" is not an assessment session of jurisdiction ", j));
  }
  if (a.result().compare(0, a.session().size() + 1, a.session() + "/") != 0) {
    return Invalid(absl::StrCat(field, ".result: \"", a.result(), "\" is not a result of ",
                                a.session()));
  }
  if (a.attempt() < 0) return Invalid(absl::StrCat(field, ".attempt: must not be negative"));
  return absl::OkStatus();
}

absl::StatusOr<v1::Person> RecordProbationAssessment(const v1::Person& person,
                                                     const v1::ProbationAssessment& assessment) {
  if (person.state() == v1::CANDIDATE || person.state() == v1::PERSON_STATE_UNSPECIFIED ||
      !person.has_hire_date()) {
    return Invalid(absl::StrCat(person.name(),
                                " has never been hired: there is no probation to record the "
                                "assessment result ",
                                assessment.result(), " on"));
  }
  v1::Person p = person;
  for (auto& recorded : *p.mutable_probation_assessments()) {
    if (recorded.result() == assessment.result()) {
      recorded = assessment;
      return p;
    }
  }
  if (p.probation_assessments_size() >= kMaxProbationAssessments) {
    return Invalid(absl::StrCat(person.name(), ": already ", kMaxProbationAssessments,
                                " probation assessment results recorded on this period"));
  }
  *p.add_probation_assessments() = assessment;
  return p;
}

std::string DefaultProbationEvidence(const v1::Person& person) {
  if (person.probation_assessments().empty()) return "";
  return person.probation_assessments(person.probation_assessments_size() - 1).session();
}

}  // namespace auxpro::personnel
