#!/usr/bin/env python3
"""Precision and recall of near-duplicate folding against the labelled pairs.

Three fingerprint rules, each at a range of thresholds, fold a pair when:
  simhash     the Hamming distance of the 64-bit simhashes is <= t (t = 0..20);
  minhash     the MinHash estimate of the Jaccard similarity of the two
              shingle sets is >= t (t = 0.30..0.95);
  containment the MinHash estimate of the shared shingles over the smaller
              article's shingles is >= t (t = 0.40..0.95); with J the Jaccard
              estimate and |A|, |B| the shingle counts (stored beside the
              signature), |A & B| = J (|A| + |B|) / (1 + J).
and each either alone or only for articles published at most W days apart
(W = 1, 3, 7, 14; Reuters: the day folder, ISOT: the date column).

Precision: of the folded pairs, the share labelled `same`.  Recall: of the
`same` pairs, the share folded.  Two readings:

  sample    each labelled pair counts once.  Recall is over the `same` pairs
            of the labelled set, which was drawn to cover the similarity range
            evenly, not in proportion to how often each kind of pair occurs.
  weighted  each pair counts 1 / its inclusion probability (Horvitz-Thompson
            over the two rounds of candidates.py), which estimates the
            figures over the whole candidate set candidates.py found (see
            README.md for what that set leaves out).

The fingerprints are recomputed here from the texts, for four choices of the
text fingerprinted: the body as stored; the body with the dateline
("NEW YORK (Reuters) - ") stripped; the headline and the body; the headline
without "UPDATE n-"-style prefixes and the body without its dateline.

usage: evaluate.py [pairs.tsv]
"""

from __future__ import annotations

import csv
import datetime
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from candidates import (MINHASH_BINS, LSH_BANDS, Article, hamming, load_article, minhash,
                        minhash_jaccard, shingle_hashes, simhash, strip_dateline,
                        strip_version_prefixes)

HERE = Path(__file__).resolve().parent
TARGET_PRECISION, TARGET_RECALL = 0.95, 0.80
THRESHOLDS = {
    "simhash": list(range(0, 21)),
    "minhash": [round(0.30 + 0.05 * i, 2) for i in range(14)],
    "containment": [round(0.40 + 0.05 * i, 2) for i in range(12)],
}
WINDOWS = [None, 1, 3, 7, 14]  # days; None = no limit


VARIANTS = {
    "body": lambda a: a.body,
    "body-no-dateline": lambda a: strip_dateline(a.body),
    "headline+body": lambda a: a.headline + "\n" + a.body,
    "clean-headline+body-no-dateline":
        lambda a: strip_version_prefixes(a.headline) + "\n" + strip_dateline(a.body),
}


def publication_day(article: Article) -> datetime.date:
    if article.source == "reuters":
        folder = article.key.split("/")[0]
        return datetime.date(int(folder[:4]), int(folder[4:6]), int(folder[6:8]))
    return datetime.datetime.strptime(article.date.strip(), "%B %d, %Y").date()


@dataclass
class PairScores:
    distance: int
    jaccard: float
    containment: float
    days_apart: int


def read_pairs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        pairs = [row for row in csv.DictReader(handle, delimiter="\t") if row["label"]]
    bad = [p for p in pairs if p["label"] not in ("same", "different")]
    if bad:
        raise SystemExit(f"evaluate.py: {path}: label must be same or different, "
                         f"not {bad[0]['label']!r} ({bad[0]['key_a']})")
    for p in pairs:
        p["weight"] = 1 / float(p["inclusion_probability"])
        p["source"] = p["stratum"].split(":")[0]
    return pairs


def scores(pairs: list[dict], variant) -> list[PairScores]:
    cache: dict[str, tuple] = {}

    def prints(key: str):
        if key not in cache:
            article = load_article(key)
            hashes = shingle_hashes(variant(article))
            cache[key] = (simhash(hashes), minhash(hashes), len(hashes), publication_day(article))
        return cache[key]

    result = []
    for p in pairs:
        sim_a, min_a, size_a, day_a = prints(p["key_a"])
        sim_b, min_b, size_b, day_b = prints(p["key_b"])
        jaccard = minhash_jaccard(min_a, min_b)
        shared = jaccard * (size_a + size_b) / (1 + jaccard)
        containment = min(1.0, shared / max(1, min(size_a, size_b)))
        result.append(PairScores(hamming(sim_a, sim_b), jaccard, containment,
                                 abs((day_a - day_b).days)))
    return result


def folds(family: str, threshold: float, window: int | None, s: PairScores) -> bool:
    if window is not None and s.days_apart > window:
        return False
    if family == "simhash":
        return s.distance <= threshold
    if family == "minhash":
        return s.jaccard >= threshold - 1e-9
    return s.containment >= threshold - 1e-9


def precision_recall(pairs, folded: list[bool], weighted: bool) -> tuple[float, float]:
    tp = fp = fn = 0.0
    for p, fold in zip(pairs, folded):
        w = p["weight"] if weighted else 1.0
        same = p["label"] == "same"
        if fold and same:
            tp += w
        elif fold:
            fp += w
        elif same:
            fn += w
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


@dataclass
class RuleResult:
    variant: str
    family: str
    threshold: float
    window: int | None
    precision: float
    recall: float
    weighted_precision: float
    weighted_recall: float
    folded: int

    @property
    def name(self) -> str:
        op = "d<=" if self.family == "simhash" else ">="
        limit = f"{self.threshold}" if self.family == "simhash" else f"{self.threshold:.2f}"
        window = "" if self.window is None else f", <={self.window}d apart"
        return f"{self.family} {op}{limit}{window}"

    @property
    def meets_target(self) -> bool:
        return self.precision >= TARGET_PRECISION and self.recall >= TARGET_RECALL


def evaluate_rules(pairs, pair_scores, variant: str) -> list[RuleResult]:
    results = []
    for family, thresholds in THRESHOLDS.items():
        for window in WINDOWS:
            for t in thresholds:
                folded = [folds(family, t, window, s) for s in pair_scores]
                results.append(RuleResult(variant, family, t, window,
                                          *precision_recall(pairs, folded, False),
                                          *precision_recall(pairs, folded, True), sum(folded)))
    return results


def print_table(results: list[RuleResult], windows) -> None:
    print(f"{'rule':<36} {'P(sample)':>9} {'R(sample)':>9} {'P(wtd)':>7} {'R(wtd)':>7} {'folded':>6}")
    for r in results:
        if r.window in windows:
            mark = " *" if r.meets_target else ""
            print(f"{r.name:<36} {r.precision:9.3f} {r.recall:9.3f} {r.weighted_precision:7.3f} "
                  f"{r.weighted_recall:7.3f} {r.folded:6d}{mark}")


def best_at_target(results: list[RuleResult]) -> RuleResult | None:
    """The rule of highest sample recall among those with sample precision >= target."""
    precise = [r for r in results if r.precision >= TARGET_PRECISION]
    return max(precise, key=lambda r: (r.recall, r.precision)) if precise else None


def held_out_check(pairs, pair_scores, family: str, window: int | None) -> None:
    """Two folds by a hash of the pair: the threshold is chosen on one fold
    (highest recall at precision >= 0.95) and measured on the other, so that
    the figures are not those of a threshold fitted to the very same labels."""
    fold_of = [zlib.crc32((p["key_a"] + p["key_b"]).encode()) % 2 for p in pairs]
    for test in (0, 1):
        train_idx = [i for i, f in enumerate(fold_of) if f != test]
        test_idx = [i for i, f in enumerate(fold_of) if f == test]
        train = [pairs[i] for i in train_idx]
        chosen = None
        for t in THRESHOLDS[family]:
            folded = [folds(family, t, window, pair_scores[i]) for i in train_idx]
            precision, recall = precision_recall(train, folded, False)
            if precision >= TARGET_PRECISION and (chosen is None or recall > chosen[2]):
                chosen = (t, precision, recall)
        if chosen is None:
            print(f"  fold {test}: no threshold reaches precision {TARGET_PRECISION} on the other fold")
            continue
        t = chosen[0]
        folded = [folds(family, t, window, pair_scores[i]) for i in test_idx]
        precision, recall = precision_recall([pairs[i] for i in test_idx], folded, False)
        print(f"  fold {test}: threshold {t} chosen on {len(train_idx)} pairs "
              f"(P={chosen[1]:.3f} R={chosen[2]:.3f}); on the {len(test_idx)} held-out pairs "
              f"P={precision:.3f} R={recall:.3f}")


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "pairs.tsv"
    pairs = read_pairs(path)
    labels = Counter(p["label"] for p in pairs)
    by_source = Counter((p["source"], p["label"]) for p in pairs)
    print(f"{len(pairs)} labelled pairs: {labels['same']} same, {labels['different']} different "
          f"({', '.join(f'{s} {l} {n}' for (s, l), n in sorted(by_source.items()))})")
    print("* = precision >= 0.95 and recall >= 0.80 in the sample reading")

    all_results: dict[str, list[RuleResult]] = {}
    all_scores = {}
    for name, variant in VARIANTS.items():
        all_scores[name] = scores(pairs, variant)
        all_results[name] = evaluate_rules(pairs, all_scores[name], name)

    print("\n## Body as stored, every threshold: alone, and for articles at most 7 days apart")
    print_table(all_results["body"], (None, 7))

    print("\n## Highest sample recall at sample precision >= 0.95, per text, rule and time window")
    print(f"{'text fingerprinted':<33} {'rule':<36} {'P':>6} {'R':>6} {'P(wtd)':>7} {'R(wtd)':>7}")
    for name, results in all_results.items():
        for family in THRESHOLDS:
            for window in WINDOWS:
                choice = best_at_target([r for r in results
                                         if r.family == family and r.window == window])
                if choice:
                    mark = " *" if choice.meets_target else ""
                    print(f"{name:<33} {choice.name:<36} {choice.precision:6.3f} "
                          f"{choice.recall:6.3f} {choice.weighted_precision:7.3f} "
                          f"{choice.weighted_recall:7.3f}{mark}")

    body = all_scores["body"]
    print("\n## Per collection, body as stored")
    for source in sorted({p["source"] for p in pairs}):
        index = [i for i, p in enumerate(pairs) if p["source"] == source]
        subset = [pairs[i] for i in index]
        for family, t, window in (("simhash", 3, None), ("simhash", 15, 7),
                                  ("minhash", 0.5, 7), ("containment", 0.7, 7)):
            precision, recall = precision_recall(
                subset, [folds(family, t, window, body[i]) for i in index], False)
            rule = RuleResult("body", family, t, window, 0, 0, 0, 0, 0).name
            print(f"{source:<8} {rule:<36} P={precision:.3f} R={recall:.3f} "
                  f"({len(subset)} pairs, {sum(p['label'] == 'same' for p in subset)} same)")

    print("\n## Held-out check (body as stored, 7-day window)")
    for family in THRESHOLDS:
        print(f"{family}:")
        held_out_check(pairs, body, family, 7)

    print("\n## Cost")
    print("simhash: 8 bytes per article; one XOR and one popcount per pair compared; all pairs "
          "within d<=k of a collection need k+1 tables keyed by a bit block (Manku et al. 2007).")
    print(f"minhash / containment: {MINHASH_BINS} bins of 32 bits (512 bytes) plus a 4-byte shingle "
          f"count per article; {MINHASH_BINS} comparisons per pair; LSH over the collection: "
          f"{LSH_BANDS} band tables.")
    print("Folding the k hits of one query compares k(k-1)/2 pairs (4,950 for 100 hits) within the "
          "date window; both fingerprints cost one hash per shingle at index time, plus 64 "
          "counters (simhash) or one sort (one-permutation MinHash).")

    candidates = [r for results in all_results.values() for r in results
                  if r.meets_target and r.weighted_precision >= TARGET_PRECISION]
    print("\n## Recommendation")
    if not candidates:
        print("No rule reaches precision >= 0.95 at recall >= 0.80 in both readings.")
        return 0
    top = max(candidates, key=lambda r: (r.recall + r.weighted_recall, r.precision))
    print(f"Best of all: {top.variant}, {top.name}: P={top.precision:.3f} R={top.recall:.3f} "
          f"(weighted P={top.weighted_precision:.3f} R={top.weighted_recall:.3f})")
    for family in THRESHOLDS:
        mine = [r for r in candidates if r.family == family]
        if mine:
            best = max(mine, key=lambda r: (r.recall + r.weighted_recall, r.precision))
            print(f"  best {family}: {best.variant}, {best.name}: P={best.precision:.3f} "
                  f"R={best.recall:.3f} (weighted P={best.weighted_precision:.3f} "
                  f"R={best.weighted_recall:.3f})")
        else:
            print(f"  {family}: no threshold meets the target in both readings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
