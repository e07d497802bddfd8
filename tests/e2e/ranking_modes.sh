#!/usr/bin/env bash
# Ranking: an article with all the words in one passage comes before articles
# with only some of them, even when those score higher on one word;
# --all-passages ranks passages (several may come from one article);
# --per-article N shows up to N passages per article; -n/--offset page through
# the same ranking.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"
db=$SCRATCH/news.db
both=$CORPUS_DIR/seeds/000_5654225a0b112ed2.txt
obama_only=$CORPUS_DIR/seeds/004_96f4bb84ee0e1260.txt
grep -qi putin "$obama_only" && fail "$obama_only should not mention Putin"
[ "$(grep -c 'Obama, Putin' "$both")" -ge 1 ] || fail "$both should have a passage naming Obama and Putin"

# The order of the match tiers: whole query in one passage, then spread over
# an article, then some of the words.
tier_order='
order = {"passage": 0, "article": 1, "partial": 2}
kinds = [order[h["match"]] for h in hits]
check(kinds == sorted(kinds), "match tiers out of order: %r" % [h["match"] for h in hits])
'

note "both words in one passage beat one word"
nq --db "$db" --json -n 20 obama putin
assert_status 0 "obama putin"
pycheck "$OUT_FILE" "$both" "$obama_only" <<EOF
check_hits()
$tier_order
first = hits[0]
check(first["path"] == argv[0], "rank 1 should be %s (Obama and Putin in one passage), got %r"
      % (argv[0], [(h["path"], h["match"], h["score"]) for h in hits]))
check(first["match"] == "passage", "rank 1 match %r" % first["match"])
words = {fold(w) for w in passage_words(first["passages"][0])}
check({"obama", "putin"} <= words, "rank 1's passage should show both words marked, got %r" % words)
ranks = {h["path"]: h["rank"] for h in hits}
check(argv[1] in ranks and ranks[argv[1]] > 1, "%s (only Obama) should be listed below rank 1: %r" % (argv[1], ranks))
for h in hits[1:]:
    check(h["match"] == "partial", "%s has only one of the words but match is %r" % (h["path"], h["match"]))
check(summary["matching"] == 1, "one article has both words: summary %r" % summary)
check(summary["matching_some"] == len(hits), "summary %r vs %d hits" % (summary, len(hits)))
EOF
assert_match "$(last_line "$ERR")" '^news-query: 1 matching article \(3 with some of the words\), ' "count line"

note "words spread over an article rank after words in one passage"
nq --db "$db" --json -n 20 kerry obama
assert_status 0 "kerry obama"
pycheck "$OUT_FILE" <<EOF
check_hits()
$tier_order
check(all(h["match"] != "partial" for h in hits), "both articles have both words: %r" % [(h["path"], h["match"]) for h in hits])
EOF

note "--all-passages"
nq --db "$db" --json -n 25 --all-passages obama
assert_status 0 "--all-passages obama"
pycheck "$OUT_FILE" <<'EOF'
check_hits(article_mode=False)
check(len(hits) == 25, "25 passages asked for, %d listed" % len(hits))
for h in hits:
    check(len(h["passages"]) == 1, "rank %d has %d passages, expected one" % (h["rank"], len(h["passages"])))
places = [(h["path"], h["passages"][0]["line"]) for h in hits]
check(len(set(places)) == len(places), "a passage is listed twice: %r" % places)
paths = [h["path"] for h in hits]
check(any(paths.count(p) > 1 for p in paths), "several passages of one article expected: %r" % paths)
scores = [h["score"] for h in hits]
check(scores == sorted(scores, reverse=True), "passages not in score order: %r" % scores)
for h in hits:
    check(h["score"] == h["passages"][0]["score"], "rank %d: hit score %r, passage score %r" % (h["rank"], h["score"], h["passages"][0]["score"]))
EOF
assert_match "$(last_line "$ERR")" '^news-query: [0-9]+ matching passages, [0-9.]+ ms$' "--all-passages count line"
nq --db "$db" --all-passages -n 25 obama
assert_status 0 "--all-passages obama (text)"
assert_eq 25 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "25 numbered passages"

note "--per-article 2"
nq --db "$db" --json -n 10 --per-article 2 obama
assert_status 0 "--per-article 2 obama"
pycheck "$OUT_FILE" "$obama_only" <<'EOF'
check_hits()
for h in hits:
    n = len(h["passages"])
    check(1 <= n <= 2, "%s shows %d passages" % (h["path"], n))
    lines = [p["line"] for p in h["passages"]]
    check(len(set(lines)) == n, "%s shows one passage twice: %r" % (h["path"], lines))
    scores = [p["score"] for p in h["passages"]]
    check(scores == sorted(scores, reverse=True), "%s: passages not best first: %r" % (h["path"], scores))
many = [h for h in hits if h["path"] == argv[0]]
check(many and len(many[0]["passages"]) == 2, "%s has many Obama passages and should show 2" % argv[0])
EOF
nq --db "$db" -n 10 --per-article 2 obama
assert_status 0 "--per-article 2 obama (text)"
assert_eq 2 "$(grep -cE "^   .*seeds/004_96f4bb84ee0e1260\\.txt:[0-9]+\$" <<<"$OUT")" "two path:line lines for the seed"
nq --db "$db" --json -n 10 --per-article 1 obama
pycheck "$OUT_FILE" <<'EOF'
check(all(len(h["passages"]) == 1 for h in hits), "--per-article 1 shows one passage each")
EOF

note "-n and --offset"
nq --db "$db" --json -n 10 france
assert_status 0 "france"
full=$OUT_FILE
nq --db "$db" --json -n 1 --offset 1 france
assert_status 0 "-n 1 --offset 1 france"
pycheck "$OUT_FILE" "$full" <<'EOF'
import json
full = [json.loads(l) for l in open(argv[0], encoding="utf-8") if l.strip()]
full_hits = [r for r in full if r["type"] == "hit"]
check(len(full_hits) >= 3, "france should have at least 3 hits")
check(len(hits) == 1, "-n 1 lists %d hits" % len(hits))
check(hits[0]["rank"] == 2, "rank %r, expected 2" % hits[0]["rank"])
check(hits[0]["path"] == full_hits[1]["path"], "offset 1 gave %s, rank 2 was %s" % (hits[0]["path"], full_hits[1]["path"]))
check(hits[0]["passages"][0]["line"] == full_hits[1]["passages"][0]["line"], "same passage as rank 2")
check(summary["matching"] == full[-1]["matching"], "the count does not depend on the page")
check_hits(first_rank=2)
EOF
nq --db "$db" -n 2 --offset 1 france
assert_status 0 "-n 2 --offset 1 france (text)"
assert_eq "2 3" "$(grep -oE '^[0-9]+\. ' <<<"$OUT" | tr -d '. ' | tr '\n' ' ' | sed 's/ $//')" "ranks shown with --offset 1"
nq --db "$db" -n 3 france
assert_eq 3 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "-n 3 lists 3 articles"

note "the number of matching articles does not depend on -n"
# Both seeds hold "kerry" and "obama" (in one passage in 004, spread over
# passages in 000), so two articles match the whole query whatever the page.
for f in "$both" "$obama_only"; do
    if ! grep -qi kerry "$f" || ! grep -qi obama "$f"; then fail "$f should mention Kerry and Obama"; fi
done
for n in 1 2 10; do
    nq --db "$db" -n "$n" kerry obama
    assert_status 0 "-n $n kerry obama"
    assert_match "$(last_line "$ERR")" '^news-query: 2 matching articles, ' "count line for -n $n kerry obama"
done
nq --db "$db" --json -n 1 kerry obama
pycheck "$OUT_FILE" <<'PY'
check(summary["matching"] == 2, "summary.matching is %d with -n 1; two articles match the whole query" % summary["matching"])
PY
note "a parenthesis of words is read as words, and relaxed like a plain query"
nq --db "$db" -n 1 'hollande (france) coalition zebra'
assert_status 0 "a query with brackets and a word no article holds"
assert_contains "$ERR" "the brackets hold no operator: read as words" "the note says how it was read"
assert_match "$(last_line "$ERR")" '^news-query: 0 matching articles \(8 with some of the words\), ' "as many as without the brackets"
assert_contains "$OUT" "000_5654225a0b112ed2.txt" "the article about Hollande's coalition is found"

note "ok"
