// Fuzz target: every request of auxpro.grading.v1.Grading (tests/fuzz/service_requests.h), then
// the rules its handlers run (services/grading: levels, the requirement check with every read
// unavailable, the application workflow from each state, the notice batch).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "services/grading/application_rules.h"
#include "services/grading/check_rules.h"
#include "services/grading/flow_rules.h"
#include "services/grading/notice_rules.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/service_requests.h"

namespace auxpro::fuzz {
namespace {

namespace v1 = ::auxpro::grading::v1;

void CheckRuleStatus(const absl::Status& s) { FUZZ_CHECK_RULE(s); }

grading::Actor By(common::v1::AgencyKind kind) {
  grading::Actor by;
  by.kind = kind;
  by.agency = common::v1::AgencyKind_Name(kind) + " wenjiang-agency";
  by.actor = "fuzz";
  by.now = absl::FromUnixSeconds(1781500000);
  return by;
}

// Every transition of the workflow from every state, for `app` as if the store held it.
void Workflow(const v1::Application& in, v1::Outcome outcome, const std::string& reason) {
  const auto& grading = Wenjiang().grading();
  for (int state = v1::Application::DRAFT; state <= v1::Application::WITHDRAWN; ++state) {
    v1::Application app = in;
    app.set_state(static_cast<v1::Application::State>(state));
    (void)grading::HoldsOf(app);
    (void)grading::IsFinal(app);
    (void)grading::ChangesLevelAtDecision(app);
    CheckRuleStatus(grading::OtherApplicationOpen("jurisdictions/wenjiang/persons/p-1", app));
    for (auto kind : {common::v1::ENFORCEMENT_BUREAU, common::v1::HR_COMPANY,
                      common::v1::ESTABLISHMENT_OFFICE}) {
      const grading::Actor by = By(kind);
      CheckRuleStatus(grading::Submit(app, v1::RequirementCheck(), by).status());
      CheckRuleStatus(grading::PassQualificationReview(app, by).status());
      CheckRuleStatus(grading::Decide(app, outcome, reason, v1::RequirementCheck(), by).status());
      CheckRuleStatus(grading::Return(app, by).status());
      CheckRuleStatus(grading::Withdraw(app, by).status());
      CheckRuleStatus(grading::File(app, by).status());
      CheckRuleStatus(grading::Publish(app, "jurisdictions/wenjiang/resultNotices/n-1", by).status());
      CheckRuleStatus(grading::ReopenForEvaluation(app, by).status());
      CheckRuleStatus(grading::CheckDecidingBody(app.deciding_body(), kind, app.name(),
                                                 app.target_level()));
    }
  }
  for (int from = 0; from <= 5; ++from) {
    CheckRuleStatus(grading::DecideLevelChange(grading, from, from, in.target_level(),
                                               v1::PROMOTED, reason, in.name(),
                                               By(common::v1::ESTABLISHMENT_OFFICE))
                        .status());
  }
}

void ServiceRules(const std::string& method, const google::protobuf::Message& request) {
  const policy::v1::Policy& policy = Wenjiang();
  if (const auto* r = As<v1::CheckRequirementsRequest>(request)) {
    absl::StatusOr<const policy::v1::LevelRequirement*> level =
        grading::LevelOf(policy.grading(), r->target_level());
    CheckRuleStatus(level.status());
    // The handler scopes `person` first (a name of this jurisdiction), then asks the rules.
    if (!auth::ScopeOfName(Caller(common::v1::ENFORCEMENT_BUREAU), r->person(), "persons").ok()) {
      return;
    }
    for (int current = 0; current <= 5; ++current) {
      (void)grading::NextLevel(policy.grading(), current);
      CheckRuleStatus(
          grading::CheckOneLevelAtATime(policy.grading(), r->person(), current, r->target_level()));
    }
    if (!level.ok()) return;
    grading::CheckFacts facts;  // every read unavailable
    facts.person = r->person();
    facts.date = ToProto(kToday);
    const v1::RequirementCheck check = grading::EvaluateRequirements(policy, facts,
                                                                     r->target_level());
    CheckRuleStatus(grading::RequirePassed(check));
  } else if (const auto* r = As<v1::CreateApplicationRequest>(request)) {
    // The store holds names it made: the application as the store would return it.
    v1::Application app = r->application();
    app.set_name("jurisdictions/wenjiang/applications/a-1");
    if (!auth::ScopeOfReference(Caller(common::v1::ENFORCEMENT_BUREAU), app.person(), "persons",
                                "application.person", "wenjiang")
             .ok()) {
      return;
    }
    Workflow(app, v1::APPROVE, "fuzz");
  } else if (const auto* r = As<v1::DecideApplicationRequest>(request)) {
    if (r->outcome() != v1::APPROVE && r->outcome() != v1::REJECT) return;
    if (!auth::ScopeOfName(Caller(common::v1::ENFORCEMENT_BUREAU), r->name(), "applications")
             .ok()) {
      return;  // the handler scopes the name first
    }
    v1::Application app;
    app.set_name(r->name());
    app.set_person("jurisdictions/wenjiang/persons/p-1");
    app.set_target_level(5);
    app.set_deciding_body(policy::v1::BUREAU_AND_HR_COMPANY);
    Workflow(app, r->outcome(), r->reason());
  } else if (const auto* r = As<v1::PublishResultNoticeRequest>(request)) {
    const std::vector<std::string> decisions(r->result_notice().applications().begin(),
                                             r->result_notice().applications().end());
    CheckRuleStatus(grading::CheckNoticeBatch(decisions));
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const google::protobuf::ServiceDescriptor& service =
      auxpro::fuzz::ServiceOf(*auxpro::grading::v1::CheckRequirementsRequest::descriptor(),
                              "auxpro.grading.v1.Grading");
  auxpro::fuzz::RunRequest(service, data, size,
                           auxpro::fuzz::ServiceRules);
  return 0;
}
