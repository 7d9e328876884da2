#!/usr/bin/env bash
# Build the HTML report from the results (history included), with the Allure command line npm installed.
set -euo pipefail
results=$1 report=$2
allure=node_modules/.bin/allure
if ! command -v java >/dev/null 2>&1; then
  echo "report: the Allure command line needs Java 17 (java not found); results are kept in $results" >&2
  exit 0
fi
if [ ! -x "$allure" ]; then
  echo "report: $allure is missing: run 'make setup'" >&2
  exit 0
fi
"$allure" generate "$results" -o "$report" --clean >/dev/null
echo "allure report: $report/index.html"
