#!/usr/bin/env bash
# Benchmark: bash deploy/local/bench.sh [--smoke] [--runs=N] [--out=DIR] [--only=NAME,...]
#            [--calls=N] [--no_build]
#
# From a fresh clone: installs and builds like up.sh (plus ghz, pinned, `go install` into
# .local/bin), starts the private MariaDB, creates a separate set of schemas and users
# (auxbench_<svc>, dropped and made again on every run, so every run starts from the same district),
# starts auxpro-server --target=all on a free port with mTLS, loads the demo district through the
# API (auxpro-demo --load) and the scale rows straight into the schemas (SQL as root), then measures
# every scenario of docs/performance.md 3 times with ghz next to its floors of the same run:
#   - grpc.health.v1.Health/Check on the same server, port and ghz settings;
#   - the primary-key read GetPerson issues, through Connector/C++ on one connection;
#   - a single-row durable insert (autocommit, one commit per row) on one connection.
# Prints one table and writes results.json and results.md into --out (default .local/bench/latest).
# A benchmark reports; it never fails on a time. It fails when a call fails where it must not,
# when acknowledged writes are missing afterwards, or when a step of the harness breaks.
#
# --smoke: one short run of every scenario with small call counts and 1,000 scale rows, no build
# (the binaries must exist): the ctest `bench_smoke` test (label bench) runs it to check the
# harness, never the times.
#
# --only=NAME,...: while working on one scenario, measure only these (scenario names as in
# SCENARIOS below, e.g. get_person,requirement_check; `rounds` for the grading rounds, `five` for
# the five-process rows); the floors and Health/Check always run. --calls=N: N calls per read run
# (N/4 per write run) instead of the default. --no_build: use the binaries in build/ as they are. The report then leaves the other
# rows "not measured" (and --smoke's check fails on them, so do not combine the two in ctest).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=deploy/local/mariadb.sh
source "$REPO/deploy/local/mariadb.sh"
cd "$REPO"

GHZ_VERSION=v0.120.0
SMOKE=0
RUNS=3
OUT="$LOCAL_DIR/bench/latest"
ONLY=""
CALLS_ARG=""
NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
  --smoke) SMOKE=1 ;;
  --runs=*) RUNS="${arg#--runs=}" ;;
  --out=*) OUT="${arg#--out=}" ;;
  --only=*) ONLY=",${arg#--only=},health," ;;
  --calls=*) CALLS_ARG="${arg#--calls=}" ;;
  --no_build) NO_BUILD=1 ;;
  *) die "unknown argument $arg (usage: bench.sh [--smoke] [--runs=N] [--out=DIR] [--only=NAME,...] [--calls=N] [--no_build])" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"
# selected NAME: true when NAME is measured in this run (every scenario without --only).
selected() { [[ -z "$ONLY" || "$ONLY" == *",$1,"* ]]; }

# Load settings: calls per ghz run, in-flight calls and connections, and the scale.
if ((SMOKE)); then
  RUNS=1 CALLS=200 WRITE_CALLS=100 FLOOR_CALLS=200 INSERT_CALLS=50 SCALE=1000 MIXED_SECONDS=2
else
  CALLS=6000 WRITE_CALLS=800 FLOOR_CALLS=3000 INSERT_CALLS=400 SCALE=100000 MIXED_SECONDS=8
fi
if [[ -n "$CALLS_ARG" ]]; then
  [[ "$CALLS_ARG" =~ ^[1-9][0-9]*$ ]] || die "--calls must be a positive number"
  CALLS=$CALLS_ARG WRITE_CALLS=$((CALLS_ARG / 4 + 1))
fi
IN_FLIGHT=16
CONNECTIONS=4
PAGE_SIZE=100
AUXILIARIES=1000 # clones with a year of training records; the first $AUXILIARIES of $SCALE
J=wenjiang
PREFIX=auxbench_
BENCH_DIR="$LOCAL_DIR/bench"
RAW="$OUT/raw"
BENCH_SECRETS="$BENCH_DIR/secrets/db"
BENCH_BIN="$BUILD_DIR/tools/auxpro-bench/auxpro-bench"
PROTOSET="$BUILD_DIR/proto/auxpro.protoset"
HEALTH_PROTOSET="$BUILD_DIR/tools/auxpro-bench/health.protoset"
SERVER_PID=""

# ------------------------------------------------------------------------------ tools and build
export GOPATH="$REPO/.cache/go" GOCACHE="$REPO/.cache/go-build" GOFLAGS=-modcacherw
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  PATH="/usr/local/go/bin:$PATH"
fi

# ensure_ghz: .local/bin/ghz at $GHZ_VERSION (go install; the module version is read back from
# the binary, since a `go install`ed ghz reports "dev" as its own version).
ensure_ghz() {
  GHZ="$LOCAL_DIR/bin/ghz"
  local built=""
  [[ -x "$GHZ" ]] && built="$(go version -m "$GHZ" 2>/dev/null | awk '$1 == "mod" {print $3}')"
  [[ "$built" == "$GHZ_VERSION" ]] && return 0
  command -v go >/dev/null 2>&1 || ensure_packages
  mkdir -p "$LOCAL_DIR/bin" "$LOG_DIR"
  log "installing ghz $GHZ_VERSION into .local/bin (go install; a minute or two the first time)"
  if ! GOBIN="$LOCAL_DIR/bin" go install "github.com/bojand/ghz/cmd/ghz@$GHZ_VERSION" \
    >"$LOG_DIR/ghz-install.log" 2>&1; then
    show_log_tail "$LOG_DIR/ghz-install.log" 40
    die "could not install ghz $GHZ_VERSION"
  fi
}

if ((SMOKE || NO_BUILD)); then
  for bin in "$SERVER_BIN" "$DEMO_BIN" "$BENCH_BIN"; do
    [[ -x "$bin" ]] || die "$bin is not built (the smoke run does not build)"
  done
else
  ensure_packages
  build_project
fi
[[ -f "$PROTOSET" ]] || die "$PROTOSET is missing (target auxpro_protoset)"
[[ -f "$HEALTH_PROTOSET" ]] || die "$HEALTH_PROTOSET is missing (target auxpro-bench)"
ensure_ghz

mkdir -p "$RAW"
rm -f "$RAW"/*.json "$RAW"/*.txt

# ------------------------------------------------------------------------------ database, server
mariadb_start
DB_PORT="$(mariadb_port)"
mapfile -t SERVICES < <(list_services)
ensure_field_key
ensure_certs
root_sql() { mariadb_root_sql "$@"; }
# In a schema, for MariaDB's seq_1_to_N tables.
seq_sql() { mariadb_root_sql --database="${PREFIX}personnel" "$@"; }

log "bench schemas ${PREFIX}<svc>: dropped and made again (the dev schemas auxpro_* are left alone)"
mkdir -p "$BENCH_SECRETS"
chmod 700 "$BENCH_DIR/secrets" "$BENCH_SECRETS"
for svc in "${SERVICES[@]}"; do
  pwf="$BENCH_SECRETS/$svc.password"
  [[ -s "$pwf" ]] || write_secret "$pwf" "$(new_secret)"
  mpwf="$BENCH_SECRETS/${svc}_migrate.password"
  [[ -s "$mpwf" ]] || write_secret "$mpwf" "$(new_secret)"
  echo "DROP DATABASE IF EXISTS \`$PREFIX$svc\`;" | root_sql
  for host in 127.0.0.1 localhost; do
    render_service_sql "$svc" "$(cat "$pwf")" "$host" "$(cat "$mpwf")" |
      sed -e "s/auxpro_/$PREFIX/g" -e "s/auxpro\\\\_/${PREFIX%_}\\\\_/g" |
      root_sql ||
      die "could not create the bench schema of $svc"
  done
done

SERVER_FLAGS=(
  --tls_cert=.local/certs/server.crt --tls_key=.local/certs/server.key
  --tls_client_ca=.local/certs/ca.crt --db_host=127.0.0.1 --db_port="$DB_PORT"
  --db_prefix="$PREFIX" --db_secrets_dir="$BENCH_SECRETS" --field_key_file=.local/secrets/field.key
)
"$SERVER_BIN" --target=all --migrate_only "${SERVER_FLAGS[@]}" >"$RAW/migrate.txt" 2>&1 || {
  show_log_tail "$RAW/migrate.txt"
  die "migrations failed"
}
for svc in "${SERVICES[@]}"; do
  file="$REPO/deploy/mysql/append_only/$svc.tables"
  [[ -f "$file" ]] || continue
  tables="$(echo "SELECT table_name FROM information_schema.tables WHERE table_schema = '$PREFIX$svc'" | root_sql)"
  for host in 127.0.0.1 localhost; do
    printf '%s\n' "$tables" | bash "$REPO/deploy/mysql/narrow-grants.sh" "$PREFIX$svc" "$PREFIX$svc" \
      "$host" "$file" | root_sql
  done
done

GRPC_PORT="$(pick_free_port)"
ENDPOINT="127.0.0.1:$GRPC_PORT"
stop_bench_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 40; i++)); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap stop_bench_server EXIT

# start_bench_server RUN: starts the server and records the seconds from exec to SERVING.
start_bench_server() {
  local since
  since="$(date +%s%N)"
  "$SERVER_BIN" --target=all --listen="$ENDPOINT" "${SERVER_FLAGS[@]}" >>"$RAW/server.txt" 2>&1 &
  SERVER_PID=$!
  local secs
  secs="$("$BENCH_BIN" wait-serving --endpoint="$ENDPOINT" --certs_dir=.local/certs \
    --since_ns="$since" --timeout=60)" || {
    show_log_tail "$RAW/server.txt"
    die "auxpro-server did not become SERVING"
  }
  printf '{"seconds": %s}\n' "$secs" >"$RAW/serving.$1.json"
}
log "starting auxpro-server --target=all on $ENDPOINT"
start_bench_server 1

# ------------------------------------------------------------------------------ the district
log "loading the demo district through the API (auxpro-demo --load)"
"$DEMO_BIN" --endpoint="$ENDPOINT" --certs_dir=.local/certs --jurisdiction="$J" --load \
  >"$RAW/demo.txt" 2>&1 || {
  show_log_tail "$RAW/demo.txt"
  die "loading the demo district failed"
}

P="\`${PREFIX}personnel\`" S="\`${PREFIX}survey\`" PT="\`${PREFIX}points\`"
# The demo's hired persons, in id order (the API made them: units, agreement, permits, points).
mapfile -t HIRED < <(echo "SELECT id FROM $P.persons WHERE jurisdiction = '$J' AND state IN (2, 3) ORDER BY id" | root_sql)
((${#HIRED[@]} >= 20)) || die "the demo district has only ${#HIRED[@]} hired persons"
SRC="${HIRED[0]}"

# columns_of SCHEMA TABLE: the table's columns in order, comma-separated.
columns_of() {
  echo "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '$1' AND table_name = '$2'" | root_sql
}
# clone_rows SCHEMA TABLE N WHERE COL=EXPR...: INSERT ... SELECT of the rows matching WHERE,
# N times (MariaDB's seq_1_to_N; `s.seq` is the copy's number), with the given columns replaced.
clone_rows() {
  local schema="$1" table="$2" n="$3" where="$4" cols select c
  shift 4
  cols="$(columns_of "$schema" "$table")"
  select=""
  IFS=, read -ra list <<<"$cols"
  for c in "${list[@]}"; do
    local expr="t.\`$c\`" kv
    for kv in "$@"; do [[ "${kv%%=*}" == "$c" ]] && expr="${kv#*=}"; done
    select+="${select:+, }$expr"
  done
  echo "INSERT INTO \`$schema\`.\`$table\` (\`${cols//,/\`,\`}\`) SELECT $select FROM \`$schema\`.\`$table\` t JOIN seq_1_to_$n s WHERE $where" | seq_sql
}

log "scale rows straight into the schemas: $SCALE persons, a year of training for $AUXILIARIES"
t0=$(date +%s)
clone_rows "${PREFIX}personnel" persons "$SCALE" "t.jurisdiction = '$J' AND t.id = '$SRC'" \
  "id=CONCAT('pb-', LPAD(s.seq, 6, '0'))" "national_id_index=SHA2(CONCAT('bench-', s.seq), 256)" \
  "full_name=CONCAT('基准', s.seq)"
# A year of training: the source person's records, dated back across the year, for each clone.
echo "CREATE TEMPORARY TABLE x AS SELECT * FROM $P.training_records WHERE jurisdiction = '$J' AND person_id = '$SRC' LIMIT 1;
INSERT INTO $P.training_records SELECT x.jurisdiction, CONCAT('tb-', s.seq, '-', m.seq), CONCAT('pb-', LPAD(s.seq, 6, '0')),
  x.kind, x.topic, DATE_SUB(CURDATE(), INTERVAL m.seq MONTH), x.days, x.hours, x.passed, x.created_at
  FROM x JOIN seq_1_to_$AUXILIARIES s JOIN seq_1_to_12 m;" | seq_sql
# Points balance with 100 vs $SCALE entries: two hired persons get that many copies of an entry.
SMALL_P="${HIRED[${#HIRED[@]} - 1]}" LARGE_P="${HIRED[${#HIRED[@]} - 2]}"
for pair in "$SMALL_P:100" "$LARGE_P:$SCALE"; do
  who="${pair%%:*}" n="${pair#*:}"
  echo "CREATE TEMPORARY TABLE x AS SELECT * FROM $PT.point_entries WHERE jurisdiction = '$J' LIMIT 1;
INSERT INTO $PT.point_entries (jurisdiction, id, person_id, kind, rule_code, amount, rule_amount, not_counted,
  matter_id, matter_group, reason, deciding_agency, actor, evidence_ref, effective_date, request_id, reverses_id,
  body, level, in_own_name, balance_after, created_at)
  SELECT x.jurisdiction, CONCAT('eb-', '$who', '-', s.seq), '$who', x.kind, x.rule_code, 1, 1, 0,
  CONCAT('bench-', s.seq), x.matter_group, x.reason, x.deciding_agency, x.actor, x.evidence_ref,
  DATE_SUB(CURDATE(), INTERVAL s.seq MOD 365 DAY), CONCAT('bench-', '$who', '-', s.seq), NULL, x.body, x.level,
  x.in_own_name, 0, x.created_at FROM x JOIN seq_1_to_$n s;
UPDATE $PT.point_persons SET balance = (SELECT SUM(amount) FROM $PT.point_entries e WHERE e.jurisdiction = '$J'
  AND e.person_id = '$who'), entry_count = (SELECT COUNT(*) FROM $PT.point_entries e WHERE e.jurisdiction = '$J'
  AND e.person_id = '$who') WHERE jurisdiction = '$J' AND person_id = '$who';" | seq_sql
done
# Satisfaction rate with 100 vs $SCALE responses: two covered auxiliaries of the demo campaign get
# that many responses (all answers 4), spread over the campaign's days so far, with their counters.
CAMPAIGN="$(echo "SELECT id FROM $S.campaigns WHERE jurisdiction = '$J' AND state = 2 ORDER BY id LIMIT 1" | root_sql)"
[[ -n "$CAMPAIGN" ]] || die "the demo district has no open survey campaign"
mapfile -t COVERED < <(echo "SELECT a.person_id, pm.badge_number FROM $S.campaign_auxiliaries a JOIN $P.permits pm ON pm.jurisdiction = a.jurisdiction AND pm.person_id = a.person_id AND pm.state = 1 WHERE a.jurisdiction = '$J' AND a.campaign_id = '$CAMPAIGN' ORDER BY a.person_id" | root_sql)
((${#COVERED[@]} >= 4)) || die "the demo campaign covers only ${#COVERED[@]} auxiliaries"
RATE_SMALL="$(cut -f1 <<<"${COVERED[${#COVERED[@]} - 1]}")"
RATE_LARGE="$(cut -f1 <<<"${COVERED[${#COVERED[@]} - 2]}")"
for pair in "$RATE_SMALL:100" "$RATE_LARGE:$SCALE"; do
  who="${pair%%:*}" n="${pair#*:}"
  echo "SET @start = (SELECT period_start FROM $S.campaigns WHERE jurisdiction = '$J' AND id = '$CAMPAIGN');
SET @days = GREATEST(1, DATEDIFF(CURDATE(), @start) + 1);
SET @q = (SELECT id FROM $S.questionnaires WHERE post_type = (SELECT post_type FROM $P.persons WHERE jurisdiction = '$J' AND id = '$who') ORDER BY version LIMIT 1);
SET @badge = (SELECT badge_number FROM $P.permits WHERE jurisdiction = '$J' AND person_id = '$who' AND state = 1 LIMIT 1);
SET @rated = (SELECT COUNT(*) FROM $S.questionnaire_questions WHERE questionnaire_id = @q AND rated = 1);
INSERT INTO $S.responses SELECT '$J', '$CAMPAIGN', CONCAT('rb-', '$who', '-', s.seq), '$who', @badge, @q,
  SHA2(CONCAT('bench-', '$who', '-', s.seq), 256), DATE_ADD(@start, INTERVAL s.seq MOD @days DAY),
  SUBSTRING('4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4', 1, 2 * @rated - 1), '' FROM seq_1_to_$n s;
INSERT INTO $S.daily_counts (jurisdiction, person_id, campaign_id, day, question, answer, n)
  SELECT '$J', '$who', '$CAMPAIGN', r.submit_date, q.question, IF(q.question = 0, 0, 4), COUNT(*)
  FROM $S.responses r JOIN (SELECT 0 AS question UNION ALL SELECT number FROM $S.questionnaire_questions
  WHERE questionnaire_id = @q AND rated = 1) q
  WHERE r.jurisdiction = '$J' AND r.campaign_id = '$CAMPAIGN' AND r.person_id = '$who' AND r.id LIKE 'rb-%'
  GROUP BY r.submit_date, q.question ON DUPLICATE KEY UPDATE n = n + VALUES(n);" | seq_sql
done
LOAD_SECONDS=$(($(date +%s) - t0))

# ------------------------------------------------------------------------------ measurements
CERT=.local/certs/clients/$J
GHZ_BASE=(--cacert=.local/certs/ca.crt --cname=localhost --timeout=20s --format=json
  --metadata='{"x-auxpro-actor":"bench"}')
as() { echo "--cert=$CERT/$1.crt" "--key=$CERT/$1.key"; }

# ghz_run NAME AGENCY CALL N DATAFILE RUN [extra ghz args]: one ghz run into raw/NAME.RUN.json;
# $IN_FLIGHT calls in flight over $CONNECTIONS connections unless C= and CONNS= say otherwise, to
# $ENDPOINT unless AT= says otherwise.
ghz_run() {
  local name="$1" agency="$2" call="$3" n="$4" data="$5" run="$6"
  shift 6
  # shellcheck disable=SC2046 # as prints two words
  local protoset="$PROTOSET"
  [[ "$call" == grpc.health.v1.* ]] && protoset="$HEALTH_PROTOSET"
  "$GHZ" "${GHZ_BASE[@]}" --protoset="$protoset" $(as "$agency") --call="$call" --total="$n" --data-file="$data" \
    --concurrency="${C:-$IN_FLIGHT}" --connections="${CONNS:-$CONNECTIONS}" "$@" \
    "${AT:-$ENDPOINT}" >"$RAW/$name.$run.json" 2>"$RAW/$name.$run.err" || {
    cat "$RAW/$name.$run.err" >&2
    die "ghz failed for $name"
  }
}
DATA="$OUT/data"
mkdir -p "$DATA"
persons_json() { # PREFIXED_NAMES... -> JSON array of {"name": ...} with the given field
  local field="$1" suffix="$2"
  shift 2
  printf '['
  local first=1 p
  for p in "$@"; do
    ((first)) || printf ','
    first=0
    printf '{"%s":"jurisdictions/%s/persons/%s%s"}' "$field" "$J" "$p" "$suffix"
  done
  printf ']\n'
}
mapfile -t BENCH_PERSONS < <(for i in $(seq 1 "$AUXILIARIES"); do printf 'pb-%06d\n' "$i"; done)
echo '{"service":""}' >"$DATA/health.json"
persons_json name "" "${BENCH_PERSONS[@]}" >"$DATA/get_person.json"
printf '{"parent":"jurisdictions/%s","page_size":%d}\n' "$J" "$PAGE_SIZE" >"$DATA/list_first.json"
DEEP_KEY="$(printf 'pb-%06d' $((SCALE - PAGE_SIZE)))"
printf '{"parent":"jurisdictions/%s","page_size":%d,"page_token":"%s"}\n' "$J" "$PAGE_SIZE" \
  "$("$BENCH_BIN" page-token --last_key="$DEEP_KEY" --query="auxpro.personnel.v1.ListPersonsResponse|$J|")" >"$DATA/list_deep.json"
{
  printf '['
  first=1
  for p in "${BENCH_PERSONS[@]}"; do
    ((first)) || printf ','
    first=0
    printf '{"parent":"jurisdictions/%s/persons/%s","training_record":{"kind":"DRILL","topic":"bench","start_date":{"year":%s,"month":%s,"day":%s},"hours":2,"passed":true},"request_id":"{{.UUID}}"}' \
      "$J" "$p" "$(date -u +%Y)" "$(date -u +%-m)" "$(date -u +%-d)"
  done
  printf ']\n'
} >"$DATA/record_training.json"
# Survey: the covered auxiliaries but the two with bulk rows, each submission a new respondent.
{
  printf '['
  first=1
  for ((i = 0; i < ${#COVERED[@]} - 2; i++)); do
    badge="$(cut -f2 <<<"${COVERED[$i]}")"
    ((first)) || printf ','
    first=0
    printf '{"parent":"jurisdictions/%s/campaigns/%s","badge_number":"%s","answers":[4,5,4,4,5,4,4,5,4,4],"submission_id":"{{.UUID}}","respondent_key":"bench-{{.UUID}}"}' \
      "$J" "$CAMPAIGN" "$badge"
  done
  printf ']\n'
} >"$DATA/submit_response.json"
# Points: hired persons but the two with bulk rows; each award its own matter.
AWARDED=("${HIRED[@]:0:${#HIRED[@]}-2}")
{
  printf '['
  first=1
  for p in "${AWARDED[@]}"; do
    ((first)) || printf ','
    first=0
    printf '{"parent":"jurisdictions/%s/persons/%s","commendation":{"body":"GENERAL_OFFICE","level":"DISTRICT","in_own_name":true,"matter_id":"bench-{{.UUID}}","reason":"bench"},"request_id":"{{.UUID}}"}' \
      "$J" "$p"
  done
  printf ']\n'
} >"$DATA/record_commendation.json"
persons_json name "/assessmentStanding" "${HIRED[@]}" >"$DATA/standing.json"
persons_json name "/pointBalance" "$SMALL_P" >"$DATA/balance_small.json"
persons_json name "/pointBalance" "$LARGE_P" >"$DATA/balance_large.json"
printf '{"person":"jurisdictions/%s/persons/%s","campaign":"jurisdictions/%s/campaigns/%s"}\n' \
  "$J" "$RATE_SMALL" "$J" "$CAMPAIGN" >"$DATA/rate_small.json"
printf '{"person":"jurisdictions/%s/persons/%s","campaign":"jurisdictions/%s/campaigns/%s"}\n' \
  "$J" "$RATE_LARGE" "$J" "$CAMPAIGN" >"$DATA/rate_large.json"

DB_FLAGS=(--db_port="$DB_PORT" --db_user="${PREFIX}personnel"
  --db_password_file="$BENCH_SECRETS/personnel.password" --schema="${PREFIX}personnel")
ROOT_FLAGS=(--db_port="$DB_PORT" --db_user=root --db_password_file="$MDB_PWFILE")
count_sql() { echo "$1" | root_sql; }
RESP_SQL="SELECT COUNT(*) FROM $S.responses WHERE jurisdiction = '$J' AND campaign_id = '$CAMPAIGN' AND id NOT LIKE 'rb-%'"
ENTRY_SQL="SELECT COUNT(*) FROM $PT.point_entries WHERE jurisdiction = '$J' AND id NOT LIKE 'eb-%'"
# One pass over the entries (a correlated subquery per person ran for over 15 min on 100,000).
BALANCE_SQL="SELECT COUNT(*) FROM $PT.point_persons pp LEFT JOIN (SELECT person_id, SUM(amount) AS total FROM $PT.point_entries WHERE jurisdiction = '$J' GROUP BY person_id) e ON e.person_id = pp.person_id WHERE pp.jurisdiction = '$J' AND pp.balance <> COALESCE(e.total, 0)"

# Scenario list: NAME|AGENCY|METHOD|CALLS|DATA (extra ghz args after the data file).
SCENARIOS=(
  "health|ENFORCEMENT_BUREAU|grpc.health.v1.Health/Check|$CALLS|health.json"
  "get_person|ENFORCEMENT_BUREAU|auxpro.personnel.v1.Personnel/GetPerson|$CALLS|get_person.json"
  "list_first|ENFORCEMENT_BUREAU|auxpro.personnel.v1.Personnel/ListPersons|$((CALLS / 20))|list_first.json"
  "list_deep|ENFORCEMENT_BUREAU|auxpro.personnel.v1.Personnel/ListPersons|$((CALLS / 20))|list_deep.json"
  "record_training|ENFORCEMENT_BUREAU|auxpro.personnel.v1.Personnel/RecordTraining|$WRITE_CALLS|record_training.json"
  "submit_response|PUBLIC|auxpro.survey.v1.Survey/SubmitResponse|$WRITE_CALLS|submit_response.json"
  "record_commendation|ENFORCEMENT_BUREAU|auxpro.points.v1.Points/RecordCommendation|$WRITE_CALLS|record_commendation.json"
  "assessment_standing|ENFORCEMENT_BUREAU|auxpro.assessment.v1.Assessment/GetAssessmentStanding|$((CALLS / 4))|standing.json"
  "balance_small|ENFORCEMENT_BUREAU|auxpro.points.v1.Points/GetPointBalance|$((CALLS / 20))|balance_small.json"
  "balance_large|ENFORCEMENT_BUREAU|auxpro.points.v1.Points/GetPointBalance|$((CALLS / 20))|balance_large.json"
  "rate_small|ENFORCEMENT_BUREAU|auxpro.survey.v1.Survey/GetSatisfactionRate|$((CALLS / 20))|rate_small.json"
  "rate_large|ENFORCEMENT_BUREAU|auxpro.survey.v1.Survey/GetSatisfactionRate|$((CALLS / 20))|rate_large.json"
)

# ---- grading ----------------------------------------------------------------------------------
# The requirement check for one person (reads personnel, assessment, points and survey) through
# ghz, and the grading round (every page of ListRoundEntries) over ROUND_SMALL auxiliaries of
# haimen and over the $SCALE clones of wenjiang. The clones get the facts of a check straight into
# the schemas, as tests/support/grading_round_loader does: a level by n % 4 (none, 5, 4, 3), level
# points by n % 3 (+15, 0, -18; the balance stays 0, the sum of the entries, which the integrity
# check compares), an exam of 72 this year, QUALIFIED last year, 40 responses.
G="\`${PREFIX}grading\`" A="\`${PREFIX}assessment\`"
ROUND_SMALL=10000
((SMOKE)) && ROUND_SMALL=500
YEAR="$(date -u +%Y)"
# round_facts J ID_PREFIX N: the facts of persons ID_PREFIX000001.. of J.
round_facts() {
  local j="$1" pre="$2" n="$3" id
  id="CONCAT('$pre', LPAD(s.seq, 6, '0'))"
  echo "INSERT INTO $G.person_levels (jurisdiction, person_id, level, since, version, updated_at)
  SELECT '$j', $id, CASE s.seq % 4 WHEN 1 THEN 5 WHEN 2 THEN 4 ELSE 3 END, '$((YEAR - 1))-01-01', 1, NOW(6)
  FROM seq_1_to_$n s WHERE s.seq % 4 <> 0;
INSERT INTO $PT.point_persons (jurisdiction, person_id, balance, entry_count, level, level_points, period_start, employed, updated_at)
  SELECT '$j', $id, 0, 0,
  CASE s.seq % 4 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 4 ELSE 3 END,
  CASE s.seq % 3 WHEN 0 THEN 15 WHEN 1 THEN 0 ELSE -18 END, '$((YEAR - 1))-01-01', 1, NOW(6)
  FROM seq_1_to_$n s ON DUPLICATE KEY UPDATE level = VALUES(level), level_points = VALUES(level_points);
INSERT INTO $A.results (jurisdiction, id, session_id, person_id, item, year, attempt, score, passed, created_at)
  SELECT '$j', CONCAT('rb-', '$pre', s.seq), 's-bench', $id, 'PROFESSIONAL_EXAM', $YEAR, 1, 72, 1, NOW(6) FROM seq_1_to_$n s;
INSERT INTO $A.annual_ratings (jurisdiction, id, person_id, unit_id, year, grade, state, updated_at)
  SELECT '$j', CONCAT('ab-', '$pre', s.seq), $id, 'u-bench', $((YEAR - 1)), 'QUALIFIED', 2, NOW(6) FROM seq_1_to_$n s;
INSERT INTO $S.daily_counts (jurisdiction, person_id, campaign_id, day, question, answer, n)
  SELECT '$j', $id, 'c-bench', '$YEAR-01-10', q.seq - 1, IF(q.seq = 1, 0, 4), 40 FROM seq_1_to_$n s JOIN seq_1_to_11 q;" | seq_sql
}
grading_scenarios() {
  log "grading: the facts of $SCALE wenjiang clones, and $ROUND_SMALL clones in haimen with theirs"
  round_facts "$J" pb- "$SCALE"
  clone_rows "${PREFIX}personnel" persons "$ROUND_SMALL" "t.jurisdiction = '$J' AND t.id = '$SRC'" \
    "jurisdiction='haimen'" "id=CONCAT('ph-', LPAD(s.seq, 6, '0'))" \
    "national_id_index=SHA2(CONCAT('bench-h-', s.seq), 256)" "full_name=CONCAT('基准', s.seq)" \
    "unit_id=NULL" "agreement_id=NULL"
  round_facts haimen ph- "$ROUND_SMALL"
  persons_json person "" "${BENCH_PERSONS[@]}" >"$DATA/requirement_check.json"
  SCENARIOS+=("requirement_check|ENFORCEMENT_BUREAU|auxpro.grading.v1.Grading/CheckRequirements|$((CALLS / 4))|requirement_check.json")
}
grading_scenarios
# grading_rounds RUN: the two rounds, timed by auxpro-bench.
grading_rounds() {
  local run="$1" pair
  for pair in "haimen:grading_round_10k" "$J:grading_round_100k"; do
    log "run $run of $RUNS: grading round of ${pair%%:*}"
    "$BENCH_BIN" grading-round --endpoint="$ENDPOINT" --certs_dir=.local/certs \
      --jurisdiction="${pair%%:*}" --page_size=1000 >"$RAW/${pair#*:}.$run.json" ||
      die "the grading round of ${pair%%:*} failed"
  done
}
# -----------------------------------------------------------------------------------------------

resp_before="$(count_sql "$RESP_SQL")" entries_before="$(count_sql "$ENTRY_SQL")"
for ((run = 1; run <= RUNS; run++)); do
  log "run $run of $RUNS: floors"
  "$BENCH_BIN" floor-read "${DB_FLAGS[@]}" --jurisdiction="$J" --id_prefix=pb- \
    --id_count="$AUXILIARIES" --calls="$FLOOR_CALLS" >"$RAW/floor_read.$run.json"
  "$BENCH_BIN" floor-insert "${ROOT_FLAGS[@]}" --calls="$INSERT_CALLS" >"$RAW/floor_insert.$run.json"
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r name agency method n data <<<"$s"
    selected "$name" || continue
    log "run $run of $RUNS: $name ($method, $n calls, $IN_FLIGHT in flight)"
    ghz_run "$name" "$agency" "$method" "$n" "$DATA/$data" "$run"
    if [[ "$name" == requirement_check ]]; then
      # The check's latency alone: one call at a time on one connection (the goal's p50).
      log "run $run of $RUNS: requirement_check_1 ($method, one in flight)"
      C=1 CONNS=1 ghz_run requirement_check_1 "$agency" "$method" $((n / 5)) "$DATA/$data" "$run"
    fi
  done
  if selected rounds; then grading_rounds "$run"; fi
done

# Five processes: each service in its own auxpro-server (--target=<svc> --peers=the others), on the
# same schemas, so that GetPerson and the requirement check (grading reading personnel,
# assessment, points and survey, and assessment reading personnel) cross real process hops. The
# --target=all server stays up, idle, meanwhile.
FIVE_PIDS=()
stop_five() {
  local pid
  for pid in "${FIVE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${FIVE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  FIVE_PIDS=()
}
trap 'stop_five; stop_bench_server' EXIT
five_processes() {
  local -A port
  local svc other peers since attempt failed
  # A port found free can be taken by another process before the server binds it (the test
  # command runs tests side by side): then the five start again on new ports, at most 3 times.
  for attempt in 1 2 3; do
    for svc in "${SERVICES[@]}"; do port[$svc]="$(pick_free_port)"; done
    for svc in "${SERVICES[@]}"; do
      peers=""
      for other in "${SERVICES[@]}"; do
        [[ "$other" == "$svc" ]] || peers+="${peers:+,}$other=127.0.0.1:${port[$other]}"
      done
      "$SERVER_BIN" --target="$svc" --listen="127.0.0.1:${port[$svc]}" --peers="$peers" \
        --drain_delay_seconds=0 "${SERVER_FLAGS[@]}" >>"$RAW/server.$svc.txt" 2>&1 &
      FIVE_PIDS+=($!)
    done
    since="$(date +%s%N)"
    failed=""
    for svc in "${SERVICES[@]}"; do
      "$BENCH_BIN" wait-serving --endpoint="127.0.0.1:${port[$svc]}" --certs_dir=.local/certs \
        --since_ns="$since" --timeout=60 >/dev/null || {
        failed="$svc"
        break
      }
    done
    [[ -n "$failed" ]] || break
    if ((attempt < 3)) && grep -q "Address already in use" "$RAW/server.$failed.txt"; then
      log "five processes: the port of $failed was taken meanwhile; starting the five again"
      stop_five
      continue
    fi
    show_log_tail "$RAW/server.$failed.txt"
    die "auxpro-server --target=$failed did not become SERVING"
  done
  for ((run = 1; run <= RUNS; run++)); do
    for s in "${SCENARIOS[@]}"; do
      IFS='|' read -r name agency method n data <<<"$s"
      case "$name" in
      health) svc=personnel ;;
      get_person) svc=personnel ;;
      requirement_check) svc=grading ;;
      *) continue ;;
      esac
      log "run $run of $RUNS: five processes: $name ($method on the $svc process)"
      AT="127.0.0.1:${port[$svc]}" ghz_run "${name}_5p" "$agency" "$method" "$n" "$DATA/$data" "$run"
      if [[ "$name" == requirement_check ]]; then
        AT="127.0.0.1:${port[$svc]}" C=1 CONNS=1 ghz_run requirement_check_1_5p "$agency" "$method" \
          $((n / 5)) "$DATA/$data" "$run"
      fi
    done
  done
  stop_five
}
if selected five; then five_processes; fi

resp_after="$(count_sql "$RESP_SQL")" entries_after="$(count_sql "$ENTRY_SQL")"
bad_balances="$(count_sql "$BALANCE_SQL")"
printf '{"responses_stored": %d, "entries_stored": %d, "bad_balances": %d}\n' \
  $((resp_after - resp_before)) $((entries_after - entries_before)) "$bad_balances" \
  >"$RAW/checks.json"

# Memory under a mixed load: reads, lists, submissions and awards at once; VmRSS every 0.2 s.
log "mixed load for ${MIXED_SECONDS}s: resident memory of auxpro-server --target=all"
mixed=()
for s in get_person list_first submit_response record_commendation assessment_standing; do
  for e in "${SCENARIOS[@]}"; do
    IFS='|' read -r name agency method n data <<<"$e"
    [[ "$name" == "$s" ]] || continue
    # shellcheck disable=SC2046
    "$GHZ" "${GHZ_BASE[@]}" --concurrency="$IN_FLIGHT" --connections="$CONNECTIONS" \
      --protoset="$PROTOSET" $(as "$agency") --call="$method" --duration="${MIXED_SECONDS}s" \
      --data-file="$DATA/$data" "$ENDPOINT" >"$RAW/mixed.$name.json" 2>/dev/null &
    mixed+=($!)
  done
done
peak=0
end=$(($(date +%s) + MIXED_SECONDS + 1))
while (($(date +%s) < end)); do
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)"
  ((rss > peak)) && peak=$rss
  sleep 0.2
done
for pid in "${mixed[@]}"; do wait "$pid" || true; done
printf '{"peak_rss_kb": %d}\n' "$peak" >"$RAW/memory.json"

# Start to SERVING (migrations already applied): restarts of the same server.
for ((run = 2; run <= RUNS; run++)); do
  stop_bench_server
  start_bench_server "$run"
done
[[ -f "$RAW/serving.1.json" ]] || die "no start-to-SERVING measurement"

# ------------------------------------------------------------------------------ report
{
  echo "{"
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"machine\": \"$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)\","
  echo "  \"kernel\": \"$(uname -r)\","
  echo "  \"commit\": \"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo +dirty)\","
  echo "  \"build\": \"$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")\","
  echo "  \"versions\": \"ghz $GHZ_VERSION, gRPC $(dpkg-query -W -f='${Version}' libgrpc++-dev 2>/dev/null), protobuf $(dpkg-query -W -f='${Version}' libprotobuf-dev 2>/dev/null), Connector/C++ $(dpkg-query -W -f='${Version}' libmysqlcppconn-dev 2>/dev/null), $("$BENCH_BIN" settings "${ROOT_FLAGS[@]}")\","
  echo "  \"settings\": \"$IN_FLIGHT in flight over $CONNECTIONS connections (ghz), mTLS, $RUNS runs, $CALLS calls per read run, $WRITE_CALLS per write run, floors on one connection ($FLOOR_CALLS reads, $INSERT_CALLS inserts), server defaults (--work_threads=16, --db_pool_size=8, --inline_reads=4), $SCALE persons ($AUXILIARIES with a year of training), page size $PAGE_SIZE, scale rows loaded in ${LOAD_SECONDS}s by SQL\","
  echo "  \"smoke\": $SMOKE,"
  echo "  \"runs\": $RUNS"
  echo "}"
} >"$RAW/meta.json"
check=()
((SMOKE)) && check=(--check)
python3 "$REPO/tools/auxpro-bench/report.py" "$RAW" "$OUT" "${check[@]}"
log "results: ${OUT#"$REPO"/}/results.md and results.json"
