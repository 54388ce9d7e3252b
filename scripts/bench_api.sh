#!/usr/bin/env bash
# Benchmarks the HTTP API over a large database: latency of filtered
# /api/events queries (one client, p50/p99 per query) and throughput of a
# mix of them under load (wrk, 2 threads, 64 connections), on loopback.
#
#   bash scripts/bench_api.sh [EVENTS]          # default 1,000,000
#   BENCH_CACHE=0 bash scripts/bench_api.sh     # every answer from the database
#
# The database (target/bench/api-EVENTS.db) is made once by
# `layoffwatch bench-data` through the real ingest path and then reused.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
DB="target/bench/api-$N.db"
mkdir -p target/bench
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q -p layoffwatch
B=target/release/layoffwatch
if ! [ -f "$DB" ]; then
  echo "making $N synthetic events in $DB (minutes)..."
  /usr/bin/time -f "made in %e s, peak RSS %M KB" "$B" bench-data --events "$N" --db "$DB"
fi
# Kept answers make repeated queries cheap; `--no-cache` measures the
# database path. BENCH_CACHE=0 runs that way.
CACHE_FLAG=""; [ "${BENCH_CACHE:-1}" = 1 ] || CACHE_FLAG="--no-cache"
"$B" serve --db "$DB" --addr 127.0.0.1:0 $CACHE_FLAG > target/bench/serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q http:// target/bench/serve.log 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://[0-9.:]*' target/bench/serve.log | head -1)
COMPANY=$(curl -s "$BASE/api/companies?limit=1" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["companies"][0]["company"]))')
CURSOR=$(curl -s "$BASE/api/events?limit=50&since=2020" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["next_cursor"]))')
QUERIES=(
  "/api/events?limit=50"
  "/api/events?limit=50&ai=true"
  "/api/events?limit=50&since=2020-01&until=2020-06"
  "/api/events?limit=50&reason=restructuring&function=sales"
  "/api/events?limit=50&company=$COMPANY"
  "/api/events?limit=50&min_headcount=4000&source=news"
  "/api/events?limit=50&sort=largest&ai=true"
  "/api/events?limit=50&since=2020&cursor=$CURSOR"
  "/api/events?limit=20&ai=true&reason=ai_automation&since=2024"
)
curl -s "$BASE/api/health"; echo
echo
echo "latency, one client, 5 s each (wrk -t1 -c1):"
printf '%-70s %8s %8s %8s\n' query p50 p99 req/s
for q in "${QUERIES[@]}"; do
  out=$(wrk -t1 -c1 -d5s --latency "$BASE$q")
  p50=$(echo "$out" | awk '/ 50%/ {print $2}')
  p99=$(echo "$out" | awk '/ 99%/ {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  printf '%-70s %8s %8s %8s\n' "${q:0:70}" "$p50" "$p99" "$rps"
done
echo
echo "throughput, the mix above, 2 threads, 64 connections, 15 s:"
LUA=target/bench/mix.lua
{
  echo "local paths = {"
  for q in "${QUERIES[@]}"; do echo "  \"$q\","; done
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} > "$LUA"
wrk -t2 -c64 -d15s --latency -s "$LUA" "$BASE" | grep -E 'Latency|50%|99%|Requests/sec|Non-2xx|Socket'
echo
echo "health, 2 threads, 64 connections, 10 s:"
wrk -t2 -c64 -d10s --latency "$BASE/api/health" | grep -E ' 99%|Requests/sec|Non-2xx'
