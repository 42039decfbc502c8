#include "services/assessment/daily_handlers.h"

#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/assessment/daily_rules.h"
#include "services/assessment/daily_store.h"
#include "services/assessment/pay_rules.h"
#include "services/assessment/resource_names.h"
#include "services/assessment/standing_store.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// "yyyy-mm-dd" -> a valid date.
std::optional<CivilDate> ParseDay(const std::string& s) {
  std::vector<std::string> parts = absl::StrSplit(s, '-');
  CivilDate d;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &d.year) ||
      !absl::SimpleAtoi(parts[1], &d.month) || !absl::SimpleAtoi(parts[2], &d.day) ||
      !IsValidCivilDate(d)) {
    return std::nullopt;
  }
  return d;
}

}  // namespace

Status Daily::Create(const CallContext& call, const v1::CreateDailyRecordRequest& request,
                     v1::DailyRecord* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  const v1::DailyRecord& in = request.daily_record();
  RETURN_IF_ERROR(CheckDailyRecord(in, FromProto(DateOf(call.now))));
  std::string unit_id, person_id;
  if (IsPersonRecord(in.kind())) {
    ASSIGN_OR_RETURN(person_id, auth::ScopeOfReference(call.principal, in.person(), "persons",
                                                       "daily_record.person", j));
    ASSIGN_OR_RETURN(auto person,
                     personnel_.EmployedPerson(PersonName(j, person_id), "daily_record.person"));
    ASSIGN_OR_RETURN(
        unit_id, auth::ScopeOfReference(call.principal, person.unit(), "units", "person.unit", j));
  } else {
    ASSIGN_OR_RETURN(unit_id, auth::ScopeOfReference(call.principal, in.unit(), "units",
                                                     "daily_record.unit", j));
    RETURN_IF_ERROR(personnel_.Unit(j, UnitName(j, unit_id)).status());
  }
  v1::DailyRecord row;
  row.set_kind(in.kind());
  *row.mutable_date() = in.date();
  row.set_hours(in.hours());
  row.set_days(in.days());
  row.set_passed(in.passed());
  row.set_note(in.note());
  row.set_reference(in.reference());
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  RETURN_IF_ERROR(CheckRecordDeduction(policy->assessment(), in));
  row.set_deduction_fen(in.deduction_fen());
  const std::string id = NewId("d-");
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> StatusOr<v1::DailyRecord> {
                       return store::InsertDaily(tx, j, id, unit_id, person_id, row, call.now);
                     });
}

Status Daily::List(const CallContext& call, const v1::ListDailyRecordsRequest& request,
                   v1::ListDailyRecordsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(auto terms, service::ParseFilter(request.filter(), {"unit", "person", "kind"}));
  store::DailyFilter filter;
  if (terms.contains("unit")) {
    ASSIGN_OR_RETURN(filter.unit_id, auth::ScopeOfReference(call.principal, terms["unit"], "units",
                                                            "filter unit", j));
  }
  if (terms.contains("person")) {
    ASSIGN_OR_RETURN(filter.person_id, auth::ScopeOfReference(call.principal, terms["person"],
                                                              "persons", "filter person", j));
  }
  if (terms.contains("kind")) {
    v1::DailyRecordKind kind;
    if (!v1::DailyRecordKind_Parse(terms["kind"], &kind) ||
        kind == v1::DAILY_RECORD_KIND_UNSPECIFIED) {
      return Invalid(absl::StrCat("filter: kind \"", terms["kind"], "\" is not a record kind"));
    }
    filter.kind = kind;
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListDaily(tx, j, filter, after, limit);
      },
      [](const v1::DailyRecord& d) { return service::IdOf(d); },
      [&](const v1::DailyRecord& d) { *response->add_daily_records() = d; });
}

Status Daily::Weekly(const CallContext& call, const v1::GetWeeklyReportRequest& request,
                     v1::WeeklyReport* response) const {
  const size_t at = request.name().find("/weeklyReports/");
  std::optional<CivilDate> day;
  if (at != std::string::npos) {
    day = ParseDay(request.name().substr(at + std::string("/weeklyReports/").size()));
  }
  if (!day) {
    return Invalid(absl::StrCat("name: \"", request.name(),
                                "\" is not of the form jurisdictions/<jurisdiction>/units/<unit>/"
                                "weeklyReports/<yyyy-mm-dd>"));
  }
  ASSIGN_OR_RETURN(auto unit,
                   auth::ScopeOfName(call.principal, request.name().substr(0, at), "units"));
  const std::string& j = unit.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  RETURN_IF_ERROR(personnel_.Unit(j, UnitName(j, unit.id)).status());
  const CivilDate monday = WeekStart(*day);
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto facts, store::UnitFacts(tx, j, unit.id, monday, AddDays(monday, 6)));
    *response = BuildWeeklyReport(*policy, monday, facts);
    response->set_name(WeeklyReportName(j, unit.id, FormatDate(monday)));
    return absl::OkStatus();
  });
}

Status Daily::Flags(const CallContext& call, const v1::ListDismissalFlagsRequest& request,
                    v1::ListDismissalFlagsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  if (request.year() < 2000 || request.year() > 2200) {
    return Invalid(absl::StrCat("year: required, 2000-2200; got ", request.year()));
  }
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  // shanxi art. 24(7); 0 where a jurisdiction has no such rule.
  const uint32_t retakes = policy->assessment().failed_training_retakes();
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto facts, store::PersonFacts(tx, j, CivilDate{request.year() - 1, 1, 1},
                                                    CivilDate{request.year(), 12, 31}));
    const int run = static_cast<int>(policy->daily_management().consecutive_bottom_grade_years());
    ASSIGN_OR_RETURN(auto ratings,
                     store::FinalRatingsBetween(tx, j, request.year() - run + 1, request.year()));
    response->Clear();
    for (auto& flag : DismissalFlags(policy->daily_management(), retakes, request.year(), facts)) {
      *response->add_flags() = std::move(flag);
    }
    for (auto& flag : BottomGradeFlags(*policy, request.year(), ratings)) {
      *response->add_flags() = std::move(flag);
    }
    return absl::OkStatus();
  });
}

}  // namespace auxpro::assessment
