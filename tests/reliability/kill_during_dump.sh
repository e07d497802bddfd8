#!/usr/bin/env bash
# news-index killed with SIGKILL while it writes one JSON Lines dump of
# 30,000 records in place (a database that exists already, so the dump is
# written in batches, marked unfinished until its last).  After each kill
# xapian-check passes and no record is in the database twice; the run that
# finally completes leaves every record, once, with nothing marked unfinished,
# and the run after it finds the dump unchanged.
#
# Environment: KILL_TRIALS (default 3), KILL_SEED (default 1).
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

trials=${KILL_TRIALS:-3}
RANDOM=${KILL_SEED:-1}
records=30000
corpus=$SCRATCH/corpus
db=$SCRATCH/news.db
mkdir -p "$corpus"
echo "A first story about the harbour." >"$corpus/first.txt"
nidx --db "$db" "$corpus"
assert_status 0 "the database the dump is added to"
python3 - "$corpus/dump.jsonl" "$records" <<'PY'
import json, random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = "market shares bank rates oil trade growth budget talks vote court police storm".split()
with open(path, "w") as out:
    for i in range(1, n + 1):
        body = " ".join(rng.choice(words) for _ in range(120))
        out.write(json.dumps({"id": f"r{i}", "title": f"Story {i} of the dump", "text": f"Zebrafish report {i}. {body}"}) + "\n")
PY

# How many articles hold "zebrafish": every record, once each (a one-word
# count is exact).
zebrafish_articles() {
    nq --db "$db" --json -n 1 zebrafish
    python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print(next((r["matching"] for r in rows if r.get("type") == "summary"), 0))' <<<"$OUT"
}

kills=0
for trial in $(seq 1 "$trials"); do
    "$NEWS_INDEX" --db "$db" --quiet --threads 1 "$corpus" >"$SCRATCH/run.$trial.out" 2>"$SCRATCH/run.$trial.err" &
    pid=$!
    sleep "$(random_between 0.5 3)"
    if kill -KILL "$pid" 2>/dev/null; then
        status=0
        wait "$pid" || status=$?
        [ "$status" = 137 ] || { [ "$status" -le 1 ] || fail "news-index ended with $status: $(cat "$SCRATCH/run.$trial.err")"; }
        kills=$((kills + 1))
    else
        wait "$pid" || fail "news-index failed: $(cat "$SCRATCH/run.$trial.err")"
    fi
    check_database "$db"
    found=$(zebrafish_articles)
    [ "$found" -le "$records" ] || fail "after kill $kills: $found articles hold zebrafish, more than the $records records"
    note "trial $trial: $found of $records records written"
done

nidx --db "$db" "$corpus"
assert_status 0 "the run after the kills"
check_database "$db"
assert_eq "$records" "$(zebrafish_articles)" "every record once after the run that completes"
left=$(xapian-metadata list "$db" news-search.unfinished. | wc -l)
assert_eq 0 "$left" "marks of unfinished files left"
nidx --db "$db" "$corpus"
assert_status 0 "a run after it"
assert_index_counts "new=0 changed=0 removed=0" "nothing left to do"
note "$kills kills; every record written once"
