#pragma once

// The workflow of an application (申报, DOMAIN.md section 5) and of a demotion case, and the
// level changes they make, as pure functions: the record and who acts in, the record after the
// transition (or the refusal with its ErrorInfo reason) out. Time is passed in.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::grading {

// Who acts, as the audit and the approvals record it.
struct Actor {
  common::v1::AgencyKind kind = common::v1::AGENCY_KIND_UNSPECIFIED;
  std::string agency;  // "ENFORCEMENT_BUREAU wenjiang-bureau"
  std::string actor;
  absl::Time now;
};

// PERMISSION_DENIED WRONG_DECIDING_BODY unless `kind` belongs to `body` (BUREAU_AND_HR_COMPANY:
// the bureau or the HR company; ESTABLISHMENT_OFFICE: the office).
absl::Status CheckDecidingBody(policy::v1::DecidingBody body, common::v1::AgencyKind kind,
                               const std::string& subject, int level);

// FAILED_PRECONDITION WRONG_STATE unless the application is in `state`.
absl::Status RequireState(const v1::Application& app, v1::Application::State state,
                          const std::string& action);

// DRAFT -> QUALIFICATION_REVIEW with the check computed now and the policy version.
absl::StatusOr<v1::Application> Submit(v1::Application app, const v1::RequirementCheck& check,
                                       const Actor& by);
// QUALIFICATION_REVIEW -> EVALUATION; REQUIREMENTS_NOT_MET while the stored check fails.
absl::StatusOr<v1::Application> PassQualificationReview(v1::Application app, const Actor& by);
// An evaluation decision in EVALUATION by the deciding body. `check` is the check recomputed
// now (used for an approval, which it must pass). Both the bureau and the HR company must approve
// a BUREAU_AND_HR_COMPANY level; one rejection decides.
absl::StatusOr<v1::Application> Decide(v1::Application app, v1::Outcome outcome,
                                       const std::string& reason, const v1::RequirementCheck& check,
                                       const Actor& by);
// QUALIFICATION_REVIEW (bureau) or EVALUATION (the deciding body or the bureau) -> DRAFT.
absl::StatusOr<v1::Application> Return(v1::Application app, const Actor& by);
// DRAFT, QUALIFICATION_REVIEW or EVALUATION -> WITHDRAWN.
absl::StatusOr<v1::Application> Withdraw(v1::Application app, const Actor& by);
// DECIDED (approved, BUREAU_AND_HR_COMPANY) -> FILED.
absl::StatusOr<v1::Application> File(v1::Application app, const Actor& by);
// DECIDED (ESTABLISHMENT_OFFICE) -> PUBLISHED in `notice`.
absl::StatusOr<v1::Application> Publish(v1::Application app, const std::string& notice,
                                        const Actor& by);

// True when the decision just taken changes the level at once (an approved joint decision);
// an office decision changes it at publication.
bool ChangesLevelAtDecision(const v1::Application& app);
// Final: the person may be applied for again (one open application per person, DOMAIN.md
// section 5). WITHDRAWN, FILED, a joint (level-5) decision (in force when taken), and a
// published decision once in force. Not final: every state before the decision, an office
// decision not yet published, and a published one still under its result notice (the objection
// period, an objection pending; a sustained objection reopens it for evaluation).
bool IsFinal(const v1::Application& app);

// FAILED_PRECONDITION APPLICATION_OPEN: `person` has `open`, not final, so no second application
// is created or submitted for them.
absl::Status OtherApplicationOpen(const std::string& person, const v1::Application& open);

// A decision on a demotion case in OPEN by the deciding body of the current level.
absl::StatusOr<v1::DemotionCase> DecideCase(v1::DemotionCase c, v1::Outcome outcome,
                                            const std::string& reason, const Actor& by);

// The level change from `current` to `to`: GRANTED 0 -> entry level, PROMOTED one step up,
// DEMOTED one step down, REVOKED to 0. FAILED_PRECONDITION LEVEL_CHANGED when `current` is not
// `expected_from` (another decision changed the level first) or the step is not one level.
absl::StatusOr<v1::LevelChange> DecideLevelChange(const policy::v1::Grading& grading, int current,
                                                  int expected_from, int to,
                                                  v1::LevelChangeKind kind,
                                                  const std::string& reason,
                                                  const std::string& decision, const Actor& by);

}  // namespace auxpro::grading
