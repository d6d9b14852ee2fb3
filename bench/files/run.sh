#!/usr/bin/env bash
# File transfer: upload and download of one large file (default 1 GiB) directly to a files node and through the
# gateway, next to a raw disk copy of the same file in the same run, with the files node's peak RSS during each
# transfer. Loopback only; the local store lives on the same disk as the copy.
# Usage: bash bench/files/run.sh [size-MiB]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
size_mib=${1:-1024}

work=$(mktemp -d /var/tmp/platform-bench-files-XXXX)
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); files_port=$((pg_port + 1)); gw_port=$((pg_port + 2))
cleanup() {
  pkill -f "Platform.Host.dll --urls http://127.0.0.1:($files_port|$gw_port)" 2>/dev/null || true
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

bench_pg_start "$pg_port"

PLATFORM_SKIP_WEB_BUILD=1 dotnet build src/Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll=src/Host/bin/Release/net10.0/Platform.Host.dll
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform"
export Platform__Setup__Token=bench-token Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Platform__Files__Local__Root="$work/store"
dotnet "$dll" migrate >/dev/null
Platform__NodeId=bench-files Platform__Roles=files dotnet "$dll" --urls "http://127.0.0.1:$files_port" >"$work/files.log" 2>&1 &
Platform__NodeId=bench-gw Platform__Roles=gateway dotnet "$dll" --urls "http://127.0.0.1:$gw_port" >"$work/gw.log" 2>&1 &
for port in "$files_port" "$gw_port"; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.25; done
done
sleep 3 # the gateway's first registry refresh and health probe
files_pid=$(pgrep -f "Platform.Host.dll --urls http://127.0.0.1:$files_port")
gw_pid=$(pgrep -f "Platform.Host.dll --urls http://127.0.0.1:$gw_port")

api=http://127.0.0.1:$files_port
curl -sf -X POST "$api/api/v1/setup" -H 'content-type: application/json' \
  -d '{"setupToken":"bench-token","organizationName":"Bench","adminEmail":"bench@example.test","adminDisplayName":"Bench","adminPassword":"benchmark password"}' >/dev/null
token=$(curl -sf -X POST "$api/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.test","password":"benchmark password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

echo "generating ${size_mib} MiB of random data..."
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
expected=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
sync

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Runs a command while sampling the RSS of the files node and the gateway every 20 ms; prints seconds, MiB/s,
# peak RSS of each.
measure() { # $1 label, rest: command
  local label=$1; shift
  local base_files base_gw; base_files=$(rss_kib "$files_pid"); base_gw=$(rss_kib "$gw_pid")
  ( peak_f=0 peak_g=0
    while true; do
      f=$(rss_kib "$files_pid"); g=$(rss_kib "$gw_pid")
      ((f > peak_f)) && peak_f=$f; ((g > peak_g)) && peak_g=$g
      echo "$peak_f $peak_g" > "$work/peak"; sleep 0.02
    done ) & local sampler=$!
  local start end; start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  read -r peak_f peak_g < "$work/peak"
  awk -v l="$label" -v s="$start" -v e="$end" -v mib="$size_mib" -v pf="$peak_f" -v bf="$base_files" -v pg="$peak_g" -v bg="$base_gw" \
    'BEGIN { t = e - s; printf "%-34s %7.2f s %8.1f MiB/s   files node RSS peak %5.0f MiB (+%4.0f)   gateway RSS peak %5.0f MiB (+%4.0f)\n", l, t, mib / t, pf / 1024, (pf - bf) / 1024, pg / 1024, (pg - bg) / 1024 }'
}

upload() { # $1 base url → prints the file id
  curl -sSf -X POST -T "$work/big.bin" -H "Authorization: Bearer $token" -H 'content-type: application/octet-stream' \
    "$1/api/v1/files?name=big.bin" > "$work/upload.json"
  grep -q "\"sha256\":\"$expected\"" "$work/upload.json" || { echo "upload hash mismatch: $(cat "$work/upload.json")"; exit 1; }
  sed -E 's/.*"id":"([^"]+)".*/\1/' "$work/upload.json" > "$work/id"
}
download() { # $1 base url
  curl -sSf -H "Authorization: Bearer $token" "$1/api/v1/files/$(cat "$work/id")/content" -o "$work/down.bin"
}
copy() { cp "$work/big.bin" "$work/copy.bin" && sync "$work/copy.bin"; }

echo "machine: $(nproc) cores; file: ${size_mib} MiB; store: local ($work/store)"
measure "disk copy (cp + fsync)" copy
rm -f "$work/copy.bin"
measure "upload direct" upload "$api"
measure "download direct" download "$api"
[[ $(sha256sum "$work/down.bin" | cut -d' ' -f1) == "$expected" ]] || { echo "download hash mismatch"; exit 1; }
rm -f "$work/down.bin"
measure "upload through gateway" upload "http://127.0.0.1:$gw_port"
measure "download through gateway" download "http://127.0.0.1:$gw_port"
[[ $(sha256sum "$work/down.bin" | cut -d' ' -f1) == "$expected" ]] || { echo "download hash mismatch"; exit 1; }
echo "hashes verified (SHA-256 of every upload response and download)"
