#include "tools/auxpro-demo/survey_demo.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "tools/auxpro-demo/demo_data.h"

namespace auxpro::demo {

namespace {

namespace v1 = survey::v1;

constexpr int kCovered = 8;
// Responses per covered auxiliary: the first five reach the minimum sample (30), the rest not
// (the grading demo promotes one of those to level 4 through a result notice).
constexpr int kResponses[kCovered] = {42, 36, 31, 35, 33, 12, 2, 0};

void Check(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return;
  std::cerr << "auxpro-demo: auxpro.survey.v1.Survey/" << what << " failed: " << s.error_code()
            << " " << s.error_message() << "\n";
  std::exit(1);
}

template <typename Fn>
grpc::Status Invoke(Fn&& fn) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-auxpro-actor", "demo-loader");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return fn(&ctx);
}

common::v1::Date QuarterStart(const common::v1::Date& today) {
  common::v1::Date d;
  d.set_year(today.year());
  d.set_month((today.month() - 1) / 3 * 3 + 1);
  d.set_day(1);
  return d;
}

}  // namespace

int LoadSurveyDemo(const SurveyDemo& demo, std::shared_ptr<grpc::Channel> bureau_channel,
                   std::shared_ptr<grpc::Channel> gateway_channel) {
  auto bureau = v1::Survey::NewStub(bureau_channel);
  auto gateway = v1::Survey::NewStub(gateway_channel);
  int calls = 0;
  const int covered = std::min<int>(kCovered, static_cast<int>(demo.auxiliaries.size()));
  const common::v1::Date start = QuarterStart(TodayInChina());
  common::v1::Date next = start;
  next.set_month(start.month() + 3 > 12 ? start.month() - 9 : start.month() + 3);
  if (start.month() + 3 > 12) next.set_year(start.year() + 1);

  v1::CreateCampaignRequest create;
  create.set_parent("jurisdictions/" + demo.jurisdiction);
  create.set_request_id(
      demo.rid(absl::StrCat("survey-campaign-", start.year(), "q", (start.month() + 2) / 3), 1));
  v1::Campaign* c = create.mutable_campaign();
  c->set_display_name(
      absl::StrCat(start.year(), "年第", (start.month() + 2) / 3, "季度群众满意度调查"));
  *c->mutable_period_start() = start;
  *c->mutable_period_end() = AddDays(next, -1);
  for (int i = 0; i < covered; ++i) c->add_auxiliaries(demo.auxiliaries[i].first);
  v1::Campaign campaign;
  Check(Invoke([&](grpc::ClientContext* ctx) {
          return bureau->CreateCampaign(ctx, create, &campaign);
        }),
        "CreateCampaign");
  ++calls;
  v1::OpenCampaignRequest open;
  open.set_name(campaign.name());
  open.set_request_id(demo.rid(absl::StrCat("survey-open-", campaign.name()), 1));
  grpc::Status opened =
      Invoke([&](grpc::ClientContext* ctx) { return bureau->OpenCampaign(ctx, open, &campaign); });
  ++calls;
  if (!opened.ok() && opened.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
    Check(opened, "OpenCampaign");
  }

  int stored = 0;
  for (int i = 0; i < covered; ++i) {
    for (int n = 0; n < kResponses[i]; ++n) {
      v1::SubmitResponseRequest r;
      r.set_parent(campaign.name());
      r.set_badge_number(demo.auxiliaries[i].second);
      r.set_submission_id(demo.rid(absl::StrCat("survey-submit-", campaign.name(), "-", i), n));
      r.set_respondent_key(absl::StrCat("demo-respondent-", n));
      // Mostly 满意 or 非常满意, now and then 一般 or 较满意; auxiliary 1 fares worse.
      for (int q = 0; q < 10; ++q) {
        const int roll = (n * 7 + q * 3 + i * 5) % 10;
        r.add_answers(roll < (i == 1 ? 4 : 1) ? 2 : roll < 3 ? 3 : roll < 7 ? 4 : 5);
      }
      if (n % 9 == 0) r.set_comment(i == 1 ? "态度有待改善" : "耐心解释政策，服务热情");
      v1::SurveyResponse out;
      grpc::Status s =
          Invoke([&](grpc::ClientContext* ctx) { return gateway->SubmitResponse(ctx, r, &out); });
      ++calls;
      if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
        break;  // closed or out of period
      Check(s, "SubmitResponse");
      ++stored;
    }
  }
  std::cout << "[survey] campaign " << campaign.name() << " (" << c->display_name()
            << "): " << covered << " auxiliaries covered, " << stored << " responses\n";
  for (int i = 0; i < covered; ++i) {
    v1::GetSatisfactionRateRequest rq;
    rq.set_person(demo.auxiliaries[i].first);
    rq.set_campaign(campaign.name());
    v1::SatisfactionRate rate;
    Check(Invoke([&](grpc::ClientContext* ctx) {
            return bureau->GetSatisfactionRate(ctx, rq, &rate);
          }),
          "GetSatisfactionRate");
    ++calls;
    std::cout << "    " << demo.auxiliaries[i].second << ": " << rate.response_count()
              << " responses, "
              << (rate.insufficient() ? std::string("insufficient")
                                      : absl::StrFormat("%.1f %% satisfied", rate.rate_percent()))
              << "\n";
  }
  return calls;
}

}  // namespace auxpro::demo
