"""A small IR evaluator: MAP, P@k, nDCG@k and R@k over a run and qrels.

The conventions follow trec_eval, so figures can be compared with published
ones:

- qrels map query id -> {doc id: grade}. A document is *relevant* when its
  grade is > 0; grades <= 0 are judged non-relevant. Only queries with at least
  one relevant document are evaluated (a query without judgments says nothing
  about a ranking); a query that is judged but absent from the run (no hits)
  counts as 0 on every measure.
- a run maps query id -> ranked list of doc ids, best first. A doc id listed
  twice counts once, at its first (best) rank.
- AP = sum over relevant documents retrieved of precision at their rank,
  divided by the number of relevant documents (retrieved or not). MAP is its
  mean over the evaluated queries.
- P@k = relevant in the top k / k (k, not the number retrieved).
- R@k = relevant in the top k / relevant documents of the query.
- nDCG@k uses the grade as gain and log2(rank + 1) as discount (trec_eval's
  ndcg_cut): DCG@k / ideal DCG@k, the ideal ranking being every judged
  document sorted by grade.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

Qrels = Mapping[str, Mapping[str, float]]
Run = Mapping[str, Sequence[str]]


def dedupe(ranking: Iterable[str]) -> list[str]:
    """The ranking with repeats removed, keeping each doc at its first rank."""
    seen: set[str] = set()
    out = []
    for doc in ranking:
        if doc not in seen:
            seen.add(doc)
            out.append(doc)
    return out


def relevant_set(judgments: Mapping[str, float]) -> set[str]:
    return {doc for doc, grade in judgments.items() if grade > 0}


def average_precision(ranking: Sequence[str], judgments: Mapping[str, float]) -> float:
    relevant = relevant_set(judgments)
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for rank, doc in enumerate(dedupe(ranking), start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def precision_at(ranking: Sequence[str], judgments: Mapping[str, float], k: int) -> float:
    relevant = relevant_set(judgments)
    return sum(1 for doc in dedupe(ranking)[:k] if doc in relevant) / k


def recall_at(ranking: Sequence[str], judgments: Mapping[str, float], k: int) -> float:
    relevant = relevant_set(judgments)
    if not relevant:
        return 0.0
    return sum(1 for doc in dedupe(ranking)[:k] if doc in relevant) / len(relevant)


def dcg(gains: Sequence[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at(ranking: Sequence[str], judgments: Mapping[str, float], k: int) -> float:
    gains = [max(judgments.get(doc, 0.0), 0.0) for doc in dedupe(ranking)[:k]]
    ideal = sorted((g for g in judgments.values() if g > 0), reverse=True)[:k]
    best = dcg(ideal)
    return dcg(gains) / best if best > 0 else 0.0


@dataclass
class Scores:
    """Mean figures over the evaluated queries, plus each query's own."""

    queries: int = 0
    map: float = 0.0
    p10: float = 0.0
    ndcg10: float = 0.0
    r100: float = 0.0
    per_query: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, float]:
        return {"queries": self.queries, "MAP": self.map, "P@10": self.p10,
                "nDCG@10": self.ndcg10, "R@100": self.r100}


def evaluate(run: Run, qrels: Qrels) -> Scores:
    scores = Scores()
    for qid in sorted(qrels, key=_natural_key):
        judgments = qrels[qid]
        if not relevant_set(judgments):
            continue
        ranking = run.get(qid, [])
        figures = {
            "AP": average_precision(ranking, judgments),
            "P@10": precision_at(ranking, judgments, 10),
            "nDCG@10": ndcg_at(ranking, judgments, 10),
            "R@100": recall_at(ranking, judgments, 100),
        }
        scores.per_query[qid] = figures
    n = len(scores.per_query)
    scores.queries = n
    if n:
        scores.map = sum(f["AP"] for f in scores.per_query.values()) / n
        scores.p10 = sum(f["P@10"] for f in scores.per_query.values()) / n
        scores.ndcg10 = sum(f["nDCG@10"] for f in scores.per_query.values()) / n
        scores.r100 = sum(f["R@100"] for f in scores.per_query.values()) / n
    return scores


def _natural_key(qid: str):
    return (0, int(qid), "") if qid.isdigit() else (1, 0, qid)


def read_trec_run(lines: Iterable[str]) -> dict[str, list[str]]:
    """'qid Q0 doc rank score tag' lines -> qid -> docs ordered by rank."""
    rows: dict[str, list[tuple[int, str]]] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 4:
            continue
        rows.setdefault(parts[0], []).append((int(parts[3]), parts[2]))
    return {qid: [doc for _, doc in sorted(pairs)] for qid, pairs in rows.items()}
