#!/usr/bin/env bash
# Ingest throughput, SQLite against PostgreSQL, on the same input: the news
# corpus of ../shared. Two inputs: the articles (ingest extracts them) and
# the same articles as `extract --with-documents` lines (ingest only
# stores). Each run starts from an empty database (an SQLite file, or a new
# database on a throwaway cluster, made before the clock starts). Prints the
# median of RUNS runs (default 5) and the PostgreSQL/SQLite ratio.
#
#   bash scripts/bench_ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/data/news-corpus/reuters21578.jsonl.gz
[ -f "$corpus" ] || { echo "no $corpus: the benchmark needs ../shared" >&2; exit 2; }
runs=${RUNS:-5}
cargo build --release -q -p layoffwatch
bin=target/release/layoffwatch
. scripts/pg_cluster.sh
pg_cluster_start
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; pg_cluster_stop' EXIT
zcat "$corpus" > "$tmp/articles.jsonl"
"$bin" extract --with-documents "$tmp/articles.jsonl" > "$tmp/extracted.jsonl"
docs=$(wc -l < "$tmp/articles.jsonl")
echo "input: $docs documents"
server=${LAYOFFWATCH_TEST_PG%/*}

# Seconds of one ingest of $2 into a fresh database of kind $1.
one_run() {
  local db
  if [ "$1" = sqlite ]; then
    db="$tmp/bench.db"; rm -f "$db" "$db-wal" "$db-shm"
  else
    psql "$LAYOFFWATCH_TEST_PG" -qc "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
    db="$server/bench"
    "$bin" events --limit 1 --db "$db" > /dev/null # migrations, before the clock
  fi
  /usr/bin/time -f "%e" -o "$tmp/t" "$bin" ingest "$2" --db "$db" 2> /dev/null
  cat "$tmp/t"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for input in articles extracted; do
  for kind in sqlite postgres; do
    for _ in $(seq "$runs"); do one_run "$kind" "$tmp/$input.jsonl"; done | median > "$tmp/$kind"
  done
  s=$(cat "$tmp/sqlite"); p=$(cat "$tmp/postgres")
  printf '%-9s sqlite %6.2fs (%6.0f docs/s)  postgres %6.2fs (%6.0f docs/s)  postgres/sqlite throughput %.2f\n' \
    "$input" "$s" "$(echo "$docs / $s" | bc -l)" "$p" "$(echo "$docs / $p" | bc -l)" "$(echo "$s / $p" | bc -l)"
done
