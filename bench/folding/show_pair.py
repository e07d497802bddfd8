#!/usr/bin/env python3
"""Prints two articles for a person to read and label: A in full (up to a
limit), then B sentence by sentence, with the sentences B shares word for word
with A collapsed into a count, so that what differs is read and what is the
same is not read twice.

usage: show_pair.py [--limit CHARS] candidates.tsv ROW [ROW...]   (ROW counts from 1)
       show_pair.py KEY_A KEY_B
"""

from __future__ import annotations

import argparse
import csv
import re
import sys

from candidates import load_article

SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“(])")


def sentences(body: str) -> list[str]:
    return [s for s in (" ".join(part.split()) for part in SENTENCE_END.split(body)) if s]


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f" [... {len(text) - limit} more chars]"


def show(key_a: str, key_b: str, limit: int, header: str = "") -> None:
    a, b = load_article(key_a), load_article(key_b)
    print(f"=== {header}")
    print(f"A {a.key} | {a.date} | {a.headline}")
    print(f"B {b.key} | {b.date} | {b.headline}")
    text_a = " ".join(a.body.split())
    print(f"A ({len(text_a)} chars): {clip(text_a, limit)}")
    in_a = set(sentences(a.body))
    shared = 0
    pieces = []
    for sentence in sentences(b.body):
        if sentence in in_a:
            shared += 1
            if pieces and pieces[-1].startswith("<"):
                pieces[-1] = f"<{int(pieces[-1][1:-1]) + 1}>"
            else:
                pieces.append("<1>")
        else:
            pieces.append(sentence)
    text_b = " ".join(pieces)
    print(f"B ({len(' '.join(b.body.split()))} chars; {shared} of {len(sentences(b.body))} "
          f"sentences also in A, shown as <n>): {clip(text_b, limit)}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("args", nargs="+")
    args = parser.parse_args()
    if args.args[0].endswith(".tsv"):
        with open(args.args[0], encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        for number in args.args[1:]:
            row = rows[int(number) - 1]
            show(row["key_a"], row["key_b"], args.limit,
                 f"row {number}")
    else:
        show(args.args[0], args.args[1], args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
