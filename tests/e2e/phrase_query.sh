#!/usr/bin/env bash
# A quoted phrase finds the article that holds it, at the right path:line;
# the same words in the other order are a different phrase and find nothing.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

seed="$CORPUS_DIR/seeds/000_5654225a0b112ed2.txt"
# The phrase is in the title (line 1) and in the body at lines 3 and 14, and in
# no other article of the corpus.
assert_eq "1 3 14" "$(grep -n -i 'global coalition' "$seed" | cut -d: -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "lines of $seed holding 'global coalition' (corpus changed?)"
assert_eq 1 "$(grep -rli 'global coalition' "$CORPUS_DIR" | wc -l | tr -d ' ')" "articles holding the phrase"
grep -rqi 'coalition global' "$CORPUS_DIR" && fail "corpus should not hold 'coalition global'"

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"

note "the phrase, human output"
nq --db "$SCRATCH/news.db" '"global coalition"'
assert_status 0 "phrase with a hit"
first_title=$(head -n 1 <<<"$OUT")
assert_eq "1. Paris attacks: France seeks global coalition against ISIS" "$first_title" "first result's title"
location=$(sed -n '2,4p' <<<"$OUT" | grep -E '^   /' | head -n 1 | sed 's/^ *//' || true)
case "$location" in
    "$seed:3" | "$seed:14") ;;
    *) fail "first result should be $seed:3 or :14 (a body line holding the phrase), got '$location'" ;;
esac
line=${location##*:}
passage=$(grep -A1 -F -- "$location" <<<"$OUT" | sed -n 2p || true)
assert_contains "$passage" "global coalition" "the passage shown holds the phrase"
assert_contains "$(sed -n "${line}p" "$seed")" "$(sed 's/^ *//' <<<"$passage" | cut -c1-60)" \
    "the passage starts with file line $line"
assert_eq 1 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "only the one article holds the phrase"
assert_match "$(last_line "$ERR")" '^news-query: 1 matching article, [0-9.]+ ms$' "count line for the phrase"

note "the phrase, JSON: the matches are the phrase's words"
nq --db "$SCRATCH/news.db" --json '"global coalition"'
assert_status 0 "phrase with a hit (--json)"
pycheck "$OUT_FILE" "$seed" <<'EOF'
check_hits()
check(len(hits) == 1, "one hit expected, got %d" % len(hits))
h = hits[0]
check(h["path"] == argv[0], "path %s, expected %s" % (h["path"], argv[0]))
check(h["passages"][0]["line"] in (3, 14), "line %d does not hold the phrase" % h["passages"][0]["line"])
words = [fold(w) for w in passage_words(h["passages"][0])]
check(words and set(words) <= {"global", "coalition"}, "matched words %r" % words)
check(summary["matching"] == 1, "summary: %d matching articles, expected 1" % summary["matching"])
EOF

note "the same words in reverse order"
nq --db "$SCRATCH/news.db" '"coalition global"'
assert_status 1 "a phrase that occurs nowhere"
assert_empty "$OUT" "stdout for a phrase with no hits"
assert_match "$(last_line "$ERR")" '^news-query: 0 matching articles' "count line for no hits"

note "the words unquoted do match (both are in the article)"
nq --db "$SCRATCH/news.db" coalition global
assert_status 0 "the two words, unquoted"
assert_contains "$OUT" "$seed" "the seed article is found by its words"
note "ok"
