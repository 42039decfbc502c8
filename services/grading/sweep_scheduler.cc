#include "services/grading/sweep_scheduler.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <algorithm>
#include <cstdio>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/db/named_lock.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace auxpro::grading {

namespace {

constexpr char kSweepMethod[] = "auxpro.grading.v1.Grading/RunGradingSweep";

struct SweepMetrics {
  explicit SweepMetrics(prometheus::Registry& r)
      : ticks(prometheus::BuildCounter()
                  .Name("auxpro_grading_sweep_ticks_total")
                  .Help("Scheduled grading sweeps by jurisdiction and result (swept, "
                        "locked_elsewhere, failed)")
                  .Register(r)),
        actions(prometheus::BuildCounter()
                    .Name("auxpro_grading_sweep_actions_total")
                    .Help("What scheduled grading sweeps did, by jurisdiction and action "
                          "(DEADLINE_REMINDER, DEADLINE_ESCALATION, TAKE_EFFECT)")
                    .Register(r)),
        errors(prometheus::BuildCounter()
                   .Name("auxpro_grading_sweep_errors_total")
                   .Help("Items scheduled grading sweeps could not count (e.g. a year missing "
                         "from the working-day calendar), by jurisdiction")
                   .Register(r)),
        last_success(prometheus::BuildGauge()
                         .Name("auxpro_grading_sweep_last_success_timestamp_seconds")
                         .Help("Unix time of the last scheduled grading sweep of a jurisdiction "
                               "that ran without failing")
                         .Register(r)) {}
  prometheus::Family<prometheus::Counter>& ticks;
  prometheus::Family<prometheus::Counter>& actions;
  prometheus::Family<prometheus::Counter>& errors;
  prometheus::Family<prometheus::Gauge>& last_success;
};

SweepMetrics& Metrics() {
  static SweepMetrics* m = new SweepMetrics(*metrics::Registry());
  return *m;
}

// "sched-1a2b3c4d-1764685440123456-3": unique per jurisdiction (a hash of its id: two replicas
// paging different jurisdictions in the same microsecond never share one), time and page; at
// most 36 characters.
std::string RequestIdOf(const std::string& jurisdiction, absl::Time now, int page) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "sched-%08x-%lld-%d",
                static_cast<unsigned>(absl::Hash<std::string>{}(jurisdiction) & 0xffffffffu),
                static_cast<long long>(absl::ToUnixMicros(now)), page);
  return buf;
}

void Record(const SweepTickOutcome& o, absl::Time now, CivilDate as_of) {
  SweepMetrics& m = Metrics();
  const std::string result =
      !o.status.ok() ? "failed" : (o.locked_elsewhere ? "locked_elsewhere" : "swept");
  m.ticks.Add({{"jurisdiction", o.jurisdiction}, {"result", result}}).Increment();
  auto& reminders =
      m.actions.Add({{"jurisdiction", o.jurisdiction}, {"action", "DEADLINE_REMINDER"}});
  auto& escalations =
      m.actions.Add({{"jurisdiction", o.jurisdiction}, {"action", "DEADLINE_ESCALATION"}});
  auto& in_force = m.actions.Add({{"jurisdiction", o.jurisdiction}, {"action", "TAKE_EFFECT"}});
  reminders.Increment(o.reminders_sent);
  escalations.Increment(o.escalations_sent);
  in_force.Increment(o.decisions_in_force);
  m.errors.Add({{"jurisdiction", o.jurisdiction}}).Increment(static_cast<double>(o.errors.size()));
  if (o.status.ok() && !o.locked_elsewhere) {
    m.last_success.Add({{"jurisdiction", o.jurisdiction}})
        .Set(static_cast<double>(absl::ToUnixSeconds(now)));
  }
  logging::Fields f;
  f.Str("jurisdiction", o.jurisdiction)
      .Str("as_of", FormatDate(as_of))
      .Str("result", result)
      .Int("pages", o.pages)
      .Int("reminders_sent", o.reminders_sent)
      .Int("escalations_sent", o.escalations_sent)
      .Int("decisions_in_force", o.decisions_in_force)
      .Int("errors", static_cast<int64_t>(o.errors.size()))
      .Bool("more", o.more);
  if (!o.errors.empty()) f.Str("first_error", o.errors.front());
  if (!o.status.ok()) {
    f.Str("code", absl::StatusCodeToString(o.status.code())).Str("error", o.status.message());
    logging::Warn("grading", "sweep tick failed, retrying next tick", f);
  } else if (!o.errors.empty()) {
    logging::Warn("grading", "sweep tick", f);
  } else {
    logging::Info("grading", "sweep tick", f);
  }
}

}  // namespace

auth::Principal SweepSchedulerPrincipal() {
  auth::Principal p;
  p.jurisdiction = auth::kSystemJurisdiction;
  p.kind = common::v1::SERVICE;
  p.agency_id = kSweepSchedulerActor;
  p.spiffe_id = absl::StrCat("spiffe://auxpro/", auth::kSystemJurisdiction, "/SERVICE/",
                             kSweepSchedulerActor);
  p.actor = kSweepSchedulerActor;
  return p;
}

SweepScheduler::SweepScheduler(const service::ServiceContext& ctx, SweepSchedulerOptions options)
    : ctx_(ctx), options_(options), deadlines_(ctx) {}

SweepScheduler::~SweepScheduler() { Stop(); }

void SweepScheduler::Start() {
  std::lock_guard lock(mu_);
  if (options_.interval.count() <= 0 || thread_.joinable()) return;
  stop_ = false;
  logging::Info("grading", "sweep scheduler started",
                logging::Fields()
                    .Int("interval_ms", options_.interval.count())
                    .Int("page_limit", options_.page_limit)
                    .Int("max_pages", options_.max_pages));
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      Tick(absl::Now());
      lock.lock();
      cv_.wait_for(lock, options_.interval, [this] { return stop_; });
    }
  });
}

void SweepScheduler::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    thread = std::move(thread_);
  }
  cv_.notify_all();
  if (thread.joinable()) {
    thread.join();
    logging::Info("grading", "sweep scheduler stopped");
  }
}

bool SweepScheduler::Stopping() {
  std::lock_guard lock(mu_);
  return stop_;
}

std::vector<SweepTickOutcome> SweepScheduler::Tick(absl::Time now) {
  std::vector<SweepTickOutcome> outcomes;
  const CivilDate as_of = FromProto(DateOf(now));
  for (const std::string& j : ctx_.policies.Jurisdictions()) {
    if (Stopping()) break;
    outcomes.push_back(SweepJurisdiction(j, now));
    Record(outcomes.back(), now, as_of);
  }
  return outcomes;
}

SweepTickOutcome SweepScheduler::SweepJurisdiction(const std::string& j, absl::Time now) {
  SweepTickOutcome out;
  out.jurisdiction = j;
  // The lock lives with one connection's session while the pages run on other connections. One
  // lock per schema and jurisdiction (named locks are server-wide): replicas of one deployment
  // share it, another deployment's schema on the same server does not.
  auto lock = db::NamedLock::TryAcquire(ctx_.pool, "auxpro_grading_sweep.", absl::StrCat(".", j));
  if (!lock.ok()) {
    out.status = lock.status();
    return out;
  }
  if (*lock == nullptr) {
    out.locked_elsewhere = true;
    return out;
  }
  const common::v1::Date day = DateOf(now);
  v1::RunGradingSweepRequest request;
  request.set_parent(absl::StrCat("jurisdictions/", j));
  *request.mutable_as_of() = day;
  request.set_limit(options_.page_limit);
  rpc::CallContext call{SweepSchedulerPrincipal(), kSweepMethod, now};
  // A pass that hit the tick's bound goes on from where it stopped on the same day; a new day (or
  // a finished pass) starts from the first item.
  Resume& resume = resume_[j];
  if (resume.day != FromProto(day)) resume = {FromProto(day), SweepCursor{}};
  SweepCursor& cursor = resume.cursor;
  for (int page = 0; page < options_.max_pages; ++page) {
    if (page > 0 && Stopping()) {
      out.more = true;
      break;
    }
    call.now = std::max(now, absl::Now());
    request.set_request_id(RequestIdOf(j, call.now, page));
    v1::RunGradingSweepResponse response;
    absl::Status s = deadlines_.SweepFrom(call, request, &cursor, /*write_when_idle=*/false,
                                          &response);
    if (!s.ok()) {
      out.status = s;
      break;
    }
    ++out.pages;
    out.reminders_sent += response.reminders_sent();
    out.escalations_sent += response.escalations_sent();
    out.decisions_in_force += response.decisions_in_force();
    for (const auto& e : response.errors()) out.errors.push_back(e);
    if (!response.more()) {
      cursor = SweepCursor{};
      break;
    }
    if (page + 1 == options_.max_pages) out.more = true;
  }
  if (!(*lock)->Release()) {
    logging::Warn("grading", "sweep lock release failed; connection closed",
                  logging::Fields().Str("jurisdiction", j));
  }
  return out;
}

}  // namespace auxpro::grading
