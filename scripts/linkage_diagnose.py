#!/usr/bin/env python3
"""Lists the linkage errors of a clustering: true pairs split apart (missed) and records of
different entities put together (false), each with both input rows side by side.

Usage:
  scripts/linkage_diagnose.py CLUSTERS.csv --truth COLUMN [--input FILE.csv ... --id COLUMN]
      [--truth-file FILE --truth-id COLUMN] [--limit N]

CLUSTERS.csv is `recount dedupe`'s output (id, cluster, ... columns). The truth is a column of
CLUSTERS.csv (kept with --keep) or of --truth-file joined on --truth-id. Input rows are looked up
by --id in the --input files to show what the records contain. Developer tool; standard library
only.
"""
import argparse
import csv
import itertools
import re
import sys
from collections import defaultdict


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("clusters")
    ap.add_argument("--truth", required=True)
    ap.add_argument("--truth-pattern", default="")
    ap.add_argument("--truth-file", default="")
    ap.add_argument("--truth-id", default="record_id")
    ap.add_argument("--input", nargs="*", default=[])
    ap.add_argument("--id", default="id")
    ap.add_argument("--limit", type=int, default=30)
    a = ap.parse_args()

    rows = read(a.clusters)
    if a.truth_file:
        t = {r[a.truth_id]: r[a.truth] for r in read(a.truth_file)}
        truth = {r["id"]: t.get(r["id"], "") for r in rows}
    else:
        truth = {r["id"]: r[a.truth] for r in rows}
    if a.truth_pattern:
        rx = re.compile(a.truth_pattern)
        for k, v in truth.items():
            m = rx.search(v)
            truth[k] = (m.group(1) if m and m.groups() else m.group(0)) if m else ""
    cluster = {r["id"]: r["cluster"] for r in rows}
    inputs = {}
    for path in a.input:
        for r in read(path):
            inputs[r[a.id]] = r

    def show(i):
        r = inputs.get(i)
        if r is None:
            return i
        return i + ": " + " | ".join(f"{k}={v}" for k, v in r.items() if v and k != a.id)

    by_truth, by_cluster = defaultdict(list), defaultdict(list)
    for i in cluster:
        if truth[i]:
            by_truth[truth[i]].append(i)
            by_cluster[cluster[i]].append(i)
    missed = [(x, y) for m in by_truth.values() for x, y in itertools.combinations(m, 2)
              if cluster[x] != cluster[y]]
    false = [(x, y) for m in by_cluster.values() for x, y in itertools.combinations(m, 2)
             if truth[x] != truth[y]]
    print(f"missed true pairs: {len(missed)}; false pairs: {len(false)}")
    for title, pairs in (("MISSED", missed), ("FALSE", false)):
        print(f"\n== {title} (first {a.limit})")
        for x, y in pairs[: a.limit]:
            print("  " + show(x))
            print("  " + show(y))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
