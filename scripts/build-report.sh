#!/usr/bin/env bash
# Build the HTML report from the results, with the Allure command line npm installed: one self-contained
# index.html that opens from disk (file://), plus the history the next run carries forward for its trends.
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
"$allure" generate "$results" -o "$report" --clean --single-file --name "Weavr Multi suite" >/dev/null
# Allure's page loads Google's analytics script: dropped (that script tag and the gtag block after it), so a
# report opened from disk calls nobody.
sed -i '/googletagmanager/,/<\/script>/d' "$report/index.html"
# A single-file report writes no history/: a second, plain generation does, into a folder dropped after.
history=$(mktemp -d)
"$allure" generate "$results" -o "$history/report" --clean >/dev/null
cp -r "$history/report/history" "$report/history"
rm -rf "$history"
echo "allure report: $report/index.html ($(du -h --apparent-size "$report/index.html" | cut -f1), opens from disk)"
