#!/usr/bin/env bash
# Remakes the seed corpora tests/fuzz/corpus/<target>/ from what the repository holds: the policies
# (policies/*.textproto), the requests in tests/fuzz/requests/<svc>/<Method>[-what].textproto
# (protobuf text, encoded with protoc as "<Method>\0<bytes>"), README's filters and page tokens of
# real queries, and the certificate of tests/fuzz/certs/ (signed by the CA in principal.cc).
# Run it after changing a request file; the output is checked in. Needs protoc, python3 and the
# google protos (.cache/, as the build).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
GOOGLE="${AUXPRO_GOOGLE_PROTOS_DIR:-$REPO/.cache/google-proto-files/node_modules/google-proto-files}"
C="$HERE/corpus"

mkdir -p "$C"/{policy_parser,page_token,list_filter,principal}
for p in wenjiang longquan template; do cp "$REPO/policies/$p.textproto" "$C/policy_parser/$p"; done
printf 'jurisdiction: "x"\nrecruitment { min_age: 18 max_age: 17 }\n' >"$C/policy_parser/invalid"

# page_token: "<query>\n<token>" with tokens as EncodePageToken makes them (libs/service/pagination.cc).
token() {  # token QUERY KEY
  local fp
  fp="$(printf '%s' "$1" | sha256sum | cut -c1-16)"
  printf '%s:%s' "$fp" "$2" | base64 -w0 | tr '+/' '-_' | tr -d '='
}
q='jurisdictions/wenjiang|state=ACTIVE'
printf '%s\n%s' "$q" "$(token "$q" "p-0123456789abcdef")" >"$C/page_token/persons"
q='jurisdictions/wenjiang/persons/p-1|'
printf '%s\n%s' "$q" "$(token "$q" "2026-05-20|e-42")" >"$C/page_token/entries"
printf '%s\n%s' "other" "$(token "$q" "x")" >"$C/page_token/other_query"

printf '%s' 'state=ACTIVE' >"$C/list_filter/state"
printf '%s' 'state=ACTIVE AND unit="jurisdictions/wenjiang/units/unit-1"' >"$C/list_filter/two_terms"
printf '%s' 'kind="DRILL AND ROLL_CALL" AND year=2026' >"$C/list_filter/quoted_and"
printf '%s' 'person=x AND person=y' >"$C/list_filter/repeated"

printf 'u%s' 'spiffe://auxpro/wenjiang/ENFORCEMENT_BUREAU/wenjiang-enforcement-bureau' \
  >"$C/principal/uri_bureau"
printf 'u%s' 'spiffe://auxpro/system/SERVICE/points' >"$C/principal/uri_service"
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""), end="")'; }
urlenc <"$HERE/certs/client.crt" >"$C/principal/nginx_cert"
printf 'By=spiffe://auxpro/system/SERVICE/agency-gateway;Hash=00;Cert="%s";Subject=""' \
  "$(urlenc <"$HERE/certs/client.crt")" >"$C/principal/envoy_xfcc"

for dir in "$HERE"/requests/*/; do
  svc="$(basename "$dir")"
  proto="auxpro/$svc/v1/${svc}_service.proto"
  out="$C/${svc}_requests"
  mkdir -p "$out"
  rm -f "$out"/*
  for f in "$dir"*.textproto; do
    base="$(basename "$f" .textproto)"
    method="${base%%-*}"
    type="$(grep -oE "rpc $method\(\w+\)" "$REPO/proto/$proto" | sed -E 's/.*\((\w+)\)/\1/')"
    [[ -n "$type" ]] || { echo "no rpc $method in $proto" >&2; exit 1; }
    { printf '%s\0' "$method"
      grep -v '^#' "$f" | protoc --encode="auxpro.$svc.v1.$type" -I "$REPO/proto" -I "$GOOGLE" \
        "$REPO/proto/$proto"; } >"$out/$base"
  done
done
echo "seeds in $C: $(find "$C" -type f | wc -l) files"
