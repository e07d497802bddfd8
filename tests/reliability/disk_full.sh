#!/usr/bin/env bash
# A full disk, or a file size limit, while news-index writes: one clear line
# naming the database and the reason, exit status 2, the last commit intact
# (xapian-check passes, its articles are found), and once there is room again
# a re-run finishes the job.
#
# The full disk is a small tmpfs mounted in the scratch folder (needs root;
# that part is skipped, and says so, where mounting is not allowed); the size
# limit is `ulimit -f`, which works anywhere.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 3500 5 bulk
cp -a "$CORPUS_DIR" "$SCRATCH/corpus"

# expect_write_failure WHY: the last news-index run stopped on a failed write.
expect_write_failure() {
    assert_status 2 "news-index on a full disk"
    assert_empty "$OUT" "stdout"
    local last
    last=$(last_line "$ERR")
    assert_match "$last" "^news-index: cannot write database '[^']+': $1" "the error line"
    assert_contains "$last" "a re-run finishes the job" "the error line says what to do"
    assert_no_match "$ERR" 'terminate called|Aborted|DatabaseError:' "no raw exception"
}

# committed_state_intact DB DUMP: after the failure the database is valid and
# holds at least what DUMP (the last commit) held, and its articles are found.
committed_state_intact() {
    check_database "$1"
    dump_catalogue "$1" "$SCRATCH/after.dump"
    check_catalogue "$SCRATCH/after.dump" "$SCRATCH/corpus" "$SCRATCH/bulk" --subset --previous "$2"
    nq --db "$1" '"global coalition"'
    assert_status 0 "an article of the last commit is found"
    assert_contains "$OUT" "Paris attacks" "the article of the last commit"
}

finish_and_compare() {  # DB
    nidx --db "$1" "$SCRATCH/corpus" "$SCRATCH/bulk"
    assert_status 0 "the re-run with room to spare"
    dump_catalogue "$1" "$SCRATCH/final.dump"
    check_catalogue "$SCRATCH/final.dump" "$SCRATCH/corpus" "$SCRATCH/bulk"
    note "re-run: $CHECK_SUMMARY"
    nq --db "$1" bulkmarker
    assert_status 0 "the bulk articles are found after the re-run"
}

note "ulimit -f: a file size limit (EFBIG, SIGXFSZ ignored)"
db=$SCRATCH/limited.db
nidx --db "$db" "$SCRATCH/corpus"
assert_status 0 "indexing corpus/"
dump_catalogue "$db" "$SCRATCH/committed.dump"
# 3,500 more articles need ~13 MB, 5 MB in the largest file; no file may
# pass 2 MB.
run_capture bash -c 'ulimit -f 2048; exec "$@"' limit "$NEWS_INDEX" --db "$db" "$SCRATCH/corpus" "$SCRATCH/bulk"
expect_write_failure 'File too large'
note "$(last_line "$ERR")"
committed_state_intact "$db" "$SCRATCH/committed.dump"
note "after the failure: $DUMP_SUMMARY"
finish_and_compare "$db"

mnt=$SCRATCH/small-disk
mkdir "$mnt"
if ! mount -t tmpfs -o size=4m news-e2e-full "$mnt" 2>/dev/null; then
    note "SKIPPED the full-disk part: cannot mount a tmpfs here (not root, or not allowed)"
    note "ok"
    exit 0
fi
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT

note "a full disk while updating (tmpfs of 4 MB)"
db=$mnt/news.db
nidx --db "$db" "$SCRATCH/corpus"
assert_status 0 "indexing corpus/ onto the small disk"
dump_catalogue "$db" "$SCRATCH/committed.dump"
nidx --db "$db" "$SCRATCH/corpus" "$SCRATCH/bulk"
expect_write_failure 'No space left on device'
note "$(last_line "$ERR")"
committed_state_intact "$db" "$SCRATCH/committed.dump"
note "after the failure: $DUMP_SUMMARY"
mount -o remount,size=200m "$mnt"
finish_and_compare "$db"

note "a full disk during a fresh build (on every core: more than 4,000 files)"
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 4500 6 more
umount "$mnt"
mount -t tmpfs -o size=4m news-e2e-full "$mnt"
nidx --db "$db" "$SCRATCH/corpus" "$SCRATCH/bulk"
expect_write_failure 'No space left on device'
note "$(last_line "$ERR")"
[ ! -e "$db/news-index.building" ] || fail "the failed build left its segments behind in $db/news-index.building"
if [ -d "$db" ]; then check_database "$db"; fi
mount -o remount,size=400m "$mnt"
finish_and_compare "$db"
note "ok"
