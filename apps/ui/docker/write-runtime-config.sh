#!/bin/sh
# The UI image's entrypoint: writes the runtime files nginx serves and includes — config.json
# (API_URL, PROMETHEUS_URL, REFRESH_SECONDS) and the security headers, whose CSP allows
# connections to exactly those origins — then runs the command (nginx). One image serves every
# cluster without a rebuild. Everything goes under UI_RUNTIME_DIR (default /tmp/ui-runtime), the
# only writable path the read-only root filesystem needs.
set -eu

runtime_dir="${UI_RUNTIME_DIR:-/tmp/ui-runtime}"
api_url="${API_URL:-}"
prometheus_url="${PROMETHEUS_URL:-}"
refresh_seconds="${REFRESH_SECONDS:-5}"

fail() {
  echo "ui: $1" >&2
  exit 64
}

# Strict on purpose: the values land in JSON and in a header, so no quotes, spaces, ; or , pass.
check_url() {
  [ -z "$2" ] && return 0
  printf '%s' "$2" | grep -Eq '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$' ||
    fail "$1=\"$2\": must be an http(s) URL like https://api.example.com (letters, digits, . - _ ~ / only)"
}

origin_of() {
  printf '%s' "$1" | sed -E 's#^(https?://[^/]+).*$#\1#'
}

check_url API_URL "$api_url"
check_url PROMETHEUS_URL "$prometheus_url"
printf '%s' "$refresh_seconds" | grep -Eq '^[0-9]{1,3}$' && [ "$refresh_seconds" -ge 1 ] && [ "$refresh_seconds" -le 300 ] ||
  fail "REFRESH_SECONDS=\"$refresh_seconds\": must be a whole number from 1 to 300"

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

[ "$#" -eq 0 ] && exit 0
exec "$@"
