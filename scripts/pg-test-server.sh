#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL test suites: a fresh data directory under a temp dir,
# listening on a unix socket only (no TCP port to collide with other users of the machine), trust auth.
#
#   scripts/pg-test-server.sh start [DIR]   initdb + start; prints the connection URL as the last stdout line
#   scripts/pg-test-server.sh stop DIR      stop the cluster and delete DIR
#   scripts/pg-test-server.sh run CMD…      start, run CMD with SITREP_PG_URL set, stop on exit (any exit)
#
# PostgreSQL refuses to run as root: as root the cluster runs as the user in PG_TEST_USER (default
# `postgres`, else `nobody`). Binaries are found on PATH or in /usr/lib/postgresql/*/bin.
# Exit code 3 means PostgreSQL could not be started; the reason is on stderr.
set -uo pipefail

say() { echo "pg-test-server: $*" >&2; }

find_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

# Runs a command as the cluster's owner (itself when not root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$OWNER" -- "$@"; else su -s /bin/sh "$OWNER" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

pick_owner() {
  OWNER=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    OWNER=${PG_TEST_USER:-}
    if [ -z "$OWNER" ]; then
      if id postgres >/dev/null 2>&1; then OWNER=postgres; else OWNER=nobody; fi
    fi
  fi
}

start() {
  local dir=${1:-}
  local initdb pg_ctl
  initdb=$(find_bin initdb) || { say "no initdb found (install postgresql)"; return 3; }
  pg_ctl=$(find_bin pg_ctl) || { say "no pg_ctl found (install postgresql)"; return 3; }
  pick_owner
  if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX") || return 3
    # A directory made here is removed again when the start fails.
    trap 'trap - RETURN; if [ "${started:-}" != 1 ]; then stop "$dir"; fi' RETURN
  fi
  mkdir -p "$dir/data" "$dir/sock" || return 3
  if [ "$(id -u)" -eq 0 ]; then chown -R "$OWNER" "$dir" || { say "cannot hand $dir to $OWNER"; return 3; }; fi
  # initdb -D wants an empty directory; a failed first try (no C.UTF-8 locale) leaves files behind.
  if ! as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    rm -rf "${dir:?}/data" && mkdir -p "$dir/data" && { [ "$(id -u)" -ne 0 ] || chown "$OWNER" "$dir/data"; }
    if ! as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
      say "initdb failed as $OWNER:"; tail -5 "$dir/initdb.log" >&2; return 3
    fi
  fi
  # Unix socket only; fsync off: a test cluster is thrown away, so durability only costs time.
  if ! as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    say "postgres did not start as $OWNER:"; tail -5 "$dir/server.log" >&2; return 3
  fi
  started=1
  echo "postgresql://postgres@localhost/postgres?host=$dir/sock"
}

stop() {
  local dir=${1:?stop needs the directory that start used}
  local pg_ctl
  pg_ctl=$(find_bin pg_ctl) || return 0
  pick_owner
  [ -d "$dir/data" ] && as_owner "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  case "$dir" in
    */sitrep-pg.*) rm -rf "$dir" ;;
    *) say "left $dir in place (not made by this script)" ;;
  esac
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  run)
    shift
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX") || exit 3
    trap 'stop "$dir"' EXIT
    url=$(start "$dir") || exit 3
    SITREP_PG_URL=$url "$@"
    ;;
  *) say "usage: $0 start [DIR] | stop DIR | run CMD…"; exit 2 ;;
esac
