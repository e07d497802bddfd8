#!/usr/bin/env bash
# The queries issue 17 quotes, as people type them: brackets and commas
# read as words, compounds written either way, lower-case initials, and the
# passage shown being the paragraph a reader came for, not a caption or a
# video widget.  The seeds alone (two articles: no help from rare words),
# the sample corpus, and the whole BBC set from ../shared when it is there.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/seeds.db" "$CORPUS_DIR/seeds"
assert_status 0 "indexing the seeds"
shown() {  # DB QUERY: the first hit's first passage line and text
    nq --db "$1" --json -n 1 "$2"
    assert_status 0 "$2"
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hit":
        p = m["passages"][0]
        print("%s:%d %s" % (m["path"].rsplit("/", 1)[-1], p["line"], p["text"])); break' <<<"$OUT"
}

note "the passage shown is the paragraph, not the caption or the video widget"
# (The seeds' text has no-break spaces: the checks stay within words.)
assert_match "$(shown "$SCRATCH/seeds.db" 'marseillaise parliament')" \
    "^000_5654225a0b112ed2.txt:20 Parliamentarians.*spontaneously.*Marseillaise" "marseillaise parliament"
assert_not_contains "$(shown "$SCRATCH/seeds.db" 'francois hollande obama phone')" "PHOTO: AFP" \
    "francois hollande obama phone: not the photo caption"

note "a compound typed with its hyphen finds it written joined"
for query in 'counter-terrorism adviser' "Obama's counter-terrorism adviser" 'counterterrorism adviser'; do
    assert_match "$(shown "$SCRATCH/seeds.db" "$query")" "^004_96f4bb84ee0e1260.txt:22 .*counterterrorism.adviser.Lisa.Monaco" "$query"
done

note "brackets and commas are read as words: the tiers still run"
nidx --db "$SCRATCH/corpus.db" "$CORPUS_DIR"
assert_status 0 "indexing the sample corpus"
nq --db "$SCRATCH/corpus.db" --color never 'tss time sharing system an os'
plain_count=$(last_line "$ERR" | grep -oE '[0-9]+ matching')
nq --db "$SCRATCH/corpus.db" --color never 'tss (time sharing system), an os'
assert_status 0 "the bracketed query finds what the plain one does"
assert_contains "$(last_line "$ERR")" "$plain_count" "the same count as without the punctuation"
assert_contains "$ERR" "note: the brackets hold no operator: read as words" "the note says how it was read"
nq --db "$SCRATCH/corpus.db" --color never 'hollande (france) coalition zebra'
assert_status 0 "hollande (france) coalition zebra"
assert_match "$(last_line "$ERR")" "\(8 with some of the words\)" "some of the words, as without brackets"
assert_contains "$OUT" "Paris attacks: France seeks global coalition against ISIS" "the coalition article"

shared_bbc=$SOURCE_DIR/../shared/corpora/bbc
if [ -d "$shared_bbc" ]; then
    note "on the BBC set: spiderman finds Spider-Man, u.s. finds US"
    nidx --db "$SCRATCH/bbc.db" "$shared_bbc"
    assert_status 0 "indexing BBC"
    assert_match "$(shown "$SCRATCH/bbc.db" 'spiderman 2 dvd')" "^077.txt:[0-9]+ .*Spider-Man 2" "spiderman 2 dvd"
    nq --db "$SCRATCH/bbc.db" --json -n 20 'u.s. troops'
    pycheck "$OUT_FILE" <<'PY'
check(any(h["path"].endswith("entertainment/151.txt") and h["match"] != "partial" for h in hits),
      "entertainment/151.txt (\"US troops\") holds both words")
PY
    note "on the BBC set: the paragraph that answers, not the lead naming the story (bench/known_items)"
    assert_match "$(shown "$SCRATCH/bbc.db" 'andrea arnold wasp short film')" \
        "^371.txt:5 Arnold's film Wasp won the best live action short film award" "andrea arnold wasp short film"
    assert_match "$(shown "$SCRATCH/bbc.db" "johnny o'connor \"horses for courses\"")" \
        "^420.txt:5 .*horses for courses" "a quoted phrase: the paragraph holding it"
    assert_match "$(shown "$SCRATCH/bbc.db" 'how much was bellamy fined by newcastle?')" \
        "^260.txt:3 Newcastle have fined .* about £80,000" "how much: the passage with the sum"
else
    note "no ../shared/corpora/bbc beside the checkout: the BBC queries are left out"
fi
note "ok"
