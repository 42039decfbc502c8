#include "tools/auxpro-demo/demo_grading.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "libs/common/working_days.h"
#include "libs/rpc/error_info.h"
#include "tools/auxpro-demo/demo_data.h"

namespace auxpro::demo {

namespace {

namespace v1 = grading::v1;
using Stub = v1::Grading::Stub;

class Loader {
 public:
  explicit Loader(const GradingDemo& d)
      : d_(d),
        bureau_(v1::Grading::NewStub(d.bureau)),
        hr_(v1::Grading::NewStub(d.hr)),
        office_(v1::Grading::NewStub(d.office)),
        doc_(DocumentPrefix(d.jurisdiction)),
        bureau_doc_(JurisdictionTitle(d.jurisdiction)) {}

  int Run() {
    if (d_.persons.size() < 8) return 0;
    Attest();
    FinalizeRatings();
    // Those whose level-5 check passes go furthest; the states every application can reach
    // whatever the data go to the others.
    std::vector<size_t> passing, others;
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      if (passing.size() < 4 && Passes(d_.persons[i], 5)) {
        passing.push_back(i);
      } else {
        others.push_back(i);
      }
    }
    if (others.size() < 4) return calls_;
    Withdrawn(others[0]);
    Draft(others[1]);
    QualificationReview(others[2]);
    Returned(others[3]);
    if (passing.size() > 0) Evaluation(passing[0]);
    if (passing.size() > 1) Decided(passing[1]);
    for (size_t k = 2; k < passing.size(); ++k) Filed(passing[k]);
    std::cout << "[12] grading: applications withdrawn, draft, returned, in qualification review; "
              << passing.size()
              << " pass the level-5 check (evaluation, decided, filed)\n";
    granted_.assign(passing.begin() + std::min<size_t>(1, passing.size()), passing.end());
    Notice();
    Sweep();
    States();
    return calls_;
  }

 private:
  std::string Rid(const std::string& step, size_t n) const {
    return DeterministicRequestId(
        absl::StrCat("demo/", d_.jurisdiction, "/grading/", step, "/", n));
  }

  // Runs one call; on an error not in `accept`, prints it and exits 1.
  bool Invoke(const std::string& method, const std::string& what,
              const std::function<grpc::Status(grpc::ClientContext*)>& call,
              std::set<grpc::StatusCode> accept = {}) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-auxpro-actor", "demo-loader");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    grpc::Status s = call(&ctx);
    ++calls_;
    if (s.ok()) return true;
    if (accept.contains(s.error_code())) return false;
    std::cerr << "auxpro-demo: auxpro.grading.v1.Grading/" << method << " (" << what
              << ") failed: " << s.error_code() << " " << s.error_message() << "\n";
    std::exit(1);
  }

  // 6.1 c) 仪容仪表和行为举止规范得体, attested by the bureau from its daily management.
  void Attest() {
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      v1::RecordAttestationRequest r;
      r.set_parent(d_.persons[i]);
      r.set_request_id(Rid("attest-conduct", i));
      r.mutable_attestation()->set_attestation(common::v1::PROPER_CONDUCT);
      r.mutable_attestation()->set_attested(true);
      r.mutable_attestation()->set_evidence_ref(
          absl::StrCat(bureau_doc_, "综合行政执法局日常考核〔", kDemoYear, "〕11月"));
      r.mutable_attestation()->set_reason("着装检查、礼仪考核合格");
      v1::PersonAttestation out;
      Invoke("RecordAttestation", d_.persons[i],
             [&](grpc::ClientContext* c) { return bureau_->RecordAttestation(c, r, &out); });
    }
  }

  // The year's annual ratings of every unit finalized: the year-end step whose result table 1's
  // "assessment result" row reads.
  void FinalizeRatings() {
    auto stub = assessment::v1::Assessment::NewStub(d_.bureau);
    for (size_t u = 0; u < d_.units.size(); ++u) {
      assessment::v1::FinalizeAnnualRatingsRequest r;
      r.set_name(absl::StrCat(d_.units[u], "/ratingYears/", TodayInChina().year()));
      r.set_request_id(Rid("finalize-ratings", u));
      assessment::v1::RatingYear out;
      grpc::ClientContext ctx;
      ctx.AddMetadata("x-auxpro-actor", "demo-loader");
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      grpc::Status s = stub->FinalizeAnnualRatings(&ctx, r, &out);
      ++calls_;
      if (!s.ok() && s.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
        std::cerr << "auxpro-demo: FinalizeAnnualRatings failed: " << s.error_message() << "\n";
        std::exit(1);
      }
    }
  }

  bool Passes(const std::string& person, int target, bool say_why = false) {
    v1::CheckRequirementsRequest r;
    r.set_person(person);
    r.set_target_level(target);
    v1::RequirementCheck out;
    Invoke("CheckRequirements", person,
           [&](grpc::ClientContext* c) { return bureau_->CheckRequirements(c, r, &out); });
    if (say_why && !out.passed()) {
      std::cout << "    " << person << " for level " << target << ":";
      for (const auto& row : out.rows()) {
        if (row.status() != v1::PASS && row.status() != v1::NOT_REQUIRED) {
          std::cout << " " << v1::Requirement_Name(row.requirement()) << " ("
                    << v1::RowStatus_Name(row.status()) << " " << row.value() << ")";
        }
      }
      std::cout << "\n";
    }
    return out.passed();
  }

  v1::Application Create(size_t n, int target) {
    v1::CreateApplicationRequest r;
    r.set_parent("jurisdictions/" + d_.jurisdiction);
    r.set_request_id(Rid(absl::StrCat("create-", target), n));
    r.mutable_application()->set_person(d_.persons[n]);
    r.mutable_application()->set_target_level(target);
    auto* form = r.mutable_application()->add_evidence();
    form->set_kind("QUALIFICATION_FORM");
    form->set_ref(absl::StrCat(bureau_doc_, "综执任职资格认证表〔", kDemoYear, "〕", n + 1, "号"));
    auto* proof = r.mutable_application()->add_evidence();
    proof->set_kind("PROOF");
    proof->set_ref(absl::StrCat(bureau_doc_, "综执达标佐证〔", kDemoYear, "〕", n + 1, "号"));
    v1::Application out;
    Invoke("CreateApplication", d_.persons[n],
           [&](grpc::ClientContext* c) { return bureau_->CreateApplication(c, r, &out); });
    return out;
  }

  // The application as it stands now (a rerun replays the create's first answer).
  v1::Application Current(const v1::Application& app) {
    v1::GetApplicationRequest r;
    r.set_name(app.name());
    v1::Application out;
    Invoke("GetApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->GetApplication(c, r, &out); });
    return out;
  }

  v1::Application Submit(size_t n, const v1::Application& created) {
    const v1::Application app = Current(created);
    if (app.state() != v1::Application::DRAFT) return app;
    v1::SubmitApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_request_id(Rid(absl::StrCat("submit-", app.target_level()), n));
    v1::Application out;
    Invoke("SubmitApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->SubmitApplication(c, r, &out); });
    return out;
  }

  v1::Application PassReview(size_t n, const v1::Application& app) {
    if (app.state() != v1::Application::QUALIFICATION_REVIEW) return app;
    v1::PassQualificationReviewRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_reason("资格审核通过 (wenjiang 8.3)");
    r.set_request_id(Rid(absl::StrCat("review-", app.target_level()), n));
    v1::Application out;
    Invoke("PassQualificationReview", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->PassQualificationReview(c, r, &out); });
    return out;
  }

  v1::Application Decide(Stub& stub, const std::string& who, size_t n, const v1::Application& app,
                         v1::Outcome outcome) {
    if (app.state() != v1::Application::EVALUATION) return app;
    for (const auto& a : app.approvals()) {
      if (a.agency().rfind(who == "bureau" ? "ENFORCEMENT_BUREAU" : who == "hr" ? "HR_COMPANY"
                                                                             : "ESTABLISHMENT_OFFICE",
                           0) == 0) {
        return app;
      }
    }
    v1::DecideApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_outcome(outcome);
    r.set_reason(outcome == v1::APPROVE ? "评定通过" : "评定未通过");
    r.set_request_id(Rid(absl::StrCat("decide-", who, "-", app.target_level()), n));
    v1::Application out;
    Invoke("DecideApplication", app.name(),
           [&](grpc::ClientContext* c) { return stub.DecideApplication(c, r, &out); });
    return out;
  }

  void Withdrawn(size_t n) {
    v1::Application app = Current(Create(n, 5));
    if (app.state() != v1::Application::DRAFT) return;
    v1::WithdrawApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_reason("本轮不申报");
    r.set_request_id(Rid(absl::StrCat("withdraw-", app.target_level()), n));
    v1::Application out;
    Invoke("WithdrawApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->WithdrawApplication(c, r, &out); });
  }

  void Draft(size_t n) { Create(n, 5); }

  void QualificationReview(size_t n) { Submit(n, Create(n, 5)); }

  void Returned(size_t n) {
    v1::Application app = Current(Create(n, 5));
    if (app.state() == v1::Application::DRAFT && app.has_submitted_check()) return;  // done
    app = Submit(n, app);
    if (app.state() != v1::Application::QUALIFICATION_REVIEW) return;
    v1::ReturnApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_reason("补充专业知识考试成绩单");
    r.set_request_id(Rid(absl::StrCat("return-", app.target_level()), n));
    v1::Application out;
    Invoke("ReturnApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->ReturnApplication(c, r, &out); });
  }

  v1::Application Evaluation(size_t n) { return PassReview(n, Submit(n, Create(n, 5))); }

  v1::Application Decided(size_t n) {
    v1::Application app = Evaluation(n);
    app = Decide(*bureau_, "bureau", n, app, v1::APPROVE);
    return Decide(*hr_, "hr", n, app, v1::APPROVE);
  }

  void Filed(size_t n) {
    v1::Application app = Decided(n);
    if (app.state() != v1::Application::DECIDED) return;
    v1::FileApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_request_id(Rid(absl::StrCat("file-", app.target_level()), n));
    v1::Application out;
    Invoke("FileApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->FileApplication(c, r, &out); });
  }

  // A commendation earned at level 5 (wenjiang C.1 b: provincial government, +15), once the points
  // service has opened the level-5 period (LevelChanged through the outbox): the level points
  // table 1 asks of a level-4 applicant.
  void CommendAtLevelFive(size_t n) {
    auto points = points::v1::Points::NewStub(d_.bureau);
    points::v1::GetPointBalanceRequest g;
    g.set_name(d_.persons[n] + "/pointBalance");
    points::v1::PointBalance b;
    for (int tries = 0; tries < 40; ++tries) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      if (points->GetPointBalance(&ctx, g, &b).ok() && b.level() == 5) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    if (b.level() != 5) return;
    points::v1::RecordCommendationRequest r;
    r.set_parent(d_.persons[n]);
    auto* m = r.mutable_commendation();
    m->set_body(common::v1::PARTY_GOVERNMENT);
    m->set_level(common::v1::PROVINCE);
    m->set_in_own_name(true);
    m->set_matter_id(absl::StrCat("deed-grading-", n));
    m->set_reason("省政府通报表扬：城市管理专项整治成绩突出");
    m->set_evidence_ref(absl::StrCat(bureau_doc_, "政府通报〔", kDemoYear, "〕", 20 + n, "号"));
    r.set_request_id(Rid("commend-level-5", n));
    points::v1::PointEntry out;
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-auxpro-actor", "demo-loader");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    ++calls_;
    grpc::Status s = points->RecordCommendation(&ctx, r, &out);
    if (!s.ok()) {
      std::cerr << "auxpro-demo: RecordCommendation failed: " << s.error_message() << "\n";
      std::exit(1);
    }
  }

  // Levels 4-1: an application for level 4 of each level-5 person whose check passes, evaluated
  // by the establishment office and published in one notice (its objection period runs from
  // today).
  void Notice() {
    std::vector<std::string> decided;
    for (size_t i : granted_) {
      v1::GetPersonLevelRequest g;
      g.set_name(d_.persons[i] + "/level");
      v1::PersonLevel level;
      Invoke("GetPersonLevel", d_.persons[i],
             [&](grpc::ClientContext* c) { return bureau_->GetPersonLevel(c, g, &level); });
      if (level.level() == 5) CommendAtLevelFive(i);
      if (level.level() != 5 || !Passes(d_.persons[i], 4, /*say_why=*/true)) continue;
      v1::Application app = PassReview(i, Submit(i, Create(i, 4)));
      app = Decide(*office_, "office", i, app, v1::APPROVE);
      decided.push_back(app.name());
    }
    if (decided.empty()) {
      std::cout << "[12] grading: no level-5 auxiliary passes the level-4 check yet (level "
                   "points, satisfaction): no result notice this year\n";
      return;
    }
    v1::PublishResultNoticeRequest r;
    r.set_parent("jurisdictions/" + d_.jurisdiction);
    r.set_request_id(Rid("publish-notice", 0));
    r.mutable_result_notice()->set_document_ref(absl::StrCat(doc_, "〔", kDemoYear, "〕12号"));
    for (const auto& a : decided) r.mutable_result_notice()->add_applications(a);
    v1::ResultNotice out;
    grpc::Status refused;
    const bool published =
        Invoke("PublishResultNotice", r.result_notice().document_ref(),
               [&](grpc::ClientContext* c) {
                 refused = office_->PublishResultNotice(c, r, &out);
                 return refused;
               },
               {grpc::StatusCode::FAILED_PRECONDITION});
    if (!published) {
      // The objection period from today runs into a year the policy's working-day calendar does
      // not list (its holiday schedule is not published yet: late December). Nothing is guessed:
      // the decisions wait DECIDED for a notice, and the rest of the demo goes on.
      const auto info = rpc::ErrorInfoOf(refused);
      if (!info || info->reason != kWorkingCalendarYearMissing) {
        std::cerr << "auxpro-demo: auxpro.grading.v1.Grading/PublishResultNotice ("
                  << r.result_notice().document_ref() << ") failed: " << refused.error_code()
                  << " " << refused.error_message() << "\n";
        std::exit(1);
      }
      const auto year = info->metadata.find("year");
      std::cout << "[12] grading: result notice NOT published: its objection period from today "
                   "reaches "
                << (year == info->metadata.end() ? std::string("a year") : year->second)
                << ", which the " << d_.jurisdiction
                << " working-day calendar does not list yet (that year's holidays are not "
                   "published). "
                << decided.size()
                << " decisions stay DECIDED until the year's schedule is added to the policy's "
                   "working_calendar (policies/"
                << d_.jurisdiction << ".textproto) and the notice is published.\n";
      return;
    }
    std::cout << "[12] grading: result notice " << out.document_ref() << " of " << decided.size()
              << " decisions, objections until " << FormatDate(out.objection_last_day()) << "\n";
  }

  // The applications of the district by state.
  void States() {
    std::map<std::string, int> by_state;
    std::string token;
    do {
      v1::ListApplicationsRequest r;
      r.set_parent("jurisdictions/" + d_.jurisdiction);
      r.set_page_size(1000);
      r.set_page_token(token);
      v1::ListApplicationsResponse out;
      Invoke("ListApplications", "",
             [&](grpc::ClientContext* c) { return office_->ListApplications(c, r, &out); });
      for (const auto& a : out.applications()) ++by_state[v1::Application::State_Name(a.state())];
      token = out.next_page_token();
    } while (!token.empty());
    std::cout << "[12] grading applications:";
    for (const auto& [state, n] : by_state) std::cout << " " << state << " " << n;
    std::cout << "\n";
  }

  // Today's sweep: reminders and escalations due today, decisions whose period has ended.
  void Sweep() {
    const common::v1::Date today = TodayInChina();
    v1::RunGradingSweepRequest r;
    r.set_parent("jurisdictions/" + d_.jurisdiction);
    r.set_request_id(Rid(absl::StrCat("sweep-", FormatDate(today)), 0));
    v1::RunGradingSweepResponse out;
    Invoke("RunGradingSweep", FormatDate(today),
           [&](grpc::ClientContext* c) { return office_->RunGradingSweep(c, r, &out); });
    std::cout << "[12] grading sweep of " << FormatDate(today) << ": " << out.reminders_sent()
              << " reminders, " << out.escalations_sent() << " escalations, "
              << out.decisions_in_force() << " decisions in force\n";
  }

  const GradingDemo& d_;
  // Persons granted level 5 by this demo (decided or filed).
  std::vector<size_t> granted_;
  std::unique_ptr<Stub> bureau_, hr_, office_;
  std::string doc_;         // the establishment office's document prefix ("温编发")
  std::string bureau_doc_;  // the district's name for the bureau's records
  int calls_ = 0;
};

}  // namespace

int LoadGradingDemo(const GradingDemo& demo) { return Loader(demo).Run(); }

}  // namespace auxpro::demo
