#pragma once

#include <prometheus/client_metric.h>
#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/metric_type.h>

#include <functional>
#include <string>
#include <vector>

#include "libs/db/connection_pool.h"
#include "libs/rpc/work_pool.h"

namespace auxpro::service {

// The host's gauges, read when scraped: each module's database pool (auxpro_db_pool_connections
// by state, auxpro_db_pool_waiting, auxpro_db_pool_size), each module's work pool and the host's
// own (auxpro_work_queue_depth, auxpro_work_queue_capacity, by service; "host" for the audit and
// event services the host serves itself) and each module's outbox per consumer
// (auxpro_outbox_pending, auxpro_outbox_oldest_pending_seconds, auxpro_outbox_parked).
class HostMetrics final : public prometheus::Collectable {
 public:
  struct Module {
    std::string name;
    db::ConnectionPool* pool;
    const rpc::WorkPool* work;
  };
  HostMetrics(std::vector<Module> modules, const rpc::WorkPool* work)
      : modules_(std::move(modules)), work_(work) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::vector<Module> modules_;
  const rpc::WorkPool* work_;
};

}  // namespace auxpro::service
