// Unit tests of libs/rpc/work_pool: work pool.

#include "libs/rpc/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>

#include "libs/rpc/inline_guard.h"

namespace auxpro {
namespace {

TEST(WorkPool, TrySubmitRefusesWhenTheQueueIsFull) {
  std::latch started(1);
  std::latch release(1);
  std::atomic<int> ran{0};
  {
    rpc::WorkPool pool(/*threads=*/1, /*queue_capacity=*/2);
    ASSERT_TRUE(pool.TrySubmit([&] {
      started.count_down();
      release.wait();
      ++ran;
    }));
    started.wait();  // the only thread is busy and the queue is empty
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // queue holds 2: refused
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
    release.count_down();
  }  // destructor finishes the queued work
  EXPECT_EQ(ran.load(), 3);
}

TEST(WorkPool, AcceptsAgainOnceTheQueueDrains) {
  rpc::WorkPool pool(/*threads=*/1, /*queue_capacity=*/1);
  std::latch first_started(1);
  std::latch release(1);
  ASSERT_TRUE(pool.TrySubmit([&] {
    first_started.count_down();
    release.wait();
  }));
  first_started.wait();
  std::latch second_started(1);
  std::latch release_second(1);
  ASSERT_TRUE(pool.TrySubmit([&] {
    second_started.count_down();
    release_second.wait();
  }));
  EXPECT_FALSE(pool.TrySubmit([] {}));
  release.count_down();
  second_started.wait();  // taken off the queue: room for one again
  std::latch third_ran(1);
  EXPECT_TRUE(pool.TrySubmit([&] { third_ran.count_down(); }));
  release_second.count_down();
  third_ran.wait();
}

TEST(WorkPool, RunsWorkOnSeveralThreadsAtOnce) {
  // Each task waits (for at most 5 s) until all three are running at once: with fewer threads
  // some task sees fewer, and the test fails instead of hanging.
  std::atomic<int> running{0}, saw_all{0}, finished{0};
  {
    rpc::WorkPool pool(/*threads=*/3, /*queue_capacity=*/3);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(pool.TrySubmit([&] {
        ++running;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (running.load() < 3 && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (running.load() == 3) ++saw_all;
        ++finished;
      }));
    }
  }  // the destructor finishes the (bounded) tasks
  EXPECT_EQ(finished.load(), 3);
  EXPECT_EQ(saw_all.load(), 3) << "the three tasks never ran at the same time";
}

TEST(InlineReads, AtMostTheLimitRunInlineAndAFreedSlotIsTakenAgain) {
  rpc::SetInlineGuard(nullptr);
  rpc::SetInlineLimit(2);
  EXPECT_TRUE(rpc::TryEnterInline());
  EXPECT_TRUE(rpc::TryEnterInline());
  EXPECT_FALSE(rpc::TryEnterInline()) << "a third inline run beyond the limit of 2";
  rpc::LeaveInline();
  EXPECT_TRUE(rpc::TryEnterInline());
  rpc::LeaveInline();
  rpc::LeaveInline();
  rpc::SetInlineLimit(0);
  EXPECT_FALSE(rpc::TryEnterInline()) << "--inline_reads=0 never runs inline";
  rpc::SetInlineLimit(4);
}

TEST(InlineReads, NoneRunInlineWhileTheGuardSaysNo) {
  bool allow = false;
  rpc::SetInlineGuard([&allow] { return allow; });
  rpc::SetInlineLimit(4);
  EXPECT_FALSE(rpc::TryEnterInline()) << "the guard (a call waits for a connection) said no";
  allow = true;
  EXPECT_TRUE(rpc::TryEnterInline());
  rpc::LeaveInline();
  rpc::SetInlineGuard(nullptr);
}

}  // namespace
}  // namespace auxpro
