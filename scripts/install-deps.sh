#!/usr/bin/env bash
# Installs everything recount needs to build and test: Debian packages, then the web dashboard's
# npm packages (web/package-lock.json, `npm ci`), which the build embeds in the binary.
# Idempotent: when every package is already present it does nothing (no apt-get or npm call).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3
  libsodium-dev nettle-dev
  libcli11-dev
  nlohmann-json3-dev
  libutf8proc-dev
  libeigen3-dev
  clang libclang-rt-14-dev
  # PostgreSQL backend (team mode): the client library, and the server that the tests start as a
  # private throwaway cluster (tests/pg/cluster.sh); the system's own cluster is never used.
  libpq-dev postgresql
  # The web application: the HTTP server library (src/http).
  libmicrohttpd-dev
  # The web tests: curl as the API client, nginx with TLS in front (docs/nginx.conf.example).
  curl openssl nginx-light
  # The web dashboard (web/): node and npm to install its locked packages; Debian's chromium and a
  # Hangul font for the browser tests (tests/browser/), driven by playwright-core from npm.
  chromium fonts-nanum
)

# node and npm: Debian's packages, unless a node with npm is already installed (another
# distribution's nodejs package ships npm itself and conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The web dashboard's packages, exactly as locked. `npm ci` only when web/node_modules was not
# installed from the current lock file (a stamp holds a copy of the lock it came from).
WEB="$(cd "$(dirname "$0")/.." && pwd)/web"
STAMP="$WEB/node_modules/.recount-package-lock.json"
if ! cmp -s "$WEB/package-lock.json" "$STAMP" 2>/dev/null; then
  echo "install-deps: npm ci in $WEB" >&2
  (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$WEB/package-lock.json" "$STAMP"
fi
