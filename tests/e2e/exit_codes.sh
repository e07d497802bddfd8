#!/usr/bin/env bash
# news-query's exit status and error messages: 0 hits, 1 no hits, 2 errors
# (one "news-query: ..." line on stderr), and a reader that goes away early
# (`| head -1`) is not an error.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"
db=$SCRATCH/news.db

# An error is exactly one line on stderr, starting "news-query: ", and nothing
# on stdout.
assert_one_error_line() {  # CONTEXT
    assert_status 2 "$1"
    assert_empty "$OUT" "$1: stdout"
    assert_eq 1 "$(grep -c '' <<<"$ERR")" "$1: lines on stderr"
    assert_match "$ERR" '^news-query: .' "$1: stderr"
}

note "hits -> 0"
nq --db "$db" hollande
assert_status 0 "a query with hits"
[ -n "$OUT" ] || fail "a query with hits printed nothing"
assert_match "$(last_line "$ERR")" '^news-query: [0-9]+ matching articles?' "count line"

note "no hits -> 1, nothing on stdout"
nq --db "$db" zzyzxqvw
assert_status 1 "a query with no hits"
assert_empty "$OUT" "stdout of a query with no hits"
assert_match "$ERR" '^news-query: 0 matching articles' "count line for no hits"
nq --db "$db" --json zzyzxqvw
assert_status 1 "a query with no hits (--json)"

note "empty / unparsable queries -> 2"
nq --db "$db"
assert_one_error_line "no query at all"
nq --db "$db" ''
assert_one_error_line "an empty query"
nq --db "$db" '   '
assert_one_error_line "a blank query"
nq --db "$db" 'hollande AND'
assert_one_error_line "'hollande AND'"
assert_contains "$ERR" "hollande AND" "the message quotes the query"
nq --db "$db" 'AND'
assert_one_error_line "'AND'"

note "missing database -> 2, says how to build one"
missing=$SCRATCH/no-such.db
nq --db "$missing" hollande
assert_one_error_line "missing database"
assert_contains "$ERR" "$missing" "the message names the missing database"
assert_contains "$ERR" "news-index" "the message says how to build a database"
[ ! -e "$missing" ] || fail "news-query created $missing"
note "missing database given through NEWS_SEARCH_DB"
NEWS_SEARCH_DB=$missing run_capture "$NEWS_QUERY" hollande
assert_one_error_line "missing database (NEWS_SEARCH_DB)"
assert_contains "$ERR" "$missing" "the message names the missing database"

note "--db is a regular file -> 2"
printf 'not a database\n' >"$SCRATCH/plain-file"
nq --db "$SCRATCH/plain-file" hollande
assert_one_error_line "--db naming a regular file"
assert_contains "$ERR" "$SCRATCH/plain-file" "the message names the file"
note "--db is a folder that is no database -> 2"
mkdir "$SCRATCH/empty-folder"
nq --db "$SCRATCH/empty-folder" hollande
assert_one_error_line "--db naming an empty folder"

note "bad options -> 2"
nq --db "$db" --no-such-option hollande
assert_one_error_line "unknown option"
assert_contains "$ERR" "no-such-option" "the message names the unknown option"
nq --db "$db" --color sometimes hollande
assert_one_error_line "--color sometimes"
nq --db "$db" -n 0 hollande
assert_one_error_line "-n 0"
nq --db "$db" -n lots hollande
assert_one_error_line "-n lots"
nq --db "$db" --per-article 0 hollande
assert_one_error_line "--per-article 0"

note "numbers out of range -> 2, one line naming the option and its range"
# Regression: -n -1 wrapped round to show everything, -n 4294967296 was cut
# to 32 bits (0 hits, "68 matching"), --threads -1 said "out of memory".
for args in "-n -1" "-n 4294967296" "-n 2.5" "--count=-3" "--offset -1" "--offset 99999999999" \
    "--per-article -1" "--per-article 0"; do
    # shellcheck disable=SC2086
    nq --db "$db" $args hollande
    assert_one_error_line "$args"
    assert_match "$ERR" "^news-query: --(count|offset|per-article) takes a whole number from [01] to 4294967295, not '" \
        "$args: the message names the option and its range"
done
nq --db "$db" -n 4294967295 --offset 1 hollande
assert_status 0 "the largest -n"
for args in "--threads -1" "--threads 4294967296" "--threads 100000" "--lock-timeout inf" "--lock-timeout 1e10" \
    "--lock-timeout -1" "--lock-timeout nan" "--lock-timeout soon"; do
    # shellcheck disable=SC2086
    run_capture "$NEWS_INDEX" --db "$SCRATCH/numbers.db" $args "$CORPUS_DIR"
    assert_status 2 "news-index $args"
    assert_empty "$OUT" "news-index $args: stdout"
    assert_eq 1 "$(grep -c '' <<<"$ERR")" "news-index $args: lines on stderr"
    assert_match "$ERR" "^news-index: --(threads takes a whole number from 0 to 1024|lock-timeout takes a number of seconds from 0 to 31536000), not '" \
        "news-index $args: the message names the option and its range"
    assert_no_match "$ERR" "memory" "news-index $args"
    [ ! -e "$SCRATCH/numbers.db" ] || fail "news-index $args created the database before refusing the option"
done
run_capture "$NEWS_INDEX" --db "$SCRATCH/numbers.db" --threads 1024 --lock-timeout 0.5 "$CORPUS_DIR"
assert_status 0 "news-index with the largest --threads and a fractional --lock-timeout"

note "--help -> 0"
nq --help
assert_status 0 "--help"
assert_contains "$OUT" "Usage: news-query" "help text"
assert_empty "$ERR" "--help stderr"

note "| head -1 on a long listing"
# Far more output than a pipe holds, so news-query does write after head quit.
for args in "--all-passages -n 1000 the" "--json --all-passages -n 1000 the" "-n 100 --per-article 20 the"; do
    # shellcheck disable=SC2086
    first=$("$NEWS_QUERY" --db "$db" $args 2>"$SCRATCH/head.err" | head -n 1; echo "status=${PIPESTATUS[0]}")
    status=${first##*status=}
    assert_eq 0 "$status" "news-query $args | head -1: news-query's exit status"
    assert_empty "$(cat "$SCRATCH/head.err")" "news-query $args | head -1: stderr"
    assert_match "$first" '^(1\. |\{)' "news-query $args | head -1: first line"
done
size=$("$NEWS_QUERY" --db "$db" --all-passages -n 1000 the 2>/dev/null | wc -c || true)
[ "$size" -gt 100000 ] || fail "the | head test needs more than a pipe's worth of output, got $size bytes"

note "news-index errors -> 2"
run_capture "$NEWS_INDEX" --db "$SCRATCH/x.db"
assert_status 2 "news-index without a folder"
assert_match "$ERR" '^news-index: .' "news-index error line"
run_capture "$NEWS_INDEX" --db "$SCRATCH/plain-file" "$CORPUS_DIR"
assert_status 2 "news-index --db naming a regular file"
assert_contains "$ERR" "$SCRATCH/plain-file" "the message names the file"
assert_eq "not a database" "$(cat "$SCRATCH/plain-file")" "news-index must not touch a file given as --db"
run_capture "$NEWS_INDEX" --bogus --db "$SCRATCH/x.db" "$CORPUS_DIR"
assert_status 2 "news-index unknown option"
note "ok"
