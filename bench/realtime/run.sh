#!/usr/bin/env bash
# Real-time fan-out: created → received on SSE streams held on one web node, with 1 000 and 10 000 open streams, per
# fan-out mode (Platform:Realtime:Fanout = notify | nats | inprocess), and create-task throughput (wrk) per mode, all
# in one run against one private PostgreSQL and one private nats-server. For notify and nats the tasks are created on
# a second web node (the only one relaying the outbox, so its consumer writes realtime.events and every event crosses
# nodes: NOTIFY → LISTEN, or NATS publish → subscribe); inprocess is the single-node path (one node does everything). Loopback only; every load is bounded
# (EVENTS tasks at RATE/s, then at most 30 s of waiting; wrk runs WRK_SECONDS); everything started is stopped on exit.
# Usage: bash bench/realtime/run.sh     env: STREAMS="1000 10000" MODES="notify nats inprocess" EVENTS=100 RATE=10
#        WRK_SECONDS=10 CONNECTIONS=16
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
streams_list=${STREAMS:-"1000 10000"}
modes=${MODES:-"notify nats inprocess"}
events=${EVENTS:-100}
rate=${RATE:-10}
wrk_seconds=${WRK_SECONDS:-10}
connections=${CONNECTIONS:-16}
for tool in wrk psql curl; do
  command -v "$tool" >/dev/null || { echo "$tool missing (apt-get install -y wrk postgresql-client)"; exit 1; }
done
nats_bin=$(command -v nats-server || ls /usr/sbin/nats-server 2>/dev/null) || { echo "nats-server missing: bash scripts/prereqs.sh"; exit 1; }
# 10 000 streams are 10 000 sockets in the load tool and as many in the node: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)"
for n in $streams_list; do
  (( $(ulimit -n) > n + 1000 )) || { echo "open-file limit $(ulimit -n) is too low for $n streams"; exit 1; }
done

work=$(mktemp -d /tmp/platform-realtime-bench-XXXX)
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); web_port=$((pg_port + 1)); nats_port=$((pg_port + 2)); writer_port=$((pg_port + 3))
host_pid=""; writer_pid=""; nats_pid=""
stop_pid() { # $1 pid: SIGTERM, up to 15 s, then SIGKILL
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop_pid "$host_pid"; stop_pid "$writer_pid"; stop_pid "$nats_pid"
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d platform -XAtq "$@"; }

bench_pg_start "$pg_port" -c max_wal_size=4GB -c checkpoint_timeout=15min
"$nats_bin" -a 127.0.0.1 -p "$nats_port" -l "$work/nats.log" & nats_pid=$!

PLATFORM_SKIP_WEB_BUILD=1 dotnet build src/Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/realtime/LoadTool -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Host/bin/Release/net10.0/Platform.Host.dll
load=bench/realtime/LoadTool/bin/Release/net10.0/RealtimeLoad.dll
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform;Maximum Pool Size=200"
export Platform__Setup__Token=bench-token Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Platform__RateLimit__PermitLimit=1000000000
dotnet "$dll" migrate >/dev/null
api=http://127.0.0.1:$web_port
writer_api=http://127.0.0.1:$writer_port

start_node() { # $1 fan-out mode, $2 name, $3 url, $4 outbox relay on this node (true|false); prints the pid
  local extra=()
  [ "$1" = nats ] && extra=(env "ConnectionStrings__Nats=nats://127.0.0.1:$nats_port")
  "${extra[@]}" env Platform__NodeId="bench-$2-$1" Platform__Roles=web Platform__Realtime__Fanout="$1" \
    Platform__Outbox__RelayEnabled="$4" dotnet "$dll" --urls "$3" >"$work/$2-$1.log" 2>&1 &
  echo $!
}
wait_ready() { # $1 url, $2 log
  for _ in $(seq 1 240); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 0.25; done
  log "node at $1 never became ready"; tail -20 "$2" >&2; exit 1
}
wait_outbox() { # the relay and the realtime consumer finish the backlog before the next measurement
  for _ in $(seq 1 240); do
    [ "$(q -c "SELECT count(*) FROM tasks.outbox_messages WHERE published_at IS NULL")" = 0 ] && return 0
    sleep 0.5
  done
  log "warning: outbox backlog not drained in 120 s"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); events $events at $rate/s per row; wrk 2 threads, $connections connections, ${wrk_seconds}s"
for mode in $modes; do
  if [ "$mode" = inprocess ]; then
    host_pid=$(start_node "$mode" streams "$api" true); wait_ready "$api" "$work/streams-$mode.log"; write_to=$api
  else
    host_pid=$(start_node "$mode" streams "$api" false); writer_pid=$(start_node "$mode" writer "$writer_api" true)
    wait_ready "$api" "$work/streams-$mode.log"; wait_ready "$writer_api" "$work/writer-$mode.log"; write_to=$writer_api
  fi
  for n in $streams_list; do
    dotnet "$load" "$api" "$work/state" "$n" "$events" "$rate" "$mode" "$write_to" || log "$mode/$n: some deliveries missing (see the line above)"
    wait_outbox
  done
  token=$(curl -sf -X POST "$api/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"bench@example.test","password":"benchmark password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  printf '%s\t/api/v1/tasks\t{"title":"wrk task"}\n' "$token" > "$work/post.tsv"
  BENCH_REQUESTS="$work/post.tsv" wrk -t2 -c"$connections" -d"${wrk_seconds}s" --latency -s bench/tasks/wrk/post.lua "$write_to" > "$work/wrk.txt"
  printf '%-8s create-task %8s req/s  p50 %-8s p99 %-8s %s\n' "$mode" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" \
    "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")" \
    "$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')"
  wait_outbox
  stop_pid "$host_pid"; host_pid=""; stop_pid "$writer_pid"; writer_pid=""
done
