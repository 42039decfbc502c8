#include "services/server/server_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace auxpro::server {

std::string ServerUsage() {
  return R"(auxpro-server: hosts auxpro's gRPC services (one binary, --target picks them).

  --target=all|<svc>[,<svc>...]  services to run (see --list-targets)
  --list-targets                 print the services this binary can run and exit
  --migrate_only                 apply database migrations of the targets and exit
  --listen=HOST:PORT             mTLS gRPC address (default 0.0.0.0:7443)
  --health_listen=HOST:PORT      plaintext grpc.health.v1 only, for Kubernetes probes
  --metrics_listen=HOST:PORT     plaintext HTTP, Prometheus metrics at /metrics
  --tls_cert=PEM --tls_key=PEM   server certificate (also the client identity for service calls)
  --tls_client_ca=PEM            CA that signs agency client certificates
  --db_host=HOST --db_port=N     MariaDB/MySQL server; a HOST that starts with / is the path of
                                 its Unix socket (a database on the same machine; no port)
  --db_io_timeout_seconds=60     a statement whose answer (or send) stalls this long fails
                                 UNAVAILABLE and its connection is dropped (a hung database)
  --db_secrets_dir=DIR           DIR/<service>.password for user and schema <db_prefix><service>
  --db_prefix=auxpro_            prefix of database users and schemas
  --db_pool_size=8               connections per service
  --field_key_file=FILE          64 hex characters: key for encrypted fields (national IDs)
  --policies_dir=DIR             jurisdiction policies (default: presets compiled in)
  --work_threads=16 --work_queue=1024   each module's blocking-work pool behind its handlers
  --inline_reads=4               plain reads of a service's own database (GetPerson...) run on
                                 gRPC's thread, at most this many at once; 0: all on the pool
  --peers=svc=host:port,...      where services not hosted here listen
  --trusted_services=ID,...      SPIFFE ids trusted as SERVICE callers besides this server's own
  --drain_delay_seconds=5        on SIGTERM: NOT_SERVING at once, calls still answered this long
  --shutdown_grace_seconds=10    then no new calls, and this long for calls in flight; the process
                                 exits by delay + grace + 3 s (status 1 if it had to cut calls off)
  --trusted_proxies=ID,...       SPIFFE ids of gateways whose x-forwarded-client-cert header (the
                                 agency's verified certificate, URL-encoded PEM) names the caller
  --grading_sweep_interval_seconds=0
                                 grading: run the deadline and result-notice sweep of
                                 RunGradingSweep in the server this often, for every
                                 jurisdiction, as of today; one replica at a time; 0: never
  --log_level=info               lowest level logged (debug, info, warn, error); logs are one
                                 JSON object per line on stderr
)";
}

absl::StatusOr<ServerOptions> ParseServerOptions(const std::vector<std::string>& args) {
  ServerOptions o;
  auto int_flag = [](const std::string& name, const std::string& value, int* out) -> absl::Status {
    if (!absl::SimpleAtoi(value, out) || *out < 0) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": not a number: ", value));
    }
    return absl::OkStatus();
  };
  for (const std::string& arg : args) {
    if (arg.rfind("--", 0) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", arg, "\""));
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    absl::Status s;
    if (name == "help") {
      o.help = true;
    } else if (name == "list-targets" || name == "list_targets") {
      o.list_targets = true;
    } else if (name == "migrate_only" || name == "migrate-only") {
      o.migrate_only = true;
    } else if (name == "target") {
      o.targets = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (name == "listen") {
      o.listen = value;
    } else if (name == "health_listen") {
      o.health_listen = value;
    } else if (name == "metrics_listen") {
      o.metrics_listen = value;
    } else if (name == "tls_cert") {
      o.tls_cert = value;
    } else if (name == "tls_key") {
      o.tls_key = value;
    } else if (name == "tls_client_ca") {
      o.tls_client_ca = value;
    } else if (name == "db_host") {
      o.db_host = value;
    } else if (name == "db_port") {
      s = int_flag(name, value, &o.db_port);
    } else if (name == "db_secrets_dir") {
      o.db_secrets_dir = value;
    } else if (name == "db_prefix") {
      o.db_prefix = value;
    } else if (name == "db_pool_size") {
      s = int_flag(name, value, &o.db_pool_size);
    } else if (name == "db_io_timeout_seconds") {
      s = int_flag(name, value, &o.db_io_timeout_seconds);
    } else if (name == "field_key_file") {
      o.field_key_file = value;
    } else if (name == "policies_dir") {
      o.policies_dir = value;
    } else if (name == "work_threads") {
      s = int_flag(name, value, &o.work_threads);
    } else if (name == "work_queue") {
      s = int_flag(name, value, &o.work_queue);
    } else if (name == "inline_reads") {
      s = int_flag(name, value, &o.inline_reads);
    } else if (name == "drain_delay_seconds") {
      s = int_flag(name, value, &o.drain_delay_seconds);
    } else if (name == "shutdown_grace_seconds") {
      s = int_flag(name, value, &o.shutdown_grace_seconds);
    } else if (name == "grading_sweep_interval_seconds") {
      s = int_flag(name, value, &o.grading_sweep_interval_seconds);
    } else if (name == "log_level") {
      o.log_level = value;
    } else if (name == "trusted_proxies") {
      o.trusted_proxies = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (name == "trusted_services") {
      o.trusted_services = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (name == "peers") {
      for (absl::string_view peer : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        std::pair<std::string, std::string> kv = absl::StrSplit(peer, absl::MaxSplits('=', 1));
        if (kv.first.empty() || kv.second.empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat("--peers: \"", peer, "\" is not svc=host:port"));
        }
        o.peers[kv.first] = kv.second;
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, " (see --help)"));
    }
    if (!s.ok()) return s;
  }
  if (o.db_io_timeout_seconds < 0) {
    return absl::InvalidArgumentError("--db_io_timeout_seconds: 0 (no limit) or more");
  }
  // The scheduler holds its named lock on one connection while each page runs on another.
  if (o.grading_sweep_interval_seconds > 0 && o.db_pool_size < 2) {
    return absl::InvalidArgumentError(
        "--grading_sweep_interval_seconds needs --db_pool_size of at least 2 (the sweep's lock "
        "holds one connection while its pages use another)");
  }
  return o;
}

}  // namespace auxpro::server
