#!/usr/bin/env bash
# Writes crates/extract/data/common_words.txt, the ranker's list of common
# English words, from SCOWL (Debian package `scowl`): the lower-case words of
# sizes 10, 20 and 35. The list is committed; rerun only to refresh it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/usr/share/dict/scowl
[ -d "$dir" ] || { apt-get update -qq && apt-get install -y -qq scowl >/dev/null; }
out=crates/extract/data/common_words.txt
head -7 "$out" > "$out.new"
( cd "$dir" && cat english-words.10 english-words.20 english-words.35 \
    american-words.10 american-words.20 american-words.35 ) |
  iconv -f latin1 -t utf8 | grep -E '^[a-z]{2,}$' | LC_ALL=C sort -u >> "$out.new"
mv "$out.new" "$out"
