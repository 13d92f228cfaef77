#!/usr/bin/env bash
# Installs everything recount needs to build and test, from Debian packages only.
# Idempotent: when every package is already present it does nothing (no apt-get call).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
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
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
