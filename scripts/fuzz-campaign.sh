#!/usr/bin/env bash
# Fuzzes several targets side by side until a wall-clock time, niced so that other work keeps the CPU:
#   scripts/fuzz-campaign.sh UNTIL_UTC TARGET...     e.g. scripts/fuzz-campaign.sh 01:58 safetensors png
# Each target runs scripts/fuzz.sh in a loop (a crash ends one run; its input is in
# .build-fuzz/crashes/, and the next run starts from the grown corpus). Logs: .build-fuzz/logs/TARGET.log.
# Build first (scripts/fuzz.sh build); a rebuilt harness is picked up by the next run of each loop.
set -euo pipefail
cd "$(dirname "$0")/.."
until_epoch=$(date -u -d "today $1" +%s)
shift
mkdir -p .build-fuzz/logs
for target in "$@"; do
  (
    while remaining=$((until_epoch - $(date -u +%s))); [ "$remaining" -gt 5 ]; do
      echo "=== run start $(date -u +%FT%TZ) remaining ${remaining}s" >>".build-fuzz/logs/$target.log"
      FUZZ_SKIP_BUILD=1 nice -n 19 scripts/fuzz.sh "$target" "$remaining" -rss_limit_mb=1536 \
        >>".build-fuzz/logs/$target.log" 2>&1 || { echo "=== run exit $? $(date -u +%FT%TZ)" >>".build-fuzz/logs/$target.log"; sleep 5; }
    done
  ) &
done
wait
