#!/usr/bin/env bash
# Hostile queries and databases for news-query: each gets a clear message
# and the documented exit status (0 hits, 1 none, 2 error as one
# "news-query: ..." line with nothing on stdout); none crashes or hangs.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

cp -a "$CORPUS_DIR" "$SCRATCH/corpus"
# 1,500 distinct words sharing a prefix, for a wildcard that matches too many.
mkdir "$SCRATCH/corpus/wide"
python3 -c "
print('Wide vocabulary')
print()
print(' '.join('zqword%04d' % i for i in range(1500)) + '.')" >"$SCRATCH/corpus/wide/words.txt"
db=$SCRATCH/news.db
nidx --db "$db" "$SCRATCH/corpus"
assert_status 0 "indexing"

no_crash() {  # CONTEXT
    case "$STATUS" in 0 | 1 | 2) ;; *) fail "$1: exit status $STATUS (a crash?)" ;; esac
    assert_no_match "$ERR" 'terminate called|Sanitizer|runtime error|Segmentation|Aborted' "$1: stderr"
}
results_or_none() {  # CONTEXT
    no_crash "$1"
    [ "$STATUS" == 0 ] || [ "$STATUS" == 1 ] || fail "$1: expected results or none, got status $STATUS: $ERR"
    assert_match "$(last_line "$ERR")" '^news-query: (about )?[0-9]+ matching' "$1: the count line"
}
one_error_line() {  # CONTEXT REGEX
    no_crash "$1"
    assert_status 2 "$1"
    assert_empty "$OUT" "$1: stdout"
    assert_eq 1 "$(grep -c '' <<<"$ERR")" "$1: lines on stderr"
    assert_match "$ERR" "^news-query: $2" "$1: the message"
}
timed() {  # SECONDS CONTEXT CMD...: run_capture, failing if it took longer
    local limit=$1 context=$2 started elapsed
    shift 2
    started=$(date +%s%N)
    run_capture "$@"
    elapsed=$((($(date +%s%N) - started) / 1000000))
    [ "$elapsed" -le $((limit * 1000)) ] || fail "$context took $elapsed ms (limit $limit s)"
}

note "unbalanced quotes and brackets: read, with a note"
nq --db "$db" '"global coalition'
results_or_none "an unbalanced quote"
assert_contains "$ERR" "note: unbalanced quote" "the note"
for q in '(hollande' 'hollande)' '((hollande OR paris' '"' '()' ')))((('; do
    nq --db "$db" "$q"
    results_or_none "query $q"
done
nq --db "$db" '(hollande'
assert_contains "$ERR" "note: unbalanced brackets" "the note for a bracket"
python3 -c "print('(' * 5000 + 'hollande' + ')' * 5000)" >"$SCRATCH/nested"
timed 10 "5,000 nested brackets" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/nested")"
results_or_none "5,000 nested brackets"

note "stopwords only, operators only"
for q in 'the' 'the of and a' 'NOT hollande' 'hollande NOT' '+' '*' 'title:' 'section:' 'NEAR'; do
    nq --db "$db" "$q"
    no_crash "query '$q'"
    if [ "$STATUS" == 2 ]; then one_error_line "query '$q'" "cannot parse query"; fi
done
nq --db "$db" -- -hollande
results_or_none "-hollande after --"
nq --db "$db" -hollande
one_error_line "-hollande (an option?)" "unrecognised option '-hollande'.*put -- before the query"
for q in 'NOT' 'AND' 'OR' 'AND OR NOT' 'hollande AND' 'XOR XOR'; do
    nq --db "$db" "$q"
    one_error_line "query '$q'" "cannot parse query '$q'"
done

note "a 10,000-word query: cut to its first 1,000 words, with a note, quickly"
python3 -c "print(' '.join('word%d' % i for i in range(10000)))" >"$SCRATCH/long"
timed 10 "a 10,000-word query" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/long")"
results_or_none "a 10,000-word query"
assert_contains "$ERR" "note: the query has more than 1000 words; only the first 1000 are used" "the note"
timed 10 "a 10,000-word query (--any)" "$NEWS_QUERY" --db "$db" --any "$(cat "$SCRATCH/long") hollande"
results_or_none "a 10,000-word query (--any)"
python3 -c "print('\"' + ' '.join('w%d' % i for i in range(3000)) + '\"')" >"$SCRATCH/phrase"
timed 10 "a 3,000-word phrase" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/phrase")"
results_or_none "a 3,000-word phrase"
python3 -c "print('x' * 100000)" >"$SCRATCH/word"
timed 10 "a 100,000-byte word" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/word")"
results_or_none "a 100,000-byte word"

note "a long query of wildcards joined by OR: cut to a valid query, in a few short lines"
# Regression: the 1,000-word cut counted OR as a word, left the query ending
# in OR, and the parse error echoed the whole query (3.6 KB on one line).
python3 -c "print(' OR '.join(w + '*' for w in 'abcdefghij' * 100))" >"$SCRATCH/alphabet"
python3 -c "print(' OR '.join('w%d*' % i for i in range(1500)))" >"$SCRATCH/many-or"
python3 -c "print('(' * 3 + ' '.join('\"w%d' % i for i in range(1500)))" >"$SCRATCH/open-groups"
for file in alphabet many-or open-groups; do
    timed 10 "$file" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/$file")"
    results_or_none "$file"
    assert_no_match "$ERR" "cannot parse" "$file"
    [ "$(wc -c <"$ERR_FILE")" -lt 400 ] || fail "$file: $(wc -c <"$ERR_FILE") bytes on stderr (bound 400): $(head -c 300 "$ERR_FILE")"
done
python3 -c "print('x' * 5000 + ' AND')" >"$SCRATCH/bad-long"
nq --db "$db" "$(cat "$SCRATCH/bad-long")"
one_error_line "an unparsable 5,000-byte query" "cannot parse query 'x{60}\.\.\. \(5004 bytes\)': "
[ "${#ERR}" -lt 200 ] || fail "the parse error is ${#ERR} bytes long"

note "excluded words alone: everything but them, as NOT"
# Regression: '-hollande' alone found exactly the Hollande articles (Xapian
# read it again as plain 'hollande').
matching_paths() {  # QUERY: the sorted paths of every article found
    nq --db "$db" --json -n 1000 -- "$1"
    case "$STATUS" in 0 | 1) ;; *) fail "query '$1': status $STATUS: $ERR" ;; esac
    python3 -c '
import json, sys
print("\n".join(sorted(json.loads(l)["path"] for l in open(sys.argv[1]) if json.loads(l)["type"] == "hit")))' "$OUT_FILE"
}
everything=$(matching_paths 'NOT zzyzxqvw')
for pair in '-hollande|NOT hollande' '-hollande -chelsea|NOT hollande NOT chelsea' \
    '-"global coalition"|NOT "global coalition"' '-title:chelsea|NOT title:chelsea' \
    'section:sport -chelsea|section:sport NOT chelsea' '-chelsea section:sport|section:sport NOT chelsea' \
    '(-hollande)|NOT hollande' '-section:sport|NOT section:sport'; do
    excluded=${pair%%|*}
    expected=$(matching_paths "${pair#*|}")
    got=$(matching_paths "$excluded")
    [ -n "$got" ] || fail "'$excluded' found nothing"
    assert_eq "$expected" "$got" "'$excluded' finds what '${pair#*|}' finds"
done
hollande=$(matching_paths hollande)
[ -n "$hollande" ] || fail "hollande finds nothing"
assert_eq "$everything" "$(sort <<<"$hollande"$'\n'"$(matching_paths -hollande)")" \
    "hollande and -hollande together are every article"

note "a wildcard repeated 1,000 times: searched once, with a note, quickly"
# Regression: each repetition was expanded again (58 s and 783 MB on BBC x2).
python3 -c "print(' s*' * 1000)" >"$SCRATCH/repeated"
python3 -c "print(' OR '.join(['s*'] * 500))" >"$SCRATCH/repeated-or"
for file in repeated repeated-or; do
    timed 5 "$file" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/$file")"
    results_or_none "$file"
    assert_match "$ERR" "note: 's\*' appears (1000|500) times; it is searched once" "$file: the note"
done
python3 -c "print(' '.join('(s%d* OR w%d)' % (i % 10, i) for i in range(300)))" >"$SCRATCH/many-wildcards"
timed 5 "300 wildcards" "$NEWS_QUERY" --db "$db" "$(cat "$SCRATCH/many-wildcards")"
results_or_none "300 wildcards"
assert_contains "$ERR" "note: the query has 300 wildcards; the first 50 are expanded" "the note on many wildcards"

note "a wildcard matching too many words: bounded, with a note"
timed 10 "zqword*" "$NEWS_QUERY" --db "$db" 'zqword*'
results_or_none "zqword*"
assert_match "$ERR" 'note: zqword\* matches more than [0-9]+ words' "the wildcard note"
nq --db "$db" --json 'zqword00*'
results_or_none "zqword00* (100 words)"
pycheck "$OUT_FILE" <<'PYEOF'
check_hits()
PYEOF

note "control characters and bytes that are not UTF-8"
for q in $'hol\x01lande' $'\x1b[31mhollande\x1b[0m' $'hollande\x7f' $'caf\xe9' $'\xff\xfe' $'\t\r\n hollande'; do
    nq --db "$db" --json "$q"
    results_or_none "query $(printf '%q' "$q")"
    if [ "$STATUS" == 0 ]; then
        pycheck "$OUT_FILE" <<'PYEOF'
check_hits()
PYEOF
    fi
    nq --db "$db" --color always "$q"
    results_or_none "query $(printf '%q' "$q") (text)"
done

note "empty queries"
for q in '' ' ' $'\t\n'; do
    nq --db "$db" "$q"
    one_error_line "query $(printf '%q' "$q")" "no query given"
done

note "databases that are not ours, or not databases"
# A stub file naming the database is the database (shards, docs/scaling.md);
# a file that names no shards is refused.
printf 'auto %s\n' "$db" >"$SCRATCH/stub-file"
nq --db "$SCRATCH/stub-file" hollande
[ "$STATUS" -eq 0 ] || fail "a stub file naming the database: expected exit status 0, got $STATUS"
printf 'hollande\n' >"$SCRATCH/text-file"
nq --db "$SCRATCH/text-file" hollande
one_error_line "a file as the database" "'$SCRATCH/text-file' is not a database \(it is a file"
mkdir "$SCRATCH/empty-folder"
nq --db "$SCRATCH/empty-folder" hollande
one_error_line "an empty folder" "'$SCRATCH/empty-folder' holds no database yet"
cp -a "$db" "$SCRATCH/foreign.db"
xapian-metadata set "$SCRATCH/foreign.db" news-search.schema ""
xapian-metadata set "$SCRATCH/foreign.db" news-search.analysis ""
nq --db "$SCRATCH/foreign.db" hollande
one_error_line "another program's database" "'$SCRATCH/foreign.db' is a Xapian database but not one news-index wrote"
cp -a "$db" "$SCRATCH/future.db"
xapian-metadata set "$SCRATCH/future.db" news-search.schema 99
nq --db "$SCRATCH/future.db" hollande
one_error_line "a newer schema" "'$SCRATCH/future.db' has index schema 99, .*news-index --force"
run_capture "$NEWS_INDEX" --db "$SCRATCH/foreign.db" "$SCRATCH/corpus"
assert_status 2 "news-index on another program's database"
assert_match "$ERR" "^news-index: '$SCRATCH/foreign.db' is a Xapian database but not one news-index wrote" "news-index refuses it"

note "a damaged database: cut short, overwritten"
cp -a "$db" "$SCRATCH/cut.db"
truncate -s 8192 "$SCRATCH/cut.db/postlist.glass"
nq --db "$SCRATCH/cut.db" hollande
one_error_line "a database cut short" "(cannot read the database|the database is damaged|database '[^']*' is damaged)"
assert_contains "$ERR" "news-index --force" "says how to rebuild"
run_capture "$NEWS_INDEX" --db "$SCRATCH/cut.db" "$SCRATCH/corpus"
assert_status 2 "news-index on a database cut short"
assert_match "$ERR" "^news-index: database '$SCRATCH/cut.db' is damaged or unreadable .*news-index --force" "news-index's message"
cp -a "$db" "$SCRATCH/noise.db"
python3 - "$SCRATCH/noise.db/postlist.glass" <<'PYEOF'
import random, sys
with open(sys.argv[1], "r+b") as f:
    f.seek(8192 * 2)
    f.write(random.Random(3).randbytes(8192 * 3))
PYEOF
for q in hollande the '"global coalition"' 'z*'; do
    nq --db "$SCRATCH/noise.db" "$q"
    no_crash "an overwritten database, query $q"
    if [ "$STATUS" == 2 ]; then
        one_error_line "an overwritten database, query $q" "(cannot read the database|the database is damaged|database '[^']*' is damaged)"
    fi
done
run_capture "$NEWS_INDEX" --db "$SCRATCH/noise.db" --force "$SCRATCH/corpus"
assert_status 0 "news-index --force rebuilds a damaged database"

if [ -d "${SHARED_CORPORA:-}/bbc" ]; then
    note "two BBC copies (4,450 articles): repeated and many wildcards within 10 s"
    mkdir "$SCRATCH/bbc2"
    cp -a "$SHARED_CORPORA/bbc" "$SCRATCH/bbc2/a"
    cp -a "$SHARED_CORPORA/bbc" "$SCRATCH/bbc2/b"
    run_capture "$NEWS_INDEX" -q --db "$SCRATCH/bbc2.db" "$SCRATCH/bbc2"
    assert_status 0 "indexing two BBC copies"
    for file in repeated repeated-or alphabet many-wildcards; do
        run_capture timeout 10 "$NEWS_QUERY" --db "$SCRATCH/bbc2.db" "$(cat "$SCRATCH/$file")"
        [ "$STATUS" -le 2 ] || fail "$file on two BBC copies: status $STATUS (124: over 10 s)"
        results_or_none "$file on two BBC copies"
        [ "$(wc -c <"$ERR_FILE")" -lt 400 ] || fail "$file on two BBC copies: $(wc -c <"$ERR_FILE") bytes on stderr"
    done
else
    note "SKIPPED the two BBC copies: no shared corpus at '${SHARED_CORPORA:-}/bbc'"
fi
note "ok"
