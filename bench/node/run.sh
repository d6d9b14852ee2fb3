#!/usr/bin/env bash
# A bare node's start → /health/ready on a migrated database, and its idle memory, per role set.
# Loopback only, private PostgreSQL in a temp folder. Usage: bash bench/node/run.sh [runs-per-role-set]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-3}

work=$(mktemp -d /tmp/platform-bench-node-XXXX)
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); node_port=$((pg_port + 1))
cleanup() {
  pkill -f "Platform.Host.dll --urls http://127.0.0.1:$node_port" 2>/dev/null || true
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

bench_pg_start "$pg_port"

dotnet build src/Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Host/bin/Release/net10.0/Platform.Host.dll
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform"
export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Platform__Files__Local__Root="$work/files" Platform__Database__MigrateOnStart=false
dotnet "$dll" migrate >/dev/null

now_ms() { date +%s%3N; }
echo "machine: $(nproc) cores; $runs runs per role set; idle RSS read 10 s after ready"
printf '%-10s %-40s %s\n' roles "start → /health/ready (ms)" "idle RSS (MiB)"
for roles in all web gateway; do
  times=() rss=()
  for _ in $(seq 1 "$runs"); do
    started=$(now_ms)
    Platform__Roles=$roles Platform__NodeId="bench-$roles" dotnet "$dll" --urls "http://127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$node_port/health/ready" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "node exited:"; tail -20 "$work/node.log"; exit 1; }
      sleep 0.05
    done
    times+=($(($(now_ms) - started)))
    sleep 10
    rss+=($(($(awk '/^VmRSS/ {print $2}' "/proc/$pid/status") / 1024)))
    kill -TERM "$pid"; wait "$pid" || true
  done
  printf '%-10s %-40s %s\n' "$roles" "${times[*]}" "${rss[*]}"
done
