#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET measured directly against a web node and through
# the gateway, in the same run, on loopback only. Bounded: each wrk run lasts DURATION seconds.
# Usage: bash bench/gateway/run.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }

work=$(mktemp -d /tmp/platform-bench-XXXX)
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); web_port=$((pg_port + 1)); gw_port=$((pg_port + 2))
cleanup() {
  pkill -f "Platform.Host.dll --urls http://127.0.0.1:($web_port|$gw_port)" 2>/dev/null || true
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

bench_pg_start "$pg_port" -c fsync=off

PLATFORM_SKIP_WEB_BUILD=1 dotnet build src/Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Host/bin/Release/net10.0/Platform.Host.dll
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform"
export Platform__Setup__Token=bench-token Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
# The per-user limit (5000 per 10 min) would turn most of a run into 429s: measure the proxying, not the limiter.
export Platform__RateLimit__PermitLimit=1000000000
dotnet "$dll" migrate >/dev/null
Platform__NodeId=bench-web Platform__Roles=web dotnet "$dll" --urls "http://127.0.0.1:$web_port" >"$work/web.log" 2>&1 &
Platform__NodeId=bench-gw Platform__Roles=gateway dotnet "$dll" --urls "http://127.0.0.1:$gw_port" >"$work/gw.log" 2>&1 &
for port in "$web_port" "$gw_port"; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.25; done
done
sleep 3 # the gateway's first registry refresh and health probe

api=http://127.0.0.1:$web_port
curl -sf -X POST "$api/api/v1/setup" -H 'content-type: application/json' \
  -d '{"setupToken":"bench-token","organizationName":"Bench","adminEmail":"bench@example.test","adminDisplayName":"Bench","adminPassword":"benchmark password"}' >/dev/null
token=$(curl -sf -X POST "$api/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.test","password":"benchmark password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
for i in $(seq 1 20); do
  curl -sf -X POST "$api/api/v1/tasks" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{\"title\":\"Bench $i\"}" >/dev/null
done

run() { # $1 label, $2 base url, $3 path
  wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$2$3" > "$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt"); p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
  printf '%-28s %-22s %10s req/s  p50 %-8s p99 %-8s %s\n' "$1" "$3" "$rps" "$p50" "$p99" "${errors:-no errors}"
}
echo "wrk: 2 threads, $connections connections, ${duration}s each; machine: $(nproc) cores"
# /health/* is answered by the gateway itself, so only API paths measure proxying.
for path in /api/v1/me /api/v1/tasks; do
  run "direct to web node" "http://127.0.0.1:$web_port" "$path"
  run "through gateway" "http://127.0.0.1:$gw_port" "$path"
done
