#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace auxpro::rpc {

// A fixed set of threads with a bounded queue, for the blocking work (database calls) of callback
// handlers, which must not block gRPC's own threads. When the queue is full, TrySubmit refuses and
// the handler answers RESOURCE_EXHAUSTED instead of queueing without bound.
class WorkPool {
 public:
  WorkPool(int threads, int queue_capacity);
  ~WorkPool();  // finishes queued work, then joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  bool TrySubmit(std::function<void()> work);

  // Work waiting in the queue, and its capacity (for metrics).
  size_t queued() const;
  size_t capacity() const { return capacity_; }

 private:
  void Run();
  const size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Handlers that only read their own database may run on gRPC's thread instead of the pool
// (unary.h, Offload with inline_ok), at most this many at once in the process and only while the
// guard allows (inline_guard.h: no call waits for a database connection); the others go to the
// pool. gRPC has few callback threads (2 on 2 cores), shared by every module and health: a limit
// of at least that many can hold them all during a slow read. 0: never inline. Set once at start
// (auxpro-server --inline_reads).
void SetInlineLimit(int limit);
int InlineLimit();
// true (and a slot taken) when fewer than the limit run inline now; LeaveInline frees the slot.
bool TryEnterInline();
void LeaveInline();

}  // namespace auxpro::rpc
