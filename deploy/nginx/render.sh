#!/bin/sh
# Renders price-ticker.conf.template to stdout with defaults applied.
#   UPSTREAM=https://api.coingecko.com ALLOW_ORIGIN=https://www.example.com \
#   API_KEY=CG-... deploy/nginx/render.sh > /etc/nginx/conf.d/price-ticker.conf
# Only the variables listed below are replaced: nginx's own ($uri, $args, ...) stay.
set -eu

here=$(dirname "$0")
: "${TEMPLATE:=$here/price-ticker.conf.template}"

: "${LISTEN:=8080}"
: "${SERVER_NAME:=_}"
: "${UPSTREAM:=https://api.coingecko.com}"
: "${CACHE_DIR:=/var/cache/nginx/price-ticker}"
: "${CACHE_ZONE:=price_ticker}"
: "${TTL:=30}"
: "${ERROR_TTL:=5}"
: "${API_KEY_HEADER:=x-cg-demo-api-key}"
: "${API_KEY:=}"
: "${UPSTREAM_TIMEOUT:=5}"
: "${UPSTREAM_CA:=/etc/ssl/certs/ca-certificates.crt}"
: "${TLS_CERT:=}"
: "${TLS_KEY:=}"
ALLOW_ORIGIN=${ALLOW_ORIGIN:?set ALLOW_ORIGIN to the origin of the pages that show the ticker, e.g. https://www.example.com}

fail() {
  echo "render.sh: $1" >&2
  exit 1
}
newline='
'
# The whole value must match (grep alone would accept a value if one of its lines did).
matches() {
  case $1 in *"$newline"*) return 1 ;; esac
  printf '%s\n' "$1" | grep -Eqx "$2"
}

# Values go into the config unquoted or in double quotes: anything that nginx would read as
# syntax or as a $variable is refused rather than escaped.
matches "$TTL" '[1-9][0-9]*' || fail "TTL must be a whole number of seconds, got '$TTL'"
matches "$ERROR_TTL" '[1-9][0-9]*' || fail "ERROR_TTL must be a whole number of seconds, got '$ERROR_TTL'"
matches "$UPSTREAM_TIMEOUT" '[1-9][0-9]*' || fail "UPSTREAM_TIMEOUT must be a whole number of seconds"
matches "$UPSTREAM" 'https?://[A-Za-z0-9.-]+(:[0-9]+)?' || fail "UPSTREAM must be scheme://host[:port] with no path, got '$UPSTREAM'"
matches "$ALLOW_ORIGIN" 'https?://([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(:[0-9]+)?' ||
  fail "ALLOW_ORIGIN must be an origin (scheme://host[:port], no path or trailing slash), got '$ALLOW_ORIGIN'"
matches "$API_KEY_HEADER" '[A-Za-z0-9-]+' || fail "API_KEY_HEADER must be a header name, got '$API_KEY_HEADER'"
matches "$API_KEY" '[A-Za-z0-9._~+/=-]*' || fail "API_KEY has characters that are not allowed in it"
matches "$LISTEN" '[][A-Za-z0-9.:]+' || fail "LISTEN must be [address:]port, got '$LISTEN'"
matches "$SERVER_NAME" '[A-Za-z0-9._* -]+' || fail "SERVER_NAME has characters that are not allowed in it"
matches "$CACHE_ZONE" '[A-Za-z0-9_]+' || fail "CACHE_ZONE must be a plain name"
matches "$CACHE_DIR" '/[A-Za-z0-9._/-]*' || fail "CACHE_DIR must be an absolute path"
matches "$UPSTREAM_CA" '/[A-Za-z0-9._/-]*' || fail "UPSTREAM_CA must be an absolute path"

# A request that waits for another visitor's upstream request gives up only after that one
# could have timed out (connect, send and read) and been tried once more.
: "${LOCK_TIMEOUT:=$((UPSTREAM_TIMEOUT * 4))}"
matches "$LOCK_TIMEOUT" '[1-9][0-9]*' || fail "LOCK_TIMEOUT must be a whole number of seconds"

LISTEN_SSL=
TLS_DIRECTIVES=
if [ -n "$TLS_CERT" ] || [ -n "$TLS_KEY" ]; then
  [ -n "$TLS_CERT" ] && [ -n "$TLS_KEY" ] || fail "set both TLS_CERT and TLS_KEY, or neither"
  matches "$TLS_CERT$TLS_KEY" '/[A-Za-z0-9._/-]*' || fail "TLS_CERT and TLS_KEY must be absolute paths"
  LISTEN_SSL=' ssl'
  TLS_DIRECTIVES="ssl_certificate $TLS_CERT; ssl_certificate_key $TLS_KEY;"
fi

export LISTEN LISTEN_SSL SERVER_NAME TLS_DIRECTIVES UPSTREAM CACHE_DIR CACHE_ZONE TTL ERROR_TTL \
  ALLOW_ORIGIN API_KEY_HEADER API_KEY UPSTREAM_TIMEOUT UPSTREAM_CA LOCK_TIMEOUT
envsubst '${LISTEN} ${LISTEN_SSL} ${SERVER_NAME} ${TLS_DIRECTIVES} ${UPSTREAM} ${CACHE_DIR} ${CACHE_ZONE} ${TTL} ${ERROR_TTL} ${ALLOW_ORIGIN} ${API_KEY_HEADER} ${API_KEY} ${UPSTREAM_TIMEOUT} ${UPSTREAM_CA} ${LOCK_TIMEOUT}' \
  <"$TEMPLATE"
