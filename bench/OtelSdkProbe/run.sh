#!/bin/sh
# Runs every measurement of the probe on the binaries publish.sh left in artifacts/probe; results go to the console
# and to artifacts/probe/results-<UTC time>.txt. ROUNDS (start-ups per mode, default 40) and REPEATS (span-cost runs
# per mode, default 3) can be set in the environment.
set -eu
cd "$(dirname "$0")/../.."
p=artifacts/probe
out="$p/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
rounds=${ROUNDS:-40}
repeats=${REPEATS:-3}
{
  echo "== $(date -u) $(uptime)"
  echo "== sizes and warnings"
  for only in none xray own-http sdk all; do
    bin=$(ls "$p/$only" | grep -v -E '\.(dbg|pdb|xml)$')
    echo "$only: $(stat -c %s "$p/$only/$bin") bytes, $(grep -E ': warning [A-Z]+[0-9]+' "$p/logs/publish-$only.log" | sort -u | wc -l) warnings"
  done
  echo "== start-up, $rounds interleaved rounds"
  "$p/all/OtelSdkProbe" coldstart "$rounds" \
    "$p/none/probe-none:none" "$p/none/probe-none:listener" "$p/xray/probe-xray:xray" \
    "$p/own-http/probe-own-http:own-http" "$p/sdk/probe-sdk:sdk-simple" "$p/sdk/probe-sdk:sdk-batch"
  echo "== per-record cost (2 spans a record, 100 records an invocation), $repeats rotations"
  for i in $(seq "$repeats"); do
    for mode in none listener xray sdk-batch; do
      "$p/all/OtelSdkProbe" spans "$mode" 500
    done
    "$p/all/OtelSdkProbe" spans sdk-simple 30
  done
  echo "== collector hanging or down"
  "$p/all/OtelSdkProbe" blackhole
  echo "== $(date -u) $(uptime)"
} 2>&1 | tee "$out"
