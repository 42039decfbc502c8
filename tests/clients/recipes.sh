#!/usr/bin/env bash
# docs/clients.md's recipes, run exactly as printed there, against a real server (ctest
# client_recipes, label `clients`; tests/web-gateway/run.sh clients starts the server and MariaDB
# and sets AUXPRO_ENDPOINT, AUXPRO_CA, AUXPRO_CERT, AUXPRO_KEY, AUXPRO_JURISDICTION).
#
# Every fenced block after a `<!-- recipe: FILE -->` line is written to FILE in a scratch
# directory; then grpcurl.sh, python-stubs.sh + client.py and go-stubs.sh + go-run.sh run there
# (AUXPRO_PROTO = proto/, GOOGLE_PROTOS = the google protos of the build) and each must show:
# health SERVING, a list of units, a created unit, and the ErrorInfo REQUEST_ID_REUSED decoded.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"
cd "$REPO"
for v in AUXPRO_ENDPOINT AUXPRO_CA AUXPRO_CERT AUXPRO_KEY AUXPRO_JURISDICTION; do
  [[ -n "${!v:-}" ]] || die "$v is not set: run through tests/web-gateway/run.sh clients"
done
ensure_google_protos
export AUXPRO_PROTO="$REPO/proto" GOOGLE_PROTOS="$GOOGLE_PROTOS_DIR"
command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
export GOPATH="$REPO/.cache/go" GOCACHE="$REPO/.cache/go-build" GOFLAGS=-modcacherw
mkdir -p "$LOCAL_DIR/bin" "$LOG_DIR"
PATH="$LOCAL_DIR/bin:$PATH"

# The tools the recipes name: grpcurl (Go module, pinned as the doc says), Debian's Python gRPC.
GRPCURL_VERSION="$(sed -n 's|.*go install github.com/fullstorydev/grpcurl/cmd/grpcurl@\(v[0-9.]*\).*|\1|p' docs/clients.md | head -1)"
[[ -n "$GRPCURL_VERSION" ]] || die "docs/clients.md does not name the grpcurl version"
if [[ "$(go version -m "$LOCAL_DIR/bin/grpcurl" 2>/dev/null | awk '$1 == "mod" {print $3}')" != "$GRPCURL_VERSION" ]]; then
  log "installing grpcurl $GRPCURL_VERSION into .local/bin (go install)"
  GOBIN="$LOCAL_DIR/bin" go install "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION" \
    >"$LOG_DIR/grpcurl-install.log" 2>&1 || { show_log_tail "$LOG_DIR/grpcurl-install.log" 20; die "could not install grpcurl"; }
fi
need=()
/usr/bin/python3 -c 'import grpc' 2>/dev/null || need+=(python3-grpcio)
command -v grpc_python_plugin >/dev/null 2>&1 || need+=(protobuf-compiler-grpc)
if ((${#need[@]})); then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" \
    >"$LOG_DIR/apt-clients.log" 2>&1 || die "could not install ${need[*]}"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/auxpro-recipes.XXXXXX")"
trap '[[ "${AUXPRO_KEEP_RECIPES:-0}" == 1 ]] || rm -rf "$WORK"' EXIT
/usr/bin/python3 - "$REPO/docs/clients.md" "$WORK" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"<!-- recipe: (\S+) -->\n```[a-z]*\n(.*?)\n```", text, re.S)
if len(blocks) < 6:
    sys.exit("docs/clients.md: %d recipe blocks, want 6" % len(blocks))
for name, body in blocks:
    path = os.path.join(sys.argv[2], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body + "\n")
    print("recipe", name)
PY

passed=0 failed=0
expect() { # expect NAME OUTPUT-FILE REGEX WHAT
  if grep -Eq "$3" "$2"; then
    passed=$((passed + 1)); echo "ok   $1: $4"
  else
    failed=$((failed + 1)); echo "FAIL $1: $4 (no /$3/ in its output:)"; sed 's/^/       /' "$2" | tail -30
  fi
}
run() { # run NAME COMMAND...: in $WORK, output to $WORK/NAME.out
  local name="$1"; shift
  if (cd "$WORK" && "$@") >"$WORK/$name.out" 2>&1; then
    passed=$((passed + 1)); echo "ok   $name: ran"
  else
    failed=$((failed + 1)); echo "FAIL $name: exit status $?"; tail -30 "$WORK/$name.out" | sed 's/^/       /'
  fi
}

run grpcurl bash -e grpcurl.sh
expect grpcurl "$WORK/grpcurl.out" '^auxpro\.personnel\.v1\.Personnel$' "reflection lists the services"
expect grpcurl "$WORK/grpcurl.out" '"status": "SERVING"' "health SERVING"
expect grpcurl "$WORK/grpcurl.out" '"name": "jurisdictions/'"$AUXPRO_JURISDICTION"'/units/' "a unit listed or created"
expect grpcurl "$WORK/grpcurl.out" '"reason": "REQUEST_ID_REUSED"' "ErrorInfo decoded"

run python-stubs bash -e python-stubs.sh
run python /usr/bin/python3 client.py
expect python "$WORK/python.out" '^health: SERVING$' "health SERVING"
expect python "$WORK/python.out" '^units: [0-9]+$' "units listed"
expect python "$WORK/python.out" "^created: jurisdictions/$AUXPRO_JURISDICTION/units/" "unit created"
expect python "$WORK/python.out" '^error: INVALID_ARGUMENT REQUEST_ID_REUSED \{.*request_id' "ErrorInfo decoded"

run go-stubs bash -e go-stubs.sh
run go bash -e go-run.sh
expect go "$WORK/go.out" '^health: SERVING$' "health SERVING"
expect go "$WORK/go.out" '^units: [0-9]+$' "units listed"
expect go "$WORK/go.out" "^created: jurisdictions/$AUXPRO_JURISDICTION/units/" "unit created"
expect go "$WORK/go.out" '^error: InvalidArgument REQUEST_ID_REUSED map\[request_id:' "ErrorInfo decoded"

echo "client recipes: $passed passed, $failed failed"
((failed == 0))
