#!/usr/bin/env bash
# Saved web pages: news-index reads the article of each page (not its menus,
# cookie banner, related stories or comments), with the page's metadata, and
# news-query points at the line of the page where a paragraph starts.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

pages=$SCRATCH/pages
mkdir -p "$pages"
cp "$FIXTURES_DIR/html/news_article.html" "$pages/floods.html"
cp "$FIXTURES_DIR/html/malformed.html" "$pages/storm.HTM"
# No extension: read as HTML because it starts like a page.
printf '<!DOCTYPE html>\n<title>Harbour reopens to trawlers - Gazette</title>\n<p>The harbour reopened to trawlers at noon.</p>\n' >"$pages/saved-page"
cp "$FIXTURES_DIR/html/no_text.html" "$pages/blank.html"

nidx --db "$SCRATCH/news.db" "$pages"
assert_status 1 "indexing the pages (one has no text)"
assert_index_counts "new=3 duplicates=0 skipped=1" "the pages"
assert_contains "$ERR" "blank.html" "the page without text is named"
assert_contains "$ERR" "no text in this page" "with its reason"

note "the article's fields and the line of its paragraph"
nq --db "$SCRATCH/news.db" --json 'amber warnings'
assert_status 0 "amber warnings"
pycheck "$OUT_FILE" "$pages/floods.html" <<'EOF2'
check_hits()
h = hits[0]
check(h["path"] == argv[0], "first hit %s" % h["path"])
want = {"title": "Flood defences fail in three towns", "author": "Jane Doe, Sam Roe", "date": "2024-02-11T08:30:00Z",
        "source": "The Daily Courier", "section": "UK news", "url": "https://courier.example/uk/floods-2024"}
for key, value in want.items():
    check(h[key] == value, "%s is %r, expected %r" % (key, h[key], value))
p = h["passages"][0]
check(p["line"] == 37, "line %d, expected 37" % p["line"])
check(p["text"].startswith("More rain is expected on Tuesday"), "passage %r" % p["text"][:80])
EOF2

note "the page's furniture is not indexed"
for query in cookies 'related stories' disgrace 'rights reserved' subscribe; do
    nq --db "$SCRATCH/news.db" "$query"
    assert_status 1 "$query finds nothing"
done

note "entities decoded, the ANSI escape's ESC dropped, in the human output"
nq --db "$SCRATCH/news.db" 'fishermen'
assert_status 0 "fishermen"
assert_contains "$OUT" "storm.HTM:7" "path:line of the paragraph"
assert_contains "$OUT" "Red text arrived as [31mALERT[0m in the feed" "no ESC, the rest kept"
nq --db "$SCRATCH/news.db" 'leixoes'
assert_contains "$OUT" "coast & céntér of town" "entities decoded"
assert_not_contains "$OUT" "&amp;" "no entity left raw"

note "a page without an extension is read as HTML"
nq --db "$SCRATCH/news.db" --json trawlers
assert_status 0 "trawlers"
pycheck "$OUT_FILE" "$pages/saved-page" <<'EOF2'
check_hits()
h = hits[0]
check(h["path"] == argv[0], "first hit %s" % h["path"])
check(h["title"] == "Harbour reopens to trawlers", "title %r (the site's name cut)" % h["title"])
check(h["passages"][0]["line"] == 3, "line %d" % h["passages"][0]["line"])
check("<p>" not in h["passages"][0]["text"], "markup in %r" % h["passages"][0]["text"])
EOF2

note "ok"
