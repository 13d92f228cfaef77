#!/usr/bin/env python3
"""How far could any pair classifier go with the comparisons recount makes? (docs/linkage.md,
"How much the comparisons can tell").

Reads the file `recount dedupe ... --candidates-out FILE --candidates-floor 0` writes (every
candidate pair with its comparison level per field and its log2 Bayes factor) and the truth, and
reports the best pairwise F1 of an *oracle*: a classifier that sees, for each candidate pair, its
comparison pattern, whether both records come from one list, and (second line) its Bayes factor
rounded down to whole bits (which carries the term frequencies and the date split), and knows
from the answers the true share of matches in each such cell. It links the cells in decreasing
order of that share and keeps the best F1 over all cut-offs. Fitted on the answers themselves, in
sample, with no clustering: an optimistic bound for any classifier of these pairs, not an estimate
of one. True pairs blocking never proposes count as missed.

Usage: linkage_oracle.py CANDIDATES.csv TRUTH.csv [ID_COLUMN PERSON_COLUMN]
  TRUTH.csv maps record ids (as in the candidates file) to entity ids; columns default to
  "id" and "person". Ids "LIST:RECORD" give the list; other ids count as one list.
"""
import collections
import csv
import math
import sys


def best_f1(cells, true_pairs):
    """Best F1 when cells are linked in decreasing order of their true share."""
    tp = fp = 0
    best = (0.0, 0.0, 0.0)
    for true, count in sorted(cells.values(), key=lambda c: -c[0] / c[1]):
        tp += true
        fp += count - true
        if tp == 0:
            continue
        precision, recall = tp / (tp + fp), tp / true_pairs
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best[0]:
            best = (f1, precision, recall)
    return best


def main(argv):
    if len(argv) not in (3, 5):
        sys.exit(__doc__)
    id_col, person_col = (argv[3], argv[4]) if len(argv) == 5 else ("id", "person")
    with open(argv[2], encoding="utf-8", newline="") as f:
        truth = csv.DictReader(f)
        missing = [c for c in (id_col, person_col) if c not in (truth.fieldnames or [])]
        if missing:
            sys.exit(f"{argv[2]}: no column {', '.join(missing)} (columns: {truth.fieldnames}); "
                     "name the id and entity columns after the file names")
        person = {r[id_col]: r[person_col] for r in truth if r[person_col]}
    sizes = collections.Counter(person.values())
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    if true_pairs == 0:
        sys.exit(f"{argv[2]}: no two records share a {person_col}: nothing to measure")
    by_pattern = collections.defaultdict(lambda: [0, 0])
    by_pattern_bits = collections.defaultdict(lambda: [0, 0])
    candidates = proposed_true = 0
    with open(argv[1], encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        if header is None or header[:6] != ["id_a", "id_b", "cluster_a", "cluster_b", "bits",
                                            "probability"]:
            sys.exit(f"{argv[1]}: not a --candidates-out file (header {header})")
        for line, row in enumerate(rows, start=2):
            try:
                bits = math.floor(float(row[4]))
            except (ValueError, IndexError):
                sys.exit(f"{argv[1]}:{line}: unreadable row")
            a, b = row[0], row[1]
            same = person.get(a) is not None and person.get(a) == person.get(b)
            one_list = a.split(":")[0] == b.split(":")[0] if ":" in a and ":" in b else True
            pattern = (tuple(row[6:]), one_list)
            for cells, key in ((by_pattern, pattern), (by_pattern_bits, pattern + (bits,))):
                cells[key][0] += same
                cells[key][1] += 1
            candidates += 1
            proposed_true += same
    print(f"candidate pairs {candidates}, true pairs {true_pairs}, proposed by blocking "
          f"{proposed_true} (recall ceiling {proposed_true / true_pairs:.4f})")
    for name, cells in (("pattern + one list", by_pattern),
                        ("pattern + one list + Bayes factor in whole bits", by_pattern_bits)):
        f1, p, r = best_f1(cells, true_pairs)
        print(f"oracle on {name}: {len(cells)} cells, best pairwise F1 {f1:.4f} "
              f"(precision {p:.4f}, recall {r:.4f})")


if __name__ == "__main__":
    main(sys.argv)
