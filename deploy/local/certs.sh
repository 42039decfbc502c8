#!/usr/bin/env bash
# Development PKI for mTLS: bash deploy/local/certs.sh OUTDIR
#
# Idempotent: a certificate (or key) that already exists is kept; only missing files are made.
# EC P-256 keys (PKCS#8, mode 600), SHA-256 signatures, 825 days. Identity is the one URI SAN
# spiffe://auxpro/<jurisdiction>/<agency-kind>/<agency-id> (see docs/operations.md).
#
#   OUTDIR/ca.crt, ca.key                         development CA
#   OUTDIR/server.crt, server.key                 the server (serverAuth + clientAuth: also the
#                                                 client identity for service-to-service calls)
#   OUTDIR/clients/<jurisdiction>/<KIND>.crt/.key agencies, jurisdictions of the five presets (wenjiang, haimen, longquan, shanxi, template)
#   OUTDIR/clients/system/SERVICE.crt/.key        a test service identity
#   OUTDIR/clients/wenjiang/NO_URI.crt/.key       negative test: signed by the CA, no URI SAN
#   OUTDIR/rogue/ca.crt, ca.key, client.crt/.key  negative test: another CA's "wenjiang bureau"
#
# AUXPRO_SERVER_EXTRA_SANS (optional, e.g. "DNS:auxpro-personnel,DNS:*.auxpro.svc") is appended
# to the server certificate's subjectAltName when server.crt is made.
set -euo pipefail

OUT="${1:?usage: certs.sh OUTDIR}"
DAYS=825
JURISDICTIONS=(wenjiang haimen longquan shanxi template)
KINDS=(ESTABLISHMENT_OFFICE ENFORCEMENT_BUREAU HR_COMPANY ASSESSOR PUBLIC)

command -v openssl >/dev/null 2>&1 || {
  echo "ERROR: openssl not found" >&2
  exit 1
}
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
made=0

# new_key FILE: EC P-256 private key, mode 600, unless FILE exists.
new_key() {
  [[ -s "$1" ]] && return 0
  mkdir -p "$(dirname "$1")"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>"$TMP/err") || {
    cat "$TMP/err" >&2
    exit 1
  }
  chmod 600 "$1"
}

# new_ca DIR CN: DIR/ca.crt + DIR/ca.key (self-signed) unless DIR/ca.crt exists.
new_ca() {
  local dir="$1" cn="$2"
  [[ -s "$dir/ca.crt" ]] && return 0
  new_key "$dir/ca.key"
  cat >"$TMP/ca.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
x509_extensions = ext
[dn]
O = auxpro development
CN = $cn
[ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
  openssl req -new -x509 -config "$TMP/ca.cnf" -key "$dir/ca.key" -sha256 -days "$DAYS" \
    -set_serial "0x$(openssl rand -hex 16)" -out "$dir/ca.crt" 2>"$TMP/err" || {
    cat "$TMP/err" >&2
    exit 1
  }
  chmod 644 "$dir/ca.crt"
  made=$((made + 1))
}

# new_leaf CADIR BASE CN EKU [SAN]: BASE.crt + BASE.key signed by CADIR/ca.{crt,key}, unless
# BASE.crt exists. SAN is an openssl subjectAltName value; empty means no SAN extension.
new_leaf() {
  local cadir="$1" base="$2" cn="$3" eku="$4" san="${5:-}"
  [[ -s "$base.crt" ]] && return 0
  [[ -s "$cadir/ca.key" ]] || {
    echo "ERROR: $base.crt is missing and $cadir/ca.key is gone, so it cannot be signed." >&2
    echo "       Remove $cadir to make a new CA and every certificate again." >&2
    exit 1
  }
  new_key "$base.key"
  {
    printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nO = auxpro development\nCN = %s\n' "$cn"
    printf '[ext]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n'
    printf 'extendedKeyUsage = %s\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n' "$eku"
    [[ -n "$san" ]] && printf 'subjectAltName = %s\n' "$san"
  } >"$TMP/leaf.cnf"
  if ! {
    openssl req -new -config "$TMP/leaf.cnf" -key "$base.key" -out "$TMP/leaf.csr" 2>"$TMP/err" &&
      openssl x509 -req -in "$TMP/leaf.csr" -CA "$cadir/ca.crt" -CAkey "$cadir/ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -sha256 -days "$DAYS" \
        -extfile "$TMP/leaf.cnf" -extensions ext -out "$base.crt" 2>"$TMP/err"
  }; then
    cat "$TMP/err" >&2
    rm -f "$base.crt"
    exit 1
  fi
  chmod 644 "$base.crt"
  made=$((made + 1))
}

new_ca "$OUT" "auxpro development CA"

server_san="DNS:localhost,IP:127.0.0.1,URI:spiffe://auxpro/system/SERVICE/auxpro-server"
[[ -n "${AUXPRO_SERVER_EXTRA_SANS:-}" ]] && server_san="$server_san,$AUXPRO_SERVER_EXTRA_SANS"
new_leaf "$OUT" "$OUT/server" "auxpro-server" "serverAuth, clientAuth" "$server_san"

for j in "${JURISDICTIONS[@]}"; do
  for kind in "${KINDS[@]}"; do
    lower="${kind,,}"
    id="$j-${lower//_/-}"
    new_leaf "$OUT" "$OUT/clients/$j/$kind" "$id" "clientAuth" "URI:spiffe://auxpro/$j/$kind/$id"
  done
done
new_leaf "$OUT" "$OUT/clients/system/SERVICE" "auxpro-test-service" "clientAuth" \
  "URI:spiffe://auxpro/system/SERVICE/auxpro-test-service"

# Negative-test material.
new_leaf "$OUT" "$OUT/clients/wenjiang/NO_URI" "wenjiang-no-uri" "clientAuth" ""
mkdir -p "$OUT/rogue"
new_ca "$OUT/rogue" "rogue CA (not trusted by auxpro)"
new_leaf "$OUT/rogue" "$OUT/rogue/client" "wenjiang-enforcement-bureau" "clientAuth" \
  "URI:spiffe://auxpro/wenjiang/ENFORCEMENT_BUREAU/wenjiang-enforcement-bureau"

# Everything except the rogue material must chain to OUTDIR/ca.crt (catches a half-rotated CA).
bad=()
while IFS= read -r -d '' crt; do
  openssl verify -CAfile "$OUT/ca.crt" "$crt" >/dev/null 2>&1 || bad+=("$crt")
done < <(find "$OUT" -name '*.crt' ! -name ca.crt ! -path "$OUT/rogue/*" -print0)
if ((${#bad[@]})); then
  echo "ERROR: not signed by $OUT/ca.crt: ${bad[*]}" >&2
  echo "       Remove them (or the whole $OUT) and run again to re-issue." >&2
  exit 1
fi
# Keys stay private even if an older run or a copy loosened them.
find "$OUT" -name '*.key' -exec chmod 600 {} +

if ((made)); then
  echo "==> certificates: made $made new in $OUT" >&2
fi
