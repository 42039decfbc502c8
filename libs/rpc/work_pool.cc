#include "libs/rpc/work_pool.h"

#include "libs/rpc/inline_guard.h"

namespace auxpro::rpc {

WorkPool::WorkPool(int threads, int queue_capacity) : capacity_(queue_capacity) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkPool::~WorkPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkPool::TrySubmit(std::function<void()> work) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(work));
  }
  cv_.notify_one();
  return true;
}

size_t WorkPool::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkPool::Run() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

namespace {
std::atomic<int> inline_limit{4};
std::atomic<int> inline_running{0};
std::function<bool()>& InlineGuard() {
  static auto* guard = new std::function<bool()>();
  return *guard;
}
}  // namespace

void SetInlineGuard(std::function<bool()> guard) { InlineGuard() = std::move(guard); }

void SetInlineLimit(int limit) { inline_limit.store(limit < 0 ? 0 : limit); }
int InlineLimit() { return inline_limit.load(); }

bool TryEnterInline() {
  const int limit = inline_limit.load(std::memory_order_relaxed);
  if (limit <= 0) return false;
  if (const auto& guard = InlineGuard(); guard && !guard()) return false;
  int running = inline_running.load(std::memory_order_relaxed);
  while (running < limit) {
    if (inline_running.compare_exchange_weak(running, running + 1, std::memory_order_acquire)) {
      return true;
    }
  }
  return false;
}

void LeaveInline() { inline_running.fetch_sub(1, std::memory_order_release); }

namespace {
thread_local bool in_bound_read = false;
}  // namespace

BoundReadScope::BoundReadScope() : outer_(in_bound_read) { in_bound_read = true; }
BoundReadScope::~BoundReadScope() { in_bound_read = outer_; }
bool InBoundRead() { return in_bound_read; }

}  // namespace auxpro::rpc
