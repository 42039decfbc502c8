// services/grading/notice_rules: a result notice's objection period counted in working days on
// the 2026 calendar (tests/support/working_calendar_fixture.h), who may object and when, and which
// decisions of the batch are in force on a given day.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "libs/common/errors.h"
#include "services/grading/notice_rules.h"
#include "tests/support/working_calendar_fixture.h"

namespace auxpro::grading {
namespace {

using common::v1::ENFORCEMENT_BUREAU;
using common::v1::ESTABLISHMENT_OFFICE;
using common::v1::HR_COMPANY;

const std::string kA = "jurisdictions/w/applications/a";
const std::string kB = "jurisdictions/w/applications/b";
const std::string kC = "jurisdictions/w/applications/c";
const std::vector<std::string> kBatch = {kA, kB, kC};

NoticePeriod Period(CivilDate published_on, uint32_t days) {
  absl::StatusOr<NoticePeriod> p = NoticePeriodOf(testing::ChinaWorkingDays(), published_on, days);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : NoticePeriod{};
}

// Published Monday 2 March 2026 for 5 working days: objections 2-9 March, in force 10 March.
NoticePeriod March() { return Period({2026, 3, 2}, 5); }

Objection By(common::v1::AgencyKind by, const std::string& decision, CivilDate on) {
  Objection o;
  o.decision = decision;
  o.by = by;
  o.text = "满意度测评样本不足";
  o.evidence = {"docs/objection-1.pdf"};
  o.recorded_on = on;
  return o;
}

Objection Answered(Objection o, ObjectionAnswer answer, CivilDate on) {
  o.answer = answer;
  o.answered_on = on;
  return o;
}

std::string ReasonOf(const absl::Status& s) {
  std::optional<ErrorInfo> info = ErrorInfoOf(s);
  return info.has_value() ? info->reason : "";
}

// A copy: the outcomes are often a temporary (a reference into it would dangle, as ASan found).
DecisionOutcome Of(const std::vector<DecisionOutcome>& outcomes, const std::string& name) {
  for (const DecisionOutcome& o : outcomes) {
    if (o.decision == name) return o;
  }
  ADD_FAILURE() << "no outcome for " << name;
  return DecisionOutcome{};
}

TEST(GradingNoticeRulesTest, PeriodCountsWorkingDaysAfterThePublicationDay) {
  NoticePeriod p = March();
  EXPECT_EQ(p.last_day, (CivilDate{2026, 3, 9}));
  EXPECT_EQ(p.effective_on, (CivilDate{2026, 3, 10}));
  // Published Thursday 12 February: 13, 14 (Saturday worked), then 24, 25, 26 after the Spring
  // Festival.
  NoticePeriod spring = Period({2026, 2, 12}, 5);
  EXPECT_EQ(spring.last_day, (CivilDate{2026, 2, 26}));
  EXPECT_EQ(spring.effective_on, (CivilDate{2026, 2, 27}));
  // Reaching into a year the calendar does not list: refused.
  absl::StatusOr<NoticePeriod> late =
      NoticePeriodOf(testing::ChinaWorkingDays(), {2026, 12, 28}, 5);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(ReasonOf(late.status()), "WORKING_CALENDAR_YEAR_MISSING");
}

TEST(GradingNoticeRulesTest, ObjectionAdmissibleFromPublicationToTheLastDay) {
  EXPECT_TRUE(CheckObjectionAdmissible(March(), kBatch, {}, By(HR_COMPANY, kA, {2026, 3, 2})).ok());
  EXPECT_TRUE(
      CheckObjectionAdmissible(March(), kBatch, {}, By(ENFORCEMENT_BUREAU, kB, {2026, 3, 9})).ok());
  // The last day is a working day counted in full; the next day is too late.
  absl::Status late =
      CheckObjectionAdmissible(March(), kBatch, {}, By(HR_COMPANY, kA, {2026, 3, 10}));
  EXPECT_EQ(late.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(late), "OBJECTION_PERIOD_ENDED");
  EXPECT_NE(late.message().find("2026-03-09"), absl::string_view::npos) << late;
  absl::Status early =
      CheckObjectionAdmissible(March(), kBatch, {}, By(HR_COMPANY, kA, {2026, 3, 1}));
  EXPECT_EQ(early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(early), "NOTICE_NOT_PUBLISHED");
}

TEST(GradingNoticeRulesTest, OnlyTheBureauOrTheHrCompanyMayObject) {
  for (auto agency : {ESTABLISHMENT_OFFICE, common::v1::ASSESSOR, common::v1::PUBLIC,
                      common::v1::SERVICE, common::v1::AGENCY_KIND_UNSPECIFIED}) {
    absl::Status s = CheckObjectionAdmissible(March(), kBatch, {}, By(agency, kA, {2026, 3, 3}));
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << agency;
    EXPECT_EQ(ReasonOf(s), "OBJECTION_AGENCY_NOT_ALLOWED");
  }
}

TEST(GradingNoticeRulesTest, ObjectionNeedsADecisionOfTheNoticeTextAndEvidence) {
  auto check = [](Objection o) { return CheckObjectionAdmissible(March(), kBatch, {}, o); };
  Objection other = By(HR_COMPANY, "jurisdictions/w/applications/zzz", {2026, 3, 3});
  Objection no_text = By(HR_COMPANY, kA, {2026, 3, 3});
  no_text.text = "  ";
  Objection no_evidence = By(HR_COMPANY, kA, {2026, 3, 3});
  no_evidence.evidence.clear();
  Objection empty_ref = By(HR_COMPANY, kA, {2026, 3, 3});
  empty_ref.evidence.push_back("");
  struct Case {
    Objection objection;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{{other, "objection.decision"},
                                         {no_text, "objection.text"},
                                         {no_evidence, "objection.evidence"},
                                         {empty_ref, "objection.evidence[1]"}}) {
    absl::Status s = check(c.objection);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_NE(s.message().find(c.field), absl::string_view::npos) << s;
  }
}

TEST(GradingNoticeRulesTest, WithoutObjectionDecisionsTakeEffectWhenThePeriodEnds) {
  for (CivilDate day : {CivilDate{2026, 3, 1}, CivilDate{2026, 3, 2}, CivilDate{2026, 3, 9}}) {
    for (const DecisionOutcome& o : DecisionsAsOf(March(), kBatch, {}, day)) {
      EXPECT_EQ(o.state, DecisionState::kAwaiting) << FormatDate(day);
      EXPECT_EQ(o.effective_on, (CivilDate{2026, 3, 10}));
    }
  }
  for (const DecisionOutcome& o : DecisionsAsOf(March(), kBatch, {}, {2026, 3, 10})) {
    EXPECT_EQ(o.state, DecisionState::kInForce);
    EXPECT_EQ(o.effective_on, (CivilDate{2026, 3, 10}));
  }
}

TEST(GradingNoticeRulesTest, AnObjectionHoldsItsDecisionUntilAnswered) {
  // B: objection on 5 March by the HR company, dismissed on 12 March (after the period).
  // C: objection on 6 March by the bureau, sustained on 11 March.
  const std::vector<Objection> objections = {
      Answered(By(HR_COMPANY, kB, {2026, 3, 5}), ObjectionAnswer::kDismissed, {2026, 3, 12}),
      Answered(By(ENFORCEMENT_BUREAU, kC, {2026, 3, 6}), ObjectionAnswer::kSustained,
               {2026, 3, 11}),
  };
  auto on = [&](CivilDate d) { return DecisionsAsOf(March(), kBatch, objections, d); };

  // Before the objections were recorded, nothing holds anything.
  EXPECT_EQ(Of(on({2026, 3, 4}), kB).state, DecisionState::kAwaiting);
  EXPECT_EQ(Of(on({2026, 3, 5}), kB).state, DecisionState::kHeld);
  EXPECT_EQ(Of(on({2026, 3, 5}), kC).state, DecisionState::kAwaiting);

  // The period ends: A (no objection) takes effect, B and C are held.
  auto tenth = on({2026, 3, 10});
  EXPECT_EQ(Of(tenth, kA).state, DecisionState::kInForce);
  EXPECT_EQ(Of(tenth, kB).state, DecisionState::kHeld);
  EXPECT_EQ(Of(tenth, kC).state, DecisionState::kHeld);

  // Sustained: C is overturned and never takes effect.
  auto eleventh = on({2026, 3, 11});
  EXPECT_EQ(Of(eleventh, kC).state, DecisionState::kOverturned);
  EXPECT_EQ(Of(eleventh, kC).overturned_on, (CivilDate{2026, 3, 11}));
  EXPECT_FALSE(Of(eleventh, kC).effective_on.has_value());
  EXPECT_EQ(Of(eleventh, kB).state, DecisionState::kHeld);

  // Dismissed: B stands and takes effect on the day of the answer.
  auto twelfth = on({2026, 3, 12});
  EXPECT_EQ(Of(twelfth, kB).state, DecisionState::kInForce);
  EXPECT_EQ(Of(twelfth, kB).effective_on, (CivilDate{2026, 3, 12}));
  EXPECT_EQ(Of(twelfth, kA).effective_on, (CivilDate{2026, 3, 10}));
  EXPECT_EQ(Of(on({2026, 12, 1}), kC).state, DecisionState::kOverturned);
}

TEST(GradingNoticeRulesTest, ADismissalWithinThePeriodStillWaitsForItsEnd) {
  const std::vector<Objection> objections = {
      Answered(By(HR_COMPANY, kA, {2026, 3, 3}), ObjectionAnswer::kDismissed, {2026, 3, 4})};
  EXPECT_EQ(Of(DecisionsAsOf(March(), kBatch, objections, {2026, 3, 5}), kA).state,
            DecisionState::kAwaiting);
  const DecisionOutcome a = Of(DecisionsAsOf(March(), kBatch, objections, {2026, 3, 10}), kA);
  EXPECT_EQ(a.state, DecisionState::kInForce);
  EXPECT_EQ(a.effective_on, (CivilDate{2026, 3, 10}));
}

TEST(GradingNoticeRulesTest, OneSustainedObjectionOverturnsWhateverTheOthers) {
  const std::vector<Objection> objections = {
      Answered(By(HR_COMPANY, kA, {2026, 3, 3}), ObjectionAnswer::kDismissed, {2026, 3, 4}),
      Answered(By(ENFORCEMENT_BUREAU, kA, {2026, 3, 5}), ObjectionAnswer::kSustained,
               {2026, 3, 16}),
      By(HR_COMPANY, kA, {2026, 3, 6}),  // never answered
  };
  EXPECT_EQ(Of(DecisionsAsOf(March(), kBatch, objections, {2026, 3, 13}), kA).state,
            DecisionState::kHeld);
  EXPECT_EQ(Of(DecisionsAsOf(March(), kBatch, objections, {2026, 3, 16}), kA).state,
            DecisionState::kOverturned);
  // Once overturned, a further objection to it is refused.
  absl::Status s =
      CheckObjectionAdmissible(March(), kBatch, {objections[1]}, By(HR_COMPANY, kA, {2026, 3, 17}));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  // (Here the period has ended too; within it the overturn is the reason.)
  NoticePeriod long_period = Period({2026, 3, 2}, 20);
  absl::Status within = CheckObjectionAdmissible(long_period, kBatch, {objections[1]},
                                                 By(HR_COMPANY, kA, {2026, 3, 17}));
  EXPECT_EQ(ReasonOf(within), "DECISION_OVERTURNED");
}

TEST(GradingNoticeRulesTest, NoObjectionPeriodMeansInForceOnPublication) {
  NoticePeriod none = Period({2026, 3, 2}, 0);
  EXPECT_EQ(none.effective_on, (CivilDate{2026, 3, 2}));
  EXPECT_EQ(Of(DecisionsAsOf(none, kBatch, {}, {2026, 3, 2}), kA).state, DecisionState::kInForce);
  absl::Status s = CheckObjectionAdmissible(none, kBatch, {}, By(HR_COMPANY, kA, {2026, 3, 2}));
  EXPECT_EQ(ReasonOf(s), "OBJECTION_PERIOD_ENDED");
}

TEST(GradingNoticeRulesTest, OnlyTheEstablishmentOfficeAnswersAndOnlyOnce) {
  const Objection pending = By(HR_COMPANY, kA, {2026, 3, 3});
  EXPECT_TRUE(
      CheckObjectionAnswer(pending, ESTABLISHMENT_OFFICE, ObjectionAnswer::kDismissed, {2026, 3, 4})
          .ok());
  absl::Status bureau =
      CheckObjectionAnswer(pending, ENFORCEMENT_BUREAU, ObjectionAnswer::kDismissed, {2026, 3, 4});
  EXPECT_EQ(bureau.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(bureau), "OBJECTION_ANSWER_AGENCY_NOT_ALLOWED");
  EXPECT_EQ(
      CheckObjectionAnswer(pending, ESTABLISHMENT_OFFICE, ObjectionAnswer::kPending, {2026, 3, 4})
          .code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      CheckObjectionAnswer(pending, ESTABLISHMENT_OFFICE, ObjectionAnswer::kSustained, {2026, 3, 2})
          .code(),
      absl::StatusCode::kInvalidArgument);
  absl::Status twice =
      CheckObjectionAnswer(Answered(pending, ObjectionAnswer::kDismissed, {2026, 3, 4}),
                           ESTABLISHMENT_OFFICE, ObjectionAnswer::kSustained, {2026, 3, 5});
  EXPECT_EQ(twice.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(twice), "OBJECTION_ALREADY_ANSWERED");
}

TEST(GradingNoticeRulesTest, BatchListsEachDecisionOnce) {
  EXPECT_TRUE(CheckNoticeBatch(kBatch).ok());
  EXPECT_EQ(CheckNoticeBatch({}).code(), absl::StatusCode::kInvalidArgument);
  absl::Status twice = CheckNoticeBatch({kA, kB, kA});
  EXPECT_EQ(twice.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(twice.message().find("decisions[2]"), absl::string_view::npos) << twice;
  EXPECT_EQ(CheckNoticeBatch({kA, ""}).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro::grading
