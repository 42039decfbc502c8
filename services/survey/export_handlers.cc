#include "services/survey/export_handlers.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/service/listing.h"
#include "services/survey/campaigns_handlers.h"
#include "services/survey/rates_rules.h"
#include "services/survey/responses_store.h"
#include "services/survey/survey_csv.h"
#include "services/survey/survey_names.h"

namespace auxpro::survey {

using absl::Status;
using rpc::CallContext;

namespace {

std::vector<std::string> ResponsesHeader(uint32_t rated_questions) {
  std::vector<std::string> h = {"工号", "问卷", "填写日期"};
  for (uint32_t q = 1; q <= rated_questions; ++q) h.push_back(absl::StrCat("第", q, "题"));
  h.push_back("意见和建议");
  return h;
}

}  // namespace

Status Export::Campaign(const CallContext& call, const v1::ExportCampaignRequest& request,
                        v1::ExportCampaignResponse* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "campaigns"));
  const std::string& j = ref.jurisdiction;
  if (request.content() == v1::ExportCampaignRequest::CONTENT_UNSPECIFIED) {
    return Invalid("content: RESPONSES or RATES required");
  }
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const policy::v1::Survey& survey = policy->survey();
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    return LoadCampaign(call, tx, j, ref.id, store::Lock::kNone, false).status();
  }));
  const std::string query = absl::StrCat(request.name(), "|", request.content());
  std::string csv;
  Status read;
  if (request.content() == v1::ExportCampaignRequest::RESPONSES) {
    std::map<std::string, bool> sufficient;                  // person -> sample reached
    std::map<std::string, std::vector<std::string>> scales;  // questionnaire -> labels
    read = service::ReadPage(
        ctx_.pool, request.page_size(), request.page_token(), query, response,
        [&](db::Transaction& tx, const std::string& after,
            int limit) -> absl::StatusOr<std::vector<store::ResponseRow>> {
          ASSIGN_OR_RETURN(auto rows, store::ListResponses(tx, j, ref.id, after, limit));
          for (const auto& row : rows) {
            if (!sufficient.count(row.person_id)) {
              ASSIGN_OR_RETURN(auto counts, store::SumCounts(tx, j, row.person_id, ref.id, {}, {}));
              sufficient[row.person_id] = SampleSufficient(survey, counts.responses);
            }
            if (!scales.count(row.questionnaire_id)) {
              ASSIGN_OR_RETURN(auto q, store::GetQuestionnaire(tx, row.questionnaire_id));
              if (q) scales[row.questionnaire_id].assign(q->scale().begin(), q->scale().end());
            }
          }
          return rows;
        },
        [](const store::ResponseRow& row) { return row.id; },
        [&](const store::ResponseRow& row) {
          if (!sufficient[row.person_id]) return;
          const auto& scale = scales[row.questionnaire_id];
          std::vector<std::string> cells = {row.badge_number, row.questionnaire_id,
                                            DateToSql(row.submit_date)};
          for (uint32_t a : row.answers) {
            cells.push_back(a >= 1 && a <= scale.size() ? scale[a - 1] : absl::StrCat(a));
          }
          cells.push_back(row.comment);
          csv += CsvLine(cells);
        });
    if (request.page_token().empty()) {
      csv = absl::StrCat(kUtf8Bom, CsvLine(ResponsesHeader(survey.rated_questions())), csv);
    }
  } else {
    std::map<std::string, v1::SatisfactionRate> rates;
    read = service::ReadPage(
        ctx_.pool, request.page_size(), request.page_token(), query, response,
        [&](db::Transaction& tx, const std::string& after,
            int limit) -> absl::StatusOr<std::vector<std::string>> {
          ASSIGN_OR_RETURN(auto persons, store::ListCovered(tx, j, ref.id, after, limit));
          for (const auto& p : persons) {
            ASSIGN_OR_RETURN(auto counts, store::SumCounts(tx, j, p, ref.id, {}, {}));
            rates[p] = DecideRate(survey, counts, false);
          }
          return persons;
        },
        [](const std::string& p) { return p; },
        [&](const std::string& p) {
          const v1::SatisfactionRate& r = rates[p];
          csv +=
              CsvLine({PersonName(j, p), absl::StrCat(r.response_count()),
                       r.insufficient() ? "样本不足" : absl::StrFormat("%.1f", r.rate_percent())});
        });
    if (request.page_token().empty()) {
      csv = absl::StrCat(kUtf8Bom, CsvLine({"人员", "回答数", "满意率(%)"}), csv);
    }
  }
  RETURN_IF_ERROR(read);
  response->set_csv(csv);
  return absl::OkStatus();
}

}  // namespace auxpro::survey
