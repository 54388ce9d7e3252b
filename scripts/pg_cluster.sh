# A throwaway PostgreSQL cluster for the tests, sourced by scripts/test.sh:
#   . scripts/pg_cluster.sh; pg_cluster_start
# installs Debian's postgresql when it is missing, runs initdb into a
# temporary directory, starts the server on a free loopback port, exports
# LAYOFFWATCH_TEST_PG (a superuser URL; tests create their own databases)
# and stops the server and removes the directory when the shell exits.

pg_cluster_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

pg_cluster_start() {
  local bin port as
  bin=$(pg_cluster_bin)
  PG_CLUSTER_DIR=$(mktemp -d /tmp/layoffwatch-pg.XXXXXX)
  # initdb refuses to run as root: run the server as Debian's postgres user.
  as=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_CLUSTER_DIR"
    as=(runuser -u postgres --)
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CLUSTER_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null
  PG_CLUSTER_AS=("${as[@]}")
  PG_CLUSTER_CTL="$bin/pg_ctl"
  trap pg_cluster_stop EXIT
  export LAYOFFWATCH_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  echo "throwaway PostgreSQL at $LAYOFFWATCH_TEST_PG ($PG_CLUSTER_DIR)" >&2
}

pg_cluster_stop() {
  if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ]; then
    "${PG_CLUSTER_AS[@]}" "$PG_CLUSTER_CTL" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
  fi
}
