#pragma once

// The grading sweep run by the server itself (--grading_sweep_interval_seconds;
// docs/grading-deadlines.md "The scheduler"): every interval, for every jurisdiction with a
// policy, the sweep of RunGradingSweep as of today (China Standard Time), page after page until
// done or the tick's bound. One replica sweeps a jurisdiction at a time (a named database lock);
// the sweep's own markers make any overlap with a call of the rpc harmless.

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/service/service_context.h"
#include "services/grading/deadlines_handlers.h"

namespace auxpro::grading {

struct SweepSchedulerOptions {
  // Time between ticks; zero: no scheduler (the default).
  std::chrono::milliseconds interval{0};
  // Items a page examines (the rpc's `limit`) and pages per jurisdiction per tick: a tick never
  // examines more than page_limit * max_pages items of a jurisdiction; the next tick goes on.
  int page_limit = 500;
  int max_pages = 20;
};

// Who the scheduler's sweeps are entered as: the SERVICE principal
// "SERVICE grading-sweep-scheduler@system" with actor "grading-sweep-scheduler", in the audit
// rows (method auxpro.grading.v1.Grading/RunGradingSweep, as for the rpc) and in the archive
// entries of what it sends (agency "SERVICE grading-sweep-scheduler").
inline constexpr char kSweepSchedulerActor[] = "grading-sweep-scheduler";
auth::Principal SweepSchedulerPrincipal();

// The outcome of one jurisdiction in one tick.
struct SweepTickOutcome {
  std::string jurisdiction;
  // The lock was held by another replica (or session): nothing was swept.
  bool locked_elsewhere = false;
  int pages = 0;
  int reminders_sent = 0;
  int escalations_sent = 0;
  int decisions_in_force = 0;
  // Items the sweep reported in `errors` (e.g. a year missing from the calendar).
  std::vector<std::string> errors;
  // The tick's bound was reached with items left: the next tick goes on.
  bool more = false;
  // A failure of the tick itself (database, lock); the next tick tries again.
  absl::Status status;
};

class SweepScheduler {
 public:
  SweepScheduler(const service::ServiceContext& ctx, SweepSchedulerOptions options);
  ~SweepScheduler();

  // Runs Tick at once and then every interval on a thread of its own until Stop(); does nothing
  // when the interval is zero.
  void Start();
  // Ends the loop (a tick in progress stops after its current page) and joins the thread.
  void Stop();
  // One tick over every jurisdiction of the policies, as of `now`'s day; logged and counted. A
  // pass cut off by the bound (`more`) goes on from there at the next tick of the same day. One
  // Tick at a time (the scheduler's thread, or a test without Start).
  std::vector<SweepTickOutcome> Tick(absl::Time now);

 private:
  SweepTickOutcome SweepJurisdiction(const std::string& j, absl::Time now);
  bool Stopping();

  const service::ServiceContext& ctx_;
  SweepSchedulerOptions options_;
  Deadlines deadlines_;
  // Where each jurisdiction's pass of the day stands (touched by one Tick at a time).
  struct Resume {
    CivilDate day;
    SweepCursor cursor;
  };
  std::map<std::string, Resume> resume_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace auxpro::grading
