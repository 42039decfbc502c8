#!/usr/bin/env bash
# Builds the web gateway: bash services/web-gateway/build.sh [--check-openapi | --update-openapi]
#
# 1. The protoc plugins at the versions this module's go.mod pins (protoc-gen-go,
#    protoc-gen-go-grpc, protoc-gen-grpc-gateway, protoc-gen-openapiv2), `go install`ed into
#    .cache/web-gateway/bin; protoc is Debian's; google/api from google-proto-files (lib.sh).
# 2. Go code for every proto under proto/auxpro into services/web-gateway/gen/ (git-ignored), the
#    merged OpenAPI document into .cache/web-gateway/openapi/auxpro.swagger.json.
# 3. --check-openapi: fails when services/web-gateway/openapi/auxpro.swagger.json (checked in,
#    embedded in the binary) differs from the fresh one; --update-openapi: copies it there.
# 4. `go build` into build/web-gateway/auxpro-web-gateway.
# Go's caches live in .cache/go and .cache/go-build (as for the chart checks); once the modules
# are there, the build needs no network.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"
GW="$REPO/services/web-gateway"
CACHE="$REPO/.cache/web-gateway"
OUT_BIN="$BUILD_DIR/web-gateway/auxpro-web-gateway"
MODE="${1:-}"

if ! command -v go >/dev/null 2>&1; then
  if [[ -x /usr/local/go/bin/go ]]; then PATH="/usr/local/go/bin:$PATH"; else ensure_packages; fi
fi
command -v protoc >/dev/null 2>&1 || ensure_packages
ensure_google_protos
export GOPATH="$REPO/.cache/go" GOCACHE="$REPO/.cache/go-build" GOFLAGS=-modcacherw
mkdir -p "$CACHE/bin" "$CACHE/openapi" "$LOG_DIR" "$(dirname "$OUT_BIN")"
logf="$LOG_DIR/web-gateway-build.log"
: >"$logf"
cd "$GW"

# 1. Plugins, rebuilt when go.mod names another version than the one installed.
PLUGINS=(
  github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-grpc-gateway
  github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2
  google.golang.org/grpc/cmd/protoc-gen-go-grpc
  google.golang.org/protobuf/cmd/protoc-gen-go
)
stamp="$CACHE/bin/.go.sum.$(sha256sum go.sum | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  log "web gateway: installing the protoc plugins pinned in services/web-gateway/go.mod (go install)"
  GOBIN="$CACHE/bin" go install "${PLUGINS[@]}" >>"$logf" 2>&1 || {
    show_log_tail "$logf" 40
    die "could not install the protoc plugins"
  }
  rm -f "$CACHE"/bin/.go.sum.* && touch "$stamp"
fi

# 2. Generation. No proto of auxpro names a go_package: the import paths are given here (M).
cd "$REPO/proto"
mapfile -t FILES < <(find auxpro -name '*.proto' | LC_ALL=C sort)
args=()
for plugin in go go-grpc grpc-gateway openapiv2; do
  for f in "${FILES[@]}"; do
    pkg="$(dirname "$f")" # auxpro/personnel/v1
    name="$(awk -F/ '{print $2 $3}' <<<"$pkg")"
    args+=("--${plugin}_opt=M$f=auxpro/services/web-gateway/gen/$pkg;$name")
  done
done
rm -rf "$GW/gen.tmp" && mkdir -p "$GW/gen.tmp"
mod=auxpro/services/web-gateway/gen
PATH="$CACHE/bin:$PATH" protoc -I . -I "$GOOGLE_PROTOS_DIR" "${args[@]}" \
  --go_out="$GW/gen.tmp" --go_opt=module=$mod \
  --go-grpc_out="$GW/gen.tmp" --go-grpc_opt=module=$mod \
  --grpc-gateway_out="$GW/gen.tmp" --grpc-gateway_opt=module=$mod \
  --openapiv2_out="$CACHE/openapi" \
  --openapiv2_opt=allow_merge=true,merge_file_name=auxpro,disable_default_errors=true \
  "${FILES[@]}" >>"$logf" 2>&1 || {
  show_log_tail "$logf" 40
  die "protoc failed"
}
rm -rf "$GW/gen" && mv "$GW/gen.tmp" "$GW/gen"
cd "$GW"

# 3. The checked-in OpenAPI document.
fresh="$CACHE/openapi/auxpro.swagger.json"
case "$MODE" in
--update-openapi) cp "$fresh" openapi/auxpro.swagger.json && log "updated services/web-gateway/openapi/auxpro.swagger.json" ;;
--check-openapi)
  if ! diff -u openapi/auxpro.swagger.json "$fresh" >"$CACHE/openapi.diff"; then
    head -n 60 "$CACHE/openapi.diff" >&2
    die "services/web-gateway/openapi/auxpro.swagger.json is not current: run bash services/web-gateway/build.sh --update-openapi"
  fi
  log "OpenAPI document is current ($(grep -c '"operationId"' "$fresh") operations)"
  ;;
esac

# 4. The binary.
# Static (no cgo): the image (deploy/web-gateway.Dockerfile) holds no C library for it.
go vet ./... >>"$logf" 2>&1 && CGO_ENABLED=0 go build -trimpath -o "$OUT_BIN" . >>"$logf" 2>&1 || {
  show_log_tail "$logf" 40
  die "go build of the web gateway failed"
}
log "web gateway built: ${OUT_BIN#"$REPO"/}"
