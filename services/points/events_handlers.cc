#include "services/points/events_handlers.h"

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/grading/v1/events.pb.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/points/ledger_rules.h"
#include "services/points/ledger_store.h"
#include "services/points/personnel_client.h"

namespace auxpro::points {

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

template <typename Message>
StatusOr<Message> Unpack(const common::v1::Event& event) {
  Message m;
  if (!event.payload().UnpackTo(&m)) {
    return Invalid(absl::StrCat("event ", event.event_id(), ": payload is not a ",
                                Message::descriptor()->full_name()));
  }
  return m;
}

}  // namespace

Status Events::Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const {
  const common::v1::Event& event = request.event();
  const std::string& j = event.jurisdiction();
  if (event.event_id().empty()) return Invalid("event.event_id: required");
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const policy::v1::Points& points = policy->points();
  const std::string agency = absl::StrCat("SERVICE ", event.producer());
  const std::string& type = event.event_type();

  // Every event names one person; personnel must know them.
  std::string person_name;
  personnel::v1::PersonHired hired;
  personnel::v1::PersonExited exited;
  grading::v1::LevelChanged level_changed;
  assessment::v1::AnnualRatingFinalized rating;
  if (type == personnel::v1::PersonHired::descriptor()->full_name()) {
    ASSIGN_OR_RETURN(hired, Unpack<personnel::v1::PersonHired>(event));
    person_name = hired.person();
  } else if (type == personnel::v1::PersonTransferred::descriptor()->full_name()) {
    ASSIGN_OR_RETURN(auto t, Unpack<personnel::v1::PersonTransferred>(event));
    person_name = t.person();
  } else if (type == personnel::v1::PersonExited::descriptor()->full_name()) {
    ASSIGN_OR_RETURN(exited, Unpack<personnel::v1::PersonExited>(event));
    person_name = exited.person();
  } else if (type == grading::v1::LevelChanged::descriptor()->full_name()) {
    ASSIGN_OR_RETURN(level_changed, Unpack<grading::v1::LevelChanged>(event));
    person_name = level_changed.person();
    if (level_changed.level() < 0 || level_changed.level() > 5) {
      return Invalid(absl::StrCat("LevelChanged.level: must be 0 (revoked) to 5, got ",
                                  level_changed.level()));
    }
  } else if (type == assessment::v1::AnnualRatingFinalized::descriptor()->full_name()) {
    ASSIGN_OR_RETURN(rating, Unpack<assessment::v1::AnnualRatingFinalized>(event));
    person_name = rating.person();
    if (rating.year() < 1000 || rating.year() > 9999) {
      return Invalid(absl::StrCat("AnnualRatingFinalized.year: out of range, got ", rating.year()));
    }
  } else {
    return Invalid(absl::StrCat("event_type: points does not consume \"", type, "\""));
  }
  ASSIGN_OR_RETURN(const std::string person_id, PersonOf(person_name, j));
  // A person the ledger has never seen must be one personnel knows (asked once, on first sight).
  std::optional<store::Figures> seen;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(seen, store::GetFigures(tx, j, person_id));
    return absl::OkStatus();
  }));
  if (!seen) {
    absl::StatusOr<bool> known = IsEmployed(ctx_, j, person_id, nullptr);
    if (absl::IsNotFound(known.status())) {
      return Invalid(absl::StrCat("event ", event.event_id(), ": unknown person ", person_name));
    }
    RETURN_IF_ERROR(known.status());
  }

  const common::v1::Date today = DateOf(call.now);
  response->Clear();
  bool replayed = false;
  RETURN_IF_ERROR(ctx_.mutate.WithKey(
      call, j, event.event_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(store::Figures figures, store::LockPerson(tx, j, person_id, call.now));
        store::NewEntry base;
        base.deciding_agency = agency;
        base.request_id = event.event_id();
        base.effective_date = today;
        if (type == personnel::v1::PersonHired::descriptor()->full_name()) {
          // C.3: points start on entering the unit; a re-hire starts again from 0 (the exit's
          // closing entry cleared the balance).
          // The first hire opens the person's record (level 0 from the hire date); a re-hire
          // after an exit starts a new period from 0. A hire event for a person already employed
          // with a period changes nothing.
          const common::v1::Date start = IsUnset(hired.hire_date()) ? today : hired.hire_date();
          if (!figures.employed || (!figures.period_start && figures.entry_count == 0)) {
            RETURN_IF_ERROR(store::StartPeriod(
                tx, j, person_id, 0, start, figures.employed ? "HIRED" : "REHIRED",
                event.event_id(), figures, /*employed=*/true, call.now));
          }
        } else if (type == personnel::v1::PersonExited::descriptor()->full_name()) {
          // C.3: leaving clears the balance with one closing entry; the level is revoked.
          base.posting = DecideClosing(figures.balance);
          base.reason =
              absl::StrCat("exit: ", personnel::v1::ExitReason_Name(exited.exit_reason()));
          if (!IsUnset(exited.exit_date())) base.effective_date = exited.exit_date();
          RETURN_IF_ERROR(store::AppendEntry(tx, j, person_id, base, figures, call.now).status());
          RETURN_IF_ERROR(store::StartPeriod(tx, j, person_id, 0, base.effective_date, "EXITED",
                                             event.event_id(), figures, /*employed=*/false,
                                             call.now));
        } else if (type == grading::v1::LevelChanged::descriptor()->full_name()) {
          const common::v1::Date start =
              IsUnset(level_changed.effective_date()) ? today : level_changed.effective_date();
          RETURN_IF_ERROR(store::StartPeriod(tx, j, person_id, level_changed.level(), start,
                                             "LEVEL_CHANGED", event.event_id(), figures,
                                             figures.employed, call.now));
        } else if (type == assessment::v1::AnnualRatingFinalized::descriptor()->full_name()) {
          ASSIGN_OR_RETURN(bool inserted,
                           store::InsertRating(tx, j, person_id,
                                               {rating.year(), rating.top_grade(), figures.level},
                                               rating.annual_rating()));
          if (inserted) {  // a second event for the same year posts nothing
            ASSIGN_OR_RETURN(auto years, store::Ratings(tx, j, person_id));
            ASSIGN_OR_RETURN(auto tops,
                             store::YearsPosted(tx, j, person_id, points.annual_top_grade_rule()));
            ASSIGN_OR_RETURN(auto runs,
                             store::YearsPosted(tx, j, person_id, points.no_top_grade_rule()));
            for (const AnnualPosting& a : DecideAnnualRatings(points, years, tops, runs)) {
              store::NewEntry entry = base;
              entry.posting = a.posting;
              entry.matter_id = store::YearMatter(a.year);
              entry.reason = a.posting.kind == v1::ANNUAL_TOP_GRADE
                                 ? absl::StrCat("annual rating ", a.year, ": top grade (C.1 a)")
                                 : absl::StrCat("no top grade for ", points.no_top_grade_years(),
                                                " consecutive years up to ", a.year, " (C.2 a)");
              entry.evidence_ref = rating.annual_rating();
              RETURN_IF_ERROR(
                  store::AppendEntry(tx, j, person_id, entry, figures, call.now).status());
            }
          }
        }
        // PersonTransferred (C.3): balance and level period are kept; only the event is recorded.
        return person_name;
      },
      &replayed));
  response->set_duplicate(replayed);
  return absl::OkStatus();
}

}  // namespace auxpro::points
