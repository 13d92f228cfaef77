#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for recount's tests (docs/postgres.md, "Test cluster").
#
#   tests/pg/cluster.sh start DIR   creates DIR (wiping an older one), initdb, starts the server
#   tests/pg/cluster.sh stop DIR    stops the server and deletes DIR
#   tests/pg/cluster.sh url DIR     prints the admin URL (the owner role, database "postgres")
#
# The data and the socket live in a fresh folder under /tmp (named in DIR/run): the cluster's user
# must reach it whatever DIR's parents allow, and a socket path must stay short.
# The server listens on that Unix socket only (listen_addresses = ''), so nothing is
# reachable over the network and two clusters (release and sanitizer builds) never fight over a
# port. Every role has a random password, kept in DIR/pgpass (mode 0600): clients find it through
# PGPASSFILE, never on a command line. Roles:
#   postgres_admin  superuser, used only by this script
#   recount_owner   owns the tables (runs `recount init` and the migrations); CREATEDB, so tests
#                   can make one database each
#   recount_app     the application role: no ownership, only the rights the migrations grant it
# initdb refuses to run as root; as root the cluster runs as the unprivileged user `nobody`, in a
# folder it owns. Durability is switched off (fsync, full-page writes): the data is throwaway.
set -euo pipefail

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return 0
  fi
  echo "cluster.sh: no PostgreSQL server found (initdb, pg_ctl under /usr/lib/postgresql/*/bin);" \
       "run scripts/install-deps.sh" >&2
  return 1
}

# Without a server installed the cluster is not started and the PostgreSQL tests skip, saying so
# (every storage test requires this fixture; the SQLite half must still run).
no_server_skip() {
  if ! find_bin >/dev/null 2>&1; then
    echo "cluster.sh: WARNING: no PostgreSQL server installed; the PostgreSQL tests will skip" \
         "(scripts/install-deps.sh installs it)" >&2
    exit 0
  fi
}

# Runs a command as the cluster's user: `nobody` when we are root, else ourselves.
as_cluster_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

url_of() {
  local sock
  sock=$(cat "$1/run")/sock
  # The socket directory as the URL's host, percent-encoded (libpq reads it as a socket path).
  printf 'postgresql://%s@%s/%s\n' "$2" "$(printf '%s' "$sock" | sed 's|/|%2F|g')" "$3"
}

stop_cluster() {
  local bin run
  if [ -f "$dir/data/postmaster.pid" ]; then  # the layout before DIR/run (data inside DIR)
    bin=$(find_bin)
    as_cluster_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -f "$dir/run" ] || return 0
  run=$(cat "$dir/run")
  case "$run" in /tmp/recount-pg.*) ;; *) return 0 ;; esac  # never touch anything else
  if [ -f "$run/data/postmaster.pid" ]; then
    bin=$(find_bin)
    as_cluster_user "$bin/pg_ctl" -D "$run/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$run"
}

case "$cmd" in
  start)
    no_server_skip
    bin=$(find_bin)
    stop_cluster  # a cluster left behind by an interrupted run
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    run=$(mktemp -d /tmp/recount-pg.XXXXXX)
    echo "$run" >"$dir/run"
    mkdir -p "$run/data" "$run/sock"
    umask 077
    rand() { head -c 18 /dev/urandom | base64 | tr '+/' 'xy'; }
    admin_pw=$(rand)
    owner_pw=$(rand)
    app_pw=$(rand)
    printf '%s\n' "$admin_pw" >"$run/pw"
    if [ "$(id -u)" -eq 0 ]; then
      chown -R nobody "$run"
    fi
    (cd "$run" && as_cluster_user "$bin/initdb" -D "$run/data" -U postgres_admin \
        --pwfile="$run/pw" --auth-local=scram-sha-256 --auth-host=reject \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) || {
      echo "cluster.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$run/pw"
    cat >>"$run/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$run/sock'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
max_connections = 60
log_min_messages = warning
# An autovacuum worker in a test database would keep DROP DATABASE ... WITH (FORCE) by the owner
# role from removing it (only a superuser may end that worker); throwaway data needs no vacuum.
autovacuum = off
CONF
    (cd "$run" && as_cluster_user "$bin/pg_ctl" -D "$run/data" -l "$run/data/server.log" \
        -w -t 30 start >/dev/null) || {
      echo "cluster.sh: the server did not start:" >&2; cat "$run/data/server.log" >&2; exit 1; }
    {
      printf '*:*:*:postgres_admin:%s\n' "$admin_pw"
      printf '*:*:*:recount_owner:%s\n' "$owner_pw"
      printf '*:*:*:recount_app:%s\n' "$app_pw"
    } >"$dir/pgpass"
    chmod 0600 "$dir/pgpass"
    # Passwords go in through psql's standard input, never on a command line.
    PGPASSFILE="$dir/pgpass" "$bin/psql" -X -q -v ON_ERROR_STOP=1 \
        "$(url_of "$dir" postgres_admin postgres)" >/dev/null <<SQL
CREATE ROLE recount_owner LOGIN CREATEDB PASSWORD '$owner_pw';
CREATE ROLE recount_app LOGIN PASSWORD '$app_pw';
SQL
    url_of "$dir" recount_owner postgres >"$dir/url"
    url_of "$dir" recount_app postgres >"$dir/app_url"
    cat "$dir/url"
    ;;
  stop)
    stop_cluster
    rm -rf "$dir"
    ;;
  url)
    cat "$dir/url"
    ;;
  *) usage ;;
esac
