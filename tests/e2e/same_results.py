#!/usr/bin/env python3
"""same_results.py EXPECTED ACTUAL [--remote]: whether two `news-query
--json` outputs give the same results: the same articles in the same order,
scores equal to 1e-9, the same counts, facets, timeline and passages.

Article keys (`article_id`) are left out: each shard numbers its own.  Hits
whose scores tie within 1e-9 may come in either order (Xapian breaks a tie
by document number, which differs between one database and its shards), as
may which of the copies of one text is the hit and which are listed under
it.  --remote: ACTUAL is from remote shards, which do not count stories, count
copies of one text each in the facets and timeline, and suggest no spelling:
those, and the notes saying so, are not compared.  Prints what differs and exits 1."""

import json
import sys

SCORE_TOLERANCE = 1e-9


def without_keys(value):
    if isinstance(value, dict):
        return {k: without_keys(v) for k, v in value.items() if k not in ("article_id", "seconds", "rank")}
    if isinstance(value, list):
        return [without_keys(v) for v in value]
    return value


def read(path):
    hits, others = [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = without_keys(json.loads(line))
            (hits if record.get("type") == "hit" else others).append(record)
    return hits, others


def place(article):
    return (article.get("path"), article.get("record"), article.get("member"))


def identity(hit):
    """One result: its article and the copies of its text, whichever leads."""
    return tuple(sorted([place(hit)] + [place(copy) for copy in hit.get("copies", [])],
                        key=lambda p: tuple("" if x is None else str(x) for x in p)))


def comparable(hit):
    """What a user reads of a hit; the passages' lines only where the same
    copy leads (another copy's lines are its own file's)."""
    shown = dict(hit)
    shown.pop("copies", None)
    shown.pop("score", None)
    for key in ("path", "record", "member", "title", "date", "source", "section", "author", "url", "place",
                "language", "title_truncated"):
        shown.pop(key, None)
    shown["identity"] = identity(hit)
    shown["passages"] = [{k: v for k, v in passage.items() if k != "line"} for passage in hit.get("passages", [])]
    return json.dumps(shown, sort_keys=True)


def tie_groups(hits):
    groups, current = [], []
    for hit in hits:
        if current and abs(current[0]["score"] - hit["score"]) > SCORE_TOLERANCE:
            groups.append(current)
            current = []
        current.append(hit)
    if current:
        groups.append(current)
    return groups


def main():
    expected_path, actual_path = sys.argv[1], sys.argv[2]
    remote = "--remote" in sys.argv[3:]
    expected_hits, expected_other = read(expected_path)
    actual_hits, actual_other = read(actual_path)
    problems = []
    if len(expected_hits) != len(actual_hits):
        problems.append(f"{len(expected_hits)} hits expected, {len(actual_hits)} given")
    for rank, (want, got) in enumerate(zip(expected_hits, actual_hits), 1):
        if abs(want["score"] - got["score"]) > SCORE_TOLERANCE:
            problems.append(f"hit {rank}: score {want['score']!r} expected, {got['score']!r} given "
                            f"({place(want)} / {place(got)})")
    want_groups = [sorted(comparable(h) for h in g) for g in tie_groups(expected_hits)]
    got_groups = [sorted(comparable(h) for h in g) for g in tie_groups(actual_hits)]
    if not problems and want_groups != got_groups:
        for i, (want, got) in enumerate(zip(want_groups, got_groups)):
            if want != got:
                problems.append(f"results differ at tie group {i + 1}:\n  expected {want}\n  given    {got}")
                break
        else:
            problems.append(f"{len(want_groups)} groups of tied hits expected, {len(got_groups)} given")
    # Where the same copy leads, every field is compared, lines included.
    for rank, (want, got) in enumerate(zip(expected_hits, actual_hits), 1):
        if place(want) == place(got) and want.get("passages") != got.get("passages"):
            problems.append(f"hit {rank} {place(want)}: passages differ:\n  {want.get('passages')}\n  "
                            f"{got.get('passages')}")

    def summaries(records):
        out = []
        for record in records:
            record = dict(record)
            if remote and record.get("type") == "summary":
                record.pop("stories", None)
                record.pop("stories_exact", None)
            if remote and record.get("type") in ("note", "spelling", "facets", "timeline"):
                continue
            out.append(record)
        return out

    if summaries(expected_other) != summaries(actual_other):
        problems.append(f"counts differ:\n  expected {summaries(expected_other)}\n  given    "
                        f"{summaries(actual_other)}")
    for problem in problems:
        print(problem if len(problem) < 2000 else problem[:2000] + " ...")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
