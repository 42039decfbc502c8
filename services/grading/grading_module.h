#pragma once

#include <chrono>

#include "libs/service/module.h"

namespace auxpro::grading {

struct GradingModuleOptions {
  // --grading_sweep_interval_seconds: how often the server runs the grading sweep itself
  // (sweep_scheduler.h); zero: never, the sweep runs only when RunGradingSweep is called.
  std::chrono::milliseconds sweep_interval{0};
  // Items a scheduled page examines and pages per jurisdiction per tick.
  int sweep_page_limit = 500;
  int sweep_max_pages = 20;
};

// The grading service as a module of auxpro-server (--target=grading).
service::ModuleSpec GradingModule(GradingModuleOptions options = {});

}  // namespace auxpro::grading
