#!/usr/bin/env bash
# Image runtime proof without a Docker daemon: bash deploy/image/rootfs-test.sh
# (ctest label `image`; run it through deploy/local/test.sh, which starts the MariaDB it needs).
#
# 1. Reads the runtime stage of deploy/Dockerfile: its Debian suite, the packages its RUN installs,
#    its account commands (groupadd/useradd), the COPY destination of the binary and its USER.
# 2. debootstrap --variant=minbase of that suite with exactly those packages, the account commands
#    run in it, apt lists dropped, as the image has them. Cached under .cache/rootfs/<key>, the key
#    being a hash of what was read, so a second run only copies the binary in.
# 3. Copies build/services/server/auxpro-server in (stripped, as the build stage installs it) and
#    checks that every shared library it needs resolves inside the root file system.
# 4. Starts it in a private mount namespace, chrooted into the root file system remounted
#    read-only, as the Dockerfile's USER (10001:10001), with the chart's layout: secrets
#    bind-mounted read-only under /etc/auxpro/{tls,db,field}, a tmpfs /tmp. It uses its own
#    schemas and users on the test MariaDB (AUXPRO_TEST_MYSQL_*).
# 5. Checks: grpc.health.v1 Check answers SERVING on the plaintext --health_listen port; it
#    migrated its schemas through the image's MySQL client library; the process runs as uid/gid 10001; its root is mounted read-only and refuses a write even from
#    root; SIGTERM ends it with exit status 0.
# 6. When umoci (Debian package) is available, packs the same root file system as an OCI image
#    layout (.cache/oci), with the Dockerfile's user, entrypoint, cmd and ports, and checks that
#    the unpacked image's root file system starts the server the same way.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
cd "$REPO"

[[ $EUID -eq 0 ]] || die "needs root (debootstrap, chroot and mount namespaces)"
[[ -x "$SERVER_BIN" ]] || die "$SERVER_BIN is not built (bash deploy/local/test.sh builds it)"
for v in AUXPRO_TEST_MYSQL_HOST AUXPRO_TEST_MYSQL_PORT AUXPRO_TEST_MYSQL_USER AUXPRO_TEST_MYSQL_PASSWORD AUXPRO_TEST_CERTS_DIR; do
  [[ -n "${!v:-}" ]] || die "$v is not set: run it as bash deploy/local/test.sh -L image"
done

passed=0 failed=0
ok() {
  passed=$((passed + 1))
  printf 'ok   %s\n' "$*"
}
bad() {
  failed=$((failed + 1))
  printf 'FAIL %s\n' "$*"
}

# Debian packages this script itself needs (not the image's).
need=()
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
/usr/bin/python3 -c 'import grpc' 2>/dev/null || need+=(python3-grpcio)
command -v umoci >/dev/null 2>&1 || need+=(umoci)
if ((${#need[@]})); then
  log "installing Debian packages: ${need[*]}"
  mkdir -p "$LOG_DIR"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"; } \
    >"$LOG_DIR/image-apt.log" 2>&1 || {
    show_log_tail "$LOG_DIR/image-apt.log" 30
    die "could not install ${need[*]}"
  }
fi

# --- 1. The runtime stage of the Dockerfile, as shell assignments.
DOCKERFILE="$REPO/deploy/Dockerfile"
eval "$(/usr/bin/python3 - "$DOCKERFILE" <<'PY'
import json, re, shlex, sys
text = open(sys.argv[1]).read()
text = re.sub(r"\\\n", " ", text)                      # join continuation lines
lines = [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
args, stage, out = {}, None, {"packages": [], "accounts": [], "copy": [], "user": None, "entrypoint": None, "cmd": None, "ports": [], "base": None}
for l in lines:
    instr, _, rest = l.partition(" ")
    instr = instr.upper()
    if instr == "ARG" and stage is None:
        k, _, v = rest.partition("=")
        args[k.strip()] = v.strip()
    elif instr == "FROM":
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        stage = (m.group(2) or "").lower()
        if stage == "runtime":
            out["base"] = re.sub(r"\$\{?(\w+)\}?", lambda g: args.get(g.group(1), ""), m.group(1))
    elif stage != "runtime":
        continue
    elif instr == "RUN":
        for seg in (s.strip() for s in rest.split("&&")):
            words = shlex.split(seg)
            while words and "=" in words[0] and not words[0].startswith("-"):
                words = words[1:]                        # VAR=value prefixes
            if words[:2] == ["apt-get", "install"]:
                out["packages"] += [w for w in words[2:] if not w.startswith("-")]
            elif words and words[0] in ("groupadd", "useradd"):
                out["accounts"].append(seg)
    elif instr == "COPY":
        words = [w for w in shlex.split(rest) if not w.startswith("--")]
        out["copy"].append(words[-1])
    elif instr == "USER":
        out["user"] = rest.strip()
    elif instr == "ENTRYPOINT":
        out["entrypoint"] = json.loads(rest)
    elif instr == "CMD":
        out["cmd"] = json.loads(rest)
    elif instr == "EXPOSE":
        out["ports"] += rest.split()
if not out["base"] or not out["packages"] or not out["user"] or not out["entrypoint"] or len(out["copy"]) != 1:
    sys.exit("deploy/Dockerfile: could not read the runtime stage (base, apt-get install, USER, ENTRYPOINT, one COPY)")
suite = out["base"].split(":", 1)[1] if ":" in out["base"] else "stable"
q = shlex.quote
print("IMG_BASE=%s IMG_SUITE=%s IMG_USER=%s IMG_BIN=%s" % (q(out["base"]), q(suite), q(out["user"]), q(out["copy"][0])))
print("IMG_PACKAGES=(%s)" % " ".join(q(p) for p in out["packages"]))
print("IMG_ACCOUNTS=(%s)" % " ".join(q(a) for a in out["accounts"]))
print("IMG_ENTRYPOINT=(%s)" % " ".join(q(a) for a in out["entrypoint"]))
print("IMG_CMD=(%s)" % " ".join(q(a) for a in (out["cmd"] or [])))
print("IMG_PORTS=(%s)" % " ".join(q(a) for a in out["ports"]))
PY
)" || die "could not read the runtime stage of deploy/Dockerfile"
[[ "${IMG_ENTRYPOINT[0]}" == "$IMG_BIN" ]] || die "Dockerfile: ENTRYPOINT ${IMG_ENTRYPOINT[0]} is not the copied binary $IMG_BIN"
log "Dockerfile runtime stage: $IMG_BASE, packages: ${IMG_PACKAGES[*]}, user $IMG_USER, binary $IMG_BIN"

# The Debian mirror this machine's apt uses (debootstrap fetches from the same place).
mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
[[ -n "$mirror" ]] || mirror="$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
[[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list(.d)"

# --- 2. The root file system, cached by what it is made of.
key="$(printf '%s\n' "debootstrap-minbase" "$IMG_SUITE" "${IMG_PACKAGES[@]}" "${IMG_ACCOUNTS[@]}" | sha256sum | cut -c1-16)"
CACHE="$REPO/.cache/rootfs"
ROOTFS="$CACHE/$IMG_SUITE-$key"
mkdir -p "$CACHE" "$LOG_DIR"
if [[ ! -f "$ROOTFS.done" ]]; then
  tmp="$ROOTFS.tmp"
  rm -rf "$tmp" "$ROOTFS"
  log "debootstrap $IMG_SUITE (minbase + ${#IMG_PACKAGES[@]} runtime packages) into ${ROOTFS#"$REPO"/} (log: ${LOG_DIR#"$REPO"/}/debootstrap.log)"
  start=$SECONDS
  if ! debootstrap --variant=minbase --include="$(
    IFS=,
    echo "${IMG_PACKAGES[*]}"
  )" "$IMG_SUITE" "$tmp" "$mirror" >"$LOG_DIR/debootstrap.log" 2>&1; then
    umount -l "$tmp/proc" "$tmp/sys" 2>/dev/null || true
    show_log_tail "$LOG_DIR/debootstrap.log" 40
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
missing=()
for p in "${IMG_PACKAGES[@]}"; do
  # shellcheck disable=SC2016 # ${Status} is dpkg-query's
  [[ "$(chroot "$ROOTFS" dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then bad "root file system lacks packages: ${missing[*]}"; else ok "root file system ($IMG_SUITE minbase) holds the Dockerfile's runtime packages: ${IMG_PACKAGES[*]}"; fi

# --- 3. The binary, as the build stage installs it (stripped).
install -D -m 0755 -s "$SERVER_BIN" "$ROOTFS$IMG_BIN"
unresolved="$(chroot "$ROOTFS" /usr/bin/ldd "$IMG_BIN" 2>&1 | grep -i 'not found' || true)"
if [[ -z "$unresolved" ]]; then ok "every shared library of $IMG_BIN resolves in the root file system"; else bad "libraries missing in the root file system: $unresolved"; fi

# --- 4. Its databases, secrets and the run.
RUN="$(mktemp -d "$CACHE/run.XXXXXX")"
tag="img$$"
prefix="auxpro_${tag}_"
mapfile -t SERVICES < <(list_services)
sql() { MYSQL_PWD="$AUXPRO_TEST_MYSQL_PASSWORD" mariadb -h "$AUXPRO_TEST_MYSQL_HOST" -P "$AUXPRO_TEST_MYSQL_PORT" -u "$AUXPRO_TEST_MYSQL_USER" --batch "$@"; }
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  for svc in "${SERVICES[@]}"; do
    printf "DROP DATABASE IF EXISTS \`%s%s\`; DROP USER IF EXISTS '%s%s'@'127.0.0.1', '%s%s'@'localhost';\n" \
      "$prefix" "$svc" "$prefix" "$svc" "$prefix" "$svc"
  done | sql >/dev/null 2>&1 || true
  rm -rf "$RUN"
}
trap cleanup EXIT

mkdir -p "$RUN/tls" "$RUN/db" "$RUN/field"
cp "$AUXPRO_TEST_CERTS_DIR/server.crt" "$RUN/tls/tls.crt"
cp "$AUXPRO_TEST_CERTS_DIR/server.key" "$RUN/tls/tls.key"
cp "$AUXPRO_TEST_CERTS_DIR/ca.crt" "$RUN/tls/ca.crt"
openssl rand -hex 32 | tr -d '\n' >"$RUN/field/field.key"
for svc in "${SERVICES[@]}"; do
  new_secret >"$RUN/db/$svc.password"
  new_secret >"$RUN/db/${svc}_migrate.password"
done
# fresh_databases: empty schemas and their users for this run (so each run has to migrate them).
fresh_databases() {
  local svc host
  for svc in "${SERVICES[@]}"; do
    # shellcheck disable=SC2016 # backquotes are SQL's
    printf 'DROP DATABASE IF EXISTS `%s%s`;\n' "$prefix" "$svc"
    for host in 127.0.0.1 localhost; do
      render_service_sql "${tag}_$svc" "$(cat "$RUN/db/$svc.password")" "$host" \
        "$(cat "$RUN/db/${svc}_migrate.password")"
    done
  done | sql || die "could not create the schemas and users ${prefix}*"
}
# As Kubernetes mounts them with defaultMode 0440 and fsGroup 10001.
uid="${IMG_USER%%:*}" gid="${IMG_USER#*:}"
chown -R "0:$gid" "$RUN/tls" "$RUN/db" "$RUN/field"
chmod 0750 "$RUN/tls" "$RUN/db" "$RUN/field"
chmod 0440 "$RUN"/tls/* "$RUN"/db/* "$RUN"/field/*
mkdir -p "$ROOTFS/etc/auxpro/tls" "$ROOTFS/etc/auxpro/db" "$ROOTFS/etc/auxpro/field"

# start_in ROOT LOG ARGS...: the server in a private mount namespace, chrooted into ROOT mounted
# read-only; sets server_pid (unshare and chroot exec, so it is the server's own pid).
start_in() {
  local root="$1" logf="$2"
  shift 2
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare --mount --propagation private -- /bin/bash -c '
    set -e
    R="$1" RUN="$2" USERSPEC="$3"; shift 3
    mount --bind "$R" "$R"
    for d in tls db field; do
      mount --bind "$RUN/$d" "$R/etc/auxpro/$d"
      mount -o remount,bind,ro "$R/etc/auxpro/$d"
    done
    mount -t tmpfs -o size=16m,mode=1777,nosuid,nodev tmpfs "$R/tmp"
    mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
    mount --bind /dev "$R/dev"
    mount -o remount,bind,ro "$R"
    exec chroot --userspec="$USERSPEC" "$R" "$@"
  ' _ "$root" "$RUN" "$IMG_USER" "$@" >"$logf" 2>&1 &
  server_pid=$!
}

health() { # health ADDR SERVICE: exit 0 when grpc.health.v1.Health/Check says SERVING
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, grpc
svc = sys.argv[2].encode()
req = (b"\x0a" + bytes([len(svc)]) + svc) if svc else b""   # HealthCheckRequest{service}
try:
    resp = grpc.insecure_channel(sys.argv[1]).unary_unary("/grpc.health.v1.Health/Check")(req, timeout=3)
except grpc.RpcError as e:
    print(e.code().name); sys.exit(1)
print("SERVING" if resp == b"\x08\x01" else "not serving: %r" % resp)   # HealthCheckResponse{status=1}
sys.exit(0 if resp == b"\x08\x01" else 1)
PY
}

# run_and_check ROOT WHAT: starts the server from ROOT and runs the checks of step 5.
run_and_check() {
  local root="$1" what="$2" grpc_port health_port logf status i t0
  grpc_port="$(pick_free_port)"
  health_port="$(pick_free_port)"
  [[ "$health_port" != "$grpc_port" ]] || health_port=$((grpc_port + 1))
  logf="$RUN/server-$what.log"
  fresh_databases
  t0=$SECONDS
  # As the chart's migrations Job: the migration user creates the tables (the runtime user holds
  # data privileges only).
  start_in "$root" "$RUN/migrate-$what.log" "${IMG_ENTRYPOINT[@]}" --migrate_only \
    --target="$(IFS=,; echo "${SERVICES[*]}")" \
    --tls_cert=/etc/auxpro/tls/tls.crt --tls_key=/etc/auxpro/tls/tls.key --tls_client_ca=/etc/auxpro/tls/ca.crt \
    --db_host="$AUXPRO_TEST_MYSQL_HOST" --db_port="$AUXPRO_TEST_MYSQL_PORT" --db_prefix="$prefix" \
    --db_secrets_dir=/etc/auxpro/db --field_key_file=/etc/auxpro/field/field.key
  if ! wait "$server_pid"; then
    bad "$what: --migrate_only failed"
    show_log_tail "$RUN/migrate-$what.log" 40
    server_pid=""
    return
  fi
  local attempt
  # A port found free can be taken by a test running beside this one before the server binds it:
  # the server then stops with "cannot listen"; it starts again on other ports.
  for attempt in 1 2 3; do
    start_in "$root" "$logf" "${IMG_ENTRYPOINT[@]}" --target="$(IFS=,; echo "${SERVICES[*]}")" \
      --listen="127.0.0.1:$grpc_port" --health_listen="127.0.0.1:$health_port" \
      --tls_cert=/etc/auxpro/tls/tls.crt --tls_key=/etc/auxpro/tls/tls.key --tls_client_ca=/etc/auxpro/tls/ca.crt \
      --db_host="$AUXPRO_TEST_MYSQL_HOST" --db_port="$AUXPRO_TEST_MYSQL_PORT" --db_prefix="$prefix" \
      --db_secrets_dir=/etc/auxpro/db --field_key_file=/etc/auxpro/field/field.key --shutdown_grace_seconds=2
    status=""
    for i in $(seq 1 120); do
      if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
      if status="$(health "127.0.0.1:$health_port" "" 2>&1)"; then break; fi
      status=""
      sleep 0.5
    done
    [[ "$status" != SERVING ]] && ! kill -0 "$server_pid" 2>/dev/null &&
      grep -q "cannot listen" "$logf" || break
    wait "$server_pid" 2>/dev/null || true
    grpc_port="$(pick_free_port)"
    health_port="$(pick_free_port)"
    [[ "$health_port" != "$grpc_port" ]] || health_port=$((grpc_port + 1))
  done
  if [[ "$status" == SERVING ]]; then
    ok "$what: grpc.health.v1 Check on the plaintext health port answers SERVING ($((SECONDS - t0)) s after start)"
  else
    bad "$what: no SERVING health answer on 127.0.0.1:$health_port"
    show_log_tail "$logf" 40
    kill -KILL "$server_pid" 2>/dev/null || true
    server_pid=""
    return
  fi
  local tables
  tables="$(printf 'SELECT COUNT(*) FROM information_schema.tables WHERE table_schema LIKE "%s%%";\n' "${prefix//_/\\_}" | sql -N 2>/dev/null || echo 0)"
  if ((tables > 0)); then
    ok "$what: its --migrate_only run created its schemas' tables on the test MariaDB ($tables tables under ${prefix}*)"
  else
    bad "$what: no tables under ${prefix}* (did it reach the database?)"
  fi
  local ids
  ids="$(awk '/^Uid:|^Gid:/ {printf "%s %s %s %s ", $2, $3, $4, $5}' "/proc/$server_pid/status")"
  if [[ "$ids" == "$uid $uid $uid $uid $gid $gid $gid $gid " ]]; then
    ok "$what: runs as $IMG_USER (real, effective, saved and filesystem uid/gid)"
  else
    bad "$what: uid/gid are '$ids', want $IMG_USER"
  fi
  local rootopts
  rootopts="$(awk '$5 == "/" {print $6}' "/proc/$server_pid/mountinfo" | tail -n 1)"
  if [[ "$rootopts" == ro* ]] &&
    ! nsenter --target "$server_pid" --mount -- touch "$root/.write-probe" 2>/dev/null &&
    ! nsenter --target "$server_pid" --mount -- touch "$root$IMG_BIN" 2>/dev/null; then
    ok "$what: its root is mounted read-only ($rootopts) and refuses writes, even root's"
  else
    bad "$what: root mount options '$rootopts' or a write to it succeeded"
  fi
  kill -TERM "$server_pid"
  local rc=0 deadline=$((SECONDS + 20))
  while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid"
    bad "$what: still running 20 s after SIGTERM"
  else
    wait "$server_pid" || rc=$?
    if ((rc == 0)); then ok "$what: SIGTERM ends it with exit status 0"; else
      bad "$what: exit status $rc after SIGTERM"
      show_log_tail "$logf" 20
    fi
  fi
  server_pid=""
}

run_and_check "$ROOTFS" rootfs

# --- 6. An OCI image of the same root file system (umoci), and the same run from its unpacking.
if command -v umoci >/dev/null 2>&1; then
  OCI="$REPO/.cache/oci"
  image="auxpro-server:rootfs-test"
  t0=$SECONDS
  rm -rf "$OCI" "$RUN/bundle"
  cfg=(--config.user="$IMG_USER" --config.workingdir=/)
  for a in "${IMG_ENTRYPOINT[@]}"; do cfg+=(--config.entrypoint="$a"); done
  for a in "${IMG_CMD[@]}"; do cfg+=(--config.cmd="$a"); done
  for p in "${IMG_PORTS[@]}"; do cfg+=(--config.exposedports="$p/tcp"); done
  rm -rf "$ROOTFS/etc/auxpro" # mount points of this script, not image content
  if {
    umoci init --layout "$OCI" &&
      umoci new --image "$OCI:$image" &&
      umoci insert --image "$OCI:$image" "$ROOTFS" / &&
      umoci config --image "$OCI:$image" "${cfg[@]}" &&
      umoci unpack --image "$OCI:$image" "$RUN/bundle"
  } >"$LOG_DIR/umoci.log" 2>&1; then
    ok "OCI image ${OCI#"$REPO"/}:$image made with umoci ($(du -sh "$OCI" | cut -f1), $((SECONDS - t0)) s)"
    mkdir -p "$RUN/bundle/rootfs/etc/auxpro/tls" "$RUN/bundle/rootfs/etc/auxpro/db" "$RUN/bundle/rootfs/etc/auxpro/field"
    # The image's own config says who runs what.
    if /usr/bin/python3 - "$RUN/bundle/config.json" "$uid" "$gid" "${IMG_ENTRYPOINT[0]}" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
u = c["process"]["user"]
sys.exit(0 if (u["uid"], u["gid"]) == (int(sys.argv[2]), int(sys.argv[3])) and c["process"]["args"][0] == sys.argv[4] else 1)
PY
    then
      ok "OCI runtime config: user $uid:$gid, args start with ${IMG_ENTRYPOINT[0]}"
    else
      bad "OCI runtime config does not match the Dockerfile"
    fi
    run_and_check "$RUN/bundle/rootfs" oci-image
  else
    show_log_tail "$LOG_DIR/umoci.log" 30
    bad "umoci could not build the OCI image"
  fi
fi

echo "$passed passed, $failed failed"
((failed == 0))
