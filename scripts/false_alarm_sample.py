"""A random sample of news-corpus documents that get events, for reading.

Usage: layoffwatch extract CORPUS.jsonl > out.jsonl
       python3 scripts/false_alarm_sample.py CORPUS.jsonl.gz out.jsonl [N] [SEED]
Prints, for each sampled document, each event's company, size and date with
the sentence around its event evidence, so a person can judge it.
"""
import gzip
import json
import random
import sys

corpus, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261123
opener = gzip.open if corpus.endswith(".gz") else open
texts = {}
with opener(corpus, "rt") as f:
    for line in f:
        r = json.loads(line)
        texts[r["id"]] = r.get("text") or ""
hits = [r for r in map(json.loads, open(out)) if r.get("events")]
print(f"{len(texts)} documents, {len(hits)} with events; sample of {min(n, len(hits))} (seed {seed})\n")
random.seed(seed)
for r in random.sample(hits, min(n, len(hits))):
    t = texts[r["id"]].encode()
    for e in r["events"]:
        ev = next(x for x in e["evidence"] if x["field"] == "event")
        s = max(0, ev["start"] - 150)
        size = (e.get("headcount") or {}).get("text")
        print(f"## {r['id']} | {e['company']} | {size} | {e['announced']}")
        print(" ", t[s : ev["end"] + 100].decode("utf8", "replace").replace("\n", " "), "\n")
