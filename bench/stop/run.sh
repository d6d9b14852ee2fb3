#!/usr/bin/env bash
# How long a clean stop (SIGTERM) of a node takes while SSE streams are open, phase by phase from the
# node's own log: SIGTERM → "Application is shutting down" → deregistered/drain → "Stopped" → exit.
# A gateway node runs beside it (so the drain delay applies, as in a cluster). Loopback only, private
# PostgreSQL in a temp folder. Usage: bash bench/stop/run.sh [runs] [streams]
#   STOP_BENCH_LOAD=1   runs `stress-ng --cpu 2 --timeout 120` beside it (the busy-machine case; 2 runs fit in it)
#   PLATFORM_HOST_DLL   the host to measure (default: the Debug build, built here)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-3}; streams=${2:-4}

work=$(mktemp -d /tmp/platform-bench-stop-XXXX)
logs=$(mktemp -d /tmp/platform-bench-stop-logs-XXXX) # kept: the whole log of every stop
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); node_port=$((pg_port + 1)); gw_port=$((pg_port + 2))
pids=()
cleanup() {
  # Only what this script started, by pid.
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

bench_pg_start "$pg_port"
if [[ -z ${PLATFORM_HOST_DLL:-} ]]; then
  dotnet build src/Host -nologo -v q -clp:ErrorsOnly >/dev/null
fi
dll=${PLATFORM_HOST_DLL:-src/Host/bin/Debug/net10.0/Platform.Host.dll}
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform"
export ASPNETCORE_ENVIRONMENT=Production Platform__Database__MigrateOnStart=false
export Platform__Files__Local__Root="$work/files"
dotnet "$dll" migrate >/dev/null
PLATFORM_ADMIN_PASSWORD="correct horse battery staple" dotnet "$dll" create-organization --name Bench --admin-email ann@bench.test --admin-name Ann >/dev/null

now_ms() { date +%s%3N; }
wait_ready() { until curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null; do sleep 0.1; done; }

Platform__Roles=gateway Platform__NodeId=bench-gateway dotnet "$dll" --urls "http://127.0.0.1:$gw_port" >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_ready "$gw_port"

if [[ ${STOP_BENCH_LOAD:-0} == 1 ]]; then
  stress-ng --cpu 2 --timeout 120 >/dev/null 2>&1 &
  pids+=($!)
  load="beside stress-ng --cpu 2"
else
  load="no extra load"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg); $load; $streams SSE streams per run"
printf '%-4s %-6s %-10s %-12s %-14s %-12s %s\n' run load "exit code" "SIGTERM→exit" "→shutting down" "→drained" "log of the stop"
for run in $(seq 1 "$runs"); do
  Platform__Roles=all Platform__NodeId=bench-node dotnet "$dll" --urls "http://127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
  node=$!
  pids+=($node)
  wait_ready "$node_port"
  token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"ann@bench.test","password":"correct horse battery staple"}' \
    "http://127.0.0.1:$node_port/api/v1/auth/login" | jq -r .accessToken)
  for _ in $(seq 1 "$streams"); do
    curl -sN -H "Authorization: Bearer $token" "http://127.0.0.1:$node_port/api/v1/events" >/dev/null 2>&1 &
    pids+=($!)
  done
  # The streams are open once the node counts them (its heartbeat reports open_streams).
  until [[ $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d platform -XAtqc "SELECT coalesce(max(open_streams),0) FROM platform.nodes WHERE id='bench-node'") -ge $streams ]]; do sleep 0.2; done
  lines=$(wc -l <"$work/node.log")
  sent=$(now_ms); sent_clock=$(date +%H:%M:%S.%3N); loadavg=$(cut -d' ' -f1 /proc/loadavg)
  kill -TERM "$node"
  code=0; wait "$node" || code=$?
  took=$(($(now_ms) - sent))
  tail -n +"$((lines + 1))" "$work/node.log" >"$logs/stop-$run.log"
  ms_of() { local t; t=$(grep -m1 -F "$1" "$logs/stop-$run.log" | cut -c1-12) || true
    [[ -n $t ]] && echo $(( $(date -d "$t" +%s%3N) - $(date -d "$sent_clock" +%s%3N) )) || echo "-"; }
  printf '%-4s %-6s %-10s %-12s %-14s %-12s %s\n' "$run" "$loadavg" "$code" "$took ms" "$(ms_of 'Application is shutting down') ms" \
    "$(ms_of 'Deregistered;') ms" "$logs/stop-$run.log"
  grep -v -e '^ *at ' -e 'Request starting' -e 'Executing endpoint' -e 'Executed endpoint' -e '/health/' "$logs/stop-$run.log" \
    | sed 's/^/       /' | cut -c1-200 | head -20
done

# The gateway's own stop while it proxies streams to a node (a gateway has no drain delay).
Platform__Roles=all Platform__NodeId=bench-node dotnet "$dll" --urls "http://127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
pids+=($!)
wait_ready "$node_port"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"ann@bench.test","password":"correct horse battery staple"}' \
  "http://127.0.0.1:$node_port/api/v1/auth/login" | jq -r .accessToken)
# The gateway routes once it has read the node from the registry and probed it.
until curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$gw_port/api/v1/me" >/dev/null; do sleep 0.2; done
for _ in $(seq 1 "$streams"); do
  curl -sN -H "Authorization: Bearer $token" "http://127.0.0.1:$gw_port/api/v1/events" >/dev/null 2>&1 &
  pids+=($!)
done
until [[ $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d platform -XAtqc "SELECT coalesce(max(open_streams),0) FROM platform.nodes WHERE id='bench-node'") -ge $streams ]]; do sleep 0.2; done
gateway=${pids[0]}
loadavg=$(cut -d' ' -f1 /proc/loadavg); sent=$(now_ms)
kill -TERM "$gateway"
code=0; wait "$gateway" || code=$?
printf '%-4s %-6s %-10s %-12s (the gateway, %s streams proxied)\n' gw "$loadavg" "$code" "$(($(now_ms) - sent)) ms" "$streams"
