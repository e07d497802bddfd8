#!/usr/bin/env bash
# Field queries: title: looks only at titles, section: restricts to a folder,
# author: finds a Reuters byline, source: a dateline's agency.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"
nidx --db "$SCRATCH/reuters.db" "$FIXTURES_DIR/reuters"
assert_status 0 "indexing the Reuters fixtures"

# Expected answers, worked out from the files themselves.
title_paris=$(for f in $(article_files "$CORPUS_DIR"); do
    if grep -m1 . "$f" | grep -qiw paris; then echo "$f"; fi
done | sort)
assert_eq 3 "$(grep -c . <<<"$title_paris")" "articles with 'Paris' in their title (corpus changed?)"
body_only=$CORPUS_DIR/bbc/sport/296.txt
grep -qiw paris "$body_only" || fail "$body_only should mention Paris in its body"
sport_files=$(find "$CORPUS_DIR/bbc/sport" -type f | sort)
sport_count=$(grep -c . <<<"$sport_files")

note "title:paris"
nq --db "$SCRATCH/news.db" --json -n 50 title:paris
assert_status 0 "title:paris"
pycheck "$OUT_FILE" "$title_paris" <<'EOF'
expected = argv[0].split("\n")
got = sorted({h["path"] for h in hits})
check(got == expected, "title:paris found %s, expected exactly %s" % (got, expected))
for h in hits:
    check("paris" in fold(h["title"]).split() or "paris" in fold(h["title"]).replace(":", " ").split(),
          "title %r has no 'paris'" % h["title"])
check_hits()
check(summary["matching"] == 3, "summary: %d matching, expected 3" % summary["matching"])
EOF
assert_not_contains "$OUT" "$body_only" "title: must not match an article that has the word only in its body"

note "plain paris also finds the body-only mention"
nq --db "$SCRATCH/news.db" --json -n 50 paris
assert_status 0 "paris"
assert_contains "$OUT" "$body_only" "plain query searches the body"

note "section:sport"
nq --db "$SCRATCH/news.db" --json -n 100 section:sport
assert_status 0 "section:sport"
pycheck "$OUT_FILE" "$sport_files" "$CORPUS_DIR/bbc/sport/" <<'EOF'
expected = argv[0].split("\n")
for h in hits:
    check(h["path"].startswith(argv[1]), "section:sport returned %s" % h["path"])
    check(h["section"] == "sport", "section field %r for %s" % (h["section"], h["path"]))
got = sorted({h["path"] for h in hits})
check(got == expected, "section:sport should list every sport article once: missing %s"
      % sorted(set(expected) - set(got)))
check_hits()
check(summary["matching"] == len(expected), "summary: %d matching, expected %d" % (summary["matching"], len(expected)))
EOF

note "section: combined with a word"
nq --db "$SCRATCH/news.db" --json -n 50 section:sport chelsea
assert_status 0 "section:sport chelsea"
pycheck "$OUT_FILE" "$CORPUS_DIR/bbc/sport/" <<'EOF'
check(hits, "no hits")
for h in hits:
    check(h["path"].startswith(argv[0]), "section:sport chelsea returned %s" % h["path"])
check(any(h["path"].endswith("/sport/199.txt") for h in hits), "sport/199.txt (Chelsea sack Mutu) missing")
check_hits()
EOF
nq --db "$SCRATCH/news.db" section:politics chelsea
if [ "$STATUS" -eq 0 ]; then
    assert_not_contains "$OUT" "/bbc/sport/" "section:politics must not return sport articles"
fi

note "author: on the Reuters fixtures"
exxon=$FIXTURES_DIR/reuters/20061020/businesspro-energy-exxonmobil-alaska-dc-idUSN2021166720061020
zte=$FIXTURES_DIR/reuters/20120713/us-zte-fbi-idUSBRE86C00S20120713
for query in author:rosen author:yereth author:Rosen; do
    nq --db "$SCRATCH/reuters.db" --json "$query"
    assert_status 0 "$query"
    pycheck "$OUT_FILE" "$exxon" "$query" <<'EOF'
check([h["path"] for h in hits] == [argv[0]], "%s found %s, expected only %s" % (argv[1], [h["path"] for h in hits], argv[0]))
check(hits[0]["author"] == "Yereth Rosen", "author field %r" % hits[0]["author"])
check_hits()
EOF
done
nq --db "$SCRATCH/reuters.db" author:stecklow
assert_status 0 "author:stecklow"
assert_contains "$OUT" "$zte" "author:stecklow finds the ZTE story"
assert_contains "$OUT" "by Steve Stecklow and Melanie Lee" "the byline is shown"
assert_not_contains "$OUT" "$exxon" "author:stecklow must not find the Exxon story"
nq --db "$SCRATCH/reuters.db" author:alaska
assert_status 1 "author:alaska (a body and title word, not an author)"

note "source:"
nq --db "$SCRATCH/news.db" --json -n 50 source:afp
assert_status 0 "source:afp"
pycheck "$OUT_FILE" "$CORPUS_DIR/seeds/004_96f4bb84ee0e1260.txt" <<'EOF'
check([h["path"] for h in hits] == [argv[0]], "source:afp found %s" % [h["path"] for h in hits])
check(hits[0]["source"] == "AFP", "source field %r" % hits[0]["source"])
check_hits()
EOF
# Less central expectations last, so a failure above is about the basics.
note "author: with the full name quoted"
nq --db "$SCRATCH/reuters.db" 'author:"Yereth Rosen"'
assert_status 0 "author:\"Yereth Rosen\""
assert_contains "$OUT" "$exxon" "the byline's article"

note "section: is not case-sensitive (the indexer lower-cases folder names)"
nq --db "$SCRATCH/news.db" -n 100 section:Sport
assert_status 0 "section:Sport"
assert_eq "$sport_count" "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "section:Sport hits"

note "ok"
