#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the tests and benchmarks, installing PostgreSQL
# from Debian's packages when it is missing, and exports its connection string as ASTROLABE_TEST_POSTGRES.
#
#   source .ci/postgres.sh          # before `dotnet test` (CI); exports ASTROLABE_TEST_POSTGRES
#   bash .ci/postgres.sh --print    # prints the connection string instead (the tests call this when unset)
#   bash .ci/postgres.sh --stop     # stops the server
#
#   ASTROLABE_PG_PORT=54331 bash .ci/postgres.sh --print   # another, independent cluster (the tests that stop
#                                                          # and start a server use this one, never the shared one)
#
# The cluster lives in ${TMPDIR:-/tmp}/astrolabe-postgres-<port> (port: ASTROLABE_PG_PORT, default 54329),
# listens on 127.0.0.1 only, and keeps running so that later calls reuse it. Role and database:
# astrolabe / astrolabe_test, password authentication over TCP. Durability is switched off (fsync=off):
# the data is thrown away.

astrolabe_pg() {
  local mode="${1:-}"
  local port="${ASTROLABE_PG_PORT:-54329}"
  local dir="${TMPDIR:-/tmp}/astrolabe-postgres-$port"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: PostgreSQL is not installed (apt-get install -y postgresql needs root)" >&2
      return 1
    fi
    echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi

  local as=()
  if [ "$(id -u)" = 0 ]; then
    as=(runuser -u postgres --)
  fi

  if [ "$mode" = "--stop" ]; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2
    return $?
  fi

  mkdir -p "$dir" || return 1
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir" || return 1
  fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${as[@]}" bash -c "echo postgres > '$dir/pw'" || return 1
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$dir/pw" -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  fi

  if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2 || { cat "$dir/server.log" >&2; return 1; }
  fi

  local psql=("${as[@]}" "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'astrolabe'")" != "1" ]; then
    "${psql[@]}" -c "CREATE ROLE astrolabe LOGIN CREATEDB PASSWORD 'astrolabe'" >&2 || return 1
  fi

  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'astrolabe_test'")" != "1" ]; then
    "${psql[@]}" -c "CREATE DATABASE astrolabe_test OWNER astrolabe" >&2 || return 1
  fi

  ASTROLABE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=astrolabe;Password=astrolabe;Database=astrolabe_test"
  export ASTROLABE_TEST_POSTGRES
  if [ "$mode" = "--print" ]; then
    echo "$ASTROLABE_TEST_POSTGRES"
  else
    echo "postgres.sh: PostgreSQL on 127.0.0.1:$port, ASTROLABE_TEST_POSTGRES exported" >&2
  fi
}

astrolabe_pg "$@"
