#!/usr/bin/env bash
# Reuters-format files ("-- " header lines: headline, byline, date, URL; a
# dateline opening the story): every field shows up in --json, and an
# article that is only a header is still found by its headline.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

reuters=$FIXTURES_DIR/reuters
exxon=$reuters/20061020/businesspro-energy-exxonmobil-alaska-dc-idUSN2021166720061020
google=$reuters/20061020/businesspro-google-dc-idUSN2036351320061020
zte=$reuters/20120713/us-zte-fbi-idUSBRE86C00S20120713
for f in "$exxon" "$google" "$zte"; do [ -f "$f" ] || fail "fixture $f is missing"; done
grep -qv '^--' "$zte" && fail "$zte should be header lines only"

nidx --db "$SCRATCH/news.db" "$reuters"
assert_status 0 "indexing the Reuters fixtures"
assert_index_counts "new=3 skipped=0 duplicates=0" "Reuters fixtures"

note "the Exxon article's fields"
nq --db "$SCRATCH/news.db" --json exxon
assert_status 0 "exxon"
pycheck "$OUT_FILE" "$exxon" <<'EOF'
check_hits()
check(hits[0]["path"] == argv[0], "first hit %s" % hits[0]["path"])
h = hits[0]
want = {
    "title": "Exxon Mobil offers plan to end Alaska dispute",
    "author": "Yereth Rosen",
    "date": "2006-10-20T18:15:00-04:00",  # "Fri Oct 20, 2006 6:15pm EDT"
    "source": "Reuters",
    "place": "ANCHORAGE, Alaska",
}
for key, value in want.items():
    check(h[key] == value, "%s is %r, expected %r" % (key, h[key], value))
check(h["url"].startswith("http://www.reuters.com/"), "url %r" % h["url"])
check(h["url"] == "http://www.reuters.com/article/2006/10/20/businesspro-energy-exxonmobil-alaska-dc-idUSN2021166720061020",
      "url %r" % h["url"])
check(h["section"] == "", "a date folder is not a section: %r" % h["section"])
for p in h["passages"]:
    check(not p["text"].startswith("--"), "a header line became a passage: %r" % p["text"][:80])
    check(p["line"] >= 8, "passage at line %d, inside the header" % p["line"])
EOF

note "the story's first paragraph starts at the dateline, line 8"
nq --db "$SCRATCH/news.db" --json 'relinquish leases'
assert_status 0 "relinquish leases"
pycheck "$OUT_FILE" "$exxon" <<'EOF'
check(hits[0]["path"] == argv[0], "first hit %s" % hits[0]["path"])
p = hits[0]["passages"][0]
check(p["line"] == 8, "line %d, expected 8" % p["line"])
check(p["text"].startswith("ANCHORAGE, Alaska (Reuters) - Exxon Mobil ( XOM.N ) offered to pay a $20 million fine"),
      "passage %r (wrapped lines joined, runs of spaces collapsed)" % p["text"][:120])
EOF

note "human output shows source, date and byline"
nq --db "$SCRATCH/news.db" exxon
assert_status 0 "exxon (text)"
assert_eq "1. Exxon Mobil offers plan to end Alaska dispute" "$(head -n 1 <<<"$OUT")" "title line"
assert_eq "   Reuters | 2006-10-20T18:15:00-04:00 | by Yereth Rosen" "$(sed -n 2p <<<"$OUT")" "meta line"

note "a header-only article is found by its title"
for query in zte 'title:zte' 'title:fbi probes' '"FBI probes China"'; do
    nq --db "$SCRATCH/news.db" --json "$query"
    assert_status 0 "$query"
    pycheck "$OUT_FILE" "$zte" "$query" <<'EOF'
check_hits()
check([h["path"] for h in hits] == [argv[0]], "%s found %r" % (argv[1], [h["path"] for h in hits]))
h = hits[0]
check(h["title"] == "FBI probes China's ZTE over Iran tech deals: report", "title %r" % h["title"])
check(h["author"] == "Steve Stecklow and Melanie Lee", "author %r" % h["author"])
check(h["date"] == "2012-07-13T06:46:00-04:00", "date %r" % h["date"])
check(h["url"].startswith("http://www.reuters.com/article/2012/07/13/"), "url %r" % h["url"])
check(h["passages"][0]["line"] == 1 and h["passages"][0]["text"] == h["title"],
      "a header-only article's passage is its title at line 1: %r" % h["passages"][0])
EOF
done
note "two authors, collapsed spaces; a two-city dateline"
nq --db "$SCRATCH/news.db" --json google share
assert_status 0 "google share"
pycheck "$OUT_FILE" "$google" <<'EOF'
h = hits[0]
check(h["path"] == argv[0], "first hit %s" % h["path"])
check(h["author"] == "Eric Auchard and Paul Thomasch", "author %r" % h["author"])
# The dateline "SAN FRANCISCO/NEW YORK  (Reuters) - " names two cities.
check(h["source"] == "Reuters", "source %r: the dateline says (Reuters)" % h["source"])
check(h["place"] == "SAN FRANCISCO/NEW YORK", "place %r" % h["place"])
check(h["date"] == "2006-10-20T16:25:00-04:00", "date %r" % h["date"])
EOF

note "ok"
