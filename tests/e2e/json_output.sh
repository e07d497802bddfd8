#!/usr/bin/env bash
# --json: JSON Lines, one "hit" object per result and a closing "summary";
# every field a user relies on is there, the path is a real file, the
# passage really is the text of the file at `line`, and the match ranges
# pick out the query's words in the passage's UTF-8 bytes.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"

# The checks every --json result must pass; argv: query words (folded by the
# check), "article" or "passage" mode.
cat >"$SCRATCH/check_json.py" <<'EOF'
import re
words = [fold(w) for w in argv[0].split()]
article_mode = argv[1] == "article"
check(summary is not None, "the last line must be the summary, got %r" % (records[-1],))
check(summary["version"] == 3 and isinstance(summary["seconds"], (int, float)), "summary fields: %r" % summary)
for key in ("hits", "matching", "matching_some"):
    check(isinstance(summary.get(key), int) and summary[key] >= 0, "summary %s: %r" % (key, summary.get(key)))
check(isinstance(summary.get("counts_exact"), bool), "summary counts_exact: %r" % summary.get("counts_exact"))
check(hits, "no hits for %r" % argv[0])
check_hits(article_mode=article_mode)

def word_matches(found):
    # Stemming matches inflected forms (attacks/attacker, Chelsea's, Hollande/
    # Holland): accept a word sharing all but a short ending with a query word.
    f = fold(found)
    for w in words:
        common = len(os.path.commonprefix([f, w]))
        if f == w or common >= max(4, len(w) - 3):
            return True
    return False

for h in hits:
    where = "rank %d (%s)" % (h["rank"], h["path"])
    check(h["version"] == 3, where + ": version %r" % h["version"])
    check(isinstance(h["score"], (int, float)) and h["score"] > 0, where + ": score %r" % h["score"])
    for key in ("title", "date", "source", "section", "author", "url", "place", "match"):
        check(isinstance(h.get(key), str), where + ": %s is %r, not a string" % (key, h.get(key)))
    check(h["match"] in ("passage", "article", "partial"), where + ": match %r" % h["match"])
    check(h["date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?", h["date"]), where + ": date %r" % h["date"])
    lines = file_lines(h["path"])
    first = next(l for l in lines if l.strip())
    check(h["title"] == first.strip(), where + ": title %r, but the file's first line is %r" % (h["title"], first))
    check(h["section"] == h["path"].split("/")[-2], where + ": section %r is not the folder" % h["section"])
    for p in h["passages"]:
        check(isinstance(p.get("score"), (int, float)), where + ": passage score %r" % p.get("score"))
        # Matched words are the query's words, case- and accent-insensitively.
        found = passage_words(p)
        for w in found:
            check(word_matches(w), "%s:%d: %r is marked but is not one of %r" % (h["path"], p["line"], w, words))
        ranges = p["matches"]
        check(ranges == sorted(ranges) and all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:])),
              where + ": match ranges overlap or are out of order: %r" % ranges)
        # Every word of the passage that is a query word is marked.
        marked = {tuple(r) for r in ranges}
        data = p["text"].encode("utf-8")
        for m in re.finditer(r"\w+(?:['\u2019]\w+)*", p["text"]):
            if fold(m.group()) in words:
                begin = len(p["text"][:m.start()].encode("utf-8"))
                end = begin + len(m.group().encode("utf-8"))
                check((begin, end) in marked, "%s:%d: %r at bytes %d-%d is not marked (matches %r)"
                      % (h["path"], p["line"], m.group(), begin, end, ranges))
        # The passage is the file's text from line `line` on, hard-wrapped
        # lines joined by single spaces.
        line_no = p["line"]
        check(1 <= line_no <= len(lines), where + ": line %d outside the file's %d lines" % (line_no, len(lines)))
        here = normalise_space(lines[line_no - 1])
        rest = normalise_space(" ".join(lines[line_no - 1:]))
        start = normalise_space(p["text"])[:80]
        at = rest.find(start)
        check(0 <= at < max(len(here), 1),
              "%s:%d: the passage %r does not start on that line of the file (line is %r)"
              % (h["path"], line_no, start, lines[line_no - 1][:120]))
first_scores = [h["score"] for h in hits if h["match"] == hits[0]["match"]]
check(first_scores == sorted(first_scores, reverse=True), "scores of the best tier are not in decreasing order: %r" % first_scores)
EOF
check_json() {  # QUERY_WORDS MODE
    pycheck "$OUT_FILE" "$1" "$2" <"$SCRATCH/check_json.py"
}

for query in coalition françois chelsea hollande; do
    note "--json $query"
    nq --db "$SCRATCH/news.db" --json -n 20 "$query"
    assert_status 0 "--json $query"
    check_json "$query" article
done

note "--json with several passages per article"
nq --db "$SCRATCH/news.db" --json -n 5 --per-article 3 obama
assert_status 0 "--json --per-article 3 obama"
check_json obama article

note "--json --all-passages"
nq --db "$SCRATCH/news.db" --json -n 30 --all-passages attacks
assert_status 0 "--json --all-passages attacks"
check_json attacks passage

note "--json: windows-1252 text comes out as UTF-8"
nq --db "$SCRATCH/news.db" --json mutu signing
assert_status 0 "--json mutu signing"
pycheck "$OUT_FILE" "$CORPUS_DIR/bbc/sport/199.txt" <<'EOF'
check(hits and hits[0]["path"] == argv[0], "sport/199.txt should come first: %r" % [h["path"] for h in hits])
text = hits[0]["passages"][0]["text"]
check("£15.8m" in text, "the 0xA3 byte should read as '£15.8m' in %r" % text)
check("\ufffd" not in text, "replacement character in %r" % text)
EOF

note "--json with no hits: just the summary"
nq --db "$SCRATCH/news.db" --json zzyzxqvw
assert_status 1 "--json query with no hits"
pycheck "$OUT_FILE" <<'EOF'
check(len(records) == 1 and summary is not None, "expected only a summary line, got %r" % records)
check(summary["hits"] == 0 and summary["matching"] == 0, "summary %r" % summary)
EOF
note "ok"
