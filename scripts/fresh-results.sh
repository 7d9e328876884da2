#!/usr/bin/env bash
# Start a run with empty Allure results, carrying the last report's history so trends show across runs.
# A third argument (make e2e MERGE=1) keeps the last run's results, so one report shows both runs.
set -euo pipefail
results=$1 report=$2 merge=${3:-}
if [ -n "$merge" ] && [ -d "$results" ]; then
  echo "allure results: adding this run's to the last run's in $results (MERGE=$merge)"
  exit 0
fi
rm -rf "$results"
mkdir -p "$results"
if [ -d "$report/history" ]; then
  cp -r "$report/history" "$results/history"
fi
