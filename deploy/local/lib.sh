# shellcheck shell=bash
# Shared functions for deploy/local/*.sh. Source it; it sets REPO and the .local/ layout:
#
#   .local/mariadb/{data,mysqld.sock,mysqld.pid,mariadb.log,port,root.password,root.cnf}
#   .local/secrets/db/<svc>.password   .local/secrets/field.key
#   .local/certs/                      (deploy/local/certs.sh)
#   .local/run/{grpc.port,server.pid,server.log}
#   .local/bin/grpcurl
#   .local/logs/                       (install / build logs, shown when a step fails)

# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$REPO/.local"
# AUXPRO_SANITIZE=address,undefined (cmake/Sanitize.cmake) builds into its own folder, so that the
# normal build/ stays as it is: build-sanitize/ unless AUXPRO_BUILD_DIR says otherwise.
if [[ -n "${AUXPRO_SANITIZE:-}" ]]; then
  BUILD_DIR="${AUXPRO_BUILD_DIR:-$REPO/build-sanitize}"
else
  BUILD_DIR="${AUXPRO_BUILD_DIR:-$REPO/build}"
fi
LOG_DIR="$LOCAL_DIR/logs"
SECRETS_DIR="$LOCAL_DIR/secrets"
CERTS_DIR="$LOCAL_DIR/certs"
RUN_DIR="$LOCAL_DIR/run"
SERVER_BIN="$BUILD_DIR/services/server/auxpro-server"
DEMO_BIN="$BUILD_DIR/tools/auxpro-demo/auxpro-demo"

# Debian packages the build, the tests and the quick start need.
AUXPRO_APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libmysqlcppconn-dev mariadb-server mariadb-client libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev openssl ca-certificates prometheus-cpp-dev
  libspdlog-dev nginx-light
)
# The fuzz step of the test command (deploy/local/fuzz.sh): clang 14 and its libFuzzer, ASan and
# UBSan runtimes (Debian 12). Installed by that step only.
AUXPRO_FUZZ_APT_PACKAGES=(clang-14 libclang-rt-14-dev)

GRPCURL_VERSION=v1.9.1
# The official google/api and google/rpc protos (not in Debian) come from this npm package.
GOOGLE_PROTO_FILES_VERSION=5.0.3
GOOGLE_PROTOS_DIR="$REPO/.cache/google-proto-files/node_modules/google-proto-files"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# show_log_tail FILE [LINES]: prints the end of a log after a failure.
show_log_tail() {
  local file="$1" lines="${2:-60}"
  if [[ -s "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '----- end of %s -----\n' "$file" >&2
  fi
}

# new_secret: 32 random hex characters (safe inside SQL quotes and shell words).
new_secret() { openssl rand -hex 16; }

# write_secret FILE VALUE: writes VALUE without a newline, mode 600, never overwriting.
write_secret() {
  local file="$1" value="$2"
  mkdir -p "$(dirname "$file")"
  (umask 077 && printf '%s' "$value" >"$file.tmp.$$") && mv "$file.tmp.$$" "$file"
  chmod 600 "$file"
}

# port_in_use PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_free_port: prints a port in 20000-59999 on which nothing listens.
pick_free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "could not find a free TCP port on 127.0.0.1 (tried $i)"
}

# pid_alive PIDFILE [NAME]: true when the file names a running process (whose command name starts
# with NAME, when given, so that a recycled pid is not mistaken for ours).
pid_alive() {
  local pid comm
  [[ -s "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "${2:-}" ]]; then
    comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
    [[ "$comm" == "${2:0:15}"* ]] || return 1
  fi
}

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# ensure_packages [PACKAGE...]: installs the missing Debian packages (default: AUXPRO_APT_PACKAGES
# and golang-go when no `go` is on PATH; apt-get update only when something is missing; quiet
# unless it fails).
ensure_packages() {
  local missing=() p status wanted=("$@")
  ((${#wanted[@]})) || wanted=("${AUXPRO_APT_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
  done
  (($#)) || command -v go >/dev/null 2>&1 || missing+=(golang-go)
  ((${#missing[@]} == 0)) && return 0

  mkdir -p "$LOG_DIR"
  local logf="$LOG_DIR/apt.log"
  log "installing Debian packages: ${missing[*]}"
  if ! {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
  } >"$logf" 2>&1; then
    show_log_tail "$logf" 40
    die "apt-get could not install: ${missing[*]} (full log: $logf)"
  fi
  # A freshly installed mariadb-server may start the system instance; ours is separate and
  # does not need it, so it is left alone.
}

# ensure_google_protos: the pinned google-proto-files package under .cache/ (npm from Debian when
# missing). The build reads google/api/*.proto and google/rpc/*.proto from it.
ensure_google_protos() {
  [[ -f "$GOOGLE_PROTOS_DIR/google/api/field_behavior.proto" ]] && return 0
  mkdir -p "$LOG_DIR"
  local logf="$LOG_DIR/npm.log"
  if ! command -v npm >/dev/null 2>&1; then
    log "installing Debian package npm"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm \
      >"$logf" 2>&1 || {
      show_log_tail "$logf" 40
      die "could not install npm"
    }
  fi
  log "installing google-proto-files $GOOGLE_PROTO_FILES_VERSION into .cache/ (npm)"
  if ! npm install --no-audit --no-fund --ignore-scripts --prefix "$REPO/.cache/google-proto-files" \
    "google-proto-files@$GOOGLE_PROTO_FILES_VERSION" >>"$logf" 2>&1; then
    show_log_tail "$logf" 40
    die "npm install google-proto-files failed (log: $logf)"
  fi
}

# build_project: configures build/ with CMake + Ninja + ccache and builds everything.
build_project() {
  ensure_google_protos
  # CCACHE_DIR keeps ccache's default (or the caller's); paths are made relative to the repo so
  # that clones in different folders share cache entries.
  export CCACHE_NOHASHDIR=true
  export CCACHE_BASEDIR="$REPO"
  mkdir -p "$LOG_DIR"
  local logf="$LOG_DIR/build.log"
  local gen=(-G Ninja)
  # An existing build/ made with another generator cannot be re-generated with Ninja.
  if [[ -f "$BUILD_DIR/CMakeCache.txt" ]] &&
    ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$BUILD_DIR/CMakeCache.txt"; then
    die "$BUILD_DIR was configured with another generator; remove it and run again"
  fi
  log "configuring and building into ${BUILD_DIR#"$REPO"/}/ (log: ${logf#"$REPO"/})"
  if ! cmake -S "$REPO" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
    -DAUXPRO_GOOGLE_PROTOS_DIR="$GOOGLE_PROTOS_DIR" -DAUXPRO_SANITIZE="${AUXPRO_SANITIZE:-}" \
    >"$logf" 2>&1; then
    show_log_tail "$logf" 80
    die "cmake configure failed (full log: $logf)"
  fi
  if ! cmake --build "$BUILD_DIR" -- -j"$(nproc)" >>"$logf" 2>&1; then
    # Ninja prints "FAILED:" before each failing command and the compiler's message after it.
    if grep -q '^FAILED:' "$logf"; then
      printf -- '----- build errors (from %s) -----\n' "$logf" >&2
      awk '/^FAILED:/{p=1} /^ninja: build stopped/{p=0} p' "$logf" | head -n 150 >&2
    else
      show_log_tail "$logf" 80
    fi
    die "build failed (full log: $logf)"
  fi
}

# ensure_field_key: .local/secrets/field.key = 64 hex characters (32 random bytes), made once.
ensure_field_key() {
  local f="$SECRETS_DIR/field.key"
  [[ -s "$f" ]] && return 0
  log "creating field-encryption key ${f#"$REPO"/}"
  write_secret "$f" "$(openssl rand -hex 32)"
}

# ensure_certs: development CA and certificates in .local/certs (idempotent).
ensure_certs() {
  bash "$REPO/deploy/local/certs.sh" "$CERTS_DIR" || die "certificate generation failed"
}

# list_services: the service names printed by `auxpro-server --list-targets` (first word of each
# non-empty line). Fails when the binary is missing or the command fails.
list_services() {
  [[ -x "$SERVER_BIN" ]] || die "$SERVER_BIN was not built (services/server is not ready yet?)"
  local out
  if ! out="$("$SERVER_BIN" --list-targets 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "'auxpro-server --list-targets' failed"
  fi
  local names
  names="$(printf '%s\n' "$out" | awk 'NF && $1 ~ /^[a-z][a-z0-9_]*$/ {print $1}')"
  [[ -n "$names" ]] || die "'auxpro-server --list-targets' printed no service names:
$out"
  printf '%s\n' "$names"
}

# render_service_sql SVC PASSWORD HOST MIGRATE_PASSWORD: deploy/mysql/service_schema.sql.in with
# its placeholders set (@SVC_ESC@: the name with `_` escaped for GRANT ... ON patterns).
render_service_sql() {
  local esc="${1//_/\\\\_}"
  sed -e "s/@SVC_ESC@/$esc/g" -e "s/@SVC@/$1/g" -e "s/@PASSWORD@/$2/g" -e "s/@HOST@/$3/g" \
    -e "s/@MIGRATE_PASSWORD@/$4/g" "$REPO/deploy/mysql/service_schema.sql.in"
}

# ensure_service_databases SVC...: schema auxpro_<svc>, users auxpro_<svc>@127.0.0.1 and @localhost
# with the password kept in .local/secrets/db/<svc>.password. Needs the private MariaDB running.
ensure_service_databases() {
  local svc pwf pw mpwf mpw host
  mkdir -p "$SECRETS_DIR/db"
  chmod 700 "$SECRETS_DIR" "$SECRETS_DIR/db"
  for svc in "$@"; do
    [[ "$svc" =~ ^[a-z][a-z0-9_]*$ ]] || die "bad service name '$svc'"
    pwf="$SECRETS_DIR/db/$svc.password"
    [[ -s "$pwf" ]] || write_secret "$pwf" "$(new_secret)"
    pw="$(cat "$pwf")"
    # The migration user's password: only --migrate_only (up.sh, the chart's Job) reads it.
    mpwf="$SECRETS_DIR/db/${svc}_migrate.password"
    [[ -s "$mpwf" ]] || write_secret "$mpwf" "$(new_secret)"
    mpw="$(cat "$mpwf")"
    for host in 127.0.0.1 localhost; do
      render_service_sql "$svc" "$pw" "$host" "$mpw" | mariadb_root_sql ||
        die "could not create schema/user for service '$svc'"
    done
  done
  # The template grants data privileges on the whole schema: narrow them again at once for
  # append-only tables (and again after each migration run).
  narrow_service_grants "$@"
  log "service schemas and DB users ready: $(printf 'auxpro_%s ' "$@")"
}

# narrow_service_grants SVC...: after the migrations, the service users of services with a
# deploy/mysql/append_only/<svc>.tables file lose UPDATE, DELETE and DROP on those tables
# (deploy/mysql/narrow-grants.sh). Needs the private MariaDB running.
narrow_service_grants() {
  local svc file host tables
  for svc in "$@"; do
    file="$REPO/deploy/mysql/append_only/$svc.tables"
    [[ -f "$file" ]] || continue
    tables="$(printf "SELECT table_name FROM information_schema.tables WHERE table_schema = 'auxpro_%s'" \
      "$svc" | mariadb_root_sql)" || die "could not list the tables of auxpro_$svc"
    for host in 127.0.0.1 localhost; do
      printf '%s\n' "$tables" |
        bash "$REPO/deploy/mysql/narrow-grants.sh" "auxpro_$svc" "auxpro_$svc" "$host" "$file" |
        mariadb_root_sql || die "could not narrow the grants of service '$svc'"
    done
  done
}

# ensure_grpcurl: .local/bin/grpcurl pinned, when Go and its module proxy are reachable. Never fatal.
ensure_grpcurl() {
  GRPCURL="$LOCAL_DIR/bin/grpcurl"
  [[ -x "$GRPCURL" ]] && return 0
  if command -v grpcurl >/dev/null 2>&1; then
    GRPCURL="$(command -v grpcurl)"
    return 0
  fi
  GRPCURL=""
  if ! command -v go >/dev/null 2>&1; then
    warn "go is not installed; grpcurl skipped"
    return 0
  fi
  mkdir -p "$LOCAL_DIR/bin" "$LOG_DIR"
  log "installing grpcurl $GRPCURL_VERSION into .local/bin (go install)"
  if GOBIN="$LOCAL_DIR/bin" go install "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION" \
    >"$LOG_DIR/grpcurl-install.log" 2>&1; then
    GRPCURL="$LOCAL_DIR/bin/grpcurl"
  else
    warn "could not install grpcurl (see $LOG_DIR/grpcurl-install.log); continuing without it"
  fi
}
