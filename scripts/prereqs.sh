#!/usr/bin/env bash
# Machine prerequisites for building, running and testing Platform on Debian 12 (run as root on a fresh machine).
# Idempotent: when everything is present it only verifies (well under 2 s) and changes nothing.
#   - PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin): the AppHost and tests run private servers
#   - RabbitMQ (rabbitmq-server, /usr/lib/rabbitmq/bin): the cluster topology and cluster tests run private nodes
#   - NATS (nats-server): the real-time fan-out between web nodes; cluster tests and benchmarks run private servers
#   - Patroni + etcd (patroni, etcd-server): the PostgreSQL failover tests run a private Patroni cluster
#   - Chromium (/usr/bin/chromium): end-to-end tests drive it through Playwright
#   - preview converters: vipsthumbnail (libvips-tools), pdftoppm (poppler-utils), soffice (libreoffice-{writer,calc,impress}-nogui),
#     qpdf (tests build encrypted PDFs with it)
#   - Dovecot (dovecot-imapd) and aiosmtpd (python3-aiosmtpd): the mail tests and the AppHost run a private IMAP server
#     and an SMTP server delivering into its Maildirs (tools/mail)
#   - npm packages of tools/s3rver (the S3-protocol server the storage tests and the AppHost's S3 mode run)
#   - npm packages of src/Web (npm ci) when src/Web/package.json exists
#   - local dotnet tools (.config/dotnet-tools.json: dotnet-ef)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'prereqs: %s\n' "$*"; }
fail() { printf 'prereqs: ERROR: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK is missing (global.json asks for $(grep -o '"version": *"[^"]*"' global.json | cut -d'"' -f4)); install it first: https://learn.microsoft.com/dotnet/core/install/linux-debian"

# --- apt packages -------------------------------------------------------------------------------
missing=()
[[ -x /usr/lib/postgresql/15/bin/postgres && -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server && -x /usr/lib/rabbitmq/bin/rabbitmqctl ]] || missing+=(rabbitmq-server)
[[ -x /usr/sbin/nats-server || -x /usr/bin/nats-server ]] || missing+=(nats-server)
[[ -x /usr/bin/patroni ]] || missing+=(patroni)
[[ -x /usr/bin/etcd ]] || missing+=(etcd-server)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/vipsthumbnail && -x /usr/bin/vipsheader ]] || missing+=(libvips-tools)
[[ -x /usr/bin/pdftoppm && -x /usr/bin/pdfinfo ]] || missing+=(poppler-utils)
# Writer reads .doc/.docx/.odt/.rtf, Calc spreadsheets, Impress presentations (core-nogui alone reads none of them).
for lo in writer calc impress; do
  dpkg -s "libreoffice-$lo-nogui" >/dev/null 2>&1 || missing+=("libreoffice-$lo-nogui")
done
[[ -x /usr/bin/qpdf ]] || missing+=(qpdf)
# systemd-analyze checks the units in deploy/systemd (containers often come without systemd; nothing starts it).
[[ -x /usr/bin/systemd-analyze ]] || missing+=(systemd)
# stress-ng loads the CPU beside the suite and bench/stop/run.sh ("passes on a busy machine", issue #9).
[[ -x /usr/bin/stress-ng ]] || missing+=(stress-ng)
[[ -x /usr/sbin/dovecot ]] || missing+=(dovecot-imapd)
# Debian's python3 (not a pyenv one first on PATH) has the module: tools/mail runs /usr/bin/python3 -m aiosmtpd.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [[ -f src/Web/package.json ]] && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    fail "missing ${missing[*]}; as root run: bash scripts/prereqs.sh   (or: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]})"
  fi
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    # Keeps apt from starting Debian's own PostgreSQL cluster, RabbitMQ node, NATS server, Patroni and etcd: we only ever run private servers.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    say "wrote /usr/sbin/policy-rc.d (exit 101: no service auto-starts)"
  fi
  say "installing ${missing[*]} with apt..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed ${missing[*]}"
else
  say "apt packages present (postgresql-15, rabbitmq-server, nats-server, patroni, etcd-server, chromium, libvips-tools, poppler-utils, libreoffice-{writer,calc,impress}-nogui, qpdf, systemd, stress-ng, dovecot-imapd, python3-aiosmtpd)"
fi

# --- npm packages (web client, S3 test server) ----------------------------------------------------
for dir in src/Web tools/s3rver; do
  [[ -f $dir/package.json ]] || continue
  lock=$dir/package-lock.json
  if [[ ! -d $dir/node_modules ]] || [[ -f $lock && $lock -nt $dir/node_modules ]]; then
    say "npm ci in $dir..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$dir/node_modules"
  else
    say "$dir/node_modules up to date"
  fi
done

# --- dotnet local tools -------------------------------------------------------------------------
# `dotnet tool restore` costs ~1 s even when nothing is missing: skip it when every tool's package is cached.
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
tools_missing=0
if [[ -f .config/dotnet-tools.json ]]; then
  while read -r name version; do
    [[ -d $packages/$name/$version ]] || tools_missing=1
  done < <(tr -d '\n ' < .config/dotnet-tools.json | grep -o '"[^"]*":{"version":"[^"]*"' | sed -E 's/"([^"]*)":\{"version":"([^"]*)"/\L\1 \2/')
  if ((tools_missing)); then
    say "dotnet tool restore..."
    dotnet tool restore >/dev/null
  else
    say "dotnet tools present"
  fi
fi

say "ok"
