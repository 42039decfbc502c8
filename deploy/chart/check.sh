#!/usr/bin/env bash
# Chart validation: bash deploy/chart/check.sh        (ctest label `chart`; docs/operations.md)
#
# 1. helm (pinned, `go install` into .local/bin when missing or another version) lints
#    helm/auxpro with --strict and renders it for each case below.
# 2. tools/k8scheck (its own go.mod pins k8s.io/api = the Kubernetes version below) decodes every
#    rendered object strictly into the Kubernetes API types and runs the checks on them
#    (security, probes, resources, NetworkPolicies, PDBs, migrations hook, checksum/config,
#    DB secrets, agency endpoints as Ingresses or as Gateway API objects, the web gateway's pods).
#    Its go.mod also pins sigs.k8s.io/gateway-api and Envoy Gateway's API module, whose types the
#    Gateway API objects are decoded into.
# 3. `go test` in tools/k8scheck breaks the real renderings one way at a time and expects the
#    matching check to fail, so a check that passes everything is caught.
# Go's caches live in .cache/go (git-ignored); nothing is written outside the repository.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
cd "$REPO"

HELM_VERSION=v3.22.0
CHART="$REPO/helm/auxpro"
CHECKER_DIR="$REPO/tools/k8scheck"
OUT="$REPO/.cache/chart"

# Rendering cases: name and the values files helm gets after the chart's own values.yaml.
CASES=(
  "allinone:"
  "microservices:ci/microservices-values.yaml"
  "all-services:ci/all-services-values.yaml"
  "district:examples/district.yaml"
  "district-allinone:examples/district.yaml ci/allinone-values.yaml"
  "gateway-api:examples/district.yaml ci/gateway-api-values.yaml"
  "gateway-api-allinone:examples/district.yaml ci/gateway-api-values.yaml ci/allinone-values.yaml"
  "web-gateway:ci/web-gateway-values.yaml"
  "web-gateway-microservices:examples/district.yaml ci/web-gateway-values.yaml"
)

if ! command -v go >/dev/null 2>&1; then
  if [[ -x /usr/local/go/bin/go ]]; then
    PATH="/usr/local/go/bin:$PATH"
  else
    ensure_packages
  fi
fi
export GOPATH="$REPO/.cache/go" GOCACHE="$REPO/.cache/go-build" GOFLAGS=-modcacherw
mkdir -p "$LOCAL_DIR/bin" "$LOG_DIR" "$OUT"

# The Kubernetes version whose API types the chart is checked against: k8s.io/api v0.X.Y = 1.X.Y.
K8S_API="$(awk '$1 == "k8s.io/api" {print $2}' "$CHECKER_DIR/go.mod")"
[[ "$K8S_API" =~ ^v0\.([0-9]+)\.([0-9]+)$ ]] || die "cannot read the k8s.io/api version from tools/k8scheck/go.mod"
KUBE_VERSION="1.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"

HELM="$LOCAL_DIR/bin/helm"
# The module version the binary was built from (helm's own `version` omits the patch level when
# built by `go install`).
helm_built() { go version -m "$HELM" 2>/dev/null | awk '$1 == "mod" {print $3}'; }
if ! [[ -x "$HELM" ]] || [[ "$(helm_built)" != "$HELM_VERSION" ]]; then
  log "installing helm $HELM_VERSION into .local/bin (go install; a few minutes the first time)"
  if ! GOBIN="$LOCAL_DIR/bin" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >"$LOG_DIR/helm-install.log" 2>&1; then
    show_log_tail "$LOG_DIR/helm-install.log" 40
    die "could not install helm $HELM_VERSION"
  fi
fi
# helm keeps its own config, cache and data under .cache/helm, not in the home directory.
export HELM_CACHE_HOME="$REPO/.cache/helm/cache" HELM_CONFIG_HOME="$REPO/.cache/helm/config" \
  HELM_DATA_HOME="$REPO/.cache/helm/data"

log "k8scheck: go mod download + build (k8s.io/api $K8S_API = Kubernetes $KUBE_VERSION)"
(cd "$CHECKER_DIR" && go mod download && go mod verify >/dev/null && go vet ./... &&
  go build -o "$OUT/k8scheck" .) >"$LOG_DIR/k8scheck-build.log" 2>&1 || {
  show_log_tail "$LOG_DIR/k8scheck-build.log" 40
  die "could not build tools/k8scheck"
}

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  printf 'FAIL %s\n' "$*"
}

for c in "${CASES[@]}"; do
  name="${c%%:*}"
  files=()
  for f in ${c#*:}; do files+=("$CHART/$f"); done
  hargs=()
  for f in "${files[@]}"; do hargs+=(-f "$f"); done
  if "$HELM" lint --strict --kube-version "$KUBE_VERSION" "$CHART" "${hargs[@]}" >"$OUT/$name.lint" 2>&1; then
    ok
    echo "ok   $name: helm lint --strict"
  else
    cat "$OUT/$name.lint"
    bad "$name: helm lint --strict"
  fi
  if ! "$HELM" template auxpro "$CHART" --namespace auxpro --kube-version "$KUBE_VERSION" "${hargs[@]}" \
    >"$OUT/$name.yaml" 2>"$OUT/$name.err"; then
    cat "$OUT/$name.err"
    bad "$name: helm template"
    continue
  fi
  ok
  echo "ok   $name: helm template ($(grep -c '^kind: ' "$OUT/$name.yaml") objects)"
  printf '%s\n' "$CHART/values.yaml" "${files[@]}" >"$OUT/$name.values"
  cargs=()
  for f in "$CHART/values.yaml" "${files[@]}"; do cargs+=(-f "$f"); done
  if "$OUT/k8scheck" -name "$name" -release auxpro "${cargs[@]}" "$OUT/$name.yaml"; then
    ok
  else
    bad "$name: k8scheck (rendering kept in ${OUT#"$REPO"/}/$name.yaml)"
  fi
done

# The checks against broken copies of the renderings above.
if (cd "$CHECKER_DIR" && K8SCHECK_RENDERED="$OUT" go test -count=1 -v ./... >"$OUT/go-test.log" 2>&1); then
  ok
  echo "ok   k8scheck: each broken rendering is caught by its check ($(grep -c -- '--- PASS: TestMutationsAreCaught/' "$OUT/go-test.log") mutations, go test)"
else
  grep -v -- '--- PASS\|^=== RUN' "$OUT/go-test.log"
  bad "k8scheck: go test (mutations)"
fi

echo "chart: helm $HELM_VERSION, Kubernetes $KUBE_VERSION API types"
echo "$passed passed, $failed failed"
((failed == 0))
