#include "services/survey/campaigns_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/safe_text.h"

namespace auxpro::survey {

absl::StatusOr<v1::Campaign::State> DecideTransition(const v1::Campaign& campaign,
                                                     const std::string& action) {
  const v1::Campaign::State from = campaign.state();
  v1::Campaign::State to = v1::Campaign::STATE_UNSPECIFIED;
  if (action == "open" && from == v1::Campaign::DRAFT) to = v1::Campaign::OPEN;
  if (action == "close" && from == v1::Campaign::OPEN) to = v1::Campaign::CLOSED;
  if (to == v1::Campaign::STATE_UNSPECIFIED) {
    return WithErrorInfo(
        Precondition(absl::StrCat("campaign life cycle: cannot ", action, " campaign \"",
                                  campaign.name(), "\" in state ", v1::Campaign::State_Name(from))),
        "INVALID_STATE_TRANSITION",
        {{"state", v1::Campaign::State_Name(from)}, {"action", action}});
  }
  return to;
}

absl::Status CheckCampaignUpdate(const v1::Campaign& campaign, bool has_responses,
                                 const std::vector<std::string>& paths) {
  static const std::set<std::string> kMutable = {"display_name",        "period_start",
                                                 "period_end",          "auxiliaries",
                                                 "field_questionnaire", "office_questionnaire"};
  if (paths.empty()) return Invalid("update_mask: at least one field required");
  for (const std::string& path : paths) {
    if (!kMutable.count(path)) {
      return Invalid(absl::StrCat("update_mask: ", QuoteInput(path), " cannot be updated"));
    }
    if (has_responses && path != "display_name") {
      return WithErrorInfo(
          Precondition(absl::StrCat("campaign settings: ", path, " of campaign \"", campaign.name(),
                                    "\" is fixed once its first response is stored")),
          "CAMPAIGN_FIXED", {{"campaign", campaign.name()}, {"field", path}});
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOpenFor(const v1::Campaign& campaign, const common::v1::Date& day) {
  if (campaign.state() != v1::Campaign::OPEN) {
    return WithErrorInfo(
        Precondition(absl::StrCat("survey submission: campaign \"", campaign.name(),
                                  "\" is not open (state ",
                                  v1::Campaign::State_Name(campaign.state()), ")")),
        "CAMPAIGN_NOT_OPEN",
        {{"campaign", campaign.name()}, {"state", v1::Campaign::State_Name(campaign.state())}});
  }
  if (CompareDates(day, campaign.period_start()) < 0 ||
      CompareDates(day, campaign.period_end()) > 0) {
    return WithErrorInfo(
        Precondition(absl::StrCat("survey submission: ", DateToSql(day),
                                  " is outside the period of campaign \"", campaign.name(), "\" (",
                                  DateToSql(campaign.period_start()), " to ",
                                  DateToSql(campaign.period_end()), ")")),
        "OUTSIDE_CAMPAIGN_PERIOD", {{"campaign", campaign.name()}, {"date", DateToSql(day)}});
  }
  return absl::OkStatus();
}

absl::Status CheckCovered(const v1::Campaign& campaign, bool covered,
                          const std::string& badge_number) {
  if (covered) return absl::OkStatus();
  return WithErrorInfo(Precondition(absl::StrCat("survey coverage: badge number \"", badge_number,
                                                 "\" is not an auxiliary covered by campaign \"",
                                                 campaign.name(), "\"")),
                       "AUXILIARY_NOT_COVERED",
                       {{"campaign", campaign.name()}, {"badge_number", badge_number}});
}

absl::Status CheckAnswers(uint32_t rated_questions,
                          const google::protobuf::RepeatedField<uint32_t>& answers) {
  if (static_cast<uint32_t>(answers.size()) != rated_questions) {
    return Invalid(absl::StrCat("answers: one answer to each of the ", rated_questions,
                                " rated questions required, got ", answers.size()));
  }
  for (int i = 0; i < answers.size(); ++i) {
    if (answers[i] < 1 || answers[i] > 5) {
      return Invalid(absl::StrCat("answers[", i, "]: question ", i + 1,
                                  " must be answered 1 (不满意) to 5 (非常满意), got ",
                                  answers[i]));
    }
  }
  return absl::OkStatus();
}

}  // namespace auxpro::survey
