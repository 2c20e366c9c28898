#!/bin/sh
# Publishes the probe with Native AOT: the all-modes binary and one binary per export (for sizes and start-up).
# Warnings are left as warnings and not collapsed per assembly, so the logs count every trim/AOT warning.
set -eu
cd "$(dirname "$0")/../.."
out=artifacts/probe
mkdir -p "$out/logs"
for only in all none xray own-http sdk; do
  prop=""
  [ "$only" = all ] || prop="-p:ProbeOnly=$only"
  dotnet publish bench/OtelSdkProbe/OtelSdkProbe.csproj -c Release -r linux-x64 $prop \
    -p:TrimmerSingleWarn=false -p:TreatWarningsAsErrors=false \
    --artifacts-path "$out/build-$only" -o "$out/$only" > "$out/logs/publish-$only.log" 2>&1
  warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$out/logs/publish-$only.log" | sort -u | wc -l)
  bin=$(ls "$out/$only" | grep -v -E '\.(dbg|pdb|xml)$')
  echo "$only: $(stat -c %s "$out/$only/$bin") bytes ($bin), $warnings distinct warnings"
done
