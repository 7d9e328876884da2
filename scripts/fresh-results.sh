#!/usr/bin/env bash
# Start a run with empty Allure results, carrying the last report's history so trends show across runs.
set -euo pipefail
results=$1 report=$2
rm -rf "$results"
mkdir -p "$results"
if [ -d "$report/history" ]; then
  cp -r "$report/history" "$results/history"
fi
