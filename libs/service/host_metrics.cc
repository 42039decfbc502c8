#include "libs/service/host_metrics.h"

#include "absl/time/clock.h"
#include "libs/outbox/outbox.h"

namespace auxpro::service {

namespace {

prometheus::MetricFamily Gauge(const std::string& name, const std::string& help) {
  prometheus::MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = prometheus::MetricType::Gauge;
  return f;
}

void Add(prometheus::MetricFamily& f, std::vector<prometheus::ClientMetric::Label> labels,
         double value) {
  prometheus::ClientMetric m;
  m.label = std::move(labels);
  m.gauge.value = value;
  f.metric.push_back(std::move(m));
}

}  // namespace

std::vector<prometheus::MetricFamily> HostMetrics::Collect() const {
  auto connections = Gauge("auxpro_db_pool_connections", "Database connections by state");
  auto waiting = Gauge("auxpro_db_pool_waiting", "Callers waiting for a database connection");
  auto size = Gauge("auxpro_db_pool_size", "Database connections a pool may open");
  auto pending = Gauge("auxpro_outbox_pending", "Outbox events waiting for delivery");
  auto oldest = Gauge("auxpro_outbox_oldest_pending_seconds",
                      "Age of the oldest outbox event waiting for delivery");
  auto parked = Gauge("auxpro_outbox_parked", "Outbox events parked (refused by the consumer)");
  const absl::Time now = absl::Now();
  for (const Module& m : modules_) {
    const db::ConnectionPool::Stats s = m.pool->stats();
    Add(connections, {{"service", m.name}, {"state", "in_use"}}, s.in_use);
    Add(connections, {{"service", m.name}, {"state", "idle"}}, s.idle);
    Add(waiting, {{"service", m.name}}, s.waiting);
    Add(size, {{"service", m.name}}, s.size);
    auto backlog = outbox::Backlog(*m.pool, now);
    if (!backlog.ok()) continue;  // the database is down: health says so, the gauges are absent
    for (const auto& b : *backlog) {
      Add(pending, {{"consumer", b.consumer}, {"service", m.name}}, static_cast<double>(b.pending));
      Add(oldest, {{"consumer", b.consumer}, {"service", m.name}}, b.oldest_pending_seconds);
      Add(parked, {{"consumer", b.consumer}, {"service", m.name}}, static_cast<double>(b.parked));
    }
  }
  auto depth = Gauge("auxpro_work_queue_depth", "Calls queued for the work pool");
  auto capacity = Gauge("auxpro_work_queue_capacity", "Calls the work pool queues at most");
  for (const Module& m : modules_) {
    Add(depth, {{"service", m.name}}, static_cast<double>(m.work->queued()));
    Add(capacity, {{"service", m.name}}, static_cast<double>(m.work->capacity()));
  }
  Add(depth, {{"service", "host"}}, static_cast<double>(work_->queued()));
  Add(capacity, {{"service", "host"}}, static_cast<double>(work_->capacity()));
  return {connections, waiting, size, pending, oldest, parked, depth, capacity};
}

}  // namespace auxpro::service
