#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and end-to-end tests, and the
# accuracy regression check against eval/REPORT.md. Installs what the tests
# need when it is missing (python3's jsonschema for the referee scorer).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -m pip install --quiet jsonschema || echo "warning: jsonschema not installed; the scorer skips schema checks" >&2
fi

cargo fmt --all -- --check
cargo clippy --all-targets --release -- -D warnings
cargo test --release --all-targets
