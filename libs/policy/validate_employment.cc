#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

// validate_employment.cc: hiring steps, labour contracts, probation's end, resignation, backbone
// posts.

namespace auxpro::policy::validation {
namespace {

constexpr int64_t kMaxMonthlyFen = 10'000'000;  // 100 000 yuan a month

void ValidateResignation(Problems p, const auxpro::policy::v1::Resignation& r) {
  p.Range("notice_days", r.notice_days(), 0, 366);
  for (int i = 0; i < r.signoffs_size(); ++i) {
    p.Item("signoffs", i).RequiredCode("", r.signoffs(i), kLowerSnake);
  }
  for (int i = 0; i < r.handback_size(); ++i) {
    p.Item("handback", i).RequiredCode("", r.handback(i), kLowerSnake);
  }
  p.Range("performance_deposit_fen", r.performance_deposit_fen(), 0, kMaxMonthlyFen);
  p.Range("deposit_forfeit_within_months", r.deposit_forfeit_within_months(), 0, 120);
}

void ValidateBackbone(Problems p, const auxpro::policy::v1::Backbone& b) {
  p.Range("leader_allowance_fen", b.leader_allowance_fen(), 0, kMaxMonthlyFen);
  p.Range("deputy_allowance_fen", b.deputy_allowance_fen(), 0, kMaxMonthlyFen);
  p.Range("leader_seniority_fen_per_year", b.leader_seniority_fen_per_year(), 0, kMaxMonthlyFen);
  p.Range("deputy_seniority_fen_per_year", b.deputy_seniority_fen_per_year(), 0, kMaxMonthlyFen);
  p.Range("member_seniority_fen_per_year", b.member_seniority_fen_per_year(), 0, kMaxMonthlyFen);
}

}  // namespace

void ValidateEmployment(Problems p, const auxpro::policy::v1::Employment& e,
                        const auxpro::policy::v1::AnnualRating& rating) {
  std::set<std::string> codes;
  for (int i = 0; i < e.hiring_steps_size(); ++i) {
    const auto& step = e.hiring_steps(i);
    Problems item = p.Item("hiring_steps", i);
    if (item.RequiredCode("code", step.code(), kLowerSnake)) {
      item.Distinct("code", codes, step.code(), Quote(step.code()));
    }
    item.NonEmpty("article", step.article());
    item.Range("min_days", step.min_days(), 0, 366);
  }
  p.Range("contract_term_months", e.contract_term_months(), 0, 120);
  if (!e.renewal_min_grade().empty()) {
    bool known = false;
    for (const auto& g : rating.grades()) known = known || g == e.renewal_min_grade();
    if (!known) {
      p.Add("renewal_min_grade", absl::StrCat("must be one of annual_rating.grades, got ",
                                              Quote(e.renewal_min_grade())));
    }
  }
  ValidateResignation(p.Field("resignation"), e.resignation());
  ValidateBackbone(p.Field("backbone"), e.backbone());
}

}  // namespace auxpro::policy::validation
