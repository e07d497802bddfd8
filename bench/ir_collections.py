"""Readers for the classic test collections in shared/corpora, and the writer
that turns their documents into a folder of one-file-per-document articles.

Every reader returns a Collection: documents (id -> Document), queries
(id -> text) and qrels (query id -> {doc id: grade}, grade > 0 relevant).
Ids are strings. The quirks of each collection are handled here, and only
here:

- TIME: documents are numbered by their 1-based POSITION in TIME.ALL (not the
  *TEXT numbers). TIME.REL numbers the 425 stories of the original
  collection, but TIME.ALL has 423 records: the *TEXT lines of stories 499
  and 500 are missing, so both run on inside record 370 (*TEXT 498). Judgment
  numbers from 373 on name the record two further up (time_record_of_judgment);
  read as positions they would point two stories off (q7 Sihanouk's 386 and
  408 are records 384 and 406). Judgments past the collection are dropped and
  counted in Collection.dropped_judgments (none are, read this way).
- CISI: qrels lines are 'qid docid 0 0.000000'; repeated pairs count once.
  The query text is the .W field (queries 58+ also carry .T/.A/.B, the
  bibliographic record of a paper, which are left out as is usual).
- Cranfield: cran.qry numbers its queries 001..365 with gaps, but cran.qrels
  numbers them 1..225 by position; queries are renumbered by position. Grades
  1 (complete answer) .. 4 (minimum interest) and -1 (each query's source
  document, the paper its question was written from: always on topic) are
  mapped to gains -1 -> 4, 1 -> 4, 2 -> 3, 3 -> 2, 4 -> 1 (binary measures
  count every one as relevant).
- MEDLINE: qrels lines are 'qid 0 docid 1'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CRAN_GAIN = {-1: 4, 1: 4, 2: 3, 3: 2, 4: 1}


@dataclass
class Document:
    doc_id: str
    title: str | None                 # None: the record has no title
    paragraphs: list[list[str]]      # each paragraph is a list of lines


@dataclass
class Collection:
    name: str
    documents: dict[str, Document]
    queries: dict[str, str]
    qrels: dict[str, dict[str, float]]
    dropped_judgments: list[tuple[str, str]] = field(default_factory=list)


# ---------------------------------------------------------------- SMART format

_FIELD = re.compile(r"^\.([A-Z])(?:\s+(\S+))?\s*$")


def parse_smart(text: str) -> list[dict[str, str]]:
    """'.I id' starts a record; '.T', '.A', '.W', ... start a field whose text
    runs to the next tag line. Returns [{'I': id, 'T': ..., 'W': ...}, ...]."""
    records: list[dict[str, str]] = []
    current: dict[str, list[str]] | None = None
    tag = None
    for line in text.splitlines():
        m = _FIELD.match(line)
        if m and (m.group(1) == "I" and m.group(2) or m.group(1) != "I" and not m.group(2)):
            if m.group(1) == "I":
                current = {"I": [m.group(2)]}
                records.append(current)  # type: ignore[arg-type]
                tag = None
            else:
                tag = m.group(1)
                if current is not None:
                    current.setdefault(tag, [])
            continue
        if current is not None and tag is not None:
            current[tag].append(line)
    return [{k: "\n".join(v) for k, v in rec.items()} for rec in records]  # type: ignore[union-attr]


def smart_paragraphs(text: str) -> list[list[str]]:
    """Lines -> paragraphs: a blank line or an indented line starts a new one
    (SMART abstracts mark paragraphs by indenting their first line)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or raw[:1].isspace():
            if current:
                paragraphs.append(current)
                current = []
        if line.strip():
            current.append(line.strip())
    if current:
        paragraphs.append(current)
    return paragraphs


def one_line(text: str) -> str:
    return " ".join(text.split())


def smart_documents(path: Path) -> dict[str, Document]:
    docs = {}
    for rec in parse_smart(path.read_text(encoding="latin-1")):
        title = one_line(rec["T"]) if rec.get("T", "").strip() else None
        docs[str(int(rec["I"]))] = Document(str(int(rec["I"])), title, smart_paragraphs(rec.get("W", "")))
    return docs


def smart_queries(path: Path, positional: bool = False) -> dict[str, str]:
    queries = {}
    for position, rec in enumerate(parse_smart(path.read_text(encoding="latin-1")), start=1):
        qid = str(position) if positional else str(int(rec["I"]))
        queries[qid] = one_line(rec.get("W", ""))
    return queries


def read_qrels(path: Path, query_col: int, doc_col: int, grade_col: int | None = None,
               gain=lambda grade: 1.0) -> dict[str, dict[str, float]]:
    qrels: dict[str, dict[str, float]] = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) <= max(query_col, doc_col):
            continue
        qid, doc = str(int(parts[query_col])), str(int(parts[doc_col]))
        value = gain(int(parts[grade_col])) if grade_col is not None else 1.0
        judged = qrels.setdefault(qid, {})
        judged[doc] = max(judged.get(doc, 0.0), value)
    return qrels


def load_cisi(root: Path) -> Collection:
    d = root / "ir-collections" / "cisi"
    return Collection("cisi", smart_documents(d / "CISI.ALL"), smart_queries(d / "CISI.QRY"),
                      read_qrels(d / "CISI.REL", 0, 1))


def load_cran(root: Path) -> Collection:
    d = root / "ir-collections" / "cran"
    return Collection("cran", smart_documents(d / "cran.all.1400"), smart_queries(d / "cran.qry", positional=True),
                      read_qrels(d / "cran.qrels", 0, 1, 2, gain=lambda g: float(CRAN_GAIN[g])))


def load_med(root: Path) -> Collection:
    d = root / "ir-collections" / "med"
    return Collection("med", smart_documents(d / "MED.ALL"), smart_queries(d / "MED.QRY"),
                      read_qrels(d / "MED.REL", 0, 2))


# ---------------------------------------------------------------- TIME

def parse_time_documents(text: str) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    lines: list[str] | None = None
    for raw in text.splitlines():
        if raw.startswith("*TEXT") or raw.startswith("*STOP"):
            if lines is not None:
                doc_id = str(len(docs) + 1)
                docs[doc_id] = Document(doc_id, None, [lines] if lines else [])
            lines = [] if raw.startswith("*TEXT") else None
            continue
        if lines is not None and raw.strip():
            # Blank lines separate every line of TIME.ALL: they are not
            # paragraph breaks, so an article is one paragraph.
            lines.append(raw.strip())
    if lines is not None:
        doc_id = str(len(docs) + 1)
        docs[doc_id] = Document(doc_id, None, [lines] if lines else [])
    return docs


def parse_time_queries(text: str) -> dict[str, str]:
    queries: dict[str, str] = {}
    qid = None
    for raw in text.splitlines():
        m = re.match(r"^\*FIND\s+(\d+)", raw)
        if m:
            qid = str(int(m.group(1)))
            queries[qid] = ""
        elif raw.startswith("*STOP"):
            qid = None
        elif qid is not None and raw.strip():
            queries[qid] = (queries[qid] + " " + raw.strip()).strip()
    return queries


# TIME.REL numbers 425 documents, TIME.ALL holds 423 records: the *TEXT
# lines of 499 and 500 are missing, so those two stories run on inside
# record 370 (*TEXT 498, "(SEE FOLLOWING STORY)", 1,927 words).  Judgment
# numbers 371-372 name those stories (none is judged) and every number from
# 373 on is two records further down TIME.ALL: judged 408 for query 7
# (Sihanouk) is record 406 (CAMBODIA), judged 403 for query 37 (wheat deals)
# is record 401 (the Soviets' 11 million tons of wheat).
TIME_MERGED_RECORD = 370
TIME_MERGED_STORIES = 2


def time_record_of_judgment(number: int) -> int:
    if number <= TIME_MERGED_RECORD:
        return number
    if number <= TIME_MERGED_RECORD + TIME_MERGED_STORIES:
        return TIME_MERGED_RECORD
    return number - TIME_MERGED_STORIES


def parse_time_qrels(text: str, doc_count: int) -> tuple[dict[str, dict[str, float]], list[tuple[str, str]]]:
    qrels: dict[str, dict[str, float]] = {}
    dropped = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        qid = str(int(parts[0]))
        for doc in parts[1:]:
            record = time_record_of_judgment(int(doc))
            if not 1 <= record <= doc_count:
                dropped.append((qid, doc))
                continue
            qrels.setdefault(qid, {})[str(record)] = 1.0
    return qrels, dropped


def load_time(root: Path) -> Collection:
    d = root / "time"
    docs = parse_time_documents((d / "TIME.ALL").read_text(encoding="latin-1"))
    qrels, dropped = parse_time_qrels((d / "TIME.REL").read_text(), len(docs))
    return Collection("time", docs, parse_time_queries((d / "TIME.QUE").read_text(encoding="latin-1")),
                      qrels, dropped)


LOADERS = {"time": load_time, "cisi": load_cisi, "cran": load_cran, "med": load_med}


# ---------------------------------------------------------------- writing

def article_text(doc: Document) -> str:
    """Headline on line 1 when the record has a title, then a blank line, then
    the body paragraphs (their lines as in the source) separated by blank
    lines. Without a title the file starts with the body."""
    parts = []
    if doc.title:
        parts.append(doc.title)
    parts += ["\n".join(p) for p in doc.paragraphs if p]
    return "\n\n".join(parts) + "\n"


def write_articles(collection: Collection, folder: Path) -> dict[str, str]:
    """Writes one <doc id>.txt per document into folder (emptied first);
    returns file name -> doc id."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    names = {}
    for doc_id, doc in collection.documents.items():
        name = f"{int(doc_id):05d}.txt"
        (folder / name).write_text(article_text(doc), encoding="utf-8")
        names[name] = doc_id
    return names


def doc_id_from_path(path: str) -> str | None:
    """'/x/y/00042.txt' -> '42'."""
    m = re.search(r"(?:^|/)(\d+)\.txt$", path)
    return str(int(m.group(1))) if m else None
