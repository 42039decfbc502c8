# shellcheck shell=bash
# The web gateways beside the local server (sourced by up.sh after lib.sh). One per agency
# endpoint, each with that agency's client certificate:
#   bureau  wenjiang ENFORCEMENT_BUREAU  the intranet API (/v1/...), OpenAPI, printable forms
#   public  wenjiang PUBLIC              the citizens' survey pages (/s/...)
# Ports in .local/run/web-gateway-<name>.port, pids in .pid, logs in .log. Browsers get TLS with
# the development server certificate (DNS:localhost, IP:127.0.0.1; trust .local/certs/ca.crt).

WEB_GATEWAY_BIN="$BUILD_DIR/web-gateway/auxpro-web-gateway"
WEB_GATEWAYS=("bureau:wenjiang:ENFORCEMENT_BUREAU" "public:wenjiang:PUBLIC")

web_gateway_stop() {
  local g name pidf
  for g in "${WEB_GATEWAYS[@]}"; do
    name="${g%%:*}"
    pidf="$RUN_DIR/web-gateway-$name.pid"
    if pid_alive "$pidf" auxpro-web-gate; then kill -TERM "$(cat "$pidf")" 2>/dev/null || true; fi
    rm -f "$pidf"
  done
}

# web_gateway_start GRPC_PORT: (re)starts every gateway; prints nothing; never fatal.
web_gateway_start() {
  local grpc_port="$1" g name j kind port portf extra
  [[ -x "$WEB_GATEWAY_BIN" ]] || return 0
  web_gateway_stop
  [[ -s "$SECRETS_DIR/survey-cookie.key" ]] || write_secret "$SECRETS_DIR/survey-cookie.key" "$(openssl rand -hex 32)"
  # Ports first: the bureau's QR codes point at the public instance.
  for g in "${WEB_GATEWAYS[@]}"; do
    name="${g%%:*}"
    portf="$RUN_DIR/web-gateway-$name.port"
    port=""
    [[ -s "$portf" ]] && port="$(cat "$portf")"
    if [[ ! "$port" =~ ^[0-9]+$ ]] || port_in_use "$port"; then port="$(pick_free_port)"; fi
    printf '%s' "$port" >"$portf"
  done
  for g in "${WEB_GATEWAYS[@]}"; do
    IFS=: read -r name j kind <<<"$g"
    port="$(cat "$RUN_DIR/web-gateway-$name.port")"
    extra=()
    if [[ "$kind" == PUBLIC ]]; then
      extra=(--forms=false --survey_pages --cookie_key_file="$SECRETS_DIR/survey-cookie.key")
    else
      extra=(--survey_base_url="https://127.0.0.1:$(cat "$RUN_DIR/web-gateway-public.port")")
    fi
    setsid nohup "$WEB_GATEWAY_BIN" --listen="127.0.0.1:$port" \
      --tls_cert="$CERTS_DIR/server.crt" --tls_key="$CERTS_DIR/server.key" \
      --backend="127.0.0.1:$grpc_port" --backend_ca="$CERTS_DIR/ca.crt" \
      --client_cert="$CERTS_DIR/clients/$j/$kind.crt" --client_key="$CERTS_DIR/clients/$j/$kind.key" \
      --actor_header=X-Remote-User "${extra[@]}" </dev/null >>"$RUN_DIR/web-gateway-$name.log" 2>&1 &
    echo $! >"$RUN_DIR/web-gateway-$name.pid"
  done
}

# web_gateway_summary: the closing lines of up.sh.
web_gateway_summary() {
  [[ -x "$WEB_GATEWAY_BIN" ]] || {
    echo "web gateway: not built (bash services/web-gateway/build.sh; needs Go)"
    return 0
  }
  local b p
  b="$(cat "$RUN_DIR/web-gateway-bureau.port")"
  p="$(cat "$RUN_DIR/web-gateway-public.port")"
  cat <<EOT

web gateway (HTTP/JSON, wenjiang enforcement bureau's certificate): https://127.0.0.1:$b
  curl --cacert .local/certs/ca.crt -H 'X-Remote-User: zhangsan' https://127.0.0.1:$b/v1/jurisdictions/wenjiang/persons?pageSize=5
  OpenAPI:        https://127.0.0.1:$b/openapi.json
  public roster:  https://127.0.0.1:$b/forms/jurisdictions/wenjiang/units/<unit>/roster
  qualification form: https://127.0.0.1:$b/forms/jurisdictions/wenjiang/persons/<person>/qualification?level=4
  result notice:  https://127.0.0.1:$b/forms/jurisdictions/wenjiang/resultNotices/<notice>
citizens' survey pages (PUBLIC certificate): https://127.0.0.1:$p/s/...  (links: the QR sheets of the forms)
  logs: .local/run/web-gateway-{bureau,public}.log   stop: kill \$(cat .local/run/web-gateway-*.pid)
EOT
}
