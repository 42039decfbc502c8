#!/usr/bin/env bash
# The web gateway against the real server and MariaDB (ctest label `gateway`):
#   bash tests/web-gateway/run.sh http      HTTP tests (Python requests): http_test.py
#   bash tests/web-gateway/run.sh browser   the survey page and the forms in headless Chromium
#                                           (label slow; `http` runs its smoke test)
#   bash tests/web-gateway/run.sh openapi   the checked-in OpenAPI document is current
#   bash tests/web-gateway/run.sh image     the gateway's image proof (deploy/image/web-gateway-rootfs-test.sh)
#   bash tests/web-gateway/run.sh clients   docs/clients.md's grpcurl, Python and Go recipes
#                                           (tests/clients/recipes.sh) against the server
# Needs test.sh's AUXPRO_TEST_* environment. Builds the gateway (services/web-gateway/build.sh),
# makes its own schemas and users (auxpro_gw<pid>_<svc>, dropped afterwards), starts
# auxpro-server --target=all on them and one gateway per identity under test, then runs the tests.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"
cd "$REPO"
MODE="${1:-http}"

if [[ "$MODE" == openapi ]]; then
  exec bash services/web-gateway/build.sh --check-openapi
fi

for v in AUXPRO_TEST_MYSQL_HOST AUXPRO_TEST_MYSQL_PORT AUXPRO_TEST_MYSQL_USER AUXPRO_TEST_MYSQL_PASSWORD \
  AUXPRO_TEST_CERTS_DIR AUXPRO_TEST_SERVER_BIN AUXPRO_TEST_FIELD_KEY_FILE; do
  [[ -n "${!v:-}" ]] || die "$v is not set: run through deploy/local/test.sh"
done
SERVER_BIN="$AUXPRO_TEST_SERVER_BIN"
# Python with requests: the one on PATH if it has it, else Debian's with python3-requests.
PY=python3
if ! python3 -c 'import requests' 2>/dev/null; then
  PY=/usr/bin/python3
  "$PY" -c 'import requests' 2>/dev/null ||
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-requests \
      >"$LOG_DIR/apt-requests.log" 2>&1 || die "could not install python3-requests"
fi
# Headless Chromium for the browser tests, with Debian's selenium (so Debian's python3).
BROWSER_PACKAGES=(chromium chromium-driver python3-selenium python3-requests fonts-noto-cjk poppler-utils)
missing=()
for p in "${BROWSER_PACKAGES[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages for the browser tests: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    >"$LOG_DIR/apt-browser.log" 2>&1 || {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$LOG_DIR/apt-browser.log" 2>&1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >>"$LOG_DIR/apt-browser.log" 2>&1
  } || die "could not install ${missing[*]} (log: $LOG_DIR/apt-browser.log)"
fi
bash services/web-gateway/build.sh
GW_BIN="$BUILD_DIR/web-gateway/auxpro-web-gateway"

RUN="$(mktemp -d "${TMPDIR:-/tmp}/auxpro-gw.XXXXXX")"
tag="gw$$"
prefix="auxpro_${tag}_"
mapfile -t SERVICES < <(list_services)
sql() { MYSQL_PWD="$AUXPRO_TEST_MYSQL_PASSWORD" mariadb -h "$AUXPRO_TEST_MYSQL_HOST" -P "$AUXPRO_TEST_MYSQL_PORT" -u "$AUXPRO_TEST_MYSQL_USER" --batch "$@"; }
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for svc in "${SERVICES[@]}"; do
    printf "DROP DATABASE IF EXISTS \`%s%s\`; DROP USER IF EXISTS '%s%s'@'127.0.0.1', '%s%s'@'localhost';\n" \
      "$prefix" "$svc" "$prefix" "$svc" "$prefix" "$svc"
  done | sql >/dev/null 2>&1 || true
  [[ "${AUXPRO_KEEP_GW_RUN:-0}" == 1 ]] || rm -rf "$RUN"
}
trap cleanup EXIT
mkdir -p "$RUN/db"
for svc in "${SERVICES[@]}"; do
  new_secret >"$RUN/db/$svc.password"
  new_secret >"$RUN/db/${svc}_migrate.password"
  for host in 127.0.0.1 localhost; do
    render_service_sql "${tag}_$svc" "$(cat "$RUN/db/$svc.password")" "$host" \
      "$(cat "$RUN/db/${svc}_migrate.password")"
  done
done | sql || die "could not create the schemas and users ${prefix}*"

C="$AUXPRO_TEST_CERTS_DIR"
grpc_port="$(pick_free_port)"
# The runtime users hold data privileges only: the migration user creates the tables first.
"$SERVER_BIN" --target=all --migrate_only --tls_cert="$C/server.crt" --tls_key="$C/server.key" \
  --tls_client_ca="$C/ca.crt" --db_host="$AUXPRO_TEST_MYSQL_HOST" \
  --db_port="$AUXPRO_TEST_MYSQL_PORT" --db_prefix="$prefix" --db_secrets_dir="$RUN/db" \
  --field_key_file="$AUXPRO_TEST_FIELD_KEY_FILE" >"$RUN/migrate.log" 2>&1 || {
  cat "$RUN/migrate.log" >&2
  die "migrations failed"
}
"$SERVER_BIN" --target=all --listen="127.0.0.1:$grpc_port" \
  --tls_cert="$C/server.crt" --tls_key="$C/server.key" --tls_client_ca="$C/ca.crt" \
  --db_host="$AUXPRO_TEST_MYSQL_HOST" --db_port="$AUXPRO_TEST_MYSQL_PORT" --db_prefix="$prefix" \
  --db_secrets_dir="$RUN/db" --field_key_file="$AUXPRO_TEST_FIELD_KEY_FILE" --shutdown_grace_seconds=2 \
  >"$RUN/server.log" 2>&1 &
PIDS+=($!)

head -c 48 /dev/urandom >"$RUN/cookie.key"
# start_gateway NAME JURISDICTION KIND [flags...]: prints nothing, sets GW_<NAME>_URL.
start_gateway() {
  local name="$1" j="$2" kind="$3" port
  shift 3
  port="${GW_PORT:-$(pick_free_port)}"
  "$GW_BIN" --listen="127.0.0.1:$port" --tls_cert="$C/server.crt" --tls_key="$C/server.key" \
    --backend="127.0.0.1:$grpc_port" --backend_ca="$C/ca.crt" \
    --client_cert="$C/clients/$j/$kind.crt" --client_key="$C/clients/$j/$kind.key" \
    --actor_header=X-Remote-User --default_timeout=10s "$@" >"$RUN/gateway-$name.log" 2>&1 &
  PIDS+=($!)
  export "GW_${name}_URL=https://127.0.0.1:$port"
}
pub_port="$(pick_free_port)"
# The bureau's gateway as in Microservices mode: personnel and grading through their own
# connections (here the same server under another name), the rest through --backend.
start_gateway BUREAU wenjiang ENFORCEMENT_BUREAU --survey_base_url="https://127.0.0.1:$pub_port" \
  --service_backends="personnel=localhost:$grpc_port,grading=localhost:$grpc_port"
start_gateway HR wenjiang HR_COMPANY
start_gateway HAIMEN haimen ENFORCEMENT_BUREAU
# Longquan's bureau and HR company: the annual registration form (longquan annex 2) exists only
# in its policy; longquan_district.py makes its person through them.
start_gateway LONGQUAN longquan ENFORCEMENT_BUREAU
start_gateway LONGQUAN_HR longquan HR_COMPANY
GW_PORT="$pub_port" start_gateway PUBLIC wenjiang PUBLIC --forms=false --survey_pages --cookie_key_file="$RUN/cookie.key"

export GW_CA="$C/ca.crt" GW_RUN_DIR="$RUN" GW_DB_PREFIX="$prefix"
# Ready when the bureau's gateway answers a List (the server has migrated and serves).
ready=0
for _ in $(seq 1 120); do
  if "$PY" - <<'PY' 2>/dev/null; then ready=1; break; fi
import os, requests, sys
r = requests.get(os.environ["GW_BUREAU_URL"] + "/v1/jurisdictions/wenjiang/units", verify=os.environ["GW_CA"], timeout=2)
sys.exit(0 if r.status_code == 200 else 1)
PY
  sleep 0.5
done
if ((!ready)); then
  show_log_tail "$RUN/server.log" 40
  show_log_tail "$RUN/gateway-BUREAU.log" 20
  die "the server or the gateway did not become ready"
fi
# The demo district (personnel, permits, a quarter's open survey campaign) through the gRPC API.
DEMO_BIN="$(dirname "$SERVER_BIN")/../../tools/auxpro-demo/auxpro-demo"
t0=$SECONDS
"$DEMO_BIN" --endpoint="127.0.0.1:$grpc_port" --certs_dir="$C" --jurisdiction=wenjiang --load \
  >"$RUN/demo.log" 2>&1 || { show_log_tail "$RUN/demo.log" 30; die "loading the demo district failed"; }
log "demo district loaded in $((SECONDS - t0)) s"
export GW_ARTEFACT_DIR="$BUILD_DIR/test-artefacts/web-gateway"
mkdir -p "$GW_ARTEFACT_DIR"
rc=0
if [[ "$MODE" == image ]]; then
  # The gateway's image (deploy/web-gateway.Dockerfile) as a root file system, against this server.
  GW_IMAGE_BACKEND="127.0.0.1:$grpc_port" GW_IMAGE_CERTS="$C" GW_IMAGE_BIN="$GW_BIN" \
    bash "$REPO/deploy/image/web-gateway-rootfs-test.sh" || rc=1
elif [[ "$MODE" == clients ]]; then
  # docs/clients.md's recipes against the server itself (not the gateway), as the bureau.
  AUXPRO_ENDPOINT="localhost:$grpc_port" AUXPRO_CA="$C/ca.crt" \
    AUXPRO_CERT="$C/clients/wenjiang/ENFORCEMENT_BUREAU.crt" AUXPRO_KEY="$C/clients/wenjiang/ENFORCEMENT_BUREAU.key" \
    AUXPRO_JURISDICTION=wenjiang bash "$REPO/tests/clients/recipes.sh" || rc=1
elif [[ "$MODE" == browser ]]; then
  /usr/bin/python3 "$REPO/tests/web-gateway/browser_test.py" -v || rc=1
else
  "$PY" "$REPO/tests/web-gateway/http_test.py" -v || rc=1
  "$PY" "$REPO/tests/web-gateway/survey_test.py" -v || rc=1
  /usr/bin/python3 "$REPO/tests/web-gateway/browser_test.py" --smoke -v || rc=1
fi
log "screenshots and PDFs: ${GW_ARTEFACT_DIR#"$REPO"/}"
exit "$rc"
