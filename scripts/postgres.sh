# Sourced by scripts/test.sh: start a throw-away PostgreSQL cluster on a local socket port and
# export AUDIT_APP_TEST_PG (a SQLAlchemy URL) so the storage and service tests also run on it.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$PG_BIN" ] || return 1
PG_DIR="${TMPDIR:-/tmp}/audit-app-pg"
PG_PORT=55432
if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  chown postgres "$PG_DIR" 2>/dev/null || true
  RUN=(); [ "$(id -u)" -eq 0 ] && RUN=(runuser -u postgres --)
  "${RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
  "${RUN[@]}" "$PG_BIN/pg_ctl" -s -D "$PG_DIR/data" -l "$PG_DIR/log" \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" -w start
fi
export AUDIT_APP_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
