#!/bin/sh
# The UI image's entrypoint: writes the runtime files nginx serves and includes — config.json
# (API_URL, PROMETHEUS_URL, REFRESH_SECONDS), the security headers, whose CSP allows
# connections to exactly those origins, and the /api proxy (API_UPSTREAM*) — then runs the
# command (nginx). One image serves every cluster without a rebuild. Everything goes under
# UI_RUNTIME_DIR (default /tmp/ui-runtime), the only writable path the read-only root filesystem
# needs.
set -eu

runtime_dir="${UI_RUNTIME_DIR:-/tmp/ui-runtime}"
api_url="${API_URL:-}"
prometheus_url="${PROMETHEUS_URL:-}"
refresh_seconds="${REFRESH_SECONDS:-5}"
# The /api proxy to the inference API on another cluster (hybrid): the browser calls its own
# origin and nginx adds the edge ingress's basic-auth credentials, which never reach the browser.
api_upstream_given="${API_UPSTREAM:-}"
api_upstream_username="${API_UPSTREAM_USERNAME:-}"
api_upstream_password="${API_UPSTREAM_PASSWORD:-}"
api_upstream_ca_file="${API_UPSTREAM_CA_FILE:-}"
api_upstream_resolver="${API_UPSTREAM_RESOLVER:-}"

fail() {
  echo "ui: $1" >&2
  exit 64
}

# Whether the whole value matches the extended regex. grep matches line by line, so a value with
# a newline could pass on its first line alone: such values never match.
matches() {
  case "$1" in *'
'*) return 1 ;; esac
  printf '%s' "$1" | grep -Eq "$2"
}

# Strict on purpose: the values land in JSON, in a header and in nginx's config, so no quotes,
# spaces, ; or , pass.
check_url() {
  [ -z "$2" ] && return 0
  matches "$2" '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$' ||
    fail "$1=\"$2\": must be an http(s) URL like https://api.example.com (letters, digits, . - _ ~ / only)"
}

origin_of() {
  printf '%s' "$1" | sed -E 's#^(https?://[^/]+).*$#\1#'
}

check_url API_URL "$api_url"
check_url PROMETHEUS_URL "$prometheus_url"
printf '%s' "$refresh_seconds" | grep -Eq '^[0-9]{1,3}$' && [ "$refresh_seconds" -ge 1 ] && [ "$refresh_seconds" -le 300 ] ||
  fail "REFRESH_SECONDS=\"$refresh_seconds\": must be a whole number from 1 to 300"

# The credentials are a Secret's: errors name the variable but never print the value.
api_upstream="${api_upstream_given%/}"
if [ -n "$api_upstream" ]; then
  matches "$api_upstream" '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' ||
    fail "API_UPSTREAM=\"$api_upstream_given\": must be a scheme and host like https://inference-api.example.com (optional :port, no path)"
  [ -n "$api_upstream_username" ] || fail "API_UPSTREAM_USERNAME: must be set when API_UPSTREAM is (the edge ingress's basic-auth user)"
  case "$api_upstream_username" in *:*) fail 'API_UPSTREAM_USERNAME: must not contain ":" (basic auth splits user and password there; value not shown)' ;; esac
  [ -n "$api_upstream_password" ] || fail "API_UPSTREAM_PASSWORD: must be set when API_UPSTREAM is (the edge ingress's basic-auth password)"
fi
# The path lands in nginx's config, so it is held to plain characters too.
if [ -n "$api_upstream_ca_file" ]; then
  matches "$api_upstream_ca_file" '^/[A-Za-z0-9._/-]+$' && [ -f "$api_upstream_ca_file" ] && [ -r "$api_upstream_ca_file" ] ||
    fail "API_UPSTREAM_CA_FILE=\"$api_upstream_ca_file\": must be the absolute path of a readable PEM file (letters, digits, . - _ / only)"
fi

# The DNS server nginx asks for the upstream's address, per request: the pod's own by default.
if [ -n "$api_upstream" ] && [ -z "$api_upstream_resolver" ]; then
  api_upstream_resolver="$(sed -n 's/^nameserver[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' /etc/resolv.conf 2>/dev/null | head -n 1)"
  case "$api_upstream_resolver" in *:*) api_upstream_resolver="[$api_upstream_resolver]" ;; esac
fi
if [ -n "$api_upstream" ]; then
  matches "$api_upstream_resolver" '^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$' ||
    fail "API_UPSTREAM_RESOLVER=\"$api_upstream_resolver\": must be a DNS server's address[:port] (default: the first nameserver of /etc/resolv.conf)"
fi

api_url="${api_url%/}"
prometheus_url="${prometheus_url%/}"
connect_src="'self'"
[ -n "$api_url" ] && connect_src="$connect_src $(origin_of "$api_url")"
[ -n "$prometheus_url" ] && connect_src="$connect_src $(origin_of "$prometheus_url")"

mkdir -p "$runtime_dir"
if [ -n "$prometheus_url" ]; then prometheus_json="\"$prometheus_url\""; else prometheus_json=null; fi
printf '{"apiUrl":"%s","prometheusUrl":%s,"refreshSeconds":%s}\n' "$api_url" "$prometheus_json" "$refresh_seconds" >"$runtime_dir/config.json.tmp"
mv "$runtime_dir/config.json.tmp" "$runtime_dir/config.json"

cat >"$runtime_dir/security-headers.conf.tmp" <<HEADERS
add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src $connect_src; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "no-referrer" always;
add_header X-Frame-Options "DENY" always;
add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), usb=()" always;
add_header Cross-Origin-Opener-Policy "same-origin" always;
HEADERS
mv "$runtime_dir/security-headers.conf.tmp" "$runtime_dir/security-headers.conf"

# The /api location nginx.conf includes: a comment alone when there is no upstream. It holds the
# credential, so only its owner (nginx's user) may read it; the credential reaches base64 through
# a pipe, never a command line another process could list.
write_api_proxy() {
  if [ -z "$api_upstream" ]; then
    echo '# No API_UPSTREAM: the UI calls API_URL itself and nginx proxies nothing.'
    return
  fi
  scheme="${api_upstream%%://*}"
  host_port="${api_upstream#*://}"
  host="${host_port%%:*}"
  credential="$(printf '%s:%s' "$api_upstream_username" "$api_upstream_password" | base64 | tr -d '\n')"
  [ -n "$credential" ] || fail "API_UPSTREAM_USERNAME/API_UPSTREAM_PASSWORD: could not be encoded (is base64 installed?)"
  cat <<PROXY
# The browser's /api, proxied to $api_upstream with the edge ingress's basic-auth credentials.
location /api/ {
  # A location with its own headers drops the server's, so it includes the set again.
  include $runtime_dir/security-headers.conf;
  # The API's batch bodies; the server allows 1k elsewhere.
  client_max_body_size 8m;
  # $host is resolved when a request needs it (cached 30 s), not when nginx starts: a name that
  # does not resolve yet costs /api a 502, not the whole UI, and a new address needs no restart.
  resolver $api_upstream_resolver valid=30s ipv6=off;
  resolver_timeout 5s;
  set \$api_upstream "$api_upstream";
  # The path as the browser sent it (still encoded: %2F stays %2F) without /api, and its query:
  # /api/predict?x=1 reaches the upstream as /predict?x=1.
  rewrite ^ \$request_uri?;
  rewrite ^/api(/.*)\$ \$1 break;
  return 400;
  proxy_pass \$api_upstream\$uri\$is_args\$args;
  proxy_set_header Host "$host_port";
  # Replaces whatever Authorization the browser sent; the credential stays in this file.
  proxy_set_header Authorization "Basic $credential";
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  # A refused credential must not make the browser prompt for the edge's login.
  proxy_hide_header WWW-Authenticate;
  proxy_connect_timeout 5s;
  proxy_send_timeout 60s;
  proxy_read_timeout 60s;
PROXY
  if [ "$scheme" = https ]; then
    cat <<TLS
  # Verify the upstream's certificate and name: the credential goes only to the real API.
  proxy_ssl_server_name on;
  proxy_ssl_name $host;
  proxy_ssl_verify on;
  proxy_ssl_verify_depth 3;
  proxy_ssl_trusted_certificate ${api_upstream_ca_file:-/etc/ssl/certs/ca-certificates.crt};
TLS
  fi
  echo '}'
}
rm -f "$runtime_dir/api-proxy.conf.tmp"
(umask 077 && write_api_proxy >"$runtime_dir/api-proxy.conf.tmp")
mv "$runtime_dir/api-proxy.conf.tmp" "$runtime_dir/api-proxy.conf"

# nginx has what it needs in the file above; the credential leaves the environment of what runs next.
unset API_UPSTREAM_USERNAME API_UPSTREAM_PASSWORD
[ "$#" -eq 0 ] && exit 0
exec "$@"
