#include "services/personnel/events_handlers.h"

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/probation_evidence_rules.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;

// The person id of a `person` field that must lie in the event's jurisdiction.
StatusOr<std::string> PersonOf(const std::string& name, const std::string& j) {
  const std::string prefix = absl::StrCat("jurisdictions/", j, "/persons/");
  if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() ||
      name.find('/', prefix.size()) != std::string::npos) {
    return Invalid(
        absl::StrCat("event: person \"", name, "\" is not a person of jurisdiction ", j));
  }
  return name.substr(prefix.size());
}

}  // namespace

Status Events::Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const {
  const common::v1::Event& event = request.event();
  const std::string& j = event.jurisdiction();
  if (event.event_id().empty()) return Invalid("event.event_id: required");
  RETURN_IF_ERROR(ctx_.Policy(j).status());
  const std::string& type = event.event_type();
  if (type != assessment::v1::ProbationAssessmentResult::descriptor()->full_name()) {
    return Invalid(absl::StrCat("event_type: personnel does not consume \"", type, "\""));
  }
  if (event.producer() != "assessment") {
    return Invalid(absl::StrCat("event.producer: ", type,
                                " comes from the assessment service, not \"", event.producer(),
                                "\""));
  }
  assessment::v1::ProbationAssessmentResult in;
  if (!event.payload().UnpackTo(&in)) {
    return Invalid(absl::StrCat("event ", event.event_id(), ": payload is not a ", type));
  }
  ASSIGN_OR_RETURN(const std::string person_id, PersonOf(in.person(), j));
  v1::ProbationAssessment evidence;
  evidence.set_session(in.session());
  evidence.set_result(in.result());
  evidence.set_year(in.year());
  evidence.set_quarter(in.quarter());
  evidence.set_item(in.item());
  evidence.set_attempt(in.attempt());
  evidence.set_passed(in.passed());
  evidence.set_event_id(event.event_id());
  *evidence.mutable_record_time() = TimestampOf(call.now);
  RETURN_IF_ERROR(ValidateProbationAssessment(evidence, j, "ProbationAssessmentResult"));

  response->Clear();
  bool replayed = false;
  RETURN_IF_ERROR(ctx_.mutate.WithKey(
      call, j, event.event_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        auto rec = LoadPerson(tx, j, person_id, /*lock=*/true);
        if (absl::IsNotFound(rec.status())) {
          return Invalid(
              absl::StrCat("event ", event.event_id(), ": unknown person ", in.person()));
        }
        RETURN_IF_ERROR(rec.status());
        ASSIGN_OR_RETURN(rec->person, RecordProbationAssessment(rec->person, evidence));
        RETURN_IF_ERROR(store::UpdatePerson(tx, j, *rec, call.now).status());
        return in.person();
      },
      &replayed));
  response->set_duplicate(replayed);
  return absl::OkStatus();
}

}  // namespace auxpro::personnel
