#!/usr/bin/env bash
# A private MariaDB for the quick start and the tests, under .local/mariadb/ (git-ignored).
#
#   bash deploy/local/mariadb.sh start|stop|status|port|password|client [mariadb args...]
#
# Sourced (by up.sh / test.sh), it defines mariadb_start, mariadb_stop, mariadb_status and
# mariadb_root_sql. Root listens on the socket and on 127.0.0.1:<port> with the password in
# .local/mariadb/root.password; the port is chosen once and kept in .local/mariadb/port.

# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MDB_DIR="$LOCAL_DIR/mariadb"
MDB_DATA="$MDB_DIR/data"
MDB_SOCK="$MDB_DIR/mysqld.sock"
MDB_PIDFILE="$MDB_DIR/mysqld.pid"
MDB_LOG="$MDB_DIR/mariadb.log"
MDB_PORTFILE="$MDB_DIR/port"
MDB_PWFILE="$MDB_DIR/root.password"
MDB_CNF="$MDB_DIR/root.cnf" # client options file for root over the socket (mode 600)
MDB_START_TIMEOUT=60

_mdb_write_cnf() {
  (
    umask 077
    printf '[client]\nuser=root\npassword=%s\nsocket=%s\nprotocol=socket\n' \
      "$(cat "$MDB_PWFILE")" "$MDB_SOCK" >"$MDB_CNF"
  )
}

# mariadb_root_sql [mariadb args...]: runs the client as root over the socket (SQL on stdin).
# shellcheck disable=SC2120 # arguments are optional
mariadb_root_sql() {
  _mdb_write_cnf
  mariadb --defaults-file="$MDB_CNF" --batch --skip-column-names "$@"
}

_mdb_ping() {
  # Answers (even "Access denied") mean the server is up.
  local out
  # The password goes through the options file, never the command line (ps shows arguments).
  if [[ -f "$MDB_PWFILE" ]]; then
    _mdb_write_cnf
    out="$(mariadb-admin --defaults-file="$MDB_CNF" --connect-timeout=2 ping 2>&1)" && return 0
  else
    out="$(mariadb-admin --no-defaults --socket="$MDB_SOCK" --protocol=socket --user=root \
      --connect-timeout=2 ping 2>&1)" && return 0
  fi
  [[ "$out" == *"Access denied"* ]]
}

# mariadb_running: pid alive and the server answers on its socket (even if it refuses the password).
mariadb_running() {
  pid_alive "$MDB_PIDFILE" mariadbd && [[ -S "$MDB_SOCK" ]] && _mdb_ping
}

mariadb_port() { cat "$MDB_PORTFILE"; }
mariadb_password() { cat "$MDB_PWFILE"; }

mariadb_status() {
  if mariadb_running; then
    echo "mariadb: running, pid $(cat "$MDB_PIDFILE"), 127.0.0.1:$(mariadb_port), socket $MDB_SOCK"
  else
    echo "mariadb: not running (data: $MDB_DATA)"
    return 1
  fi
}

_mdb_choose_port() {
  local port=""
  [[ -s "$MDB_PORTFILE" ]] && port="$(cat "$MDB_PORTFILE")"
  if [[ ! "$port" =~ ^[0-9]+$ ]]; then
    port="$(pick_free_port)"
  elif port_in_use "$port"; then
    local old="$port"
    port="$(pick_free_port)"
    warn "port $old (saved in ${MDB_PORTFILE#"$REPO"/}) is taken by another program; using $port"
  fi
  printf '%s' "$port" >"$MDB_PORTFILE"
}

_mdb_install() {
  log "initialising MariaDB data directory ${MDB_DATA#"$REPO"/}"
  mkdir -p "$MDB_DATA"
  if ! mariadb-install-db --no-defaults --datadir="$MDB_DATA" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >"$MDB_DIR/install.log" 2>&1; then
    show_log_tail "$MDB_DIR/install.log" 40
    rm -rf "$MDB_DATA"
    die "mariadb-install-db failed (log: $MDB_DIR/install.log)"
  fi
}

# _mdb_secure: sets the root password (from root.password) for root@localhost and root@127.0.0.1
# and drops the password-less root@::1 and root@<hostname> that mariadb-install-db creates.
_mdb_secure() {
  local pw
  pw="$(cat "$MDB_PWFILE")"
  local sql="ALTER USER 'root'@'localhost' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
DROP USER IF EXISTS 'root'@'::1';
SET @drop_host = CONCAT('DROP USER IF EXISTS ''root''@''', @@hostname, '''');
PREPARE drop_host FROM @drop_host;
EXECUTE drop_host;
FLUSH PRIVILEGES;"
  # Works with the saved password, or with none on a fresh data directory.
  if printf '%s\n' "$sql" | mariadb_root_sql 2>/dev/null; then
    return 0
  fi
  if printf '%s\n' "$sql" | mariadb --no-defaults --protocol=socket --socket="$MDB_SOCK" -uroot 2>/dev/null; then
    return 0
  fi
  die "cannot log in as root to the MariaDB in ${MDB_DATA#"$REPO"/} with ${MDB_PWFILE#"$REPO"/}.
  If you do not need its data: bash deploy/local/mariadb.sh stop && rm -rf .local/mariadb"
}

mariadb_start() {
  command -v mariadbd >/dev/null 2>&1 || die "mariadbd not found (package mariadb-server)"
  mkdir -p "$MDB_DIR"
  chmod 700 "$MDB_DIR"
  # Unix sockets are limited to 107 bytes.
  ((${#MDB_SOCK} < 100)) || die "socket path too long for Unix sockets: $MDB_SOCK (clone the repo to a shorter path)"
  [[ -s "$MDB_PWFILE" ]] || write_secret "$MDB_PWFILE" "$(new_secret)"
  chmod 600 "$MDB_PWFILE"

  if pid_alive "$MDB_PIDFILE" mariadbd; then
    local i
    for ((i = 0; i < MDB_START_TIMEOUT; i++)); do
      if mariadb_running; then
        _mdb_secure
        log "MariaDB already running (pid $(cat "$MDB_PIDFILE"), 127.0.0.1:$(mariadb_port))"
        return 0
      fi
      pid_alive "$MDB_PIDFILE" mariadbd || break
      sleep 1
    done
    pid_alive "$MDB_PIDFILE" mariadbd &&
      die "MariaDB pid $(cat "$MDB_PIDFILE") is alive but does not answer on $MDB_SOCK; see $MDB_LOG"
  fi
  rm -f "$MDB_PIDFILE"
  [[ -S "$MDB_SOCK" ]] && rm -f "$MDB_SOCK"

  [[ -d "$MDB_DATA/mysql" ]] || _mdb_install
  _mdb_choose_port
  local port
  port="$(mariadb_port)"
  log "starting MariaDB on 127.0.0.1:$port (log: ${MDB_LOG#"$REPO"/})"
  # setsid + nohup: the server outlives this script and its terminal; no inherited stdio.
  setsid nohup mariadbd --no-defaults \
    --datadir="$MDB_DATA" --socket="$MDB_SOCK" --pid-file="$MDB_PIDFILE" \
    --port="$port" --bind-address=127.0.0.1 --log-error="$MDB_LOG" \
    --user="$(id -un)" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 </dev/null >>"$MDB_LOG" 2>&1 &
  local launcher=$! i
  for ((i = 0; i < MDB_START_TIMEOUT * 2; i++)); do
    if [[ -S "$MDB_SOCK" ]] && pid_alive "$MDB_PIDFILE" mariadbd && _mdb_ping; then
      _mdb_secure
      log "MariaDB ready (pid $(cat "$MDB_PIDFILE"))"
      return 0
    fi
    if ! kill -0 "$launcher" 2>/dev/null && ! pid_alive "$MDB_PIDFILE" mariadbd; then
      show_log_tail "$MDB_LOG" 40
      die "MariaDB exited during start-up (log: $MDB_LOG)"
    fi
    sleep 0.5
  done
  show_log_tail "$MDB_LOG" 40
  die "MariaDB did not answer within ${MDB_START_TIMEOUT}s (log: $MDB_LOG)"
}

mariadb_stop() {
  if ! pid_alive "$MDB_PIDFILE" mariadbd; then
    rm -f "$MDB_PIDFILE"
    log "MariaDB is not running"
    return 0
  fi
  local pid i
  pid="$(cat "$MDB_PIDFILE")"
  log "stopping MariaDB (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || {
      rm -f "$MDB_PIDFILE"
      return 0
    }
    sleep 0.5
  done
  warn "MariaDB pid $pid did not stop within 60s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$MDB_PIDFILE"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
  start) mariadb_start ;;
  stop) mariadb_stop ;;
  status) mariadb_status ;;
  port) mariadb_port ;;
  password) mariadb_password ;;
  client)
    shift
    _mdb_write_cnf
    exec mariadb --defaults-file="$MDB_CNF" "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|port|password|client [mariadb args...]" >&2
    exit 2
    ;;
  esac
fi
