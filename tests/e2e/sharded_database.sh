#!/usr/bin/env bash
# A database built as shards (news-index --shards N) answers as the same
# files in one database does; re-runs keep each file in its shard and find
# what changed; exact duplicates are settled across shards; --add-shard adds
# a database built on its own; a --shards that disagrees is refused.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

copy_corpus "$SCRATCH/corpus"
corpus=$SCRATCH/corpus
plain=$SCRATCH/plain.db
sharded=$SCRATCH/sharded.db

note "the same files as one database and as 3 shards"
nidx --db "$plain" "$corpus"
assert_status 0 "plain build"
plain_summary=$(index_summary)
nidx --db "$sharded" --shards 3 "$corpus"
assert_status 0 "sharded build"
assert_contains "$ERR" "in 3 shards" "the summary names the shards"
assert_eq "$(grep -oE 'holds [0-9]+ articles' <<<"$plain_summary")" "$(grep -oE 'holds [0-9]+ articles' <<<"$(index_summary)")" \
    "as many articles in 3 shards as in one database"
for kind in new duplicates; do
    assert_eq "$(ERR=$plain_summary index_count "$kind")" "$(index_count "$kind")" "$kind: one database and 3 shards"
done
assert_eq "auto shard-0
auto shard-1
auto shard-2" "$(grep -v '^#' "$sharded/XAPIANDB")" "the stub lists the shards, relative to the folder"
for i in 0 1 2; do
    [ -f "$sharded/shard-$i/iamglass" ] || fail "shard-$i is no database"
done

# The paths of every hit, in order.
hit_paths() {  # DB QUERY...
    nq --db "$1" --json --no-fold -n 200 "${@:2}"
    [ "$STATUS" -le 1 ] || fail "news-query on $1 failed: $ERR"
    python3 -c 'import json, sys
for line in sys.stdin:
    record = json.loads(line)
    if record.get("type") == "hit": print(record["path"])' <"$OUT_FILE"
}

for query in election 'tony blair' '"prime minister"' 'section:tech' 'title:economy' 'oil OR gas' 'film -award'; do
    nq --db "$plain" --count-only "$query"
    plain_count=$(sed -E 's/, [0-9.]+ ms$//' <<<"$ERR$OUT")
    nq --db "$sharded" --count-only "$query"
    assert_eq "$plain_count" "$(sed -E 's/, [0-9.]+ ms$//' <<<"$ERR$OUT")" "--count-only '$query'"
    [ "$query" == election ] && election_count=$plain_count
    assert_eq "$(hit_paths "$plain" "$query" | sort)" "$(hit_paths "$sharded" "$query" | sort)" "the hits of '$query'"
done

note "a re-run with nothing changed"
nidx --db "$sharded" "$corpus"
assert_status 0 "re-run"
files=$(count_files "$corpus")
assert_index_counts "new=0 changed=0 unchanged=$files removed=0 duplicates=0" "nothing changed"
assert_contains "$(index_summary)" "(0 passages written" "nothing re-indexed"

note "a changed, a removed and a new file"
grep -rqi zorbulation "$corpus" && fail "the corpus already holds 'zorbulation'"
printf '\nThe zorbulation of the ink was confirmed by officials on Friday.\n' >>"$corpus/bbc/tech/001.txt"
removed=$(article_files "$corpus/bbc/business" | head -n 1)
removed_title=$(head -n 1 "$removed")
rm "$removed"
mkdir -p "$corpus/bbc/extra"
printf 'Quixotic flamingos parade\n\nA parade of quixotic flamingos crossed the square on Monday.\n' \
    >"$corpus/bbc/extra/flamingos.txt"
nidx --db "$sharded" --verbose "$corpus"
assert_status 0 "re-run after changes"
assert_index_counts "new=1 changed=1 removed=1 unchanged=$((files - 2))" "one of each"
assert_match "$ERR" "flamingos.txt: new, into shard-[0-2]$" "--verbose names the shard a new file went to"
nq --db "$sharded" zorbulation
assert_contains "$OUT" "bbc/tech/001.txt" "the changed file is found by its new word"
nq --db "$sharded" quixotic flamingos
assert_contains "$OUT" "bbc/extra/flamingos.txt" "the new file is found"
nq --db "$sharded" --count-only "title:\"$removed_title\""
assert_contains "$ERR$OUT" "0 matching" "the removed file is gone"

note "--shards that disagrees with the database"
nidx --db "$sharded" --shards 2 "$corpus"
assert_status 2 "--shards 2 on 3 shards"
assert_eq 1 "$(wc -l <"$ERR_FILE" | tr -d ' ')" "one line"
assert_contains "$ERR" "has 3 shards, not 2; add --force" "the mismatch named"
nidx --db "$plain" --shards 2 "$corpus"
assert_status 2 "--shards 2 on one database"
assert_contains "$ERR" "is one database, not 2 shards" "a plain database is not made sharded by a re-run"

note "exact duplicates across shards"
# Two names that a probe run shows to land in different shards.
dups=$SCRATCH/dups
mkdir "$dups"
for name in a b c d e f g h; do printf 'Probe %s\n\nProbe article %s.\n' "$name" "$name" >"$dups/$name.txt"; done
nidx --db "$SCRATCH/probe.db" --shards 2 --verbose "$dups"
first=$(grep -oE '[a-h]\.txt: new, into shard-0' <<<"$ERR" | head -n 1 | cut -c1-5)
second=$(grep -oE '[a-h]\.txt: new, into shard-1' <<<"$ERR" | head -n 1 | cut -c1-5)
[ -n "$first" ] && [ -n "$second" ] || fail "no two names in different shards: $ERR"
rm -r "$SCRATCH/probe.db" "$dups"/*
cp "$CORPUS_DIR/bbc/tech/001.txt" "$dups/$first"
cp "$CORPUS_DIR/bbc/tech/001.txt" "$dups/$second"
nidx --db "$SCRATCH/dups.db" --shards 2 --verbose "$dups"
assert_status 0 "two copies in two shards"
assert_index_counts "new=1 duplicates=1" "one article and one duplicate"
assert_contains "$(index_summary)" "holds 1 article in 2 shards" "one article"
assert_match "$ERR" "/($first|$second): duplicate of .*/($first|$second)$" "the copy names the article"
article=$(grep -oE '/[a-h]\.txt: new' <<<"$ERR" | cut -c2-6)
copy=$first
[ "$article" == "$first" ] && copy=$second
nq --db "$SCRATCH/dups.db" --count-only ink
assert_contains "$ERR$OUT" "1 matching article" "found once"
rm "$dups/$article"
nidx --db "$SCRATCH/dups.db" --verbose "$dups"
assert_status 0 "the original removed"
assert_contains "$ERR" "$copy: indexed in place of its removed or changed original" "the copy is promoted"
assert_index_counts "new=0 removed=1" "the original removed"
nq --db "$SCRATCH/dups.db" ink
assert_contains "$OUT" "dups/$copy" "the promoted copy is found"

note "the lock: one writer at a time, readers never blocked"
# A stand-in for a running news-index: holds the database's write lock.
python3 - "$sharded/news-index.lock" "$SCRATCH/locked" <<'PYEOF' &
import fcntl, sys, time
with open(sys.argv[1], "a") as lock:
    fcntl.lockf(lock, fcntl.LOCK_EX)
    open(sys.argv[2], "w").close()
    time.sleep(60)
PYEOF
holder=$!
for _ in $(seq 100); do [ -e "$SCRATCH/locked" ] && break; sleep 0.05; done
[ -e "$SCRATCH/locked" ] || fail "the lock holder did not start"
nidx --db "$sharded" --lock-timeout 0 "$corpus"
assert_status 2 "a second writer, not waiting"
assert_contains "$ERR" "is being written by another process (news-index already running?)" "refused, saying why"
nidx --db "$sharded" --lock-timeout 0.3 "$corpus"
assert_status 2 "a second writer, waiting 0.3 s"
assert_contains "$ERR" "still being written by another process after 0.3 s" "gave up after waiting"
nq --db "$sharded" --count-only zorbulation
assert_status 0 "a reader while the lock is held"
kill "$holder"
wait "$holder" 2>/dev/null || true
nidx --db "$sharded" --lock-timeout 0 "$corpus"
assert_status 0 "the lock is free again"

note "--add-shard"
extra=$SCRATCH/extra
mkdir "$extra"
printf 'Zygomorphic orchids bloom\n\nZygomorphic orchids bloomed early in the glasshouse.\n' >"$extra/orchids.txt"
cp "$corpus/bbc/extra/flamingos.txt" "$extra/flamingos-copy.txt"
nidx --db "$SCRATCH/extra.db" "$extra"
assert_status 0 "a database built on its own"
nidx --db "$sharded" --add-shard "$SCRATCH/extra.db"
assert_status 0 "--add-shard"
assert_contains "$ERR" "in 4 shards" "4 shards now"
assert_contains "$ERR" "1 duplicate" "its copy of an article of the other shards becomes a duplicate"
assert_contains "$(cat "$sharded/XAPIANDB")" "auto $SCRATCH/extra.db" "listed by its absolute path"
nq --db "$sharded" zygomorphic
assert_contains "$OUT" "extra/orchids.txt" "its article is found through the database"
nq --db "$sharded" --count-only quixotic flamingos
assert_contains "$ERR$OUT" "1 matching article" "the copy is not a second article"
nidx --db "$sharded" "$corpus" "$extra"
assert_status 0 "a re-run over both"
assert_index_counts "new=0 changed=0 removed=0 duplicates=0" "every file stays in its shard"
nidx --db "$SCRATCH/french.db" --language french "$extra"
nidx --db "$sharded" --add-shard "$SCRATCH/french.db"
assert_status 2 "another language"
assert_contains "$ERR" "other analysis settings (french)" "refused, saying why"

note "--add-shard to one database makes it sharded"
nidx --db "$plain" --add-shard "$SCRATCH/french.db"
assert_status 2 "another language, to one database"
[ -f "$plain/iamglass" ] || fail "a refused --add-shard moved the database"
nidx --db "$SCRATCH/orchids.db" "$extra/orchids.txt"
nidx --db "$plain" --add-shard "$SCRATCH/orchids.db"
assert_status 0 "--add-shard to one database"
[ -f "$plain/shard-0/iamglass" ] || fail "the database did not become shard-0"
nq --db "$plain" --count-only election
assert_contains "$ERR$OUT" "$election_count" "its articles are still found"
nq --db "$plain" zygomorphic
assert_contains "$OUT" "extra/orchids.txt" "the added shard's article is found"

note "--force rebuilds as another number of shards"
nidx --db "$sharded" --shards 2 --force "$corpus"
assert_status 0 "rebuilt as 2 shards"
assert_contains "$ERR" "in 2 shards" "2 shards"
assert_eq 2 "$(grep -c '^auto' "$sharded/XAPIANDB")" "the stub lists 2"
[ ! -e "$sharded/shard-2" ] || fail "shard-2 left behind"
note "--force --shards on one database"
nidx --db "$SCRATCH/one.db" "$corpus"
nidx --db "$SCRATCH/one.db" --shards 3 --force "$corpus"
assert_status 0 "one database rebuilt as 3 shards"
assert_contains "$ERR" "in 3 shards" "3 shards"
[ ! -e "$SCRATCH/one.db/iamglass" ] || fail "the one database's files were left beside the shards"
nq --db "$SCRATCH/one.db" --count-only election
assert_contains "$ERR$OUT" "$election_count" "the same articles found"
note "ok"
