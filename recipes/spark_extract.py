"""Runs `layoffwatch extract` as the mapper of a Spark job.

JSON Lines inputs (plain, or .gz, which Spark reads whole) go through
RDD.pipe: each partition's lines are streamed through one `layoffwatch
extract` process, which answers one line per input line in order, so the
output keeps the input's order. WARC files are not line-based: each file is
one task that runs `layoffwatch extract FILE` and yields its lines.

    spark-submit recipes/spark_extract.py --binary target/release/layoffwatch \
        --jsonl 'archive/*.jsonl' --out events/            # a folder of part files
    spark-submit recipes/spark_extract.py --binary ... --warc 'crawl/*.warc.gz' --out events/
    python3 recipes/spark_extract.py ... --collect events.jsonl   # one ordered file, local mode

The binary must exist at the same path on every worker (or be shipped with
--files and named by its base name). With --with-documents each output line
also carries its document, and `layoffwatch ingest` stores such lines as
they are (no second extraction) into SQLite or a shared PostgreSQL database:

    python3 recipes/spark_extract.py ... --with-documents --out events/
    layoffwatch ingest --db postgres://user@host/layoffwatch events/

(ingest reads Spark's part-NNNNN files as JSON Lines). Several ingest
processes may load parts into one PostgreSQL database at once.
"""

import argparse
import glob
import os
import shlex
import subprocess
import sys

from pyspark import SparkConf, SparkContext


def extract_file(command):
    def run(path):
        out = subprocess.run(command + [path], capture_output=True, check=False)
        if out.returncode not in (0, 1):  # 1: some records failed, reported in their lines
            raise RuntimeError(f"{path}: {out.stderr.decode(errors='replace')}")
        return out.stdout.decode().splitlines()

    return run


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True, help="path of the layoffwatch binary on the workers")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--jsonl", help="JSON Lines input (a path or glob Spark understands)")
    src.add_argument("--warc", help="WARC files (a local glob; one task per file)")
    dst = p.add_mutually_exclusive_group(required=True)
    dst.add_argument("--out", help="output folder of part files (saveAsTextFile)")
    dst.add_argument("--collect", help="one output file, in input order, written by the driver")
    p.add_argument("--partitions", type=int, default=0, help="minimum partitions of the input")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, or local[*])")
    p.add_argument("--with-documents", action="store_true",
                   help="add each document to its line, for `layoffwatch ingest` to load")
    a = p.parse_args(argv)

    conf = SparkConf().setAppName("layoffwatch-extract")
    if a.master:
        conf.setMaster(a.master)
    elif not conf.contains("spark.master"):  # run by python3, not spark-submit
        conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        # One extract process per partition, one thread each: Spark
        # already runs a task per core.
        command = [os.path.abspath(a.binary), "extract", "-j", "1"]
        if a.with_documents:
            command.append("--with-documents")
        if a.jsonl:
            lines = sc.textFile(a.jsonl, minPartitions=a.partitions or sc.defaultParallelism)
            events = lines.pipe(" ".join(shlex.quote(c) for c in command), env={"RUST_BACKTRACE": "0"})
        else:
            paths = sorted(glob.glob(a.warc))
            if not paths:
                sys.exit(f"no WARC files match {a.warc}")
            events = sc.parallelize(paths, len(paths)).flatMap(extract_file(command))
        if a.out:
            events.saveAsTextFile(a.out)
        else:
            with open(a.collect, "w", encoding="utf-8") as f:
                for line in events.toLocalIterator():
                    f.write(line + "\n")
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
