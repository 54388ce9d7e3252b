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
--files and named by its base name). Load the results with
`layoffwatch ingest` by keeping the documents (ingest extracts again and is
idempotent), or use the event lines directly.
"""

import argparse
import glob
import os
import subprocess
import sys

from pyspark import SparkConf, SparkContext


def extract_file(binary):
    def run(path):
        out = subprocess.run([binary, "extract", "-j", "1", path], capture_output=True, check=False)
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
    a = p.parse_args(argv)

    conf = SparkConf().setAppName("layoffwatch-extract")
    if a.master:
        conf.setMaster(a.master)
    elif not conf.contains("spark.master"):  # run by python3, not spark-submit
        conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        binary = os.path.abspath(a.binary)
        if a.jsonl:
            lines = sc.textFile(a.jsonl, minPartitions=a.partitions or sc.defaultParallelism)
            # One extract process per partition, one thread each: Spark
            # already runs a task per core.
            events = lines.pipe(f"{binary} extract -j 1", env={"RUST_BACKTRACE": "0"})
        else:
            paths = sorted(glob.glob(a.warc))
            if not paths:
                sys.exit(f"no WARC files match {a.warc}")
            events = sc.parallelize(paths, len(paths)).flatMap(extract_file(binary))
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
