#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace auxpro::server {

// Command line of auxpro-server. Every flag is --name=value (booleans: --name).
struct ServerOptions {
  std::vector<std::string> targets;  // module names; "all" expanded
  bool list_targets = false;
  bool migrate_only = false;
  bool help = false;
  std::string listen = "0.0.0.0:7443";
  std::string health_listen;   // plaintext health port; empty: none
  std::string metrics_listen;  // plaintext Prometheus /metrics; empty: none
  std::string tls_cert, tls_key, tls_client_ca;
  std::string db_host = "127.0.0.1";
  int db_port = 3306;
  // Directory with <service>.password files; user and schema are <db_prefix><service>.
  std::string db_secrets_dir;
  std::string db_prefix = "auxpro_";
  int db_pool_size = 8;
  int db_io_timeout_seconds = 60;  // DbConfig::io_timeout
  std::string field_key_file;
  // Directory of <jurisdiction>.textproto files; empty: the presets compiled into the binary.
  std::string policies_dir;
  int work_threads = 16;
  int work_queue = 1024;
  // Reads of the own database run on gRPC's thread, at most this many at once (rpc::InlineLimit).
  int inline_reads = 4;
  // SPIFFE ids of other services' certificates trusted as SERVICE callers (the server's own
  // certificate is always trusted).
  std::vector<std::string> trusted_services;
  // SPIFFE ids of gateways that terminate agencies' TLS and forward their certificates.
  std::vector<std::string> trusted_proxies;
  // Routes to services not hosted here: service=host:port.
  std::map<std::string, std::string> peers;
  // SIGTERM: NOT_SERVING at once, calls still answered for drain_delay_seconds, then no new
  // calls and shutdown_grace_seconds for those in flight; the process exits at the latest
  // drain_delay_seconds + shutdown_grace_seconds + kDrainMarginSeconds after the signal.
  int drain_delay_seconds = 5;
  int shutdown_grace_seconds = 10;
  std::string log_level = "info";  // debug | info | warn | error
  // The grading module runs its sweep (RunGradingSweep's) itself this often; 0: never.
  int grading_sweep_interval_seconds = 0;
};

// Time after the grace for cancelled handlers to return and the process to exit; past it the
// process exits at once with status 1. The chart's terminationGracePeriodSeconds covers it.
inline constexpr int kDrainMarginSeconds = 3;

// Parses argv (without argv[0]); INVALID_ARGUMENT naming the flag on anything unknown or bad.
absl::StatusOr<ServerOptions> ParseServerOptions(const std::vector<std::string>& args);

std::string ServerUsage();

}  // namespace auxpro::server
