"""Unit tests of the bench harness's evaluator, collection readers and query
cleaning. The expected figures are worked out by hand in the comments.

  python3 bench/tests/ir_eval_test.py      (or: ctest -L unit -R bench)
"""

import math
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_support  # noqa: E402
import ir_collections as ic  # noqa: E402
import ir_eval  # noqa: E402

LOG2_3 = math.log2(3)


class MeasuresTest(unittest.TestCase):
    # q1: three relevant docs a, b, c; the run finds a at 1 and b at 3, never c.
    Q1 = {"a": 1, "b": 1, "c": 1}
    RUN1 = ["a", "x", "b", "y", "z"]

    def test_average_precision(self):
        # (1/1 + 2/3) / 3 = 5/9
        self.assertAlmostEqual(ir_eval.average_precision(self.RUN1, self.Q1), 5 / 9)

    def test_precision_divides_by_k(self):
        # 2 relevant in the top 10 of a 5-long run: 2/10, not 2/5
        self.assertAlmostEqual(ir_eval.precision_at(self.RUN1, self.Q1, 10), 0.2)
        self.assertAlmostEqual(ir_eval.precision_at(self.RUN1, self.Q1, 1), 1.0)
        self.assertAlmostEqual(ir_eval.precision_at(self.RUN1, self.Q1, 2), 0.5)

    def test_recall(self):
        self.assertAlmostEqual(ir_eval.recall_at(self.RUN1, self.Q1, 100), 2 / 3)
        self.assertAlmostEqual(ir_eval.recall_at(self.RUN1, self.Q1, 2), 1 / 3)

    def test_ndcg_binary(self):
        # DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4)
        self.assertAlmostEqual(ir_eval.ndcg_at(self.RUN1, self.Q1, 10), 1.5 / (1.5 + 1 / LOG2_3))

    def test_ndcg_graded(self):
        # grades d=3, e=1, f=0; run e, f, d.
        # DCG = 1/1 + 0/log2(3) + 3/log2(4) = 2.5; ideal d, e = 3 + 1/log2(3)
        judgments = {"d": 3, "e": 1, "f": 0}
        self.assertAlmostEqual(ir_eval.ndcg_at(["e", "f", "d"], judgments, 10), 2.5 / (3 + 1 / LOG2_3))
        # cut at 2: DCG = 1; ideal = 3 + 1/log2(3)
        self.assertAlmostEqual(ir_eval.ndcg_at(["e", "f", "d"], judgments, 2), 1 / (3 + 1 / LOG2_3))
        # AP on the same: e at 1 (1/1), d at 3 (2/3), over 2 relevant = 5/6
        self.assertAlmostEqual(ir_eval.average_precision(["e", "f", "d"], judgments), 5 / 6)

    def test_repeated_doc_counts_once(self):
        # a, a, b -> a, b: b is at rank 2
        self.assertAlmostEqual(ir_eval.average_precision(["a", "a", "b"], {"b": 1}), 0.5)

    def test_perfect_and_empty_runs(self):
        self.assertAlmostEqual(ir_eval.average_precision(["a", "b"], {"a": 1, "b": 1}), 1.0)
        self.assertAlmostEqual(ir_eval.ndcg_at(["a", "b"], {"a": 2, "b": 1}, 10), 1.0)
        self.assertEqual(ir_eval.average_precision([], {"a": 1}), 0.0)
        self.assertEqual(ir_eval.ndcg_at([], {"a": 1}, 10), 0.0)

    def test_evaluate_means_and_skips(self):
        qrels = {
            "1": self.Q1,
            "2": {"d": 3, "e": 1, "f": 0},
            "3": {"g": 1},          # judged, absent from the run: counts as 0
            "4": {"h": 0},          # nothing relevant: not evaluated
        }
        run = {"1": self.RUN1, "2": ["e", "f", "d"], "4": ["h"], "9": ["a"]}
        scores = ir_eval.evaluate(run, qrels)
        self.assertEqual(scores.queries, 3)
        self.assertAlmostEqual(scores.map, (5 / 9 + 5 / 6 + 0) / 3)           # 0.46296
        self.assertAlmostEqual(scores.p10, (0.2 + 0.2 + 0) / 3)
        self.assertAlmostEqual(scores.r100, (2 / 3 + 1 + 0) / 3)
        ndcg1 = 1.5 / (1.5 + 1 / LOG2_3)                                     # 0.70392
        ndcg2 = 2.5 / (3 + 1 / LOG2_3)                                       # 0.68853
        self.assertAlmostEqual(scores.ndcg10, (ndcg1 + ndcg2) / 3)
        self.assertAlmostEqual(scores.map, 0.462963, places=6)
        self.assertAlmostEqual(scores.ndcg10, 0.464149, places=6)

    def test_read_trec_run_orders_by_rank(self):
        run = ir_eval.read_trec_run(["1 Q0 b 2 0.5 t", "1 Q0 a 1 0.9 t", "2 Q0 c 1 1 t"])
        self.assertEqual(run, {"1": ["a", "b"], "2": ["c"]})


class CollectionsTest(unittest.TestCase):
    def test_time_documents_are_numbered_by_position(self):
        text = ("*TEXT 017 01/04/63 PAGE 020\n\nFIRST LINE\n\nSECOND LINE\n\n"
                "*TEXT 020 01/04/63 PAGE 021\n\nOTHER ARTICLE\n\n*STOP\n")
        docs = ic.parse_time_documents(text)
        self.assertEqual(list(docs), ["1", "2"])
        self.assertEqual(docs["1"].paragraphs, [["FIRST LINE", "SECOND LINE"]])
        self.assertEqual(ic.article_text(docs["1"]), "FIRST LINE\nSECOND LINE\n")

    def test_time_qrels_skip_the_two_stories_merged_into_record_370(self):
        # TIME.ALL lacks the *TEXT lines of stories 499 and 500: judgments
        # from 373 on name the record two further up; 371-372 fall in 370.
        qrels, dropped = ic.parse_time_qrels("1  2 370 371\n\n7  386 408 425\n\n9  426\n", doc_count=423)
        self.assertEqual(qrels, {"1": {"2": 1.0, "370": 1.0}, "7": {"384": 1.0, "406": 1.0, "423": 1.0}})
        self.assertEqual(dropped, [("9", "426")])

    def test_time_queries(self):
        text = "*FIND      1\n\n KENNEDY AND DIEM\n\nTO STOP .\n\n*FIND      2\n\n VIET NAM'S\n\n*STOP\n"
        self.assertEqual(ic.parse_time_queries(text), {"1": "KENNEDY AND DIEM TO STOP .", "2": "VIET NAM'S"})

    def test_smart_records_and_paragraphs(self):
        text = (".I 1\n.T\nA Title\non two lines\n.A\nSmith, J.\n.W\n   First paragraph\ngoes on.\n"
                "  Second one.\n.X\n1 2 3\n.I 2\n.W\nno title here\n")
        recs = ic.parse_smart(text)
        self.assertEqual([r["I"] for r in recs], ["1", "2"])
        self.assertEqual(ic.smart_paragraphs(recs[0]["W"]), [["First paragraph", "goes on."], ["Second one."]])
        doc = ic.Document("1", ic.one_line(recs[0]["T"]), ic.smart_paragraphs(recs[0]["W"]))
        self.assertEqual(ic.article_text(doc), "A Title on two lines\n\nFirst paragraph\ngoes on.\n\nSecond one.\n")

    def test_cran_grades(self):
        self.assertEqual([ic.CRAN_GAIN[g] for g in (-1, 1, 2, 3, 4)], [4, 4, 3, 2, 1])

    def test_doc_id_from_path(self):
        self.assertEqual(ic.doc_id_from_path("/tmp/x/articles/00042.txt"), "42")
        self.assertIsNone(ic.doc_id_from_path("/tmp/x/README"))


class SafeQueryTest(unittest.TestCase):
    def test_operators_and_syntax_removed(self):
        self.assertEqual(bench_support.safe_query("KENNEDY AND DIEM (NOT \"NHU\") -x +y title:z"),
                         "kennedy and diem not nhu x y title z")
        self.assertEqual(bench_support.safe_query("VIET NAM'S U.S . aero-elastic"), "viet nam u s aero elastic")
        self.assertEqual(bench_support.safe_query("  "), "")

    def test_percentiles(self):
        self.assertEqual(bench_support.median([3, 1, 2]), 2)
        self.assertEqual(bench_support.median([4, 1, 2, 3]), 2.5)
        self.assertAlmostEqual(bench_support.percentile([1, 2, 3, 4, 5], 95), 4.8)
        self.assertEqual(bench_support.percentile([1, 2, 3, 4, 5], 50), 3)


if __name__ == "__main__":
    unittest.main()
