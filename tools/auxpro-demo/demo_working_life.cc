#include "tools/auxpro-demo/demo_working_life.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "tools/auxpro-demo/demo_data.h"

namespace auxpro::demo {
namespace {

namespace v1 = personnel::v1;
using Stub = v1::Personnel::Stub;

common::v1::Date Day(int month, int day) {
  common::v1::Date d;
  d.set_year(kDemoYear);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// One call with the actor metadata; prints and exits on an error other than `accept`.
void Run(const std::string& what, const std::function<grpc::Status(grpc::ClientContext*)>& call,
         grpc::StatusCode accept = grpc::StatusCode::OK) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-auxpro-actor", "demo-loader");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::Status s = call(&ctx);
  if (s.ok() || s.error_code() == accept) return;
  std::cerr << "auxpro-demo: auxpro.personnel.v1.Personnel/" << what
            << " failed: " << s.error_message() << " (code " << s.error_code() << ")\n";
  std::exit(1);
}

}  // namespace

int RecordDemoHiringSteps(const WorkingLifeDemo& demo, const std::string& person, int n,
                          int month) {
  auto bureau = v1::Personnel::NewStub(demo.bureau);
  int calls = 0;
  for (const auto& step : demo.policy->employment().hiring_steps()) {
    v1::RecordHiringStepRequest req;
    req.set_name(person);
    auto* s = req.mutable_step();
    s->set_step(step.code());
    // A step with a period (a public notice) starts on the 2nd and ends after its days.
    *s->mutable_start_date() = Day(month, 2);
    *s->mutable_date() = AddDays(Day(month, 2), static_cast<int>(step.min_days()) + 1);
    s->set_result(v1::HiringStepRecord::PASSED);
    s->set_evidence_ref(absl::StrCat(DocumentPrefix(demo.jurisdiction), "〔", kDemoYear, "〕招",
                                     n + 1, "-", step.code()));
    req.set_request_id(demo.rid(absl::StrCat("step-", month, "-", step.code()), n + 1));
    v1::Person out;
    // FAILED_PRECONDITION: hired by an earlier run of the loader, before it recorded steps.
    Run(
        absl::StrCat("RecordHiringStep (", step.code(), ")"),
        [&](grpc::ClientContext* c) { return bureau->RecordHiringStep(c, req, &out); },
        grpc::StatusCode::FAILED_PRECONDITION);
    ++calls;
  }
  return calls;
}

// The jurisdiction's bureau sets the unit's backbone posts and appoints a new hire (person 63)
// deputy team leader. `create` and `hire` make and hire a demo person of `demo`.
int AppointDemoBackbone(
    const WorkingLifeDemo& demo, const std::function<personnel::v1::Person(int)>& create,
    const std::function<personnel::v1::Person(const personnel::v1::Person&, int, bool,
                                              const common::v1::Date*, const std::string&)>& hire) {
  auto bureau = v1::Personnel::NewStub(demo.bureau);
  v1::SetBackbonePostsRequest posts;
  posts.set_unit(demo.unit);
  posts.set_leader_posts(1);
  posts.set_deputy_posts(2);
  posts.set_request_id(demo.rid("backbone-posts", 1));
  v1::BackbonePosts numbers;
  Run("SetBackbonePosts",
      [&](grpc::ClientContext* c) { return bureau->SetBackbonePosts(c, posts, &numbers); });
  v1::Person deputy = create(62);
  hire(deputy, 62, false, nullptr, "hire-backbone");
  v1::AppointBackbonePostRequest req;
  req.set_name(deputy.name());
  req.set_post(v1::DEPUTY_LEADER);
  req.set_decision_ref(absl::StrCat("局党组会议纪要〔", kDemoYear, "〕7号"));
  req.set_request_id(demo.rid("backbone-deputy", 63));
  v1::Person out;
  Run("AppointBackbonePost",
      [&](grpc::ClientContext* c) { return bureau->AppointBackbonePost(c, req, &out); });
  std::cout << "  backbone post: " << out.name() << " " << out.full_name() << " "
            << v1::BackbonePost_Name(out.backbone_post()) << ", "
            << out.backbone_monthly_pay_fen() / 100 << " yuan a month\n";
  return 2;
}

// Where the demo district's policy has no backbone posts: a unit, its limits and a signed
// agreement in the first preset with backbone posts (longquan), and the deputy team leader there.
int LoadNeighbourBackbone(const WorkingLifeDemo& demo);

int LoadWorkingLifeDemo(const WorkingLifeDemo& demo) {
  auto bureau = v1::Personnel::NewStub(demo.bureau);
  auto hr = v1::Personnel::NewStub(demo.hr);
  const std::string parent = "jurisdictions/" + demo.jurisdiction;
  const auto& employment = demo.policy->employment();
  int calls = 0;
  auto create = [&](int n) {
    v1::CreatePersonRequest req;
    req.set_parent(parent);
    *req.mutable_person() = DemoPerson(demo.jurisdiction, n);
    req.set_request_id(demo.rid("person", n + 1));
    v1::Person out;
    Run("CreatePerson", [&](grpc::ClientContext* c) { return hr->CreatePerson(c, req, &out); });
    ++calls;
    calls += RecordDemoHiringSteps(demo, out.name(), n, 1);
    return out;
  };
  auto hire = [&](const v1::Person& p, int n, bool direct, const common::v1::Date* date,
                  const std::string& step) {
    v1::HirePersonRequest req;
    req.set_name(p.name());
    req.set_unit(demo.unit);
    if (direct) {
      req.set_direct(true);
    } else {
      req.set_dispatch_agreement(demo.agreement);
    }
    if (date != nullptr) *req.mutable_hire_date() = *date;
    req.set_request_id(demo.rid(step, n + 1));
    v1::Person out;
    Run("HirePerson", [&](grpc::ClientContext* c) { return bureau->HirePerson(c, req, &out); });
    ++calls;
    return out;
  };

  // A direct hire by the bureau (shanxi art. 9-10, wenjiang 5.2), person 61.
  if (employment.direct_employment_allowed()) {
    v1::Person p = create(60);
    v1::Person hired = hire(p, 60, /*direct=*/true, nullptr, "hire-direct");
    std::cout << "  direct hire: " << hired.name() << " " << hired.full_name() << " ("
              << v1::EmploymentKind_Name(hired.employment_kind()) << ")\n";
  }

  // A former auxiliary (person 62): served from February to June, left, re-hired today on the
  // same archive with the steps recorded again in July.
  {
    v1::Person p = create(61);
    const common::v1::Date feb = Day(2, 2), june = Day(6, 30);
    hire(p, 61, false, &feb, "hire-first-period");
    v1::ExitPersonRequest exit;
    exit.set_name(p.name());
    exit.set_reason(v1::CONTRACT_ENDED);
    *exit.mutable_exit_date() = june;
    for (const auto& item : demo.policy->exit().checklist()) exit.add_confirmed_checklist(item);
    exit.set_request_id(demo.rid("exit-first-period", 62));
    v1::Person out;
    Run("ExitPerson", [&](grpc::ClientContext* c) { return bureau->ExitPerson(c, exit, &out); });
    ++calls;
    calls += RecordDemoHiringSteps(demo, p.name(), 61, 7);
    v1::Person again = hire(p, 61, false, nullptr, "rehire");
    std::cout << "  re-hire: " << again.name() << " " << again.full_name() << ", "
              << again.past_periods_size() << " earlier period(s) kept, former auxiliary\n";

    // Its labour contract, signed by the HR company (the employer of record of a dispatched
    // auxiliary) once the policy allows it.
    if (!employment.contract_after_probation()) {
      v1::CreateLabourContractRequest req;
      req.set_parent(p.name());
      auto* c = req.mutable_labour_contract();
      *c->mutable_start_date() = again.hire_date();
      if (employment.contract_term_months() == 0) {
        *c->mutable_end_date() = Day(12, 31);
        c->mutable_end_date()->set_year(kDemoYear + 2);
      }
      if (employment.min_service_period_required()) c->set_min_service_months(24);
      c->set_document_ref(absl::StrCat("劳动合同〔", kDemoYear, "〕62号"));
      req.set_request_id(demo.rid("labour-contract", 62));
      v1::LabourContract contract;
      Run("CreateLabourContract",
          [&](grpc::ClientContext* ctx) { return hr->CreateLabourContract(ctx, req, &contract); });
      ++calls;
      std::cout << "  labour contract: " << contract.name() << "\n";
    }
  }

  // A deputy team leader (longquan art. 14): here where the policy has backbone posts, otherwise
  // in a unit of a preset that has them.
  if (employment.backbone().enabled()) {
    calls += AppointDemoBackbone(demo, create, hire);
  } else {
    calls += LoadNeighbourBackbone(demo);
  }
  return calls;
}

int LoadNeighbourBackbone(const WorkingLifeDemo& demo) {
  if (!demo.preset || !demo.channel_of) return 0;
  std::string j;
  const policy::v1::Policy* policy = nullptr;
  for (const char* candidate : {"longquan", "haimen", "shanxi", "template", "wenjiang"}) {
    const policy::v1::Policy* p = demo.preset(candidate);
    if (candidate != demo.jurisdiction && p != nullptr && p->employment().backbone().enabled()) {
      j = candidate;
      policy = p;
      break;
    }
  }
  if (policy == nullptr) {
    std::cout << "  backbone posts: none in " << demo.jurisdiction
              << "'s policy or any other preset\n";
    return 0;
  }
  std::cout << "  backbone posts: none in " << demo.jurisdiction
            << "'s policy (its standard sets none); shown in " << j << "\n";
  WorkingLifeDemo there;
  there.jurisdiction = j;
  there.policy = policy;
  // Request ids of their own, fixed: "demo/<demo district>/<j>-<step>/<n>".
  there.rid = [&demo, j](const std::string& step, int n) { return demo.rid(j + "-" + step, n); };
  there.bureau = demo.channel_of(j, "ENFORCEMENT_BUREAU");
  there.hr = demo.channel_of(j, "HR_COMPANY");
  there.office = demo.channel_of(j, "ESTABLISHMENT_OFFICE");
  auto bureau = v1::Personnel::NewStub(there.bureau);
  auto hr = v1::Personnel::NewStub(there.hr);
  auto office = v1::Personnel::NewStub(there.office);
  const std::string parent = "jurisdictions/" + j;
  int calls = 0;

  v1::CreateUnitRequest unit;
  unit.set_parent(parent);
  unit.set_unit_id("unit-1");
  unit.mutable_unit()->set_display_name("一中队");
  unit.set_request_id(there.rid("unit", 1));
  v1::Unit made;
  // ALREADY_EXISTS: made earlier by another loader; used as it is.
  Run(
      "CreateUnit", [&](grpc::ClientContext* c) { return bureau->CreateUnit(c, unit, &made); },
      grpc::StatusCode::ALREADY_EXISTS);
  there.unit = parent + "/units/unit-1";
  for (int k = 0; k < 2; ++k) {
    v1::SetHeadcountLimitRequest limit;
    limit.set_parent(parent);
    if (k == 1) limit.set_unit(there.unit);
    limit.set_limit(k == 0 ? 20 : 10);
    limit.set_document_ref(absl::StrCat(DocumentPrefix(j), "〔", kDemoYear, "〕", k + 1, "号"));
    limit.set_request_id(there.rid("headcount", k));
    v1::HeadcountLimit out;
    Run("SetHeadcountLimit",
        [&](grpc::ClientContext* c) { return office->SetHeadcountLimit(c, limit, &out); });
  }
  v1::CreateDispatchAgreementRequest ca;
  ca.set_parent(parent);
  auto* a = ca.mutable_dispatch_agreement();
  a->set_title(absl::StrCat(j, " 协勤人员劳务派遣协议（", kDemoYear, "—", kDemoYear + 4, "年）"));
  a->add_posts("协勤巡查");
  a->set_duties("在执法人员带领下协助开展巡查、劝导和信息采集；不得独立执法。");
  a->set_headcount(10);
  *a->mutable_start_date() = Day(1, 1);
  *a->mutable_end_date() = Day(12, 31);
  a->mutable_end_date()->set_year(kDemoYear + 4);
  a->set_monthly_pay_fen(400000);
  ca.set_request_id(there.rid("agreement", 1));
  v1::DispatchAgreement agreement;
  Run("CreateDispatchAgreement",
      [&](grpc::ClientContext* c) { return hr->CreateDispatchAgreement(c, ca, &agreement); });
  v1::SignDispatchAgreementRequest sign;
  sign.set_name(agreement.name());
  sign.set_request_id(there.rid("agreement-sign", 1));
  Run("SignDispatchAgreement",
      [&](grpc::ClientContext* c) { return bureau->SignDispatchAgreement(c, sign, &agreement); });
  there.agreement = agreement.name();
  calls += 5;

  auto create = [&](int n) {
    v1::CreatePersonRequest req;
    req.set_parent(parent);
    *req.mutable_person() = DemoPerson(j, n);
    req.set_request_id(there.rid("person", n + 1));
    v1::Person out;
    Run("CreatePerson", [&](grpc::ClientContext* c) { return hr->CreatePerson(c, req, &out); });
    ++calls;
    calls += RecordDemoHiringSteps(there, out.name(), n, 1);
    return out;
  };
  auto hire = [&](const v1::Person& p, int n, bool, const common::v1::Date* date,
                  const std::string& step) {
    v1::HirePersonRequest req;
    req.set_name(p.name());
    req.set_unit(there.unit);
    req.set_dispatch_agreement(there.agreement);
    if (date != nullptr) *req.mutable_hire_date() = *date;
    req.set_request_id(there.rid(step, n + 1));
    v1::Person out;
    Run("HirePerson", [&](grpc::ClientContext* c) { return bureau->HirePerson(c, req, &out); });
    ++calls;
    return out;
  };
  calls += AppointDemoBackbone(there, create, hire);
  return calls;
}

}  // namespace auxpro::demo
