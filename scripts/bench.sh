#!/usr/bin/env bash
# Throughput of `layoffwatch extract` on the news corpus (../shared), one and
# two threads, with peak memory; side by side with the spaCy peer
# (../shared/peers) on a sample of the same documents when its virtual
# environment exists (PEER_VENV, default ../peer/.venv-peer).
#
#   bash scripts/bench.sh            # prints MB/s, peak RSS and the ratio
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/data/news-corpus/reuters21578.jsonl.gz
[ -f "$corpus" ] || { echo "no $corpus: the benchmark needs ../shared" >&2; exit 2; }
cargo build --release -q -p layoffwatch
bin=target/release/layoffwatch
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
zcat "$corpus" > "$tmp/corpus.jsonl"
mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l).get('text') or '') for l in open(sys.argv[1]))/1e6)" "$tmp/corpus.jsonl")
echo "corpus: $(wc -l < "$tmp/corpus.jsonl") documents, $mb MB of text"

time_run() { # prints seconds and peak RSS (KB) of the best of 5 runs
  best=999; rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" > /dev/null
    read -r s m < "$tmp/t"
    if (( $(echo "$s < $best" | bc -l) )); then best=$s; rss=$m; fi
  done
  echo "$best $rss"
}
for j in 1 2; do
  read -r s rss < <(time_run "$bin" extract -j "$j" "$tmp/corpus.jsonl")
  echo "layoffwatch extract -j$j: ${s}s, $(echo "scale=1; $mb / $s" | bc -l) MB/s, peak RSS $((rss / 1024)) MB"
  [ "$j" = 1 ] && ours=$(echo "scale=4; $mb / $s" | bc -l)
done

venv=${PEER_VENV:-../peer/.venv-peer}
if [ -x "$venv/bin/python" ]; then
  n=${PEER_DOCS:-400}
  head -n "$n" "$tmp/corpus.jsonl" > "$tmp/sample.jsonl"
  smb=$(python3 -c "import json,sys; print(sum(len(json.loads(l).get('text') or '') for l in open(sys.argv[1]))/1e6)" "$tmp/sample.jsonl")
  start=$(date +%s.%N)
  "$venv/bin/python" ../shared/peers/spacy_baseline.py < "$tmp/sample.jsonl" > /dev/null
  end=$(date +%s.%N)
  peer=$(echo "scale=4; $smb / ($end - $start)" | bc -l)
  echo "spaCy peer on the first $n documents ($smb MB): $(echo "scale=3; $peer / 1" | bc -l) MB/s"
  echo "ratio (layoffwatch -j1 / spaCy): $(echo "scale=0; $ours / $peer" | bc -l)x"
else
  echo "spaCy peer not set up (see ../shared/peers/README.md; PEER_VENV=$venv): ratio skipped"
fi
