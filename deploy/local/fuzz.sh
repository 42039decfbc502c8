#!/usr/bin/env bash
# The fuzz step of the test command: bash deploy/local/fuzz.sh [seconds per target]
#
# Installs clang 14 and its libFuzzer/sanitizer runtimes when missing, builds the fuzz targets of
# tests/fuzz (and only what they link) with clang, AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer into build-fuzz/ (ccache), then runs each target for a bounded time (default 10 s,
# AUXPRO_FUZZ_SECONDS or the argument) on its seeds and regression inputs. New inputs go to
# build-fuzz/corpus/<target>/ (kept between runs), a crash to build-fuzz/artifacts/<target>/.
# test.sh runs it after ctest; AUXPRO_FUZZ=0 skips it there. A longer run: docs/reliability.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

SECONDS_PER_TARGET="${1:-${AUXPRO_FUZZ_SECONDS:-10}}"
[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || die "seconds per target: a number, got '$SECONDS_PER_TARGET'"
FUZZ_DIR="$REPO/build-fuzz"
CLANGXX="${AUXPRO_FUZZ_CXX:-clang++-14}"

ensure_packages "${AUXPRO_FUZZ_APT_PACKAGES[@]}"
ensure_google_protos
command -v "$CLANGXX" >/dev/null 2>&1 || die "$CLANGXX not found after installing ${AUXPRO_FUZZ_APT_PACKAGES[*]}"

export CCACHE_NOHASHDIR=true
export CCACHE_BASEDIR="$REPO"
mkdir -p "$LOG_DIR"
logf="$LOG_DIR/fuzz-build.log"
log "building the fuzz targets with $CLANGXX + ASan + UBSan + libFuzzer into build-fuzz/ (log: ${logf#"$REPO"/})"
start=$(date +%s)
# -O1 and line tables only: what libFuzzer's documentation suggests, and half the compile time of
# RelWithDebInfo. AUXPRO_FUZZ compiles the protos without their gRPC stubs (cmake/Sanitize.cmake).
if ! cmake -S "$REPO" -B "$FUZZ_DIR" -G Ninja -DCMAKE_CXX_COMPILER="$CLANGXX" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DAUXPRO_FUZZ=ON -DAUXPRO_SANITIZE=address,undefined \
  -DAUXPRO_GOOGLE_PROTOS_DIR="$GOOGLE_PROTOS_DIR" >"$logf" 2>&1; then
  show_log_tail "$logf" 80
  die "cmake configure of build-fuzz/ failed (full log: $logf)"
fi
mapfile -t TARGETS <"$FUZZ_DIR/tests/fuzz/targets.txt"
((${#TARGETS[@]})) || die "no fuzz targets listed in build-fuzz/tests/fuzz/targets.txt"
if ! ninja -C "$FUZZ_DIR" -j"$(nproc)" "${TARGETS[@]/#/fuzz_}" >>"$logf" 2>&1; then
  if grep -q '^FAILED:' "$logf"; then
    awk '/^FAILED:/{p=1} /^ninja: build stopped/{p=0} p' "$logf" | head -n 150 >&2
  else
    show_log_tail "$logf" 80
  fi
  die "fuzz build failed (full log: $logf)"
fi
log "fuzz targets built in $(($(date +%s) - start)) s"

# Findings abort at once, with a stack; leaks count too (libFuzzer's -detect_leaks).
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
summary="$FUZZ_DIR/summary.txt"
: >"$summary"
failed=()
for t in "${TARGETS[@]}"; do
  bin="$FUZZ_DIR/tests/fuzz/fuzz_$t"
  work="$FUZZ_DIR/corpus/$t"
  artifacts="$FUZZ_DIR/artifacts/$t"
  mkdir -p "$work" "$artifacts"
  dirs=("$work" "$REPO/tests/fuzz/corpus/$t")
  [[ -d "$REPO/tests/fuzz/regressions/$t" ]] && dirs+=("$REPO/tests/fuzz/regressions/$t")
  runlog="$LOG_DIR/fuzz-$t.log"
  rc=0
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=20 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${dirs[@]}" >"$runlog" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$runlog" | tail -1)"
  cov="$(grep -oE 'cov: [0-9]+' "$runlog" | tail -1 | cut -d' ' -f2)"
  if ((rc)); then
    failed+=("$t")
    printf '%-22s FAILED (exit %s) after %s executions\n' "$t" "$rc" "${execs:-?}" | tee -a "$summary"
    show_log_tail "$runlog" 60
    printf 'the input is in %s; once fixed, keep it as tests/fuzz/regressions/%s/<name>\n' \
      "${artifacts#"$REPO"/}" "$t" >&2
  else
    printf '%-22s ok: %s executions in %s s, coverage %s, corpus %s inputs\n' "$t" "${execs:-?}" \
      "$SECONDS_PER_TARGET" "${cov:-?}" "$(find "$work" -type f | wc -l)" | tee -a "$summary"
  fi
done
if ((${#failed[@]})); then
  die "fuzz targets failed: ${failed[*]} (logs: .local/logs/fuzz-<target>.log)"
fi
log "fuzzing passed (${#TARGETS[@]} targets, $SECONDS_PER_TARGET s each; ${summary#"$REPO"/})"
