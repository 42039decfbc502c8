#pragma once

// Which steps an application is in and who holds them (the holds whose deadlines
// deadline_rules counts), and the transitions the result notice's objection period adds to the
// workflow (a sustained objection reopens the evaluation). Pure.

#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "services/grading/application_rules.h"
#include "services/grading/deadline_rules.h"
#include "services/grading/notice_rules.h"

namespace auxpro::grading {

struct WantedHold {
  DeadlineStep step = policy::v1::GradingDeadlines::STEP_UNSPECIFIED;
  common::v1::AgencyKind holder = common::v1::AGENCY_KIND_UNSPECIFIED;
  friend bool operator==(const WantedHold&, const WantedHold&) = default;
};

// The steps `app` is in now (DOMAIN.md section 5, policy GradingDeadlines.Step):
//   DRAFT after a return (it was submitted before)   RESUBMISSION, the bureau;
//   QUALIFICATION_REVIEW                              the bureau;
//   EVALUATION, level 5                               the bureau and the HR company, each until
//                                                     it has decided;
//   EVALUATION, levels 4-1                            the establishment office;
//   DECIDED, level 5 approved                         FILING, the bureau;
//   DECIDED, levels 4-1                               NOTICE_PUBLICATION, the establishment office;
//   otherwise (a new DRAFT, rejected level 5, FILED, PUBLISHED, WITHDRAWN)   none.
std::vector<WantedHold> HoldsOf(const v1::Application& app);

// PUBLISHED -> EVALUATION after a sustained objection (异议成立): the decision is overturned, its
// approvals and outcome cleared, and the establishment office evaluates again. FAILED_PRECONDITION
// WRONG_STATE unless PUBLISHED.
absl::StatusOr<v1::Application> ReopenForEvaluation(v1::Application app, const Actor& by);

// The entry state of a decision of the notice.
v1::ResultNotice::EntryState EntryStateOf(DecisionState state);

// The API form of a hold and where it stands.
v1::StepDeadline StepDeadlineOf(const StepHold& hold, const StepDeadline& where,
                                const SentMarkers& sent, const std::string& objection);

}  // namespace auxpro::grading
