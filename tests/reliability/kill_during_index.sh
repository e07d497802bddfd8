#!/usr/bin/env bash
# news-index killed with SIGKILL at random moments on a real corpus.  After
# each kill: xapian-check passes, every article has its key and passages, nothing
# committed before is lost, no file is in the database twice; then a re-run
# completes and the database holds exactly the files (articles and
# duplicates), each with its current stamp, or names them as skipped.
#
# Trials cycle through: a kill during a fresh build; a kill during a run
# that picks up changed, touched, added and deleted files; and a kill during
# the re-run that follows a kill.
#
# Environment:
#   KILL_CORPUS     bbc (default: ../shared/corpora/bbc, copied), bbc2 (two
#                   copies of it, 4,452 files, so a fresh build runs on every
#                   core and settles duplicates across shards) or reuters
#                   (reuters-financial-106k.tar.xz, extracted to scratch)
#   KILL_CHANGE_DIVISOR  a changes trial alters 1/N of the files (default 8)
#   KILL_FIRST_LIMIT     seconds: the first kill comes within this (default 4)
#   KILL_TRIALS     kills to make (default 3)
#   KILL_SEED       seed for the random moments and changes (default 1)
#   KILL_CHAIN_FRESH  1: the fresh build is killed again and again until a
#                   run finishes before its kill (for the big corpus, where
#                   finishing after every kill would take hours); default 0
#   KILL_SHARDS     N: the database is built as N shards (news-index --shards N)
#   KILL_REPORT     a file to append the figures to (trials, kills, checks)
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

corpus_name=${KILL_CORPUS:-bbc}
trials=${KILL_TRIALS:-3}
seed=${KILL_SEED:-1}
chain_fresh=${KILL_CHAIN_FRESH:-0}
RANDOM=$seed

corpus=$SCRATCH/corpus
case "$corpus_name" in
    bbc)
        need_shared_corpus bbc
        cp -a "$SHARED_PATH" "$corpus"
        chmod -R u+w "$corpus"
        query_word=market
        ;;
    bbc2)
        need_shared_corpus bbc
        mkdir "$corpus"
        cp -a "$SHARED_PATH" "$corpus/one"
        cp -a "$SHARED_PATH" "$corpus/two"
        chmod -R u+w "$corpus"
        query_word=market
        ;;
    reuters)
        need_shared_corpus reuters-financial-106k.tar.xz
        archive=$SHARED_PATH
        mkdir "$corpus"
        note "extracting $archive"
        tar -xJf "$archive" -C "$corpus"
        query_word=market
        ;;
    *) fail "KILL_CORPUS must be bbc or reuters, not $corpus_name" ;;
esac
db=$SCRATCH/news.db
shard_options=()
[ -n "${KILL_SHARDS:-}" ] && shard_options=(--shards "$KILL_SHARDS")
note "corpus: $(count_files "$corpus") article files"

last_dump=$SCRATCH/committed.dump  # the last state known to be committed
: >"$last_dump"
full_seconds=""     # how long the last complete run took
kills=0
completed_before_kill=0
runs=0
peak_rss_kib=0  # of the complete runs

# index_in_background: starts news-index; sets INDEX_PID.
index_in_background() {
    runs=$((runs + 1))
    INDEX_CORE_MARK=$(core_mark)
    "$NEWS_INDEX" --db "$db" "${shard_options[@]}" --quiet "$corpus" >"$SCRATCH/run.$runs.out" 2>"$SCRATCH/run.$runs.err" &
    INDEX_PID=$!
}

# kill_after SECONDS: kills the running news-index after SECONDS; sets
# KILLED=1 when it was still running, else KILLED=0 and RAN_SECONDS to how
# long it ran.
kill_after() {
    local started now
    started=$(date +%s.%N)
    local deadline
    deadline=$(awk -v a="$started" -v d="$1" 'BEGIN { printf "%.3f\n", a + d }')
    KILLED=1
    while :; do
        now=$(date +%s.%N)
        if ! kill -0 "$INDEX_PID" 2>/dev/null; then KILLED=0; break; fi
        awk -v n="$now" -v d="$deadline" 'BEGIN { exit !(n >= d) }' && break
        sleep 0.02
    done
    RAN_SECONDS=$(awk -v a="$started" -v b="$now" 'BEGIN { printf "%.2f\n", b - a }')
    [ "$KILLED" == 1 ] && { kill -KILL "$INDEX_PID" 2>/dev/null || KILLED=0; }
    local status=0
    wait "$INDEX_PID" || status=$?
    report_core "$status" "$INDEX_CORE_MARK"
    if [ "$KILLED" == 1 ] && [ "$status" != 137 ]; then
        KILLED=0  # it ended on its own just before the signal
    fi
    if [ "$KILLED" == 0 ] && [ "$status" -gt 1 ]; then
        fail "news-index ended with status $status before it was killed: $(cat "$SCRATCH/run.$runs.err")"
    fi
}

# after_kill: the checks that must hold right after a kill.
after_kill() {
    kills=$((kills + 1))
    if [ ! -d "$db" ]; then
        note "kill $kills: no database folder yet"
        return
    fi
    check_database "$db"
    dump_catalogue "$db" "$SCRATCH/killed.dump"
    check_catalogue "$SCRATCH/killed.dump" "$corpus" --subset --previous "$last_dump"
    nq --db "$db" "$query_word"
    case "$STATUS" in
        0 | 1) ;;
        2) assert_contains "$ERR" "is empty" "a query after kill $kills (only an empty database may refuse)" ;;
        *) fail "news-query after kill $kills: status $STATUS" ;;
    esac
    note "kill $kills: $DUMP_SUMMARY; xapian-check ok; queries ok"
    cp "$SCRATCH/killed.dump" "$last_dump"
}

# complete_run: a re-run that finishes, then the full comparison.
complete_run() {
    local started ended
    started=$(date +%s.%N)
    if [ -n "${PEAK_RSS:-}" ]; then
        run_capture "$PEAK_RSS" "$SCRATCH/rss" "$NEWS_INDEX" --db "$db" "${shard_options[@]}" "$corpus"
        local rss
        rss=$(cat "$SCRATCH/rss")
        [ "$rss" -le "$peak_rss_kib" ] || peak_rss_kib=$rss
    else
        nidx --db "$db" "${shard_options[@]}" "$corpus"
    fi
    ended=$(date +%s.%N)
    case "$STATUS" in 0 | 1) ;; *) fail "the re-run after a kill failed" ;; esac
    [ -n "$(index_summary)" ] || fail "the re-run printed no summary"
    full_seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f\n", b - a }')
    dump_catalogue "$db" "$last_dump"
    check_catalogue "$last_dump" "$corpus" --skip-log "$ERR_FILE"
    note "re-run completed in $full_seconds s: $CHECK_SUMMARY"
}

# change_corpus N: N files changed, touched, deleted, added or copied.
change_corpus() {
    python3 - "$corpus" "$1" "$RANDOM" <<'PYEOF'
import os, random, shutil, sys
root, n, seed = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
files = []
for folder, dirs, names in os.walk(root):
    dirs[:] = sorted(d for d in dirs if not d.startswith(b"."))
    files += [os.path.join(folder, name) for name in sorted(names) if not name.startswith(b".")]
chosen = rng.sample(files, min(n, len(files)))
for i, path in enumerate(chosen):
    action = i % 6
    if action in (0, 1):    # changed text
        with open(path, "ab") as f:
            f.write(b"\n\nA later paragraph added by the kill test, change %d of seed %d.\n" % (i, seed))
    elif action == 2:       # touched only
        os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 1_000_000_000))
    elif action == 3:       # gone
        os.remove(path)
    elif action == 4:       # a new article
        with open(path, "rb") as f:
            data = f.read()
        with open(path + b"-new%d" % seed, "wb") as f:
            f.write(data + b"\n\nA new article written by the kill test, number %d.\n" % i)
    else:                   # a byte-identical copy (a duplicate)
        shutil.copyfile(path, path + b"-copy%d" % seed)
PYEOF
}

attempts=0
trial_kind=fresh
while [ "$kills" -lt "$trials" ]; do
    attempts=$((attempts + 1))
    [ "$attempts" -le $((trials * 4 + 10)) ] || fail "too many runs ended before their kill"
    case "$trial_kind" in
        fresh) rm -rf "$db" ;;
        changes) change_corpus "$(($(count_files "$corpus") / ${KILL_CHANGE_DIVISOR:-8} + 1))" ;;
        resume) ;;
    esac
    # Kill at a random moment within the time a complete run took (or a
    # guess before there was one).
    limit=${full_seconds:-${KILL_FIRST_LIMIT:-4}}
    delay=$(random_between 0.1 "$limit")
    index_in_background
    kill_after "$delay"
    if [ "$KILLED" == 0 ]; then
        completed_before_kill=$((completed_before_kill + 1))
        note "$trial_kind run finished in $RAN_SECONDS s, before its kill at $delay s"
        full_seconds=$RAN_SECONDS
        dump_catalogue "$db" "$last_dump"
        check_catalogue "$last_dump" "$corpus" --skip-log "$SCRATCH/run.$runs.err"
        trial_kind=changes
        continue
    fi
    note "$trial_kind run killed after ${delay} s"
    after_kill
    if [ "$trial_kind" == fresh ] && [ "$chain_fresh" == 1 ]; then
        trial_kind=resume
        full_seconds=${KILL_CHAIN_LIMIT:-60}
        continue
    fi
    if [ "$trial_kind" != resume ] && [ $((kills % 3)) == 2 ] && [ "$kills" -lt "$trials" ]; then
        trial_kind=resume  # the re-run itself is killed next
        continue
    fi
    complete_run
    trial_kind=changes
done
complete_run
summary="kill_during_index: corpus $corpus_name, seed $seed: $kills kills, 0 failures, $runs runs ($completed_before_kill finished before their kill), complete re-runs peaked at $((peak_rss_kib / 1024)) MiB RSS"
note "$summary"
if [ -n "${KILL_REPORT:-}" ]; then printf '%s\n' "$summary" >>"$KILL_REPORT"; fi
note "ok"
