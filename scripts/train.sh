#!/usr/bin/env bash
# Retrains the employer ranker on every labelled set and writes its weights
# (crates/extract/data/employer_ranker.txt), then prints the leave-one-set-out
# table. Deterministic: the same sets give the same file, and
# crates/cli/tests/train.rs fails when the committed weights drift from it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
cargo build --release -q -p layoffwatch
bin=target/release/layoffwatch
sets=("$shared/seeds" "$shared/dev" "$shared/dev-modern/a" "$shared/dev-modern/b" "$shared/dev-modern/c" "$shared/dev-modern/d" "$shared/dev-modern/e")
"$bin" train "${sets[@]}" --out crates/extract/data/employer_ranker.txt
"$bin" train --cv "${sets[@]:1}"
