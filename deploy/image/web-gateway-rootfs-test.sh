#!/usr/bin/env bash
# The web gateway's image proven without a Docker daemon, as deploy/image/rootfs-test.sh proves
# the server's (ctest web_gateway_image, labels `image` and `slow`): run it through
#   bash tests/web-gateway/run.sh image
# which starts the real server on MariaDB, loads the demo district and sets GW_IMAGE_BACKEND
# (the server's address), GW_IMAGE_CERTS (the test certificates) and GW_IMAGE_BIN (the gateway).
#
# 1. Reads the runtime stage of deploy/web-gateway.Dockerfile (deploy/image/dockerfile_stage.py):
#    its Debian suite (slim), the packages it installs (none), its account commands, the COPY
#    destination of the binary, USER, ENTRYPOINT, EXPOSE.
# 2. debootstrap --variant=minbase of that suite (+ those packages), the account commands run in
#    it, apt lists dropped; cached under .cache/rootfs/<key>.
# 3. Copies the gateway in (built static by services/web-gateway/build.sh, as the build stage
#    does) and checks it needs no shared library.
# 4. Starts it in a private mount namespace, chrooted into the root file system remounted
#    read-only, as the Dockerfile's USER (10001:10001), with the chart's layout: the agency's
#    certificate Secret bind-mounted read-only at /etc/auxpro/tls, a tmpfs /tmp; the flags are the
#    chart's (helm/auxpro/templates/web-gateway.yaml) for the bureau of wenjiang.
# 5. Checks: /healthz answers; a List through it reaches the real server over mTLS with the
#    bureau's certificate (HTTP 200 with the demo units); a form page renders from the embedded
#    templates; it runs as uid/gid 10001; its root is read-only and refuses writes; SIGTERM ends
#    it with status 0.
# 6. With umoci (Debian), packs the same root file system as an OCI image (.cache/oci-web-gateway)
#    with the Dockerfile's user, entrypoint, cmd and ports, and runs step 5 from its unpacking.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
cd "$REPO"

[[ $EUID -eq 0 ]] || die "needs root (debootstrap, chroot and mount namespaces)"
for v in GW_IMAGE_BACKEND GW_IMAGE_CERTS GW_IMAGE_BIN; do
  [[ -n "${!v:-}" ]] || die "$v is not set: run it as bash tests/web-gateway/run.sh image"
done
[[ -x "$GW_IMAGE_BIN" ]] || die "$GW_IMAGE_BIN is not built"

passed=0 failed=0
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

need=()
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v umoci >/dev/null 2>&1 || need+=(umoci)
command -v curl >/dev/null 2>&1 || need+=(curl)
if ((${#need[@]})); then
  log "installing Debian packages: ${need[*]}"
  mkdir -p "$LOG_DIR"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"; } \
    >"$LOG_DIR/gw-image-apt.log" 2>&1 || { show_log_tail "$LOG_DIR/gw-image-apt.log" 30; die "could not install ${need[*]}"; }
fi

# --- 1. The runtime stage.
DOCKERFILE="$REPO/deploy/web-gateway.Dockerfile"
eval "$(/usr/bin/python3 "$REPO/deploy/image/dockerfile_stage.py" "$DOCKERFILE" runtime)" ||
  die "could not read the runtime stage of deploy/web-gateway.Dockerfile"
[[ "${IMG_ENTRYPOINT[0]}" == "$IMG_BIN" ]] || die "ENTRYPOINT ${IMG_ENTRYPOINT[0]} is not the copied binary $IMG_BIN"
[[ "$IMG_BASE" == *-slim ]] && ok "the runtime stage is Debian slim ($IMG_BASE)" || bad "the runtime stage $IMG_BASE is not a slim Debian"
log "web gateway runtime stage: $IMG_BASE, packages: ${IMG_PACKAGES[*]:-none}, user $IMG_USER, binary $IMG_BIN"

mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
[[ -n "$mirror" ]] || mirror="$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
[[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list(.d)"

# --- 2. The root file system, cached by what it is made of.
key="$(printf '%s\n' "debootstrap-minbase" "$IMG_SUITE" "${IMG_PACKAGES[@]}" "${IMG_ACCOUNTS[@]}" | sha256sum | cut -c1-16)"
CACHE="$REPO/.cache/rootfs"
ROOTFS="$CACHE/gw-$IMG_SUITE-$key"
mkdir -p "$CACHE" "$LOG_DIR"
if [[ ! -f "$ROOTFS.done" ]]; then
  tmp="$ROOTFS.tmp"
  rm -rf "$tmp" "$ROOTFS"
  log "debootstrap $IMG_SUITE (minbase) into ${ROOTFS#"$REPO"/} (log: ${LOG_DIR#"$REPO"/}/gw-debootstrap.log)"
  start=$SECONDS
  include=()
  ((${#IMG_PACKAGES[@]})) && include=(--include="$(IFS=,; echo "${IMG_PACKAGES[*]}")")
  if ! debootstrap --variant=minbase "${include[@]}" "$IMG_SUITE" "$tmp" "$mirror" >"$LOG_DIR/gw-debootstrap.log" 2>&1; then
    umount -l "$tmp/proc" "$tmp/sys" 2>/dev/null || true
    show_log_tail "$LOG_DIR/gw-debootstrap.log" 40
    die "debootstrap failed"
  fi
  for cmd in "${IMG_ACCOUNTS[@]}"; do
    chroot "$tmp" /bin/sh -c "$cmd" || die "in the root file system: $cmd"
  done
  rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/archives/*.deb
  mv "$tmp" "$ROOTFS"
  touch "$ROOTFS.done"
  log "root file system made in $((SECONDS - start)) s ($(du -sh "$ROOTFS" | cut -f1))"
fi
uid="${IMG_USER%%:*}" gid="${IMG_USER#*:}"
if [[ "$(chroot "$ROOTFS" id -u auxpro 2>/dev/null):$(chroot "$ROOTFS" id -g auxpro 2>/dev/null)" == "$uid:$gid" ]]; then
  ok "root file system ($IMG_SUITE minbase) has the Dockerfile's account auxpro $uid:$gid"
else
  bad "root file system lacks the account auxpro $uid:$gid"
fi

# --- 3. The binary: static, so the slim image needs nothing for it.
install -D -m 0755 "$GW_IMAGE_BIN" "$ROOTFS$IMG_BIN"
linkage="$(chroot "$ROOTFS" /usr/bin/ldd "$IMG_BIN" 2>&1 || true)" # ldd exits 1 on a static binary
if grep -q 'not a dynamic executable' <<<"$linkage"; then
  ok "$IMG_BIN is static: it needs no library of the image"
else
  bad "$IMG_BIN is dynamically linked: $(tr '\n' ' ' <<<"$linkage")"
fi

# --- 4. The agency's certificate Secret as Kubernetes mounts it (0440, fsGroup 10001).
RUN="$(mktemp -d "$CACHE/gw-run.XXXXXX")"
gw_pid=""
cleanup() {
  if [[ -n "$gw_pid" ]] && kill -0 "$gw_pid" 2>/dev/null; then kill -KILL "$gw_pid" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT
mkdir -p "$RUN/tls"
cp "$GW_IMAGE_CERTS/clients/wenjiang/ENFORCEMENT_BUREAU.crt" "$RUN/tls/tls.crt"
cp "$GW_IMAGE_CERTS/clients/wenjiang/ENFORCEMENT_BUREAU.key" "$RUN/tls/tls.key"
cp "$GW_IMAGE_CERTS/ca.crt" "$RUN/tls/ca.crt"
chown -R "0:$gid" "$RUN/tls" && chmod 0750 "$RUN/tls" && chmod 0440 "$RUN"/tls/*

start_in() { # start_in ROOT LOG ARGS...: sets gw_pid
  local root="$1" logf="$2"
  shift 2
  mkdir -p "$root/etc/auxpro/tls"
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare --mount --propagation private -- /bin/bash -c '
    set -e
    R="$1" RUN="$2" USERSPEC="$3"; shift 3
    mount --bind "$R" "$R"
    mount --bind "$RUN/tls" "$R/etc/auxpro/tls"
    mount -o remount,bind,ro "$R/etc/auxpro/tls"
    mount -t tmpfs -o size=16m,mode=1777,nosuid,nodev tmpfs "$R/tmp"
    mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
    mount --bind /dev "$R/dev"
    mount -o remount,bind,ro "$R"
    exec chroot --userspec="$USERSPEC" "$R" "$@"
  ' _ "$root" "$RUN" "$IMG_USER" "$@" >"$logf" 2>&1 &
  gw_pid=$!
}

run_and_check() {
  local root="$1" what="$2" port logf i t0 code body
  port="$(pick_free_port)"
  logf="$RUN/gateway-$what.log"
  t0=$SECONDS
  # The chart's flags for an agency instance (templates/web-gateway.yaml).
  start_in "$root" "$logf" "${IMG_ENTRYPOINT[@]}" --listen="127.0.0.1:$port" \
    --backend="$GW_IMAGE_BACKEND" --backend_server_name=localhost --backend_ca=/etc/auxpro/tls/ca.crt \
    --client_cert=/etc/auxpro/tls/tls.crt --client_key=/etc/auxpro/tls/tls.key \
    --actor_header=X-Remote-User --default_timeout=10s
  code=""
  for i in $(seq 1 60); do
    kill -0 "$gw_pid" 2>/dev/null || break
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)"
    [[ "$code" == 200 ]] && break
    sleep 0.25
  done
  if [[ "$code" == 200 ]]; then ok "$what: /healthz answers 200 ($((SECONDS - t0)) s after start)"; else
    bad "$what: no /healthz answer on 127.0.0.1:$port"
    show_log_tail "$logf" 30
    kill -KILL "$gw_pid" 2>/dev/null || true
    gw_pid=""
    return
  fi
  body="$(curl -s -w '\n%{http_code}' -H 'X-Remote-User: image-test' "http://127.0.0.1:$port/v1/jurisdictions/wenjiang/units?page_size=5" || true)"
  if [[ "$(tail -n1 <<<"$body")" == 200 ]] && grep -q '"name":"jurisdictions/wenjiang/units/' <<<"$body"; then
    ok "$what: a List through it reaches the server over mTLS as the bureau (HTTP 200, units)"
  else
    bad "$what: List through the gateway: $(head -c 300 <<<"$body")"
  fi
  local unit
  unit="$(grep -o '"name":"jurisdictions/wenjiang/units/[a-z0-9-]*"' <<<"$body" | head -n1 | cut -d'"' -f4)"
  code="$(curl -s -o "$RUN/roster-$what.html" -w '%{http_code}' "http://127.0.0.1:$port/forms/$unit/roster" || true)"
  if [[ -n "$unit" && "$code" == 200 ]] && grep -q '<html' "$RUN/roster-$what.html"; then
    ok "$what: the roster form of $unit renders from the embedded templates"
  else
    bad "$what: roster form of '$unit': HTTP $code"
  fi
  local ids rootopts
  ids="$(awk '/^Uid:|^Gid:/ {printf "%s %s %s %s ", $2, $3, $4, $5}' "/proc/$gw_pid/status")"
  if [[ "$ids" == "$uid $uid $uid $uid $gid $gid $gid $gid " ]]; then ok "$what: runs as $IMG_USER"; else
    bad "$what: uid/gid are '$ids', want $IMG_USER"
  fi
  rootopts="$(awk '$5 == "/" {print $6}' "/proc/$gw_pid/mountinfo" | tail -n 1)"
  if [[ "$rootopts" == ro* ]] &&
    ! nsenter --target "$gw_pid" --mount -- touch "$root/.write-probe" 2>/dev/null &&
    ! nsenter --target "$gw_pid" --mount -- touch "$root$IMG_BIN" 2>/dev/null; then
    ok "$what: its root is mounted read-only ($rootopts) and refuses writes, even root's"
  else
    bad "$what: root mount options '$rootopts' or a write to it succeeded"
  fi
  kill -TERM "$gw_pid"
  local rc=0 deadline=$((SECONDS + 20))
  while kill -0 "$gw_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$gw_pid" 2>/dev/null; then
    kill -KILL "$gw_pid"
    bad "$what: still running 20 s after SIGTERM"
  else
    wait "$gw_pid" || rc=$?
    if ((rc == 0)); then ok "$what: SIGTERM ends it with exit status 0"; else
      bad "$what: exit status $rc after SIGTERM"
      show_log_tail "$logf" 20
    fi
  fi
  gw_pid=""
}

run_and_check "$ROOTFS" rootfs

# --- 6. An OCI image of the same root file system, and the same run from its unpacking.
if command -v umoci >/dev/null 2>&1; then
  OCI="$REPO/.cache/oci-web-gateway"
  image="auxpro-web-gateway:rootfs-test"
  t0=$SECONDS
  rm -rf "$OCI" "$RUN/bundle" "$ROOTFS/etc/auxpro" # mount points of this script, not image content
  cfg=(--config.user="$IMG_USER" --config.workingdir=/)
  for a in "${IMG_ENTRYPOINT[@]}"; do cfg+=(--config.entrypoint="$a"); done
  for a in "${IMG_CMD[@]}"; do cfg+=(--config.cmd="$a"); done
  for p in "${IMG_PORTS[@]}"; do cfg+=(--config.exposedports="$p/tcp"); done
  if {
    umoci init --layout "$OCI" &&
      umoci new --image "$OCI:$image" &&
      umoci insert --image "$OCI:$image" "$ROOTFS" / &&
      umoci config --image "$OCI:$image" "${cfg[@]}" &&
      umoci unpack --image "$OCI:$image" "$RUN/bundle"
  } >"$LOG_DIR/gw-umoci.log" 2>&1; then
    ok "OCI image ${OCI#"$REPO"/}:$image made with umoci ($(du -sh "$OCI" | cut -f1), $((SECONDS - t0)) s)"
    if /usr/bin/python3 - "$RUN/bundle/config.json" "$uid" "$gid" "${IMG_ENTRYPOINT[0]}" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
u = c["process"]["user"]
sys.exit(0 if (u["uid"], u["gid"]) == (int(sys.argv[2]), int(sys.argv[3])) and c["process"]["args"][0] == sys.argv[4] else 1)
PY
    then ok "OCI runtime config: user $uid:$gid, args start with ${IMG_ENTRYPOINT[0]}"; else
      bad "OCI runtime config does not match the Dockerfile"
    fi
    run_and_check "$RUN/bundle/rootfs" oci-image
  else
    show_log_tail "$LOG_DIR/gw-umoci.log" 30
    bad "umoci could not build the OCI image"
  fi
fi

echo "web gateway image: $passed passed, $failed failed"
((failed == 0))
