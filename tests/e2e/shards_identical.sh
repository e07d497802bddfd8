#!/usr/bin/env bash
# One corpus built as one database, as 3 local shards, and as the same 3
# shards served by 3 xapian-tcpsrv on 127.0.0.1: every query gives the same
# articles in the same order, scores equal to 1e-9, the same counts,
# facets, timeline and passages (tests/e2e/same_results.py).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

command -v xapian-tcpsrv >/dev/null || fail "xapian-tcpsrv is not installed (Debian's xapian-tools: scripts/install-deps)"

inputs=("$CORPUS_DIR" "$FIXTURES_DIR/dated" "$FIXTURES_DIR/reuters" "$FIXTURES_DIR/sgml")

note "one database"
nidx --db one.db "${inputs[@]}"
[ "$STATUS" -le 1 ] || fail "building one database failed"
note "3 local shards"
nidx --db sharded.db --shards 3 "${inputs[@]}"
[ "$STATUS" -le 1 ] || fail "building 3 shards failed"
[ -f sharded.db/XAPIANDB ] || fail "a sharded database lists its shards in XAPIANDB"
for k in 0 1 2; do
    [ -d "sharded.db/shard-$k" ] || fail "shard $k is missing"
done

# Three servers, each on a port it could listen on (a port free when
# asked may be taken by the time the server binds it: then another is
# tried), stopped however the test ends.
server_pids=()
stop_servers() {
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$SCRATCH"
}
trap stop_servers EXIT
# start_server SHARD: serves it on a free port, left in $served_port.
start_server() {
    local shard=$1 attempt port pid
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        timeout 600 xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$shard" >"server-$port.log" 2>&1 &
        pid=$!
        # Listening (0), or the server gave up because the port was taken (1).
        if python3 -c '
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
deadline = time.time() + 20
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit(1)
        time.sleep(0.05)
sys.exit(2)' "$port" "$pid"; then
            server_pids+=("$pid")
            served_port=$port
            return 0
        fi
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        note "xapian-tcpsrv on port $port (attempt $attempt): $(tr '\n' ' ' <"server-$port.log")"
    done
    return 1
}
: >remote.stub
for k in 0 1 2; do
    start_server "sharded.db/shard-$k" || fail "xapian-tcpsrv could not serve shard $k"
    printf 'remote 127.0.0.1:%s\n' "$served_port" >>remote.stub
done

# name|arguments, split at ^: words, a phrase, fields, --any, a long query
# (feedback), --all-passages, date filters, facets and the timeline,
# sorting, a wildcard, an exclusion, counting.
queries=(
    "words|election"
    "two words|oil prices"
    "phrase|\"prime minister\""
    "title field|title:election"
    "source field|source:reuters"
    "any word|--any^tony blair labour election"
    "long query with feedback|the government said it would raise taxes on fuel to pay for public services and schools"
    "all passages|--all-passages^minister"
    "date filter|said^--since^2000-01-01^--until^2012-12-31"
    "date range|date:2006..2012 oil"
    "facets|said^--facets^source,year,month,author,section,lang"
    "timeline|said^--timeline^month"
    "newest first|--sort^newest^said"
    "wildcard|elect*"
    "exclusion|election -labour"
    "count only|--count-only^minister"
)

compared=0
for entry in "${queries[@]}"; do
    name=${entry%%|*}
    IFS='^' read -r -a args <<< "${entry#*|}"
    for db in one.db sharded.db remote.stub; do
        "$NEWS_QUERY" --db "$db" --json --count 100 "${args[@]}" > "$db.out" 2> "$db.err" && status=0 || status=$?
        [ "$status" -le 1 ] || { cat "$db.err" >&2; fail "$name: news-query --db $db exited $status"; }
        printf '%s\n' "$status" > "$db.status"
    done
    grep -q '"type":"hit"\|"type":"summary"' one.db.out || fail "$name: no output from one database"
    cmp -s one.db.status sharded.db.status || fail "$name: exit status $(cat one.db.status) on one database, $(cat sharded.db.status) on 3 shards"
    cmp -s one.db.status remote.stub.status || fail "$name: exit status differs over remote shards"
    python3 "$SOURCE_DIR/tests/e2e/same_results.py" one.db.out sharded.db.out > diff.txt ||
        fail "$name: 3 local shards differ from one database: $(cat diff.txt)"
    # Over remote shards, stories are not counted, and copies of one text
    # are counted each in the facets and timeline (compared below with
    # --no-fold).
    python3 "$SOURCE_DIR/tests/e2e/same_results.py" sharded.db.out remote.stub.out --remote > diff.txt ||
        fail "$name: remote shards differ from local ones: $(cat diff.txt)"
    compared=$((compared + 1))
done
note "$compared queries give the same results on one database, 3 local shards and 3 remote shards"

# Every copy counted: remote counts are exact, facets and all.
for db in sharded.db remote.stub; do
    "$NEWS_QUERY" --db "$db" --json --no-fold --facets source,year,author,section --timeline month said > "$db.nofold" 2>/dev/null || true
done
python3 "$SOURCE_DIR/tests/e2e/same_results.py" sharded.db.nofold remote.stub.nofold > diff.txt ||
    fail "--no-fold: remote shards count differently: $(cat diff.txt)"
nq --db remote.stub --count-only said
grep -q "over remote shards stories are not counted" "$ERR_FILE" "$OUT_FILE" ||
    fail "over remote shards, the output says stories are not counted"

note "a remote shard that does not answer is a one-line error naming the database"
printf 'remote 127.0.0.1:1\n' > dead.stub
nq --db dead.stub election
[ "$STATUS" -eq 2 ] || fail "an unreachable remote shard is exit 2, got $STATUS"
grep -q "dead.stub" "$ERR_FILE" || fail "the error names the stub"
note "ok"
