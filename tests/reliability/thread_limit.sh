#!/usr/bin/env bash
# A process limit that refuses the parallel build its threads (ulimit -u, as a
# container's limit can): news-index builds on the thread it has, exit status
# 0, every article indexed, and says so with --verbose.  Before, a refused
# thread ended it with "terminate called without an active exception".
#
# The limit binds only users other than root, so news-index runs as nobody
# (setpriv; skipped, and says so, where that is not allowed).
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

nobody=65534
if ! setpriv --reuid=$nobody --regid=$nobody --clear-groups true 2>/dev/null; then
    note "SKIPPED: cannot run as nobody here (setpriv needs root)"
    exit 77
fi
# More than 4,000 files: a fresh build on every core.
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 4500 5 bulk
chmod -R a+rX "$SCRATCH"
mkdir "$SCRATCH/out" && chown $nobody:$nobody "$SCRATCH/out"
db=$SCRATCH/out/news.db

# A limit of one process: no thread can start beside news-index's own.
run_capture setpriv --reuid=$nobody --regid=$nobody --clear-groups \
    bash -c 'ulimit -u 1; exec "$@"' limit "$NEWS_INDEX" --threads 2 --verbose --db "$db" "$SCRATCH/bulk"
assert_status 0 "news-index with no thread to spare"
assert_no_match "$ERR" 'terminate called|Aborted' "no abort"
assert_contains "$ERR" "building on 1 of 2 threads: another could not start (Resource temporarily unavailable)" \
    "the verbose note"
assert_contains "$(last_line "$ERR")" "4500 new" "the summary line"
check_database "$db"
dump_catalogue "$db" "$SCRATCH/after.dump"
check_catalogue "$SCRATCH/after.dump" "$SCRATCH/bulk"
note "$CHECK_SUMMARY"
nq --db "$db" bulkmarker
assert_status 0 "the articles are found"
note "ok"
