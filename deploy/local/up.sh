#!/usr/bin/env bash
# Quick start: bash deploy/local/up.sh
#
# Installs what is missing, builds into build/, starts a private MariaDB under .local/, creates
# the service schemas and DB users, makes a development CA, certificates and a field-encryption
# key, starts auxpro-server --target=all with mTLS in the background, waits until it answers,
# loads demo data and prints how to call it. Run again: reuses the database, certificates, keys
# and passwords, and restarts the server with the fresh build. docs/operations.md has the details.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=deploy/local/mariadb.sh
source "$REPO/deploy/local/mariadb.sh"
# shellcheck source=deploy/local/web-gateway.sh
source "$REPO/deploy/local/web-gateway.sh"
cd "$REPO"

SERVER_PIDFILE="$RUN_DIR/server.pid"
SERVER_LOG="$RUN_DIR/server.log"
GRPC_PORTFILE="$RUN_DIR/grpc.port"

stop_server() {
  if pid_alive "$SERVER_PIDFILE" auxpro-server; then
    local pid i
    pid="$(cat "$SERVER_PIDFILE")"
    log "stopping the running auxpro-server (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      warn "auxpro-server pid $pid ignored SIGTERM for 30s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -f "$SERVER_PIDFILE"
}

choose_grpc_port() {
  local port=""
  [[ -s "$GRPC_PORTFILE" ]] && port="$(cat "$GRPC_PORTFILE")"
  if [[ ! "$port" =~ ^[0-9]+$ ]]; then
    port="$(pick_free_port)"
  elif port_in_use "$port"; then
    local old="$port"
    port="$(pick_free_port)"
    warn "gRPC port $old (saved in ${GRPC_PORTFILE#"$REPO"/}) is taken by another program; using $port"
  fi
  printf '%s' "$port" >"$GRPC_PORTFILE"
  echo "$port"
}

# 1. Tools and build.
ensure_packages
build_project
[[ -x "$SERVER_BIN" ]] || die "the build finished but $SERVER_BIN is missing (services/server not ready yet?)"
bash "$REPO/services/web-gateway/build.sh" || warn "the web gateway could not be built; going on without it"

# 2. Database, secrets, certificates.
mariadb_start
DB_PORT="$(mariadb_port)"
mapfile -t SERVICES < <(list_services)
ensure_service_databases "${SERVICES[@]}"
ensure_field_key
ensure_certs

# 3. Server: migrations, then start in the background.
mkdir -p "$RUN_DIR"
stop_server
GRPC_PORT="$(choose_grpc_port)"
SERVER_FLAGS=(
  --tls_cert=.local/certs/server.crt
  --tls_key=.local/certs/server.key
  --tls_client_ca=.local/certs/ca.crt
  --db_host=127.0.0.1
  --db_port="$DB_PORT"
  --db_secrets_dir=.local/secrets/db
  --field_key_file=.local/secrets/field.key
)
log "applying migrations (auxpro-server --target=all --migrate_only)"
if ! "$SERVER_BIN" --target=all --migrate_only "${SERVER_FLAGS[@]}" >"$RUN_DIR/migrate.log" 2>&1; then
  show_log_tail "$RUN_DIR/migrate.log" 60
  die "migrations failed (log: $RUN_DIR/migrate.log)"
fi
narrow_service_grants "${SERVICES[@]}"

log "starting auxpro-server --target=all on 127.0.0.1:$GRPC_PORT (log: ${SERVER_LOG#"$REPO"/})"
printf '\n===== %s auxpro-server start =====\n' "$(date -Is)" >>"$SERVER_LOG"
# The grading sweep runs in the server every 5 minutes, as in a deployment (helm gradingSweep):
# reminders, escalations and result notices taking effect happen as the days pass.
setsid nohup "$SERVER_BIN" --target=all --listen="127.0.0.1:$GRPC_PORT" "${SERVER_FLAGS[@]}" \
  --grading_sweep_interval_seconds=300 </dev/null >>"$SERVER_LOG" 2>&1 &
echo $! >"$SERVER_PIDFILE"

# 4. Readiness and demo data.
[[ -f "$DEMO_BIN" && -x "$DEMO_BIN" ]] || die "$DEMO_BIN was not built (see the build output); the server is
       running (pid $(cat "$SERVER_PIDFILE")) but readiness and demo data could not be checked"
log "waiting for the server's health check (up to 60 s)"
if ! "$DEMO_BIN" --endpoint="127.0.0.1:$GRPC_PORT" --certs_dir=.local/certs --wait_ready=60; then
  pid_alive "$SERVER_PIDFILE" auxpro-server || warn "auxpro-server has exited"
  show_log_tail "$SERVER_LOG" 60
  die "auxpro-server did not become ready on 127.0.0.1:$GRPC_PORT (log: $SERVER_LOG)"
fi
log "loading demo data (jurisdiction wenjiang)"
if ! "$DEMO_BIN" --endpoint="127.0.0.1:$GRPC_PORT" --certs_dir=.local/certs --jurisdiction=wenjiang --load \
  >"$RUN_DIR/demo.log" 2>&1; then
  show_log_tail "$RUN_DIR/demo.log" 40
  die "loading demo data failed (log: $RUN_DIR/demo.log)"
fi

web_gateway_start "$GRPC_PORT"

# 5. How to call it.
ensure_grpcurl
C=.local/certs
ID="-cacert $C/ca.crt -cert $C/clients/wenjiang/ENFORCEMENT_BUREAU.crt -key $C/clients/wenjiang/ENFORCEMENT_BUREAU.key"
cat <<EOF

auxpro-server is running: pid $(cat "$SERVER_PIDFILE"), 127.0.0.1:$GRPC_PORT, services: ${SERVICES[*]}
  log:      .local/run/server.log
  MariaDB:  127.0.0.1:$DB_PORT (root password in .local/mariadb/root.password;
            bash deploy/local/mariadb.sh client   opens a root shell)
  stop:     kill \$(cat .local/run/server.pid); bash deploy/local/mariadb.sh stop

Call it as the Wenjiang enforcement bureau (client certificates for every agency kind of wenjiang
and haimen are in .local/certs/clients/):
EOF
if [[ -n "$GRPCURL" ]]; then
  G="${GRPCURL#"$REPO"/}"
  cat <<EOF
  $G $ID 127.0.0.1:$GRPC_PORT list
  $G $ID -d '{"parent":"jurisdictions/wenjiang","page_size":5}' 127.0.0.1:$GRPC_PORT auxpro.personnel.v1.Personnel/ListPersons
EOF
else
  cat <<EOF
  (grpcurl could not be installed; with Go and its module proxy reachable:
     GOBIN=\$PWD/.local/bin go install github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION
   Without it, the demo client speaks the same mTLS:
     build/tools/auxpro-demo/auxpro-demo --endpoint=127.0.0.1:$GRPC_PORT --certs_dir=.local/certs --wait_ready=5
   and /usr/bin/python3 has Debian's grpcio (python3-grpcio) for scripted calls.)
  grpcurl $ID 127.0.0.1:$GRPC_PORT list
  grpcurl $ID -d '{"parent":"jurisdictions/wenjiang","page_size":5}' 127.0.0.1:$GRPC_PORT auxpro.personnel.v1.Personnel/ListPersons
EOF
fi
web_gateway_summary
