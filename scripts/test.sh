#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and end-to-end tests, the API
# against a real server, the dashboard in headless Chromium, and the accuracy
# regression check against eval/REPORT.md. Installs what the tests need when
# it is missing: python3's jsonschema (the referee scorer), Debian's chromium
# and the npm package playwright-core (the browser test), pyspark (the Spark
# recipe's test), Debian's postgresql (a throwaway cluster for the
# PostgreSQL tests, started here and stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -m pip install --quiet jsonschema || echo "warning: jsonschema not installed; the scorer skips schema checks" >&2
fi

if ! [ -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if ! [ -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
# The Spark recipe's test (PySpark in local mode; Java is on the machine).
if ! python3 -c 'import pyspark' 2>/dev/null; then
  python3 -m pip install --quiet 'pyspark==4.3.0'
fi
if ! command -v java >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >/dev/null
fi
. scripts/pg_cluster.sh
pg_cluster_start
export LAYOFFWATCH_REQUIRE_BROWSER=1
export LAYOFFWATCH_REQUIRE_SPARK=1
export LAYOFFWATCH_REQUIRE_PG=1

# Rules, tests and examples are in our own words: no string or comment
# shares a rare run of words with a shared article.
if [ -f ../shared/tools/copycheck.py ]; then
  python3 ../shared/tools/copycheck.py --comments
else
  echo "SKIPPED: ../shared is absent; copycheck not run" >&2
fi

cargo fmt --all -- --check
cargo clippy --all-targets --release -- -D warnings
cargo test --release --all-targets
