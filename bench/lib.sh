# Shared by the benchmark scripts (source it after `cd` to the repository root and setting $work):
# a private PostgreSQL cluster in $work/pg on a loopback port, and the database `platform` in it.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# $1 = port; further arguments = extra server settings ("-c name=value ..."). fsync stays on unless a caller
# turns it off: the numbers must hold for a durable server.
bench_pg_start() {
  local port=$1; shift
  chown postgres "$work"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -w -l "$work/pg.log" \
    -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 $*" start >/dev/null
  psql -h 127.0.0.1 -p "$port" -U postgres -XAtqc "CREATE DATABASE platform"
}

bench_pg_stop() {
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" stop -m fast >/dev/null 2>&1 || true
}
