#!/usr/bin/env bash
# AstraNetix's AAA engine against the reference, FreeRADIUS 3 with rlm_sql on PostgreSQL
# (../shared/bench/setup-freeradius.sh), and for authentication also against FreeRADIUS serving
# the users from memory (bench/freeradius-files.sh), on this machine, same users, same client (radload),
# interleaved so that both see the same machine state. Loopback only; stops by itself.
#   bash bench/radius-compare.sh            (N=10000 users, DUR=10 s per point)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared/bench}
N=${N:-10000}; DUR=${DUR:-10}; LEVELS=${LEVELS:-"1 16 64 256"}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
DB=anx_radbench
OUT=${OUT:-bench/results/radius-compare-$(date +%Y%m%d-%H%M).txt}
mkdir -p "$(dirname "$OUT")"

# The shared setup starts FreeRADIUS only when no process of that name runs: a files
# instance left by an earlier run would stand in for it.
[ -f /tmp/anx-fr-files/fr.pid ] && { kill "$(cat /tmp/anx-fr-files/fr.pid)" 2>/dev/null || true; sleep 1; }
echo "== reference: FreeRADIUS + PostgreSQL with $N users"
N=$N bash "$SHARED/setup-freeradius.sh"

echo "== in-memory reference: FreeRADIUS + files with the same $N users (auth 1822)"
N=$N bash bench/freeradius-files.sh | tail -1

echo "== AstraNetix on PostgreSQL with $N users (auth 1912, acct 1913)"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG/$DB" SECRET_KEY=$(openssl rand -hex 32) LOG_LEVEL=warn
npm run bench:seed --silent -- --subscribers "$N"
ROLES=aaa,worker RADIUS_AUTH_PORT=1912 RADIUS_ACCT_PORT=1913 node --import tsx packages/server/src/main.ts serve &
ANX=$!
# The same engine and database, acknowledging accounting from its journal (RADIUS_ACCT_JOURNAL_DIR).
JOURNAL=$(mktemp -d /tmp/anx-acct-journal.XXXXXX)
PORT=8011 ROLES=aaa RADIUS_ACCT_JOURNAL_DIR=$JOURNAL RADIUS_AUTH_PORT=1914 RADIUS_ACCT_PORT=1915 node --import tsx packages/server/src/main.ts serve &
ANXJ=$!
# Leave the machine as found: our servers and the reference FreeRADIUS all stop.
trap 'kill $ANX $ANXJ 2>/dev/null || true; pkill -x freeradius || true; rm -rf "$JOURNAL"' EXIT  # both FreeRADIUS instances
for p in 1912 1914; do
  for _ in $(seq 1 60); do radtest user1 pass1 127.0.0.1:$p 0 testing123 >/dev/null 2>&1 && break; sleep 0.5; done
done

load() { node "$SHARED/radload.mjs" --kind "$1" --port "$2" --n 10000000 --concurrency "$3" --max-seconds "$DUR" --users "$N"; }
{
  echo "# radius-compare $(date -Is), $N users, $DUR s per point, $(nproc) cores"
  printf '%-5s %-5s %-12s %10s %9s %9s %8s\n' kind c server per_s p50_ms p99_ms timeouts
  for kind in auth acct; do
    for c in $LEVELS; do
      targets=("freeradius 1812 1813" "astranetix 1912 1913")
      # The files backend answers accounting without storing it: an auth-only reference.
      [ "$kind" = auth ] && targets+=("fr-files 1822 1823")
      [ "$kind" = acct ] && targets+=("anx-journal 1914 1915")
      for target in "${targets[@]}"; do
        set -- $target
        port=$2; [ "$kind" = acct ] && port=$3
        load "$kind" "$port" "$c" | node -e '
          let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s.trim().split("\n").pop());
          console.log([process.argv[1].padEnd(5),process.argv[2].padEnd(5),process.argv[3].padEnd(12),String(r.per_second).padStart(10),
          r.p50_ms.toFixed(2).padStart(9),r.p99_ms.toFixed(2).padStart(9),String(r.timeout).padStart(8)].join(" "))})' "$kind" "$c" "$1"
      done
    done
  done
} | tee "$OUT"
echo "written to $OUT"
