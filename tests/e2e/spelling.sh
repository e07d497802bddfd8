#!/usr/bin/env bash
# Did you mean: a word no article holds gets the nearest word the index
# holds, on standard error (a "spelling" line in JSON); when nothing matched,
# the suggestion's results are shown and the output says so.  Names the
# index holds are never "corrected" (Xapian's spelling data alone would
# offer "much" for "Mutu"), nor are fields, operators or dates; a database
# without spelling data gets no suggestion and no error; a 1,000-word
# query stays fast; news-index --no-spelling and its re-run rules.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

# A copy: the re-runs below touch a file.
corpus=$SCRATCH/corpus
copy_corpus "$corpus"
nidx --db "$SCRATCH/news.db" "$corpus"
assert_status 0 "indexing corpus/"
db=$SCRATCH/news.db
mutu=$corpus/bbc/sport/199.txt

note "a misspelt word that matches nothing: corrected and searched"
nq --db "$db" coalitoin
assert_status 0 "the suggestion's results are results"
assert_contains "$ERR" "news-query: did you mean: coalition" "the suggestion on standard error"
assert_contains "$ERR" "nothing matched the query as typed; showing the results of the suggestion" \
    "says the results are the suggestion's"
assert_not_contains "$OUT" "did you mean" "standard output holds the results only"
nq --db "$db" coalition
expected=$OUT
nq --db "$db" coalitoin
assert_eq "$expected" "$OUT" "the results of 'coalitoin' are those of 'coalition'"

note "a misspelt word beside a word that matches: suggested, the query's own results kept"
nq --db "$db" Chelsae Mutu
assert_status 0 "Mutu matches"
assert_contains "$ERR" "news-query: did you mean: Chelsea Mutu" "the typed capital is kept"
assert_not_contains "$ERR" "nothing matched" "something matched: the results are the query's"
assert_contains "$OUT" "corpus/bbc/sport/199.txt" "the article naming Mutu"

note "names the index holds are left alone"
for name in Mutu Obama Blair Putin; do
    nq --db "$db" "$name"
    assert_status 0 "$name is in the corpus"
    assert_not_contains "$ERR" "did you mean" "$name is indexed: no suggestion"
done

note "fields, operators, dates, wildcards and excluded words are not corrected"
for query in 'title:coalitoin' 'section:sprot' 'date:2015' 'coalitoin*' 'mutu -coalitoin' 'mutu NOT coalitoin' \
    'mutu XOR chelsea'; do
    nq --db "$db" "$query"
    assert_not_contains "$ERR" "did you mean" "no suggestion for: $query"
done
nq --db "$db" 'title:mutu coalitoin'
assert_contains "$ERR" "did you mean: title:mutu coalition" "a plain word beside a field is corrected"

note "JSON: a spelling line before the hits"
nq --db "$db" --json obma
assert_status 0 "obma finds Obama's articles"
pycheck "$OUT_FILE" <<'EOF'
check(len(records) >= 3, "a spelling line, hits and a summary: %r" % records)
spelling = records[0]
check(spelling["type"] == "spelling", "the first line is the suggestion: %r" % spelling)
check(spelling["query"] == "obma" and spelling["suggestion"] == "obama", "obma -> obama: %r" % spelling)
check(spelling["corrections"] == [{"word": "obma", "suggestion": "obama"}], "one correction: %r" % spelling)
check(spelling["searched"] is True, "nothing matched obma: the hits are obama's")
check(hits and all("Obama" in h["title"] or "Obama" in " ".join(p["text"] for p in h["passages"]) for h in hits),
      "every hit names Obama")
EOF

note "a 1,000-word query stays fast"
words=$(tr -cs 'A-Za-z' ' ' <"$corpus/bbc/business/001.txt")
long="coalitoin"
while [ "$(wc -w <<<"$long")" -lt 1000 ]; do long="$long $words"; done
long=$(cut -d' ' -f1-1000 <<<"$long")
start=$(date +%s%N)
nq --db "$db" -n 3 "$long"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_status 0 "the long query finds articles"
assert_contains "$ERR" "did you mean: coalition " "its misspelt first word is corrected"
[ "$elapsed_ms" -lt 5000 ] || fail "a 1,000-word query took ${elapsed_ms} ms"

note "a database without spelling data: no suggestion, no error"
nidx --no-spelling --db "$SCRATCH/plain.db" "$corpus"
assert_status 0 "indexing with --no-spelling"
nq --db "$SCRATCH/plain.db" coalitoin
assert_status 1 "nothing matches coalitoin"
assert_not_contains "$ERR" "did you mean" "no spelling data, no suggestion"
assert_not_contains "$ERR" "error" "and no error"
# A database from before spelling data existed has no key at all.
cp -a "$db" "$SCRATCH/old.db"
xapian-metadata set "$SCRATCH/old.db" news-search.spelling ''
nq --db "$SCRATCH/old.db" coalitoin
assert_status 1 "nothing matches coalitoin in the old database"
assert_not_contains "$ERR" "did you mean" "an old database gets no suggestion"

note "--no-spelling on a database with spelling data needs --force"
nidx --no-spelling --db "$db" "$corpus"
assert_status 2 "refused"
assert_eq 1 "$(wc -l <<<"$ERR")" "one line: $ERR"
assert_contains "$ERR" "'$db' has spelling data; --no-spelling takes effect on a new database or with --force" \
    "names the database and the way"
nq --db "$db" coalitoin
assert_contains "$ERR" "did you mean: coalition" "the refused run changed nothing"
nidx --no-spelling --force --db "$db" "$corpus"
assert_status 0 "rebuilt without spelling data"
nq --db "$db" coalitoin
assert_not_contains "$ERR" "did you mean" "rebuilt without spelling data: no suggestion"
# A re-run keeps the database's choice.
touch "$mutu"
nidx --db "$db" "$corpus"
assert_status 0 "re-run"
nq --db "$db" coalitoin
assert_not_contains "$ERR" "did you mean" "the re-run kept it without spelling data"

note "ok"
