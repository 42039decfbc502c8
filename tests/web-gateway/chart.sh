#!/usr/bin/env bash
# The chart renders one web gateway Deployment, Service, PodDisruptionBudget and Ingress per agency
# of webGateway.agencies (helm/auxpro/ci/web-gateway-values.yaml), with that agency's certificate
# Secret, the gateway pods' NetworkPolicy, and none by default. helm as deploy/chart/check.sh pins and installs it (ctest labels chart, gateway).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"
cd "$REPO"
HELM_VERSION="$(awk -F= '/^HELM_VERSION=/{print $2}' deploy/chart/check.sh)"
command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
export GOPATH="$REPO/.cache/go" GOCACHE="$REPO/.cache/go-build" GOFLAGS=-modcacherw
export HELM_CACHE_HOME="$REPO/.cache/helm/cache" HELM_CONFIG_HOME="$REPO/.cache/helm/config" \
  HELM_DATA_HOME="$REPO/.cache/helm/data"
HELM="$LOCAL_DIR/bin/helm"
if ! [[ -x "$HELM" ]]; then
  mkdir -p "$LOCAL_DIR/bin" "$LOG_DIR"
  GOBIN="$LOCAL_DIR/bin" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >"$LOG_DIR/helm-install.log" 2>&1 ||
    die "could not install helm $HELM_VERSION"
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
fail=0
"$HELM" lint --strict helm/auxpro -f helm/auxpro/ci/web-gateway-values.yaml >/dev/null || fail=1
"$HELM" template t helm/auxpro --kube-version 1.31.0 -f helm/auxpro/ci/web-gateway-values.yaml >"$out"
for a in wenjiang-enforcement-bureau wenjiang-public; do
  n="$(grep -c "^  name: t-auxpro-gw-$a$" "$out" || true)"
  [[ "$n" == 4 ]] || { echo "FAIL: want a Deployment, Service, PodDisruptionBudget and Ingress t-auxpro-gw-$a, got $n objects"; fail=1; }
done
# The gateway pods' own NetworkPolicy, and the browsers' way in (deploy/chart/check.sh checks both
# in depth with tools/k8scheck).
grep -q "^  name: t-auxpro-gw-allow$" "$out" || { echo "FAIL: no NetworkPolicy t-auxpro-gw-allow for the gateway pods"; fail=1; }
grep -q "whitelist-source-range: 10.20.0.0/16" "$out" || { echo "FAIL: the bureau's gateway Ingress is not limited to its source ranges"; fail=1; }
grep -q "secretName: gw-bureau-web" "$out" || { echo "FAIL: the bureau's gateway Ingress has no TLS toward browsers"; fail=1; }
grep -q -- "--client_cert=/etc/auxpro/tls/tls.crt" "$out" || { echo "FAIL: no client certificate flag"; fail=1; }
grep -q "secretName: gw-bureau" "$out" || { echo "FAIL: the bureau's certificate Secret is not mounted"; fail=1; }
grep -q -- "--survey_pages" "$out" || { echo "FAIL: the PUBLIC instance serves no survey pages"; fail=1; }
if "$HELM" template t helm/auxpro --kube-version 1.31.0 | grep -q "app.kubernetes.io/component: web-gateway"; then
  echo "FAIL: a gateway is rendered by default"
  fail=1
fi
((fail == 0)) && echo "web gateway chart: 1 passed, 0 failed" || { echo "web gateway chart: 0 passed, 1 failed"; exit 1; }
