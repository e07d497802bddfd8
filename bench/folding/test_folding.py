#!/usr/bin/env python3
"""The folding measurement's own arithmetic, and the labels file it reads.

Needs neither corpus: the fingerprints are checked on made-up sets, the
evaluator on hand-counted pairs, and pairs.tsv on its form."""

from __future__ import annotations

import csv
import random
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import candidates  # noqa: E402
import evaluate  # noqa: E402


def random_hashes(rng: random.Random, count: int) -> set[int]:
    return {rng.getrandbits(64) for _ in range(count)}


class Tokens(unittest.TestCase):
    def test_words_split_on_punctuation_and_lower_case(self):
        self.assertEqual(candidates.words("U.S. $14.2 bln, Dow's"),
                         ["u", "s", "14", "2", "bln", "dow", "s"])

    def test_dateline_is_stripped_once(self):
        body = "NEW YORK (Reuters) - Stocks fell (Reuters) - on Monday."
        self.assertEqual(candidates.strip_dateline(body), "Stocks fell (Reuters) - on Monday.")
        self.assertEqual(candidates.strip_dateline("WASHINGTON/LONDON  (Reuters) - A"), "A")

    def test_version_prefixes_leave_the_headline(self):
        self.assertEqual(candidates.normalize_headline("UPDATE 2-Lear accepts Icahn bid"),
                         "lear accepts icahn bid")
        self.assertEqual(candidates.normalize_headline("CORRECTED-UPDATE 1-Foo"), "foo")
        self.assertEqual(candidates.normalize_headline("FACTBOX-Foo"), "factbox foo")

    def test_three_word_shingles(self):
        self.assertEqual(len(candidates.shingle_hashes("a b c d e")), 3)
        self.assertEqual(len(candidates.shingle_hashes("a b")), 1)
        self.assertEqual(candidates.shingle_hashes(""), set())


class Fingerprints(unittest.TestCase):
    def test_identical_sets_agree_exactly(self):
        hashes = random_hashes(random.Random(1), 400)
        self.assertEqual(candidates.hamming(candidates.simhash(hashes),
                                            candidates.simhash(set(hashes))), 0)
        self.assertEqual(candidates.minhash_jaccard(candidates.minhash(hashes),
                                                    candidates.minhash(set(hashes))), 1.0)

    def test_simhash_bits_follow_the_majority(self):
        # Three hashes with bit 0 set and one without: bit 0 is set.
        self.assertEqual(candidates.simhash({1, 3, 5, 8}) & 1, 1)
        self.assertEqual(candidates.simhash({2, 4, 6, 9}) & 1, 0)

    def test_minhash_estimates_the_jaccard_similarity(self):
        rng = random.Random(2)
        for overlap in (0.2, 0.5, 0.8):
            shared = random_hashes(rng, int(600 * overlap))
            a = shared | random_hashes(rng, 600 - len(shared))
            b = shared | random_hashes(rng, 600 - len(shared))
            estimate = candidates.minhash_jaccard(candidates.minhash(a), candidates.minhash(b))
            self.assertAlmostEqual(estimate, candidates.exact_jaccard(a, b), delta=0.12)

    def test_near_sets_have_near_simhashes(self):
        rng = random.Random(3)
        a = random_hashes(rng, 500)
        b = set(list(a)[:480]) | random_hashes(rng, 20)
        unrelated = random_hashes(rng, 500)
        near = candidates.hamming(candidates.simhash(a), candidates.simhash(b))
        far = candidates.hamming(candidates.simhash(a), candidates.simhash(unrelated))
        self.assertLess(near, 10)
        self.assertGreater(far, 20)

    def test_small_sets_are_densified(self):
        signature = candidates.minhash({5, 1 << 63})
        self.assertEqual(len(signature), candidates.MINHASH_BINS)
        self.assertNotIn(None, signature)


class Evaluation(unittest.TestCase):
    def test_precision_and_recall_counted_by_hand(self):
        pairs = [{"label": "same", "weight": 1.0}, {"label": "same", "weight": 3.0},
                 {"label": "different", "weight": 1.0}, {"label": "different", "weight": 2.0}]
        folded = [True, False, True, False]
        self.assertEqual(evaluate.precision_recall(pairs, folded, False), (0.5, 0.5))
        self.assertEqual(evaluate.precision_recall(pairs, folded, True), (0.5, 0.25))

    def test_time_window_stops_folding(self):
        near = evaluate.PairScores(distance=2, jaccard=0.9, containment=0.95, days_apart=10)
        self.assertTrue(evaluate.folds("simhash", 3, None, near))
        self.assertFalse(evaluate.folds("simhash", 3, 7, near))
        self.assertTrue(evaluate.folds("containment", 0.6, 14, near))


class LabelsFile(unittest.TestCase):
    def test_every_pair_is_labelled_with_a_reason(self):
        with open(HERE / "pairs.tsv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        self.assertGreaterEqual(len(rows), 200)
        keys = set()
        for row in rows:
            where = f"{row['key_a']} / {row['key_b']}"
            self.assertIn(row["label"], ("same", "different"), where)
            self.assertIn(row["kind"], ("reprint", "version", "template", "topic", "unrelated"),
                          where)
            self.assertEqual(row["label"] == "same", row["kind"] in ("reprint", "version"), where)
            self.assertTrue(row["reason"].strip(), where)
            self.assertNotEqual(row["key_a"], row["key_b"], where)
            self.assertTrue(0 < float(row["inclusion_probability"]) <= 1, where)
            keys.add((row["key_a"], row["key_b"]))
        self.assertEqual(len(keys), len(rows), "a pair is labelled twice")


if __name__ == "__main__":
    unittest.main()
