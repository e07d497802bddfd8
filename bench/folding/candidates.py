#!/usr/bin/env python3
"""Draws candidate pairs of articles for labelling near-duplicate folding.

Reads the Reuters financial set (one file per article: `-- headline`, `-- By
byline`, `-- date`, `-- url`, then the body) and the ISOT CSVs (title, text,
subject, date), fingerprints each body two ways and proposes pairs spread over
the whole similarity range, so that a person labelling them can estimate both
the precision and the recall of either fingerprint.  See README.md here.

Tokens: the body is lower-cased with str.lower() and split into maximal runs of
Unicode word characters (regex \\w+: letters, digits, underscore); everything
else (spaces, punctuation, `$`, `.`, `'`) separates tokens, so "U.S." gives
"u", "s" and "$14.2" gives "14", "2".  A shingle is three consecutive tokens
joined by one space; an article of fewer than three tokens has one shingle of
all its tokens.  A shingle's hash is the first 8 bytes of its BLAKE2b digest
read little-endian (a C++ port may use any good 64-bit hash, e.g. XXH3; the
thresholds do not depend on which).  Each article is its SET of shingle hashes.

Simhash: 64 bits; bit b is 1 when more than half of the shingle hashes have bit
b set (each shingle weighs 1).  MinHash: one-permutation MinHash with 128 bins
(Li, Owen and Zhang 2012) densified by rotation (Shrivastava and Li 2014): the
hash range is cut into 128 equal bins and each bin keeps the smallest hash that
falls in it, so one sort gives what 128 independent permutations would give,
with the same estimator (the fraction of equal bins estimates the Jaccard
similarity of the shingle sets).  LSH: 32 bands of 4 bins.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import os
import pickle
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REUTERS = Path("/work/base15/data/ReutersNews106521")
DEFAULT_ISOT = [Path("/work/shared/corpora/dumps/isot-true-sample.csv"),
                Path("/work/shared/corpora/dumps/isot-fake-sample.csv")]
DEFAULT_CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "folding-fingerprints.pickle"

WORD = re.compile(r"\w+")
SHINGLE_WORDS = 3
MINHASH_BINS = 128
LSH_BANDS, LSH_ROWS = 32, 4
BIN_SHIFT = 64 - 7  # 128 bins
MASK64 = (1 << 64) - 1
# "NEW YORK (Reuters) - ", "WASHINGTON/LONDON (Reuters) -", "(Reuters) -" alone.
DATELINE = re.compile(r"^\s*[^()\n]{0,80}?\(\s*Reuters\s*\)\s*[-\u2013\u2014]+\s*")
# Prefixes Reuters puts before a headline for the same story's later versions.
VERSION_PREFIX = re.compile(
    r"^\s*(?:(?:UPDATE|WRAPUP)\s*\d+|REFILE|CORRECTED|RPT|REPEAT|CORRECTION)\s*-\s*",
    re.IGNORECASE)

csv.field_size_limit(1 << 30)


@dataclass
class Article:
    key: str          # Reuters: path under the set's root; ISOT: file:row
    headline: str
    date: str
    body: str
    source: str       # "reuters" or "isot"
    day: int = 0      # Reuters: days since 2000-01-01 of its folder, for the time window


def read_reuters_file(root: Path, key: str) -> Article:
    text = (root / key).read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    header = [line[3:].strip() if line.startswith("-- ") else "" for line in lines[:4]]
    headline, _byline, date, _url = (header + ["", "", "", ""])[:4]
    body = "\n".join(lines[4:]).strip()
    return Article(key, headline, date, body, "reuters")


def reuters_keys(root: Path) -> list[str]:
    keys = []
    for day in sorted(os.listdir(root)):
        folder = root / day
        if folder.is_dir():
            keys.extend(f"{day}/{name}" for name in sorted(os.listdir(folder)))
    return keys


def read_isot(path: Path) -> list[Article]:
    articles = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=1):
            articles.append(Article(f"{path.name}:{row_number}", row["title"].strip(),
                                    row["date"].strip(), row["text"].strip(), "isot"))
    return articles


def load_article(key: str, reuters_root: Path = DEFAULT_REUTERS,
                 isot_files: list[Path] = DEFAULT_ISOT) -> Article:
    """Reads one article back by its key (for labelling and evaluation)."""
    if ":" in key and key.endswith(tuple("0123456789")) and key.split(":")[0].endswith(".csv"):
        name, row = key.rsplit(":", 1)
        path = next(p for p in isot_files if p.name == name)
        return _isot_cache(path)[int(row) - 1]
    return read_reuters_file(reuters_root, key)


_ISOT_LOADED: dict[Path, list[Article]] = {}


def _isot_cache(path: Path) -> list[Article]:
    if path not in _ISOT_LOADED:
        _ISOT_LOADED[path] = read_isot(path)
    return _ISOT_LOADED[path]


def strip_dateline(body: str) -> str:
    return DATELINE.sub("", body, count=1)


def strip_version_prefixes(headline: str) -> str:
    """ "CORRECTED-UPDATE 2-Foo" -> "Foo"."""
    previous = None
    while previous != headline:
        previous, headline = headline, VERSION_PREFIX.sub("", headline)
    return headline


def normalize_headline(headline: str) -> str:
    return " ".join(WORD.findall(strip_version_prefixes(headline).lower()))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def shingle_hashes(text: str) -> set[int]:
    tokens = words(text)
    if not tokens:
        return set()
    if len(tokens) < SHINGLE_WORDS:
        grams = [" ".join(tokens)]
    else:
        grams = [" ".join(tokens[i:i + SHINGLE_WORDS])
                 for i in range(len(tokens) - SHINGLE_WORDS + 1)]
    blake = hashlib.blake2b
    return {int.from_bytes(blake(g.encode("utf-8"), digest_size=8).digest(), "little")
            for g in grams}


# SPREAD[v] puts bit j of byte v into its own 16-bit lane, so summing SPREAD
# over many bytes counts, per bit, how many of them have it set.
SPREAD = [sum(1 << (16 * j) for j in range(8) if v >> j & 1) for v in range(256)]


def simhash(hashes: set[int]) -> int:
    if not hashes:
        return 0
    packed = b"".join(h.to_bytes(8, "little") for h in hashes)
    half = len(hashes) / 2
    lookup = SPREAD.__getitem__
    result = 0
    for byte_position in range(8):
        lanes = sum(map(lookup, packed[byte_position::8]))
        for j in range(8):
            if (lanes >> (16 * j)) & 0xFFFF > half:
                result |= 1 << (8 * byte_position + j)
    return result


def minhash(hashes: set[int]) -> tuple[int, ...]:
    if not hashes:
        return tuple([MASK64] * MINHASH_BINS)
    ordered = sorted(hashes)
    bins: list[int | None] = []
    for j in range(MINHASH_BINS):
        low, high = j << BIN_SHIFT, (j + 1) << BIN_SHIFT
        i = bisect.bisect_left(ordered, low)
        bins.append(ordered[i] - low if i < len(ordered) and ordered[i] < high else None)
    # Rotation densification: an empty bin borrows the next non-empty bin's
    # value (circularly) plus its distance times the bin width, so two
    # articles agree on an empty bin only as often as they agree on the donor.
    signature = []
    for j in range(MINHASH_BINS):
        distance = 0
        while bins[(j + distance) % MINHASH_BINS] is None:
            distance += 1
        signature.append(bins[(j + distance) % MINHASH_BINS] + distance * (1 << BIN_SHIFT))
    return tuple(signature)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def minhash_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a)


def exact_jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def lead_words(body: str, count: int = 15) -> str:
    return " ".join(words(strip_dateline(body))[:count])


@dataclass
class Fingerprint:
    key: str
    source: str
    headline: str
    day: int
    simhash: int
    minhash: tuple[int, ...]
    body_digest: bytes
    lead: str
    shingles: int


def fingerprint(article: Article) -> Fingerprint:
    hashes = shingle_hashes(article.body)
    return Fingerprint(article.key, article.source, article.headline, article.day,
                       simhash(hashes), minhash(hashes),
                       hashlib.blake2b(article.body.encode("utf-8"), digest_size=16).digest(),
                       lead_words(article.body), len(hashes))


def day_number(folder: str) -> int:
    import datetime
    return (datetime.date(int(folder[:4]), int(folder[4:6]), int(folder[6:8]))
            - datetime.date(2000, 1, 1)).days


def fingerprint_all(reuters_root: Path, isot_files: list[Path], cache: Path) -> list[Fingerprint]:
    if cache.exists():
        with open(cache, "rb") as handle:
            return [Fingerprint(*fields) for fields in pickle.load(handle)]
    started = time.time()
    prints = []
    for key in reuters_keys(reuters_root):
        article = read_reuters_file(reuters_root, key)
        article.day = day_number(key.split("/")[0])
        prints.append(fingerprint(article))
        if len(prints) % 10000 == 0:
            log(f"{len(prints)} articles fingerprinted, {time.time() - started:.0f}s")
    for path in isot_files:
        prints.extend(fingerprint(a) for a in read_isot(path))
    with open(cache, "wb") as handle:
        # Plain tuples: a pickled class would be bound to the module that ran.
        pickle.dump([tuple(vars(p).values()) for p in prints], handle)
    log(f"{len(prints)} articles fingerprinted in {time.time() - started:.0f}s")
    return prints


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


NEAR_SIMHASH = 12  # round 1 draws by simhash distance up to here
FAR_SIMHASH = 20   # round 2 draws by distance 13..20 from the time window


def window_tag(distance: int) -> str:
    return "simhash-window" if distance <= NEAR_SIMHASH else "simhash-window-far"


MAX_BUCKET = 300  # an LSH bucket bigger than this is boilerplate; its pairs are skipped


def candidate_pairs(prints: list[Fingerprint], window_days: int) -> dict[tuple[int, int], set[str]]:
    """Index pairs (i < j) with the ways each was found."""
    found: dict[tuple[int, int], set[str]] = defaultdict(set)

    def add_group(members: list[int], how: str) -> None:
        if len(members) > MAX_BUCKET:
            return
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = sorted((members[x], members[y]))
                if prints[i].source == prints[j].source:
                    found[(i, j)].add(how)

    for band in range(LSH_BANDS):
        buckets = defaultdict(list)
        rows = slice(band * LSH_ROWS, (band + 1) * LSH_ROWS)
        for index, fp in enumerate(prints):
            if fp.shingles:
                buckets[fp.minhash[rows]].append(index)
        for members in buckets.values():
            if len(members) > 1:
                add_group(members, "lsh")
    log(f"LSH: {len(found)} pairs")

    for block in range(4):  # pigeonhole: distance <= 3 leaves one 16-bit block equal
        buckets = defaultdict(list)
        for index, fp in enumerate(prints):
            if fp.shingles:
                buckets[(fp.simhash >> (16 * block)) & 0xFFFF].append(index)
        for members in buckets.values():
            if len(members) > 1:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        i, j = members[x], members[y]
                        if hamming(prints[i].simhash, prints[j].simhash) <= 3 \
                                and prints[i].source == prints[j].source:
                            found[(min(i, j), max(i, j))].add("simhash-block")
    log(f"+ simhash blocks: {len(found)} pairs")

    # Every pair within a few days (Reuters) or within ISOT, kept when the
    # simhash distance is at most 20: the near misses and the false alarms.
    by_day = defaultdict(list)
    isot = []
    for index, fp in enumerate(prints):
        if not fp.shingles:
            continue
        (by_day[fp.day].append(index) if fp.source == "reuters" else isot.append(index))
    days = sorted(by_day)
    for day in days:
        near = [m for d in range(day, day + window_days + 1) for m in by_day.get(d, [])]
        own = len(by_day[day])
        for x in range(own):
            i = near[x]
            si = prints[i].simhash
            for y in range(x + 1, len(near)):
                j = near[y]
                distance = (si ^ prints[j].simhash).bit_count()
                if distance <= FAR_SIMHASH:
                    found[(min(i, j), max(i, j))].add(window_tag(distance))
    for x in range(len(isot)):
        i = isot[x]
        for y in range(x + 1, len(isot)):
            j = isot[y]
            distance = (prints[i].simhash ^ prints[j].simhash).bit_count()
            if distance <= FAR_SIMHASH:
                found[(i, j)].add(window_tag(distance))
    log(f"+ simhash window: {len(found)} pairs")

    headlines = defaultdict(list)
    leads = defaultdict(list)
    for index, fp in enumerate(prints):
        normalized = normalize_headline(fp.headline)
        if normalized:
            headlines[(fp.source, normalized)].append(index)
        if len(fp.lead.split()) >= 10:
            leads[(fp.source, fp.lead)].append(index)
    for members in headlines.values():
        if len(members) > 1:
            add_group(members, "headline")
    for members in leads.values():
        if len(members) > 1:
            add_group(members, "lead")
    log(f"+ headline and lead: {len(found)} pairs")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuters", type=Path, default=DEFAULT_REUTERS)
    parser.add_argument("--isot", type=Path, nargs="*", default=DEFAULT_ISOT)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="pickle of the fingerprints (made on the first run)")
    parser.add_argument("--window-days", type=int, default=2)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--out", type=Path, default=HERE / "candidates.tsv")
    args = parser.parse_args()

    prints = fingerprint_all(args.reuters, args.isot, args.cache)
    found = candidate_pairs(prints, args.window_days)
    rows = []
    for (i, j), how in found.items():
        a, b = prints[i], prints[j]
        rows.append((a, b, hamming(a.simhash, b.simhash),
                     minhash_jaccard(a.minhash, b.minhash), how))
    # Round 1 sees only what the first design found (simhash window up to 12
    # bits), so that its draws stay as they were labelled.
    first = [r for r in rows if r[4] - {"simhash-window-far"}]
    summarize(first)
    sample = draw_sample(first, random.Random(args.seed))
    second = draw_far_simhash(rows, random.Random(args.seed + 1))
    write_sample(combine(sample, second), args)
    return 0


def stratum_of(row) -> str:
    a, b, distance, estimate, how = row
    source = a.source
    if a.body_digest == b.body_digest:
        return f"{source}:identical"
    if distance <= 12:
        return f"{source}:simhash={distance}"
    if estimate >= 0.3:
        return f"{source}:minhash={min(int(estimate * 10), 9) / 10:.1f}"
    if "headline" in how:
        return f"{source}:headline-far"
    if "lead" in how:
        return f"{source}:lead-far"
    return f"{source}:other"


def summarize(rows) -> None:
    counts = Counter(stratum_of(r) for r in rows)
    for stratum in sorted(counts):
        log(f"{stratum}: {counts[stratum]} pairs")


# How many pairs to draw from each stratum.  Simhash strata come first: a pair
# with simhash distance <= 12 is drawn there whatever its MinHash estimate; the
# MinHash strata hold pairs farther than 12 bits, the far strata pairs that
# both fingerprints call far apart but which share a headline or a lead, and
# "other" pairs that LSH proposed but both fingerprints call far apart.
QUOTA = {"reuters": {"identical": 3, "simhash": 7, "minhash": 6, "headline-far": 25,
                     "lead-far": 14, "other": 6},
         "isot": {"identical": 3, "simhash": 7, "minhash": 11, "headline-far": 6,
                  "lead-far": 14, "other": 8}}


def draw_sample(rows, rng: random.Random):
    by_stratum = defaultdict(list)
    for row in rows:
        by_stratum[stratum_of(row)].append(row)
    sample = []
    for stratum in sorted(by_stratum):
        source, kind = stratum.split(":")
        family = kind.split("=")[0]
        quota = QUOTA[source].get(family, 0)
        members = sorted(by_stratum[stratum], key=lambda r: (r[0].key, r[1].key))
        chosen = rng.sample(members, min(quota, len(members)))
        sample.extend((stratum, len(members), row) for row in chosen)
    # Shuffled, so that whoever labels them in order does not read them
    # sorted by score.
    rng.shuffle(sample)
    return sample


# Round 2, added once round 1 showed that nearly every pair within 12 bits is
# the same story: pairs at distance 13..20, drawn from every candidate pair at
# that distance (mostly the time window), independently of round 1.
FAR_QUOTA = {"reuters": 6, "isot": 2}


def draw_far_simhash(rows, rng: random.Random):
    by_stratum = defaultdict(list)
    for row in rows:
        a, b, distance = row[0], row[1], row[2]
        if NEAR_SIMHASH < distance <= FAR_SIMHASH and a.body_digest != b.body_digest:
            by_stratum[f"{a.source}:far-simhash={distance}"].append(row)
    sample = []
    for stratum in sorted(by_stratum):
        members = sorted(by_stratum[stratum], key=lambda r: (r[0].key, r[1].key))
        log(f"{stratum}: {len(members)} pairs")
        chosen = rng.sample(members, min(FAR_QUOTA[stratum.split(":")[0]], len(members)))
        sample.extend((stratum, len(members), row) for row in chosen)
    rng.shuffle(sample)
    return sample


def combine(first, second):
    """Round 1 then the new pairs of round 2, each with the probability that
    the two independent draws together picked it: 1 - (1-p1)(1-p2)."""
    def key(row):
        return (row[0].key, row[1].key)

    second_sizes = {stratum: size for stratum, size, _ in second}
    second_drawn = Counter(stratum for stratum, _, _ in second)
    first_drawn = Counter(stratum for stratum, _, _ in first)
    first_sizes = {stratum: size for stratum, size, _ in first}

    def probability_first(row) -> float:
        if not row[4] - {"simhash-window-far"}:
            return 0.0  # not in round 1's candidate set
        stratum = stratum_of(row)
        return first_drawn[stratum] / first_sizes[stratum] if stratum in first_sizes else 0.0

    def probability_second(row) -> float:
        stratum = f"{row[0].source}:far-simhash={row[2]}"
        if stratum not in second_sizes:
            return 0.0
        return second_drawn[stratum] / second_sizes[stratum]

    combined, seen = [], set()
    for stratum, size, row in first:
        combined.append((stratum, size,
                         1 - (1 - probability_first(row)) * (1 - probability_second(row)), row))
        seen.add(key(row))
    for stratum, size, row in second:
        if key(row) in seen:
            continue
        # A round-2 pair could also have been drawn in round 1 from its stratum there.
        combined.append((stratum, size,
                         1 - (1 - probability_first(row)) * (1 - probability_second(row)), row))
    return combined


def write_sample(sample, args) -> None:
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["key_a", "key_b", "stratum", "stratum_size", "inclusion_probability",
                         "found_by",
                         "simhash_distance", "minhash_jaccard", "exact_jaccard",
                         "headline_a", "headline_b"])
        for stratum, size, probability, (a, b, distance, estimate, how) in sample:
            art_a = load_article(a.key, args.reuters, args.isot)
            art_b = load_article(b.key, args.reuters, args.isot)
            exact = exact_jaccard(shingle_hashes(art_a.body), shingle_hashes(art_b.body))
            writer.writerow([a.key, b.key, stratum, size, f"{probability:.6f}",
                             ",".join(sorted(how)), distance,
                             f"{estimate:.3f}", f"{exact:.3f}", a.headline, b.headline])
    log(f"wrote {len(sample)} pairs to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
