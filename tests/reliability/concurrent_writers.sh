#!/usr/bin/env bash
# A second news-index on a database another one is writing: with
# --lock-timeout 0 it stops at once with one clear line; with a timeout it
# says it waits, and either gives up with one line when the time is up or,
# once the first has finished, does its own work.  The database is never
# damaged and ends up holding both runs' files.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

# Enough that the first writer runs for seconds (12,000 articles: about 3 s).
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 12000 3 bulk
cp -a "$CORPUS_DIR" "$SCRATCH/corpus"
db=$SCRATCH/news.db
nidx --db "$db" "$SCRATCH/corpus"
assert_status 0 "indexing corpus/"

# start_first_writer: indexes the bulk folder in the background (some
# seconds), once the database is locked.
start_first_writer() {
    rm -rf "$db" && nidx --db "$db" "$SCRATCH/corpus"
    FIRST_CORE_MARK=$(core_mark)
    "$NEWS_INDEX" --db "$db" "$SCRATCH/corpus" "$SCRATCH/bulk" >"$SCRATCH/first.out" 2>"$SCRATCH/first.err" &
    FIRST=$!
    # Wait until it holds the lock: a --lock-timeout 0 writer is refused.
    local i
    for i in $(seq 1 100); do
        if ! "$NEWS_INDEX" --db "$db" --lock-timeout 0 --quiet "$SCRATCH/corpus" >/dev/null 2>&1; then return; fi
        sleep 0.02
    done
    fail "the first writer never took the lock"
}

finish_first_writer() {
    local status=0
    wait "$FIRST" || status=$?
    report_core "$status" "$FIRST_CORE_MARK"
    [ "$status" == 0 ] || fail "the first writer failed ($status): $(cat "$SCRATCH/first.err")"
}

note "--lock-timeout 0: refused at once"
start_first_writer
started=$(date +%s%N)
nidx --db "$db" --lock-timeout 0 "$SCRATCH/corpus"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
assert_status 2 "a second writer with --lock-timeout 0"
assert_eq 1 "$(grep -c '' <<<"$ERR")" "lines on stderr"
assert_match "$ERR" "^news-index: database '$db' is being written by another process .*try again when it has finished" \
    "the refusal"
[ "$elapsed_ms" -lt 3000 ] || fail "--lock-timeout 0 took $elapsed_ms ms"
finish_first_writer

note "--lock-timeout 1: waits, says so, then gives up"
start_first_writer
started=$(date +%s%N)
nidx --db "$db" --lock-timeout 1 "$SCRATCH/corpus"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
assert_status 2 "a second writer that gives up"
assert_eq 2 "$(grep -c '' <<<"$ERR")" "lines on stderr (waiting, giving up)"
assert_match "$(head -n 1 <<<"$ERR")" "^news-index: database '$db' is being written by another process .*waiting up to 1 s" \
    "the waiting line"
assert_match "$(last_line "$ERR")" "^news-index: database '$db' is still being written by another process after 1 s; .*--lock-timeout" \
    "the giving-up line"
[ "$elapsed_ms" -ge 1000 ] && [ "$elapsed_ms" -lt 5000 ] || fail "--lock-timeout 1 returned after $elapsed_ms ms"
finish_first_writer

note "a wait long enough: the second writer runs once the first has finished"
# The default wait is 30 s (news-index --help); on a loaded machine the
# first writer can take longer than that, so this waits as long as it takes.
nidx --help
assert_contains "$OUT" "--lock-timeout SECONDS (=30)" "the default wait"
start_first_writer
mkdir "$SCRATCH/late"
printf 'Late arrival\n\nThe latecomerword is in an article the second writer adds.\n' >"$SCRATCH/late/late.txt"
nidx --db "$db" --lock-timeout 900 "$SCRATCH/corpus" "$SCRATCH/bulk" "$SCRATCH/late"
assert_status 0 "a second writer that waits"
assert_match "$(head -n 1 <<<"$ERR")" "waiting up to 900 s for it to finish \(--lock-timeout\)" "the waiting line"
assert_contains "$(index_summary)" "1 new" "the second writer's own work"
finish_first_writer
check_database "$db"
dump_catalogue "$db" "$SCRATCH/final.dump"
check_catalogue "$SCRATCH/final.dump" "$SCRATCH/corpus" "$SCRATCH/bulk" "$SCRATCH/late"
note "$CHECK_SUMMARY"
nq --db "$db" latecomerword
assert_status 0 "the second writer's article"
nq --db "$db" bulkmarker
assert_status 0 "the first writer's articles"

note "many writers at once"
rm -rf "$db"
pids=()
mark=$(core_mark)
for i in 1 2 3 4; do
    "$NEWS_INDEX" --db "$db" --lock-timeout 120 "$SCRATCH/corpus" "$SCRATCH/bulk" >/dev/null 2>"$SCRATCH/w$i.err" &
    pids+=($!)
done
for i in 1 2 3 4; do
    status=0
    wait "${pids[$((i - 1))]}" || status=$?
    report_core "$status" "$mark"
    [ "$status" == 0 ] || fail "writer $i failed ($status): $(cat "$SCRATCH/w$i.err")"
done
check_database "$db"
dump_catalogue "$db" "$SCRATCH/final.dump"
check_catalogue "$SCRATCH/final.dump" "$SCRATCH/corpus" "$SCRATCH/bulk"
note "4 writers: $CHECK_SUMMARY"
note "ok"
