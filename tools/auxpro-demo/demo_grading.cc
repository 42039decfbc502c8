#include "tools/auxpro-demo/demo_grading.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
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
        doc_(DocumentPrefix(d.jurisdiction)) {}

  int Run() {
    if (d_.persons.size() < 8) return 0;
    Attest();
    FinalizeRatings();
    // The states every application can reach whatever the data.
    Withdrawn(0);
    Draft(1);
    QualificationReview(2);
    Returned(3);
    // Those whose level-5 check passes go further.
    std::vector<size_t> passing;
    for (size_t i = 4; i < d_.persons.size() && passing.size() < 3; ++i) {
      if (Passes(d_.persons[i], 5)) passing.push_back(i);
    }
    if (passing.size() > 0) Evaluation(passing[0]);
    if (passing.size() > 1) Decided(passing[1]);
    if (passing.size() > 2) Filed(passing[2]);
    std::cout << "[12] grading: applications withdrawn, draft, returned, in qualification review; "
              << passing.size()
              << " of the others pass the level-5 check (evaluation, decided, filed)\n";
    Notice();
    Sweep();
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
          absl::StrCat(doc_, "综执日常考核〔", kDemoYear, "〕11月"));
      r.mutable_attestation()->set_reason("着装检查、礼仪考核合格");
      v1::PersonAttestation out;
      Invoke("RecordAttestation", d_.persons[i],
             [&](grpc::ClientContext* c) { return bureau_->RecordAttestation(c, r, &out); });
    }
  }

  // The annual ratings of the first unit finalized: the year-end step whose result table 1's
  // "assessment result" row reads.
  void FinalizeRatings() {
    if (d_.units.empty()) return;
    auto stub = assessment::v1::Assessment::NewStub(d_.bureau);
    assessment::v1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(d_.units[0], "/ratingYears/", TodayInChina().year()));
    r.set_request_id(Rid("finalize-ratings", 0));
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

  bool Passes(const std::string& person, int target) {
    v1::CheckRequirementsRequest r;
    r.set_person(person);
    r.set_target_level(target);
    v1::RequirementCheck out;
    Invoke("CheckRequirements", person,
           [&](grpc::ClientContext* c) { return bureau_->CheckRequirements(c, r, &out); });
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
    form->set_ref(absl::StrCat(doc_, "综执任职资格认证表〔", kDemoYear, "〕", n + 1, "号"));
    auto* proof = r.mutable_application()->add_evidence();
    proof->set_kind("PROOF");
    proof->set_ref(absl::StrCat(doc_, "综执达标佐证〔", kDemoYear, "〕", n + 1, "号"));
    v1::Application out;
    Invoke("CreateApplication", d_.persons[n],
           [&](grpc::ClientContext* c) { return bureau_->CreateApplication(c, r, &out); });
    return out;
  }

  v1::Application Submit(size_t n, const v1::Application& app) {
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
    v1::Application app = Create(n, 5);
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
    v1::Application app = Submit(n, Create(n, 5));
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
    v1::FileApplicationRequest r;
    r.set_name(app.name());
    r.set_etag(app.etag());
    r.set_request_id(Rid(absl::StrCat("file-", app.target_level()), n));
    v1::Application out;
    Invoke("FileApplication", app.name(),
           [&](grpc::ClientContext* c) { return bureau_->FileApplication(c, r, &out); });
  }

  // Levels 4-1: an application for level 4 of each level-5 person whose check passes, evaluated
  // by the establishment office and published in one notice (its objection period runs from
  // today).
  void Notice() {
    std::vector<std::string> decided;
    for (size_t i = 4; i < d_.persons.size(); ++i) {
      v1::GetPersonLevelRequest g;
      g.set_name(d_.persons[i] + "/level");
      v1::PersonLevel level;
      Invoke("GetPersonLevel", d_.persons[i],
             [&](grpc::ClientContext* c) { return bureau_->GetPersonLevel(c, g, &level); });
      if (level.level() != 5 || !Passes(d_.persons[i], 4)) continue;
      v1::Application app = PassReview(i, Submit(i, Create(i, 4)));
      app = Decide(*office_, "office", i, app, v1::APPROVE);
      decided.push_back(app.name());
    }
    if (decided.empty()) {
      std::cout << "[12] grading: no level-5 auxiliary passes the level-4 check yet (level "
                   "points at level 5 start at the grant): no result notice this year\n";
      return;
    }
    v1::PublishResultNoticeRequest r;
    r.set_parent("jurisdictions/" + d_.jurisdiction);
    r.set_request_id(Rid("publish-notice", 0));
    r.mutable_result_notice()->set_document_ref(absl::StrCat(doc_, "编发〔", kDemoYear, "〕12号"));
    for (const auto& a : decided) r.mutable_result_notice()->add_applications(a);
    v1::ResultNotice out;
    Invoke("PublishResultNotice", r.result_notice().document_ref(),
           [&](grpc::ClientContext* c) { return office_->PublishResultNotice(c, r, &out); });
    std::cout << "[12] grading: result notice " << out.document_ref() << " of " << decided.size()
              << " decisions, objections until " << FormatDate(out.objection_last_day()) << "\n";
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
  std::unique_ptr<Stub> bureau_, hr_, office_;
  std::string doc_;
  int calls_ = 0;
};

}  // namespace

int LoadGradingDemo(const GradingDemo& demo) { return Loader(demo).Run(); }

}  // namespace auxpro::demo
