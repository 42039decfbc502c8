#!/usr/bin/env bash
# Tests: bash deploy/local/test.sh [ctest args...]      e.g.  bash deploy/local/test.sh -L unit
#
# Same install + build + private MariaDB + certificates as up.sh (no server is started), then
# ctest --test-dir build --output-on-failure -j2 [args] with the AUXPRO_TEST_* environment, then
# (a run without ctest args only) the fuzz step, deploy/local/fuzz.sh: the libFuzzer targets built
# with clang + ASan + UBSan into build-fuzz/ and run 10 s each. AUXPRO_FUZZ=0 skips that step,
# AUXPRO_FUZZ=1 runs it with ctest args too.
# AUXPRO_SANITIZE=address,undefined builds the whole project with those sanitizers into
# build-sanitize/ and runs the suite there (docs/reliability.md).
# A MariaDB that this script started is stopped again at the end (AUXPRO_KEEP_DB=1 keeps it);
# one that was already running (e.g. from up.sh) is left running.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=deploy/local/mariadb.sh
source "$REPO/deploy/local/mariadb.sh"
cd "$REPO"

ensure_packages
build_project

db_was_running=0
mariadb_running && db_was_running=1
mariadb_start
if ((!db_was_running)) && [[ "${AUXPRO_KEEP_DB:-0}" != 1 ]]; then
  trap 'mariadb_stop' EXIT
fi
ensure_field_key
ensure_certs
# The service schemas and users, so that tests which start the real server find them. Tests use
# root (below) and should create their own schemas rather than touch these.
if [[ -x "$SERVER_BIN" ]]; then
  mapfile -t SERVICES < <(list_services)
  ensure_service_databases "${SERVICES[@]}"
else
  warn "$SERVER_BIN not built: service schemas/users not created (tests needing them will fail)"
fi

export AUXPRO_TEST_MYSQL_HOST=127.0.0.1
AUXPRO_TEST_MYSQL_PORT="$(mariadb_port)"
AUXPRO_TEST_MYSQL_PASSWORD="$(mariadb_password)"
export AUXPRO_TEST_MYSQL_PORT AUXPRO_TEST_MYSQL_PASSWORD
export AUXPRO_TEST_MYSQL_SOCKET="$MDB_SOCK"
export AUXPRO_TEST_MYSQL_USER=root
export AUXPRO_TEST_CERTS_DIR="$CERTS_DIR"
export AUXPRO_TEST_SERVER_BIN="$SERVER_BIN"
export AUXPRO_TEST_DB_SECRETS_DIR="$SECRETS_DIR/db"
export AUXPRO_TEST_FIELD_KEY_FILE="$SECRETS_DIR/field.key"
export AUXPRO_SOURCE_DIR="$REPO"

log "ctest --test-dir build --output-on-failure -j2 $*"
rc=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 "$@" || rc=$?
if ((rc)); then
  echo "ERROR: tests failed (ctest exit code $rc)" >&2
fi
fuzz="${AUXPRO_FUZZ:-}"
[[ -n "$fuzz" ]] || { (($#)) && fuzz=0 || fuzz=1; }
if [[ "$fuzz" != 0 ]]; then
  frc=0
  bash "$REPO/deploy/local/fuzz.sh" || frc=$?
  if ((frc)); then
    echo "ERROR: the fuzz step failed (exit code $frc)" >&2
    ((rc)) || rc=$frc
  fi
fi
exit "$rc"
