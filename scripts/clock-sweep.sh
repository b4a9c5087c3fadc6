#!/usr/bin/env bash
# Runs the test suite (or the files given) with the process clock and time zone set to awkward
# moments: month and year ends crossing midnight, a leap day, the two DST changes of Europe and
# the US, time zones far east and west of UTC. A test that reads the wall clock instead of
# pinning its own fails here. Needs Debian's faketime (apt-get install faketime).
#   bash scripts/clock-sweep.sh                       # every moment, whole suite
#   bash scripts/clock-sweep.sh packages/server/src/modules/billing   # some files
# PGlite runs inside the process, so its now() follows the faked clock too; against a real
# PostgreSQL server only the application's clock would move, so this runs on PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "clock-sweep: faketime is not installed (apt-get install faketime)" >&2; exit 2; }
unset TEST_DATABASE_URL TEST_REDIS_URL
moments=(
  "UTC|2026-12-31 23:58:00"                   # the year turns during the run
  "America/Los_Angeles|2027-02-28 23:55:00"   # local February ends while UTC is already in March
  "Asia/Kolkata|2028-02-29 05:25:00"          # a leap day; UTC is still the 28th
  "Europe/Berlin|2027-03-28 01:58:00"         # the clocks go forward at 02:00
  "America/New_York|2027-11-07 01:55:00"      # the clocks go back at 02:00
  "Pacific/Kiritimati|2027-04-30 23:50:00"    # UTC+14: a month ahead of UTC for ten minutes
  "UTC|2027-03-05 10:00:00"                   # the first ten days of a month
)
failed=0
for m in "${moments[@]}"; do
  tz=${m%%|*}; at=${m#*|}
  echo "== clock at $at ($tz)"
  if ! TZ=$tz faketime "$at" npx vitest run "$@"; then failed=$((failed + 1)); echo "!! failed at $at ($tz)"; fi
done
echo "== clock sweep: $failed of ${#moments[@]} moments failed"
[ "$failed" -eq 0 ]
