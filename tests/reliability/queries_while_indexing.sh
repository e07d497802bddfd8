#!/usr/bin/env bash
# Queries in a loop while news-index writes: none fails, and each sees one
# committed state: while articles are only added the number found never
# drops, while they are only removed it never grows, and every hit is whole
# (title, passage, a line number, a file that exists).  A fresh build on
# every core (shards merged and moved into place) is read from too: there a
# query is told the database is being built (exit 2, never "0 matching")
# until the merged database arrives, and once a query has worked none may
# fail, not even while the merged files move in.  During a rebuild
# (--force) of the same files the old database answers throughout, with the
# same counts, until the new one replaces it.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 4200 9 bulk
cp -a "$CORPUS_DIR" "$SCRATCH/corpus"
db=$SCRATCH/news.db

# query_loop LOG DIRECTION: runs queries until $SCRATCH/stop exists; one line per query
# in LOG: STATUS, MATCHING (from the JSON summary), QUERY, PROBLEM, STDERR,
# separated by tabs.
query_loop() {
    python3 - "$NEWS_QUERY" "$db" "$SCRATCH/stop" "$1" "$2" <<'PYEOF'
import json, os, subprocess, sys
tool, db, stop, log_path = sys.argv[1:5]
check_paths = sys.argv[5] == "up"
# Some with exact counts (at most 1,000 matches), some large.
queries = [["bulkmarker"], ["bulk0001*"], ["bulk00005", "OR", "bulk00300", "OR", "bulk04100"], ['"shares profit"'],
           ["section:bulk", "bulk0002*"], ["gro*"], ["--all-passages", "bulk0003*"],
           ["-n", "50", "--per-article", "3", "bulk0004*"], ["hollande"]]
with open(log_path, "w") as log:
    i = 0
    while not os.path.exists(stop) or i < len(queries):
        args = queries[i % len(queries)]
        i += 1
        run = subprocess.run([tool, "--db", db, "--json"] + args, capture_output=True)
        problem = ""
        matching = -1
        if run.returncode in (0, 1):
            try:
                records = [json.loads(line) for line in run.stdout.decode().splitlines()]
                summary = records[-1]
                assert summary["type"] == "summary", "no summary line"
                matching = summary["matching"] if summary["counts_exact"] else -1
                for hit in records[:-1]:
                    assert hit["type"] == "hit" and hit["passages"], "a hit without passages"
                    assert hit["passages"][0]["line"] >= 1, "a passage without a line"
                    assert hit["title"] or hit["passages"][0]["text"], "a hit without text"
                    if check_paths:
                        assert os.path.isfile(hit["path"]), "a hit for a missing file " + hit["path"]
            except Exception as e:  # noqa: BLE001 - report whatever broke
                problem = "bad output: %s: %r" % (e, run.stdout[:300])
        log.write("%d\t%d\t%s\t%s\t%s\n" % (run.returncode, matching, "|".join(args),
                                         problem, run.stderr.decode(errors="replace").strip().replace("\n", " / ")))
        log.flush()
PYEOF
}

# check_log LOG DIRECTION [ALLOW_EMPTY]: no failed query; per query the counts
# move only in DIRECTION (up or down).
check_log() {
    python3 - "$@" <<'PYEOF'
import sys
log, direction = sys.argv[1], sys.argv[2]
allow_empty = len(sys.argv) > 3
last = {}
runs = 0
opened = False  # once a query has worked, the database must stay readable (the swap)
bad = []
empty_before_open = []  # (query, line): "0 matching" before any query worked
found = set()  # queries that matched once
for line in open(log, encoding="utf-8"):
    status, matching, query, problem, err = line.rstrip("\n").split("\t", 4)
    status, matching = int(status), int(matching)
    runs += 1
    if status == 2 and allow_empty and not opened and (
            "is being built" in err or "no database at" in err or "holds no database yet" in err):
        continue  # a fresh build before the database first opened
    if status == 1 and allow_empty and not opened:
        # Fine for a query the finished database does not match either.
        empty_before_open.append((query, line.strip()))
    opened = opened or status in (0, 1)
    if status not in (0, 1) or problem:
        bad.append(line.strip())
        continue
    if status == 0:
        found.add(query)
    if matching < 0:
        continue  # an estimate: no order to check
    if query in last:
        if direction == "up" and matching < last[query]:
            bad.append("count went down from %d: %s" % (last[query], line.strip()))
        if direction == "down" and matching > last[query]:
            bad.append("count went up from %d: %s" % (last[query], line.strip()))
        if direction == "same" and matching != last[query]:
            bad.append("count changed from %d: %s" % (last[query], line.strip()))
    last[query] = matching
bad += ["answered 0 matching for a database being built: " + line
        for query, line in empty_before_open if query in found]
if bad:
    print("\n".join(bad[:20]), file=sys.stderr)
    sys.exit(1)
print("%d queries, none failed" % runs)
PYEOF
}

run_with_queries() {  # DIRECTION [ALLOW_EMPTY] -- news-index ARGS...
    local direction=$1 allow=""
    shift
    if [ "$1" != "--" ]; then allow=$1; shift; fi
    shift
    rm -f "$SCRATCH/stop"
    local mark
    mark=$(core_mark)
    query_loop "$SCRATCH/queries.log" "$direction" &
    local loop=$!
    sleep 0.3
    nidx "$@"
    touch "$SCRATCH/stop"
    wait "$loop" || fail "the query loop broke"
    # A query killed by a signal is logged with status -N (Python's way).
    local crashed
    crashed=$(awk -F '\t' '$1 < 0 { print 128 - $1; exit }' "$SCRATCH/queries.log")
    [ -z "$crashed" ] || report_core "$crashed" "$mark" "$NEWS_QUERY"
    case "$STATUS" in 0 | 1) ;; *) fail "news-index failed while queried" ;; esac
    local result
    # shellcheck disable=SC2086
    result=$(check_log "$SCRATCH/queries.log" "$direction" $allow 2>&1) || fail "queries during indexing: $result"
    note "$result"
}

note "a fresh build on every core (4,200 files), queried while it runs"
run_with_queries up allow-empty -- --db "$db" "$SCRATCH/bulk"
note "a rebuild (--force) of the same files, queried: the old database answers until the new one replaces it"
run_with_queries same -- --force --db "$db" "$SCRATCH/bulk"
note "adding articles to a database, queried"
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 2500 10 bulk1
run_with_queries up -- --db "$db" "$SCRATCH/bulk" "$SCRATCH/corpus"
note "removing articles, queried"
find "$SCRATCH/bulk" -name 'bulk*-0[0-2]*' -delete
run_with_queries down -- --db "$db" "$SCRATCH/bulk" "$SCRATCH/corpus"
check_database "$db"
note "ok"
