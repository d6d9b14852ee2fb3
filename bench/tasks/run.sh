#!/usr/bin/env bash
# Tasks at 100k: the task API (create, comment, inbox, list, a form's register) measured with wrk against one all-roles
# node over an organisation holding 100 000 tasks, and the same SQL measured with pgbench directly
# on the same database in the same run, so the ratio API/pgbench shows what the node adds.
# Loopback only; every load run is bounded in time; everything started here is stopped on exit.
# Usage: bash bench/tasks/run.sh [wrk-seconds] [connections]
#   TASKS=100000 (total tasks in the organisation), PGBENCH_SECONDS=10,
#   ONLY=register (only the register rows: same data, skips inbox, list and the writes; ~4 minutes)
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=bench/tasks
duration=${1:-12}
connections=${2:-16}
total_tasks=${TASKS:-100000}
pgbench_seconds=${PGBENCH_SECONDS:-10}
only=${ONLY:-}
members=50          # the administrator + 49 people, all created through the API
actor_ns=(1 2 4 8 13 21 34 50) # the members the load runs as (1 = most tasks, 50 = fewest)
api_tasks=20
for tool in wrk pgbench psql curl; do
  command -v "$tool" >/dev/null || { echo "$tool missing (apt-get install -y wrk postgresql-client)"; exit 1; }
done

work=$(mktemp -d /tmp/platform-tasks-bench-XXXX)
. bench/lib.sh
pg_port=$((20000 + RANDOM % 10000)); web_port=$((pg_port + 1))
host_pid=""
stop_host() {
  [ -n "$host_pid" ] || return 0
  kill "$host_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  host_pid=""
}
cleanup() {
  stop_host
  bench_pg_stop
  rm -rf "$work"
}
on_error() {
  echo "run.sh: failed at line $1: $2" >&2
  [ -s "$work/web.log" ] && { echo "--- node log (tail)" >&2; tail -20 "$work/web.log" >&2; }
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'on_error $LINENO "$BASH_COMMAND"' ERR
log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d platform -XAtq -v ON_ERROR_STOP=1 "$@"; }

# --- PostgreSQL: private cluster; durable defaults (fsync on) except two settings for the benchmark:
# max_wal_size=4GB and checkpoint_timeout=15min, so no checkpoint is forced inside a 10-15 s run
# (these write transactions produce 15-25 kB of WAL each; see /work/shared/DEPENDENCIES.md).
bench_pg_start "$pg_port" -c max_wal_size=4GB -c checkpoint_timeout=15min

# --- The host, Release, from the current tree; run from a private copy so a rebuild elsewhere
# cannot swap assemblies under the running node.
log "building src/Host (Release)"
build() { PLATFORM_SKIP_WEB_BUILD=1 dotnet build src/Host -c Release -nologo -v q -clp:ErrorsOnly >"$work/build.log" 2>&1; }
build || { sleep 5; build; } || { cat "$work/build.log"; exit 1; }
cp -r src/Host/bin/Release/net10.0 "$work/host"
dll=$work/host/Platform.Host.dll
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform"
export Platform__Setup__Token=bench-token Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Platform__RateLimit__PermitLimit=100000000 # the per-user limit (5000 / 10 min) would answer 429s
dotnet "$dll" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
start_host() {
  Platform__NodeId=bench-tasks Platform__Roles=web dotnet "$dll" --urls "http://127.0.0.1:$web_port" >>"$work/web.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 160); do curl -sf "http://127.0.0.1:$web_port/health/ready" >/dev/null && return 0; sleep 0.25; done
  cat "$work/web.log"; echo "the node did not become ready"; exit 1
}
start_host
api=http://127.0.0.1:$web_port

# --- Organisation, members and a few tasks through the API.
log "organisation, $members members, $api_tasks tasks, a form and a form task through the API"
password="benchmark password"
curl -sf -X POST "$api/api/v1/setup" -H 'content-type: application/json' \
  -d "{\"setupToken\":\"bench-token\",\"organizationName\":\"Bench\",\"adminEmail\":\"m1@example.test\",\"adminDisplayName\":\"Member 1\",\"adminPassword\":\"$password\"}" >/dev/null
login() { curl -sf -X POST "$api/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"m$1@example.test\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
admin=$(login 1)
member_ids=("")  # 1-based: member_ids[n]
member_ids+=("$(curl -sf "$api/api/v1/me" -H "Authorization: Bearer $admin" | sed -E 's/^\{"id":"([^"]+)".*/\1/')")
for n in $(seq 2 "$members"); do
  member_ids+=("$(curl -sf -X POST "$api/api/v1/users" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
    -d "{\"email\":\"m$n@example.test\",\"displayName\":\"Member $n\",\"password\":\"$password\"}" | sed -E 's/^\{"id":"([^"]+)".*/\1/')")
done
declare -A tokens
for n in "${actor_ns[@]}"; do tokens[$n]=$(login "$n"); done
for i in $(seq 1 "$api_tasks"); do
  curl -sf -X POST "$api/api/v1/tasks" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
    -d "{\"title\":\"API task $i\",\"assigneeId\":\"${member_ids[$((i % (members - 1) + 2))]}\",\"dueDate\":\"2030-01-0$((i % 9 + 1))\"}" >/dev/null
done
org=$(q -c "SELECT id FROM identity.organizations")
# A form (amount: number, city: text; no route) and one task of it through the API; seed-forms.sql
# makes 30 % of the seeded tasks tasks of this form, with the route state this task got.
template=$(curl -sf -X POST "$api/api/v1/forms" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
  -d '{"name":"Expense claim","fields":[{"code":"amount","type":"number","label":"Amount"},{"code":"city","type":"text","label":"City"}]}' \
  | sed -E 's/^\{"id":"([^"]+)".*/\1/')
curl -sf -X POST "$api/api/v1/tasks" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
  -d "{\"form\":{\"templateId\":\"$template\",\"values\":{\"amount\":120,\"city\":\"Paris\"}}}" >/dev/null
route=$(q -c "SELECT route_state::text FROM tasks.tasks WHERE form_template_id = '$template'")

# --- The other tasks with SQL that writes exactly what the API writes (see seed.sql), then VACUUM ANALYZE.
log "bulk insert of $((total_tasks - api_tasks - 1)) tasks (seed.sql), 30 % of them form tasks (seed-forms.sql)"
q -v org="$org" -v tasks="$((total_tasks - api_tasks - 1))" -f "$here/seed.sql"
q -v template="$template" -v route="$route" -f "$here/seed-forms.sql"
q -c "VACUUM (ANALYZE)"
q -c "SELECT 'loaded: ' || (SELECT count(*) FROM tasks.tasks) || ' tasks (' || (SELECT count(*) FROM tasks.tasks WHERE closed_at IS NULL) || ' open), '
  || (SELECT count(*) FROM tasks.task_participants) || ' participants, ' || (SELECT count(*) FROM tasks.task_comments) || ' history entries, '
  || (SELECT count(*) FROM tasks.task_user_states) || ' user states; database ' || pg_size_pretty(pg_database_size('platform'))" >&2
# A seeded task must read back through the API like one the API created.
seeded=$(q -c "SELECT p.id FROM bench.plan p WHERE p.author_n = 1 AND p.extra > 0 LIMIT 1")
curl -sf "$api/api/v1/tasks/$seeded" -H "Authorization: Bearer $admin" | grep -q '"kind":"comment"' \
  || { echo "seeded task $seeded does not read back through the API"; exit 1; }

# Who the load runs as, and on which tasks it comments (the same pairs for wrk and pgbench).
q -c "CREATE TABLE bench.actors AS SELECT row_number() OVER (ORDER BY m.n)::int AS n, m.n AS member_n, m.id, m.org AS organization_id
      FROM bench.members m WHERE m.n IN ($(IFS=,; echo "${actor_ns[*]}"))"
q -c "CREATE TABLE bench.comment_targets AS
      SELECT row_number() OVER (ORDER BY a.n, x.task_id)::int AS n, a.member_n, x.task_id, x.user_id, x.organization_id
      FROM bench.actors a CROSS JOIN LATERAL (
        SELECT p.task_id, p.user_id, p.organization_id FROM tasks.task_participants p
        WHERE p.organization_id = a.organization_id AND p.user_id = a.id ORDER BY random() LIMIT 500) x;
      ALTER TABLE bench.comment_targets ADD PRIMARY KEY (n); ANALYZE bench.actors, bench.comment_targets"
targets=$(q -c "SELECT count(*) FROM bench.comment_targets")
: >"$work/create.txt"
for a in "${actor_ns[@]}"; do
  for m in $(seq 1 "$members"); do
    [ "$m" = "$a" ] || printf '%s\t/api/v1/tasks\t{"title":"Bench task","assigneeId":"%s"}\n' "${tokens[$a]}" "${member_ids[$m]}" >>"$work/create.txt"
  done
done
q -F $'\t' -c "SELECT member_n, task_id FROM bench.comment_targets" | while IFS=$'\t' read -r a task; do
  printf '%s\t/api/v1/tasks/%s/comments\t{"text":"Bench comment: status update and next steps."}\n' "${tokens[$a]}" "$task"
done >"$work/comment.txt"
for a in "${actor_ns[@]}"; do printf '%s\t/api/v1/inbox\n' "${tokens[$a]}"; done >"$work/inbox.txt"
for a in "${actor_ns[@]}"; do printf '%s\t/api/v1/tasks?limit=50\n' "${tokens[$a]}"; done >"$work/list.txt"
# Register: the administrator (sees every task of the form) over 8 cities; the 7 other members (see
# only the tasks they could open) one city each.
cities=(Paris Berlin Madrid Rome Vienna Prague Warsaw Lisbon)
for c in "${cities[@]}"; do printf '%s\t/api/v1/forms/%s/register?f.city=%s&limit=50\n' "${tokens[1]}" "$template" "$c"; done >"$work/register.txt"
i=0; for a in "${actor_ns[@]:1}"; do
  printf '%s\t/api/v1/forms/%s/register?f.city=%s&limit=50\n' "${tokens[$a]}" "$template" "${cities[$i]}"; i=$((i + 1))
done >"$work/register-member.txt"
# The same, ordered by a field (no index holds that order): the member's rows of the form are read and sorted.
sed 's/&limit=50/\&sort=f.amount\&order=desc\&limit=50/' "$work/register-member.txt" >"$work/register-member-amount.txt"

# --- Measurements. wrk: 2 threads, $connections connections; 3 s warm-up, then $duration s measured.
declare -A api_rps api_p50 api_p99 api_err api_wal pg_tps pg_lat pg_p50 pg_p99 pg_err pg_wal
wal_lsn() { q -c "SELECT pg_current_wal_lsn()"; }
wal_bytes() { q -c "SELECT pg_wal_lsn_diff('$2', '$1')::bigint"; }
wait_outbox() { # the relay and the realtime consumer finish the backlog before the next run
  local left=0
  for _ in $(seq 1 240); do
    left=$(q -c "SELECT count(*) FROM tasks.outbox_messages WHERE published_at IS NULL")
    [ "$left" = 0 ] && break; sleep 0.5
  done
  [ "$left" = 0 ] || log "warning: $left outbox rows still unpublished after 120 s"
  local last="" now
  for _ in $(seq 1 60); do # then the realtime consumer: until realtime.events stops growing for 1 s
    now=$(q -c "SELECT coalesce(max(id), 0) FROM realtime.events")
    [ "$now" = "$last" ] && break; last=$now; sleep 1
  done
}
run_wrk() { # $1 operation, $2 get|post, $3 request file
  BENCH_REQUESTS=$3 wrk -t2 -c"$connections" -d3s -s "$here/wrk/$2.lua" "$api" >/dev/null
  [ "$2" = post ] && wait_outbox
  local before; before=$(wal_lsn)
  BENCH_REQUESTS=$3 wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/wrk/$2.lua" "$api" >"$work/wrk-$1.txt"
  local requests; requests=$(awk '/requests in/ {print $1}' "$work/wrk-$1.txt")
  api_rps[$1]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-$1.txt")
  api_p50[$1]=$(awk '$1 == "50%" {print $2}' "$work/wrk-$1.txt"); api_p99[$1]=$(awk '$1 == "99%" {print $2}' "$work/wrk-$1.txt")
  api_err[$1]=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$work/wrk-$1.txt")
  if [ "$2" = post ]; then
    local backlog; backlog=$(q -c "SELECT count(*) FROM tasks.outbox_messages WHERE published_at IS NULL")
    local t0=$SECONDS; wait_outbox
    api_wal[$1]=$(wal_bytes "$before" "$(wal_lsn)" | awk -v n="$requests" '{printf "%.1f", $1 / n / 1024}')
    log "$1: $requests requests; outbox backlog at the end $backlog rows, drained in $((SECONDS - t0)) s"
  else
    log "$1: $requests requests"
  fi
}
pgb_scripts() { # $1 template, $2 first|page2: one script per benchmark user, values inlined
  for a in "${actor_ns[@]}"; do
    local user; user=$(q -c "SELECT id FROM bench.members WHERE n = $a")
    local first=true ts=infinity id=00000000-0000-0000-0000-000000000000
    if [ "$2" = page2 ]; then # the cursor the API returns: the 50th row of page 1
      first=false
      IFS=$'\t' read -r ts id < <(q -F $'\t' -c "SELECT t.updated_at, t.id FROM tasks.tasks t JOIN tasks.task_participants p ON p.task_id = t.id
        WHERE p.organization_id = '$org' AND p.user_id = '$user' ORDER BY t.updated_at DESC, t.id DESC OFFSET 49 LIMIT 1")
    fi
    sed -e "s/@ORG@/$org/g" -e "s/@USER@/$user/g" -e "s/@FIRST@/$first/g" -e "s/@TS@/$ts/g" -e "s/@ID@/$id/g" \
      "$here/pgbench/$1.sql.in" >"$work/$1-$2-$a.sql"
    printf -- '-f %s ' "$work/$1-$2-$a.sql"
  done
}
pgb_register_scripts() { # $1 register (the administrator, one script per city) | register-member* (one per member)
  local user i=0
  if [ "$1" = register ]; then
    user=$(q -c "SELECT id FROM bench.members WHERE n = 1")
    for c in "${cities[@]}"; do
      sed -e "s/@ORG@/$org/g" -e "s/@USER@/$user/g" -e "s/@TEMPLATE@/$template/g" -e "s/@CITY@/$c/g" "$here/pgbench/register.sql.in" >"$work/register-$c.sql"
      printf -- '-f %s ' "$work/register-$c.sql"
    done
  else
    for a in "${actor_ns[@]:1}"; do
      user=$(q -c "SELECT id FROM bench.members WHERE n = $a")
      sed -e "s/@ORG@/$org/g" -e "s/@USER@/$user/g" -e "s/@TEMPLATE@/$template/g" -e "s/@CITY@/${cities[$i]}/g" \
        "$here/pgbench/$1.sql.in" >"$work/$1-$a.sql"
      printf -- '-f %s ' "$work/$1-$a.sql"
      i=$((i + 1))
    done
  fi
}
run_pgbench() { # $1 operation, then the script arguments
  local op=$1; shift
  local before; before=$(wal_lsn)
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 16 -T "$pgbench_seconds" --protocol=prepared \
    -D actors="${#actor_ns[@]}" -D members="$members" -D targets="$targets" \
    -l --log-prefix="$work/pgb-$op" "$@" platform >"$work/pgbench-$op.txt" 2>&1 || { cat "$work/pgbench-$op.txt"; exit 1; }
  local after; after=$(wal_lsn)
  # With several scripts pgbench repeats these lines per script: the first one is the total.
  pg_tps[$op]=$(awk '/^tps = / {printf "%.0f", $3; exit}' "$work/pgbench-$op.txt")
  pg_lat[$op]=$(awk '/latency average/ {print $4; exit}' "$work/pgbench-$op.txt")
  pg_err[$op]=$(awk '/number of failed transactions/ {print $5; exit}' "$work/pgbench-$op.txt")
  local n; n=$(awk '/number of transactions actually processed/ {print $6; exit}' "$work/pgbench-$op.txt")
  pg_wal[$op]=$(wal_bytes "$before" "$after" | awk -v n="$n" '{printf "%.1f", $1 / (n > 0 ? n : 1) / 1024}')
  cat "$work"/pgb-"$op".* | awk '{print $3}' | sort -n >"$work/lat-$op.txt"
  pg_p50[$op]=$(awk -v n="$(wc -l <"$work/lat-$op.txt")" 'NR == int(n * 0.50) + 1 {printf "%.2fms", $1 / 1000}' "$work/lat-$op.txt")
  pg_p99[$op]=$(awk -v n="$(wc -l <"$work/lat-$op.txt")" 'NR == int(n * 0.99) + 1 {printf "%.2fms", $1 / 1000}' "$work/lat-$op.txt")
  log "pgbench $op: $n transactions"
}

# Reads first, API then pgbench, while the organisation holds exactly the loaded tasks (the write
# runs add tens of thousands, and these plans read every task of the organisation: see below).
register_plans() { # EXPLAIN of the register queries at this size
  echo "### EXPLAIN (ANALYZE, BUFFERS) register as the administrator ($(q -c "SELECT count(*) FROM tasks.tasks WHERE form_template_id = '$template'") form tasks)"
  { echo "EXPLAIN (ANALYZE, BUFFERS)"; grep -v "^--" "$work/register-Paris.sql"; } | q; echo
  for a in 2 50; do
    for script in register-member register-member-amount register-member-before; do
      echo "### EXPLAIN (ANALYZE, BUFFERS) $script as member $a ($(q -c "SELECT count(*) FROM tasks.task_participants p JOIN bench.members m ON m.id = p.user_id WHERE m.n = $a AND p.form_template_id = '$template'") of their tasks are of the form)"
      { echo "EXPLAIN (ANALYZE, BUFFERS)"; grep -v "^--" "$work/$script-$a.sql"; } | q; echo
    done
  done
}
register_ops=(register register-member register-member-amount)
if [ "$only" = register ]; then
  for op in "${register_ops[@]}"; do log "wrk: $op"; run_wrk "$op" get "$work/$op.txt"; done
  for op in "${register_ops[@]}" register-member-before; do log "pgbench: $op"; run_pgbench "$op" $(pgb_register_scripts "$op"); done
  register_plans
  echo "Register at 100k: $(q -c "SELECT count(*) FROM tasks.tasks") tasks; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| %-22s | %9s | %-20s | %-14s | %11s | %-32s | %8s |\n' operation "API req/s" "API p50 / p99" "errors API, pg" "pgbench TPS" "pgbench avg (p50 / p99)" "API / pg"
  for op in "${register_ops[@]}" register-member-before; do
    ratio=$(awk -v a="${api_rps[$op]:-0}" -v p="${pg_tps[$op]}" 'BEGIN {printf (p > 0 && a > 0 ? "%.2f" : "-"), a / p}')
    printf '| %-22s | %9s | %-20s | %-14s | %11s | %-32s | %8s |\n' "$op" "${api_rps[$op]:--}" "${api_p50[$op]:--} / ${api_p99[$op]:--}" \
      "${api_err[$op]:--}, ${pg_err[$op]:-0}" "${pg_tps[$op]}" "${pg_lat[$op]} ms (${pg_p50[$op]} / ${pg_p99[$op]})" "$ratio"
  done
  exit 0
fi
log "wrk: inbox";        run_wrk inbox get "$work/inbox.txt"
log "wrk: list";         run_wrk list get "$work/list.txt"
: >"$work/list2.txt"
for a in "${actor_ns[@]}"; do
  cursor=$(curl -sf "$api/api/v1/tasks?limit=50" -H "Authorization: Bearer ${tokens[$a]}" | sed -E 's/.*"nextCursor":"([^"]+)".*/\1/')
  printf '%s\t/api/v1/tasks?limit=50&after=%s\n' "${tokens[$a]}" "$cursor" >>"$work/list2.txt"
done
log "wrk: list page 2";  run_wrk list-page-2 get "$work/list2.txt"
for op in "${register_ops[@]}"; do log "wrk: $op"; run_wrk "$op" get "$work/$op.txt"; done
log "pgbench: inbox";       run_pgbench inbox $(pgb_scripts inbox first)
log "pgbench: list";        run_pgbench list $(pgb_scripts list first)
log "pgbench: list page 2"; run_pgbench list-page-2 $(pgb_scripts list page2)
for op in "${register_ops[@]}" register-member-before; do log "pgbench: $op"; run_pgbench "$op" $(pgb_register_scripts "$op"); done
tasks_at_reads=$(q -c "SELECT count(*) FROM tasks.tasks")
# Plans of the read queries at this size, for the heaviest and the lightest benchmark user.
for a in 1 50; do
  for script in inbox-first list-first list-page2; do
    echo "### EXPLAIN (ANALYZE, BUFFERS) ${script%-first} as member $a ($(q -c "SELECT count(*) FROM tasks.task_participants p JOIN bench.members m ON m.id = p.user_id WHERE m.n = $a") of $tasks_at_reads tasks)"
    { echo "EXPLAIN (ANALYZE, BUFFERS)"; grep -v "^--" "$work/$script-$a.sql"; } | q
    echo
  done
done
register_plans

log "wrk: create-task";  run_wrk create-task post "$work/create.txt"
log "wrk: add-comment";  run_wrk add-comment post "$work/comment.txt"
# pgbench writes with the node stopped: the node would otherwise relay pgbench's outbox rows during
# the run, and the relay is not part of the SQL being measured.
stop_host
log "pgbench: create-task"; run_pgbench create-task -f "$here/pgbench/create-task.sql"
log "pgbench: add-comment"; run_pgbench add-comment -f "$here/pgbench/add-comment.sql"

echo "Tasks at 100k: reads on $tasks_at_reads tasks, $(q -c "SELECT count(*) FROM tasks.tasks") after the writes; $members members; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk: 2 threads, $connections connections, ${duration}s after a 3 s warm-up; pgbench: 16 clients, ${pgbench_seconds}s, prepared"
printf '| %-12s | %9s | %-20s | %-14s | %11s | %-32s | %-14s | %8s |\n' operation "API req/s" "API p50 / p99" "errors API, pg" "pgbench TPS" "pgbench avg (p50 / p99)" "WAL/op API, pg" "API / pg"
echo "|--------------|-----------|----------------------|----------------|-------------|----------------------------------|----------------|----------|"
for op in create-task add-comment inbox list list-page-2 "${register_ops[@]}" register-member-before; do
  ratio=$(awk -v a="${api_rps[$op]:-0}" -v p="${pg_tps[$op]}" 'BEGIN {printf (p > 0 && a > 0 ? "%.2f" : "-"), a / p}')
  wal="-"; [ -n "${api_wal[$op]:-}" ] && wal="${api_wal[$op]} kB, ${pg_wal[$op]} kB"
  printf '| %-12s | %9s | %-20s | %-14s | %11s | %-32s | %-14s | %8s |\n' "$op" "${api_rps[$op]:--}" "${api_p50[$op]:--} / ${api_p99[$op]:--}" \
    "${api_err[$op]:--}, ${pg_err[$op]:-0}" "${pg_tps[$op]}" "${pg_lat[$op]} ms (${pg_p50[$op]} / ${pg_p99[$op]})" "$wal" "$ratio"
done
