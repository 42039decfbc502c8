#include "services/grading/notice_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/decision.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"

namespace auxpro::grading {
namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The earliest day a sustained objection to `decision` was answered on or before `as_of`.
std::optional<CivilDate> OverturnedOn(const std::vector<Objection>& objections,
                                      const std::string& decision, CivilDate as_of) {
  std::optional<CivilDate> first;
  for (const Objection& o : objections) {
    if (o.decision == decision && o.recorded_on <= as_of &&
        o.answer == ObjectionAnswer::kSustained && o.answered_on <= as_of &&
        (!first || o.answered_on < *first)) {
      first = o.answered_on;
    }
  }
  return first;
}

}  // namespace

absl::StatusOr<NoticePeriod> NoticePeriodOf(const WorkingDayCalendar& calendar,
                                            CivilDate published_on, uint32_t working_days) {
  NoticePeriod period{published_on, working_days, published_on, published_on};
  if (working_days == 0) {
    return period;
  }
  ASSIGN_OR_RETURN(period.last_day,
                   AddWorkingDays(calendar, published_on, static_cast<int>(working_days)));
  period.effective_on = AddDays(period.last_day, 1);
  return period;
}

absl::Status CheckNoticeBatch(const std::vector<std::string>& decisions) {
  if (decisions.empty()) {
    return Invalid("decisions: a result notice lists at least one decision");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < decisions.size(); ++i) {
    if (decisions[i].empty()) {
      return Invalid(absl::StrCat("decisions[", i, "]: required"));
    }
    if (!seen.insert(decisions[i]).second) {
      return Invalid(absl::StrCat("decisions[", i, "]: ", Quote(decisions[i]), " is listed twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckObjectionAdmissible(const NoticePeriod& period,
                                      const std::vector<std::string>& decisions,
                                      const std::vector<Objection>& recorded,
                                      const Objection& objection) {
  if (objection.by != common::v1::ENFORCEMENT_BUREAU && objection.by != common::v1::HR_COMPANY) {
    return WithErrorInfo(
        absl::PermissionDeniedError(absl::StrCat(
            "objection: only the enforcement bureau or the HR company may object to a result "
            "notice, not ",
            common::v1::AgencyKind_Name(objection.by))),
        kObjectionAgencyNotAllowed, {{"agency", common::v1::AgencyKind_Name(objection.by)}});
  }
  if (!Contains(decisions, objection.decision)) {
    return Invalid(absl::StrCat("objection.decision: ", Quote(objection.decision),
                                " is not a decision of this notice"));
  }
  if (IsBlank(objection.text)) {
    return Invalid("objection.text: required (the grounds of the objection)");
  }
  if (objection.evidence.empty()) {
    return Invalid("objection.evidence: at least one evidence reference is required");
  }
  for (size_t i = 0; i < objection.evidence.size(); ++i) {
    if (IsBlank(objection.evidence[i])) {
      return Invalid(absl::StrCat("objection.evidence[", i, "]: required"));
    }
  }
  const std::string day = FormatDate(objection.recorded_on);
  if (objection.recorded_on < period.published_on) {
    return WithErrorInfo(
        Precondition(absl::StrCat("objection on ", day, ": the notice is published on ",
                                  FormatDate(period.published_on))),
        kNoticeNotPublished, {{"published_on", FormatDate(period.published_on)}});
  }
  if (period.working_days == 0) {
    return WithErrorInfo(
        Precondition(absl::StrCat("objection on ", day,
                                  ": the policy sets no objection period for result notices "
                                  "(grading_deadlines.result_notice_working_days is 0)")),
        kObjectionPeriodEnded, {{"working_days", "0"}});
  }
  if (period.last_day < objection.recorded_on) {
    return WithErrorInfo(
        Precondition(absl::StrCat("objection on ", day, ": the objection period of the notice ",
                                  "published on ", FormatDate(period.published_on), " (",
                                  period.working_days, " working days) ended on ",
                                  FormatDate(period.last_day))),
        kObjectionPeriodEnded, {{"last_day", FormatDate(period.last_day)}});
  }
  if (std::optional<CivilDate> on =
          OverturnedOn(recorded, objection.decision, objection.recorded_on)) {
    return WithErrorInfo(
        Precondition(absl::StrCat("objection on ", day, ": ", Quote(objection.decision),
                                  " was already overturned on ", FormatDate(*on),
                                  " by a sustained objection")),
        kDecisionOverturned, {{"overturned_on", FormatDate(*on)}});
  }
  return absl::OkStatus();
}

absl::Status CheckObjectionAnswer(const Objection& objection, common::v1::AgencyKind by,
                                  ObjectionAnswer answer, CivilDate answered_on) {
  if (by != common::v1::ESTABLISHMENT_OFFICE) {
    return WithErrorInfo(
        absl::PermissionDeniedError(absl::StrCat(
            "objection answer: only the establishment office answers an objection to a result "
            "notice, not ",
            common::v1::AgencyKind_Name(by))),
        kObjectionAnswerAgency, {{"agency", common::v1::AgencyKind_Name(by)}});
  }
  if (answer == ObjectionAnswer::kPending) {
    return Invalid(
        "answer: required (dismissed: the decision stands; sustained: it is overturned)");
  }
  if (objection.answer != ObjectionAnswer::kPending) {
    return WithErrorInfo(
        Precondition(absl::StrCat("objection to ", Quote(objection.decision),
                                  ": already answered on ", FormatDate(objection.answered_on))),
        kObjectionAlreadyAnswered, {{"answered_on", FormatDate(objection.answered_on)}});
  }
  if (answered_on < objection.recorded_on) {
    return Invalid(absl::StrCat("answered_on: ", FormatDate(answered_on),
                                " is before the objection was recorded (",
                                FormatDate(objection.recorded_on), ")"));
  }
  return absl::OkStatus();
}

std::vector<DecisionOutcome> DecisionsAsOf(const NoticePeriod& period,
                                           const std::vector<std::string>& decisions,
                                           const std::vector<Objection>& objections,
                                           CivilDate as_of) {
  std::vector<DecisionOutcome> outcomes;
  outcomes.reserve(decisions.size());
  for (const std::string& decision : decisions) {
    DecisionOutcome out;
    out.decision = decision;
    if (std::optional<CivilDate> on = OverturnedOn(objections, decision, as_of)) {
      out.state = DecisionState::kOverturned;
      out.overturned_on = on;
      outcomes.push_back(std::move(out));
      continue;
    }
    bool held = false;
    CivilDate effective = period.effective_on;
    for (const Objection& o : objections) {
      if (o.decision != decision || as_of < o.recorded_on) {
        continue;
      }
      if (o.answer == ObjectionAnswer::kPending || as_of < o.answered_on) {
        held = true;
      } else {
        // Dismissed on or before as_of (a sustained one was handled above).
        effective = std::max(effective, o.answered_on);
      }
    }
    if (held) {
      out.state = DecisionState::kHeld;
    } else {
      out.effective_on = effective;
      out.state = effective <= as_of ? DecisionState::kInForce : DecisionState::kAwaiting;
    }
    outcomes.push_back(std::move(out));
  }
  return outcomes;
}

}  // namespace auxpro::grading
