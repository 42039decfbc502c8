#include "services/grading/deadlines_handlers.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/service/listing.h"
#include "libs/service/pagination.h"
#include "services/grading/deadline_rules.h"
#include "services/grading/flow.h"
#include "services/grading/flow_rules.h"
#include "services/grading/flow_store.h"
#include "services/grading/grading_store.h"
#include "services/grading/level_changes.h"

namespace auxpro::grading {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// Holds examined per query while filling a page.
constexpr int kScanChunk = 500;

struct OverdueRow {
  std::string key;  // the hold id, zero-padded
  v1::OverdueApplication row;
};

std::string KeyOf(int64_t id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(id));
  return buf;
}

}  // namespace

StatusOr<CivilDate> AsOfDay(const common::v1::Date& as_of, absl::Time now,
                            const std::string& field) {
  const CivilDate today = FromProto(DateOf(now));
  if (IsUnset(as_of)) return today;
  if (!IsValidDate(as_of)) return Invalid(absl::StrCat(field, ": not a calendar date"));
  const CivilDate day = FromProto(as_of);
  if (today < day) {
    return Invalid(absl::StrCat(field, ": ", FormatDate(day), " is after today (",
                                FormatDate(today),
                                "); nothing is counted or takes effect ahead of time"));
  }
  return day;
}

Status Deadlines::ListOverdue(const CallContext& call,
                              const v1::ListOverdueApplicationsRequest& request,
                              v1::ListOverdueApplicationsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (!common::v1::AgencyKind_IsValid(request.holder())) return Invalid("holder: unknown value");
  ASSIGN_OR_RETURN(const CivilDate as_of, AsOfDay(request.as_of(), call.now, "as_of"));
  const WorkingDayCalendar calendar = CalendarOf(*policy);
  // The day itself must be countable: a year missing from the calendar is refused here.
  RETURN_IF_ERROR(IsWorkingDay(calendar, as_of).status());
  const int holder = static_cast<int>(request.holder());
  RETURN_IF_ERROR(service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(),
      absl::StrCat(j, "|", holder, "|", request.include_due_soon(), "|", FormatDate(as_of)),
      response,
      [&](db::Transaction& tx, const std::string& after,
          int limit) -> StatusOr<std::vector<OverdueRow>> {
        int64_t after_id = 0;
        if (!after.empty() && !absl::SimpleAtoi(after, &after_id)) {
          return Invalid("page_token: malformed");
        }
        std::vector<OverdueRow> out;
        while (static_cast<int>(out.size()) < limit) {
          ASSIGN_OR_RETURN(auto holds,
                           store::ListOpenHolds(tx, j, after_id, kScanChunk, holder, false));
          for (const auto& h : holds) {
            after_id = h.id;
            if (as_of < h.since) continue;
            StatusOr<StepDeadline> where = ReviewHold(*policy, calendar, h, as_of);
            if (!where.ok() || !where->has_limit) continue;
            v1::OverdueApplication r;
            if (where->overdue) {
              r.set_status(v1::OverdueApplication::OVERDUE);
            } else if (request.include_due_soon() && where->reminder_window) {
              r.set_status(v1::OverdueApplication::DUE_SOON);
            } else {
              continue;
            }
            r.set_application(store::ApplicationName(j, h.application_id));
            r.set_person(store::PersonName(j, h.person_id));
            *r.mutable_step() = StepDeadlineOf(HoldOf(h), *where,
                                               {h.reminder_sent, h.escalation_sent},
                                               h.objection_id);
            r.set_working_days_overdue(where->working_days_overdue);
            r.set_working_days_used(where->working_days_used);
            out.push_back({KeyOf(h.id), std::move(r)});
            if (static_cast<int>(out.size()) >= limit) break;
          }
          if (static_cast<int>(holds.size()) < kScanChunk) break;
        }
        return out;
      },
      [](const OverdueRow& r) { return r.key; },
      [&](const OverdueRow& r) { *response->add_applications() = r.row; }));
  *response->mutable_as_of() = ToProto(as_of);
  return absl::OkStatus();
}

namespace {

// A pass's place as a page token bound to the parent: "<after_hold>|<holds_done>|<after_notice>".
std::string CursorToken(const SweepCursor& c, const std::string& parent) {
  return service::EncodePageToken(
      absl::StrCat(c.after_hold, "|", c.holds_done ? 1 : 0, "|", c.after_notice), parent);
}

StatusOr<SweepCursor> CursorOfToken(const std::string& token, const std::string& parent) {
  ASSIGN_OR_RETURN(const std::string key, service::DecodePageToken(token, parent));
  SweepCursor c;
  if (key.empty()) return c;
  const std::vector<std::string> parts = absl::StrSplit(key, absl::MaxSplits('|', 2));
  int holds_done = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &c.after_hold) ||
      !absl::SimpleAtoi(parts[1], &holds_done)) {
    return Invalid("page_token: not a token of this sweep");
  }
  c.holds_done = holds_done != 0;
  c.after_notice = parts[2];
  return c;
}

}  // namespace

Status Deadlines::Sweep(const CallContext& call, const v1::RunGradingSweepRequest& request,
                        v1::RunGradingSweepResponse* response) const {
  ASSIGN_OR_RETURN(SweepCursor cursor, CursorOfToken(request.page_token(), request.parent()));
  return SweepFrom(call, request, &cursor, /*write_when_idle=*/true, response);
}

Status Deadlines::SweepFrom(const CallContext& call, const v1::RunGradingSweepRequest& request,
                            SweepCursor* cursor, bool write_when_idle,
                            v1::RunGradingSweepResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(const CivilDate as_of, AsOfDay(request.as_of(), call.now, "as_of"));
  if (request.limit() < 0 || request.limit() > 5000) {
    return Invalid(absl::StrCat("limit: 0 (500) to 5000, got ", request.limit()));
  }
  const int limit = request.limit() == 0 ? 500 : request.limit();
  const Actor by = ActorOf(call);
  const SweepCursor start = *cursor;
  SweepCursor reached = start;  // unchanged when the response is a replay
  bool idle = false;
  Status done = ctx_.mutate.WithKey(
      call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        // From `start` each time: the mutator runs this again after a deadlock.
        reached = start;
        response->Clear();
        *response->mutable_as_of() = ToProto(as_of);
        RETURN_IF_ERROR(SweepPage(tx, *policy, j, as_of, limit, by, &reached, response));
        if (response->more()) {
          response->set_next_page_token(CursorToken(reached, request.parent()));
        }
        if (!write_when_idle && response->actions_size() == 0 &&
            reached.after_notice == start.after_notice) {
          idle = true;
          return absl::CancelledError("idle sweep page: rolled back");
        }
        return request.parent();
      });
  if (idle) done = absl::OkStatus();
  if (done.ok()) *cursor = reached;
  return done;
}

}  // namespace auxpro::grading
