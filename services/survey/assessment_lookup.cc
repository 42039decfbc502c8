#include "services/survey/assessment_lookup.h"

#include <grpcpp/client_context.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "libs/common/errors.h"
#include "libs/db/columns.h"

namespace auxpro::survey {

namespace {
constexpr char kField[] = "campaign.assessment_session";
}  // namespace

absl::Status CheckAssessmentSession(service::PeerRouter* peers, const rpc::CallContext& call,
                                    const std::string& j, const std::string& session,
                                    const std::vector<std::string>& person_ids,
                                    absl::Duration deadline) {
  const std::string prefix = absl::StrCat("jurisdictions/", j, "/assessmentSessions/");
  if (!absl::StartsWith(session, prefix) || session.size() == prefix.size() ||
      session.find('/', prefix.size()) != std::string::npos) {
    return Invalid(absl::StrCat(kField, ": must be a session name ", prefix, "{id}"));
  }
  std::shared_ptr<assessment::v1::Assessment::Stub> stub;
  if (peers != nullptr) stub = peers->StubOf<assessment::v1::Assessment>("assessment");
  if (stub == nullptr) {
    return absl::UnavailableError("assessment service: no route to check the assessment session");
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  assessment::v1::GetAssessmentSessionRequest request;
  request.set_name(session);
  assessment::v1::AssessmentSession found;
  const grpc::Status status = stub->GetAssessmentSession(&context, request, &found);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return WithErrorInfo(Precondition(absl::StrCat(kField, ": no assessment session ", session)),
                         "ASSESSMENT_SESSION_NOT_FOUND", {{"session", session}});
  }
  if (!status.ok()) {
    return absl::UnavailableError(
        absl::StrCat("assessment service did not answer the session check (",
                     static_cast<int>(status.error_code()), ": ", status.error_message(), ")"));
  }
  if (call.principal.kind == common::v1::ASSESSOR && found.assessor() != call.principal.agency_id) {
    return WithErrorInfo(
        Precondition(absl::StrCat(kField, ": ", session,
                                  " is commissioned to another assessor; "
                                  "an assessor surveys only for the sessions it was commissioned "
                                  "for (7.3.1.5)")),
        "ASSESSOR_NOT_COMMISSIONED",
        {{"session", session}, {"assessor", call.principal.agency_id}});
  }
  std::set<std::string> participants;
  for (const auto& p : found.participants()) participants.insert(db::LastSegment(p.person()));
  for (size_t i = 0; i < person_ids.size(); ++i) {
    if (participants.count(person_ids[i])) continue;
    return WithErrorInfo(
        Precondition(absl::StrCat("campaign.auxiliaries[", i, "]: not a participant of ", session)),
        "NOT_A_SESSION_PARTICIPANT",
        {{"session", session},
         {"person", absl::StrCat("jurisdictions/", j, "/persons/", person_ids[i])}});
  }
  return absl::OkStatus();
}

}  // namespace auxpro::survey
