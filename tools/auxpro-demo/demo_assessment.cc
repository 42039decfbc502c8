#include "tools/auxpro-demo/demo_assessment.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "tools/auxpro-demo/demo_data.h"

namespace auxpro::demo {

namespace {

namespace av1 = assessment::v1;
using AStub = av1::Assessment::Stub;

constexpr const char* kDailyItems[] = {
    "POLITICAL_QUALITY",     "INTEGRITY",  "CREDIT_RATING", "LANGUAGE_LEVEL", "SMART_DEVICE_SKILL",
    "VEHICLE_DRIVING_SKILL", "APPEARANCE", "ETIQUETTE"};

class Loader {
 public:
  explicit Loader(const AssessmentDemo& d)
      : d_(d),
        parent_(absl::StrCat("jurisdictions/", d.jurisdiction)),
        bureau_(av1::Assessment::NewStub(d.bureau)),
        assessor_(av1::Assessment::NewStub(d.assessor)),
        today_(TodayInChina()) {}

  int Run() {
    DailyRecords();
    MonthlyAssessments();
    Session();
    Ratings();
    Publication();
    return calls_;
  }

 private:
  std::string Rid(const std::string& step, const std::string& key) const {
    return DeterministicRequestId(
        absl::StrCat("demo/", d_.jurisdiction, "/assessment/", step, "/", key));
  }

  // One call; an error not in `accept` is printed and ends the loader.
  grpc::Status Invoke(const std::string& method, const std::string& what,
                      const std::function<grpc::Status(grpc::ClientContext*)>& call,
                      std::set<grpc::StatusCode> accept = {}) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-auxpro-actor", "demo-loader");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    grpc::Status s = call(&ctx);
    ++calls_;
    if (s.ok() || accept.count(s.error_code()) > 0) return s;
    std::cerr << "auxpro-demo: auxpro.assessment.v1.Assessment/" << method << " (" << what
              << ") failed: " << s.error_message() << "\n";
    std::exit(1);
  }

  // Today's roll call, uniform check and a one-hour drill of each unit.
  void DailyRecords() {
    const std::string day = FormatDate(today_);
    int n = 0;
    for (const std::string& unit : d_.units) {
      for (auto [kind, hours] : {std::pair{av1::ROLL_CALL, 0.0}, std::pair{av1::UNIFORM_CHECK, 0.0},
                                 std::pair{av1::DRILL, 1.0}}) {
        av1::CreateDailyRecordRequest r;
        r.set_parent(parent_);
        auto* rec = r.mutable_daily_record();
        rec->set_kind(kind);
        rec->set_unit(unit);
        *rec->mutable_date() = today_;
        rec->set_hours(hours);
        rec->set_note(kind == av1::DRILL ? "队列训练" : "");
        r.set_request_id(Rid(absl::StrCat("daily-", av1::DailyRecordKind_Name(kind)),
                             absl::StrCat(unit, "/", day)));
        av1::DailyRecord out;
        Invoke("CreateDailyRecord", unit,
               [&](grpc::ClientContext* c) { return bureau_->CreateDailyRecord(c, r, &out); });
        ++n;
      }
    }
    std::cout << "[7] daily management records for " << day << ": " << n << "\n";
  }

  // This month's daily assessment of everyone; about one in ten fails etiquette.
  void MonthlyAssessments() {
    int n = 0;
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      av1::CreateMonthlyAssessmentRequest r;
      r.set_parent(parent_);
      auto* m = r.mutable_monthly_assessment();
      m->set_person(d_.persons[i]);
      m->mutable_month()->set_year(today_.year());
      m->mutable_month()->set_month(today_.month());
      for (const char* item : kDailyItems) {
        auto* it = m->add_items();
        it->set_item(item);
        it->set_passed(!(i % 10 == 3 && std::string(item) == "ETIQUETTE"));
      }
      m->add_evidence(absl::StrCat(d_.units[i % d_.units.size()], "/dailyRecords"));
      r.set_request_id(
          Rid("monthly", absl::StrCat(d_.persons[i], "/", today_.year(), "-", today_.month())));
      av1::MonthlyAssessment out;
      grpc::Status s = Invoke(
          "CreateMonthlyAssessment", d_.persons[i],
          [&](grpc::ClientContext* c) { return bureau_->CreateMonthlyAssessment(c, r, &out); },
          {grpc::StatusCode::ALREADY_EXISTS});
      if (s.ok()) ++n;
    }
    std::cout << "[8] monthly daily assessments " << today_.year() << "-" << today_.month() << ": "
              << n << "\n";
  }

  // The quarter's centralized session, commissioned to the assessor, and its exam results.
  void Session() {
    const int quarter = (today_.month() - 1) / 3 + 1;
    av1::CreateAssessmentSessionRequest r;
    r.set_parent(parent_);
    r.mutable_assessment_session()->set_year(today_.year());
    r.mutable_assessment_session()->set_quarter(quarter);
    r.mutable_assessment_session()->set_assessor(d_.assessor_id);
    for (const std::string& p : d_.persons) {
      r.mutable_assessment_session()->add_participants()->set_person(p);
    }
    r.set_request_id(Rid("session", absl::StrCat(today_.year(), "Q", quarter)));
    av1::AssessmentSession session;
    Invoke(
        "CreateAssessmentSession", absl::StrCat(today_.year(), " Q", quarter),
        [&](grpc::ClientContext* c) { return bureau_->CreateAssessmentSession(c, r, &session); });
    int passed = 0;
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      av1::RecordCentralizedResultRequest res;
      res.set_parent(session.name());
      res.mutable_result()->set_person(d_.persons[i]);
      res.mutable_result()->set_item("PROFESSIONAL_EXAM");
      res.mutable_result()->set_score(static_cast<int>(55 + (i * 37) % 45));
      res.set_request_id(Rid("exam", absl::StrCat(session.name(), "/", d_.persons[i])));
      av1::CentralizedResult out;
      grpc::Status s = Invoke(
          "RecordCentralizedResult", d_.persons[i],
          [&](grpc::ClientContext* c) { return assessor_->RecordCentralizedResult(c, res, &out); },
          {grpc::StatusCode::FAILED_PRECONDITION});  // passed earlier this year: no new attempt
      if (s.ok() && out.passed()) ++passed;
    }
    std::cout << "[9] centralized session " << today_.year() << " Q" << quarter << ": "
              << d_.persons.size() << " participants, " << passed << " passed the exam\n";
  }

  // Proposed grades of the year: one EXCELLENT per unit, the rest QUALIFIED (not finalized: the
  // year is not over).
  void Ratings() {
    std::set<std::string> top_given;
    for (size_t i = 0; i < d_.persons.size(); ++i) {
      const std::string& unit = d_.units[i % d_.units.size()];
      const bool top = top_given.insert(unit).second;
      av1::ProposeAnnualRatingRequest r;
      r.set_parent(parent_);
      r.mutable_annual_rating()->set_person(d_.persons[i]);
      r.mutable_annual_rating()->set_year(today_.year());
      r.mutable_annual_rating()->set_grade(top ? "EXCELLENT" : "QUALIFIED");
      r.set_request_id(Rid("rating", absl::StrCat(d_.persons[i], "/", today_.year())));
      av1::AnnualRating out;
      Invoke("ProposeAnnualRating", d_.persons[i],
             [&](grpc::ClientContext* c) { return bureau_->ProposeAnnualRating(c, r, &out); },
             {grpc::StatusCode::FAILED_PRECONDITION});  // the year was finalized meanwhile
    }
    std::cout << "[10] annual grades proposed for " << today_.year() << ": " << d_.persons.size()
              << "\n";
  }

  // The month's results published within the first unit (公示, longquan art. 13(4); wenjiang names
  // no period, so the bureau states its end: the fifth day of next month), and an objection of
  // the first person to their own result, answered by the bureau with its reasons.
  void Publication() {
    if (d_.units.empty() || d_.persons.empty()) return;
    const std::string month = absl::StrCat(today_.year(), "-", today_.month());
    const int next_year = today_.month() == 12 ? today_.year() + 1 : today_.year();
    const int next_month = today_.month() == 12 ? 1 : today_.month() + 1;
    av1::PublishResultsRequest r;
    r.set_parent(parent_);
    auto* p = r.mutable_publication();
    p->set_kind(av1::Publication::MONTHLY_RESULTS);
    p->set_unit(d_.units[0]);
    p->set_year(today_.year());
    p->set_month(today_.month());
    p->mutable_end_date()->set_year(next_year);
    p->mutable_end_date()->set_month(next_month);
    p->mutable_end_date()->set_day(5);
    r.set_request_id(Rid("publication", absl::StrCat(d_.units[0], "/", month)));
    av1::Publication pub;
    Invoke("PublishResults", d_.units[0],
           [&](grpc::ClientContext* c) { return bureau_->PublishResults(c, r, &pub); });
    av1::RecordObjectionRequest o;
    o.set_parent(pub.name());
    o.mutable_objection()->set_person(d_.persons[0]);
    o.mutable_objection()->set_raised_by(d_.persons[0]);
    o.mutable_objection()->set_statement("本月仪容仪表检查当日本人在岗，请求复核。");
    o.set_request_id(Rid("objection", pub.name()));
    av1::Objection objection;
    grpc::Status s = Invoke(
        "RecordObjection", d_.persons[0],
        [&](grpc::ClientContext* c) { return bureau_->RecordObjection(c, o, &objection); },
        {grpc::StatusCode::FAILED_PRECONDITION});  // the period ended before a rerun
    if (!s.ok()) return;
    av1::AnswerObjectionRequest a;
    a.set_name(objection.name());
    a.set_answer("经复核点名与着装检查记录，本月考核结果无误，予以维持。");
    a.set_result_kept(true);
    a.set_request_id(Rid("objection-answer", objection.name()));
    av1::Objection answered;
    Invoke("AnswerObjection", objection.name(),
           [&](grpc::ClientContext* c) { return bureau_->AnswerObjection(c, a, &answered); });
    std::cout << "[10b] results of " << month << " published in " << d_.units[0] << " until "
              << next_year << "-" << next_month << "-05: " << pub.entries_size()
              << " entries, 1 objection answered\n";
  }

  const AssessmentDemo& d_;
  const std::string parent_;
  std::unique_ptr<AStub> bureau_, assessor_;
  const common::v1::Date today_;
  int calls_ = 0;
};

}  // namespace

int LoadAssessment(const AssessmentDemo& demo) { return Loader(demo).Run(); }

}  // namespace auxpro::demo
