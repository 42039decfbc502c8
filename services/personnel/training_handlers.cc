#include "services/personnel/training_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/listing.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/resource_names.h"
#include "services/personnel/training_rules.h"
#include "services/personnel/training_store.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status ValidateTraining(const v1::TrainingRecord& in) {
  if (in.kind() == v1::TRAINING_KIND_UNSPECIFIED) {
    return Invalid("training_record.kind: required (PRE_JOB, ANNUAL or DRILL)");
  }
  RETURN_IF_ERROR(RequireDate(in.start_date(), "training_record.start_date"));
  if (in.days() < 0 || in.hours() < 0 || in.days() > 366 || in.hours() > 10000) {
    return Invalid("training_record.days/hours: out of range");
  }
  if (in.kind() == v1::DRILL ? in.hours() <= 0 : in.days() <= 0) {
    return Invalid(in.kind() == v1::DRILL ? "training_record.hours: a drill needs hours > 0"
                                          : "training_record.days: needs days > 0");
  }
  return LimitText(in.topic(), "training_record.topic", 255);
}

}  // namespace

Status Training::Record(const CallContext& call, const v1::RecordTrainingRequest& request,
                        v1::TrainingRecord* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.parent(), "persons", "parent"));
  RETURN_IF_ERROR(ValidateTraining(request.training_record()));
  if (const CivilDate today = FromProto(DateOf(call.now));
      FromProto(request.training_record().start_date()) > today) {
    // A record of training that has not begun would earn a permit (pre-job) or coverage.
    return Invalid(absl::StrCat("training_record.start_date: ",
                                FormatDate(FromProto(request.training_record().start_date())),
                                " is in the future (today is ", FormatDate(today), ")"));
  }
  v1::TrainingRecord in;
  in.set_kind(request.training_record().kind());
  in.set_topic(request.training_record().topic());
  *in.mutable_start_date() = request.training_record().start_date();
  in.set_days(request.training_record().days());
  in.set_hours(request.training_record().hours());
  in.set_passed(request.training_record().passed());
  const std::string id = NewId("t-");
  const std::string& j = ref.jurisdiction;
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::TrainingRecord> {
        ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ref.id, false));
        if (rec.person.state() == v1::EXITED) {
          return WithErrorInfo(Precondition(absl::StrCat(rec.person.name(), " has exited")),
                               "PERSON_EXITED",
                               {{"exit_date", FormatDate(FromProto(rec.person.exit_date()))}});
        }
        return store::InsertTraining(tx, j, ref.id, id, in, call.now);
      });
}

Status Training::List(const CallContext& call, const v1::ListTrainingRecordsRequest& request,
                      v1::ListTrainingRecordsResponse* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.parent(), "persons", "parent"));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), request.parent(), response,
      [&](db::Transaction& tx, const std::string& after,
          int limit) -> StatusOr<std::vector<v1::TrainingRecord>> {
        RETURN_IF_ERROR(LoadPerson(tx, ref.jurisdiction, ref.id, false));
        return store::ListTraining(tx, ref.jurisdiction, ref.id, after, limit);
      },
      [](const v1::TrainingRecord& t) { return service::IdOf(t); },
      [&](const v1::TrainingRecord& t) { *response->add_training_records() = t; });
}

Status Training::Coverage(const CallContext& call, const v1::GetTrainingCoverageRequest& request,
                          v1::TrainingCoverage* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  if (request.year() < 2000 || request.year() > 2200) {
    return Invalid(absl::StrCat("year: required, 2000-2200; got ", request.year()));
  }
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto ids, store::ListMemberIds(tx, j));
    ASSIGN_OR_RETURN(auto training, store::TrainingForRules(tx, j, ids));
    std::vector<CoverageInput> inputs;
    for (const std::string& id : ids) inputs.push_back({PersonName(j, id), training[id]});
    const personnel::Coverage c = TrainingCoverage(*policy, request.year(), inputs);
    response->Clear();
    response->set_year(request.year());
    response->set_required(c.required);
    response->set_covered(c.covered);
    response->set_percent(c.percent);
    response->set_target_percent(
        static_cast<int32_t>(policy->training().annual_coverage_percent()));
    response->set_target_met(c.target_met);
    for (const auto& m : c.missing) response->add_missing(m);
    return absl::OkStatus();
  });
}

}  // namespace auxpro::personnel
