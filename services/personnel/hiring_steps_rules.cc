#include "services/personnel/hiring_steps_rules.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"

namespace auxpro::personnel {
namespace {

const policy::v1::HiringStep* StepOf(const policy::v1::Employment& e, const std::string& code) {
  for (const auto& s : e.hiring_steps()) {
    if (s.code() == code) return &s;
  }
  return nullptr;
}

}  // namespace

absl::Status CheckHiringStepRecord(const policy::v1::Employment& e, const v1::HiringStepRecord& r,
                                   CivilDate today) {
  const policy::v1::HiringStep* step = StepOf(e, r.step());
  if (step == nullptr) {
    std::string known;
    for (const auto& s : e.hiring_steps())
      absl::StrAppend(&known, known.empty() ? "" : ", ", s.code());
    return Invalid(absl::StrCat("step.step: \"", r.step(),
                                "\" is not a step of the hiring procedure (",
                                known.empty() ? "the policy lists none" : known, ")"));
  }
  RETURN_IF_ERROR(RequireDate(r.date(), "step.date"));
  const CivilDate date = FromProto(r.date());
  if (date > today) {
    return Invalid(absl::StrCat("step.date: ", FormatDate(date), " is in the future (today is ",
                                FormatDate(today), ")"));
  }
  if (r.result() != v1::HiringStepRecord::PASSED && r.result() != v1::HiringStepRecord::FAILED) {
    return Invalid("step.result: required (PASSED or FAILED)");
  }
  RETURN_IF_ERROR(RequireText(r.evidence_ref(), "step.evidence_ref", 128));
  if (step->min_days() > 0 && IsUnset(r.start_date())) {
    return Invalid(absl::StrCat("step.start_date: required: step \"", r.step(), "\" (",
                                step->article(), ") runs at least ", step->min_days(), " days"));
  }
  if (!IsUnset(r.start_date())) {
    RETURN_IF_ERROR(RequireDate(r.start_date(), "step.start_date"));
    if (FromProto(r.start_date()) > date) {
      return Invalid(absl::StrCat("step.start_date: ", FormatDate(FromProto(r.start_date())),
                                  " is after step.date ", FormatDate(date)));
    }
    const int days =
        static_cast<int>(DaysSinceEpoch(date) - DaysSinceEpoch(FromProto(r.start_date())));
    if (r.result() == v1::HiringStepRecord::PASSED && days < static_cast<int>(step->min_days())) {
      return WithErrorInfo(
          Precondition(absl::StrCat("step \"", r.step(), "\" ran ", days, " days, from ",
                                    FormatDate(FromProto(r.start_date())), " to ", FormatDate(date),
                                    "; ", step->article(), " needs at least ", step->min_days())),
          "HIRING_STEP_TOO_SHORT",
          {{"step", r.step()}, {"min_days", std::to_string(step->min_days())}});
    }
  }
  return absl::OkStatus();
}

v1::Person WithHiringStep(v1::Person p, const v1::HiringStepRecord& record) {
  for (auto& existing : *p.mutable_hiring_steps()) {
    if (existing.step() == record.step()) {
      existing = record;
      return p;
    }
  }
  *p.add_hiring_steps() = record;
  return p;
}

Decision CheckHiringStepsComplete(const policy::v1::Employment& e, const v1::Person& p) {
  Decision d;
  for (const auto& step : e.hiring_steps()) {
    const v1::HiringStepRecord* found = nullptr;
    for (const auto& r : p.hiring_steps()) {
      if (r.step() == step.code()) found = &r;
    }
    if (found != nullptr && found->result() == v1::HiringStepRecord::PASSED) continue;
    d.failures.push_back(
        {"hiring_step." + step.code(),
         absl::StrCat("hiring step \"", step.code(), "\" (", step.article(), ") ",
                      found == nullptr ? "has no record"
                                       : "was FAILED on " + FormatDate(FromProto(found->date())))});
  }
  return d;
}

}  // namespace auxpro::personnel
