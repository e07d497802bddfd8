#!/usr/bin/env bash
# news-write-floor on a small folder: it writes the articles news-index
# would, times the phases it names, and leaves nothing behind.
#   write_floor.sh NEWS_WRITE_FLOOR NEWS_INDEX FOLDER
set -euo pipefail
floor=$1 index=$2 folder=$3
scratch=$(mktemp -d "${TMPDIR:-/tmp}/news-write-floor-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fail() { echo "write_floor: FAIL: $*" >&2; exit 1; }

"$index" --verbose --db "$scratch/db" "$folder" >"$scratch/index.err" 2>&1 || true
holds=$(grep -o 'holds [0-9]* articles' "$scratch/index.err" | grep -o '[0-9]*') ||
    fail "news-index printed no summary: $(cat "$scratch/index.err")"
# The floor writes every article; news-index counts those with the text of
# another (named in --verbose) as duplicates.
expected=$((holds + $(grep -c ': same text as ' "$scratch/index.err" || true)))
rm -rf "$scratch/db"

"$floor" --threads 2 "$folder" "$scratch/with" >"$scratch/with.out" || fail "exit $? with positions"
cat "$scratch/with.out"
grep -q "^[0-9]* files, $expected articles, " "$scratch/with.out" ||
    fail "news-index holds $expected articles, the floor wrote another count"
for phase in "read and analyse (held in memory)" "write segments (Xapian)" "merge segments (Xapian)" "Xapian's part: write + merge"; do
    grep -qE "^${phase//[()+]/.} +[0-9.]+ s +[0-9.]+ s$" "$scratch/with.out" || fail "no timing for '$phase'"
done
[ ! -e "$scratch/with" ] || fail "the scratch folder was left behind"

"$floor" --without-positions "$folder" "$scratch/without" >"$scratch/without.out" || fail "exit $? without positions"
size() { grep -o 'merged database: [0-9.]* MiB' "$1" | grep -o '[0-9.]*'; }
awk -v with="$(size "$scratch/with.out")" -v without="$(size "$scratch/without.out")" \
    'BEGIN { exit !(without + 0 < with + 0) }' || fail "a database without positions is not smaller"

mkdir "$scratch/busy" && touch "$scratch/busy/keep"
status=0
"$floor" "$folder" "$scratch/busy" 2>"$scratch/busy.err" || status=$?
[ "$status" = 2 ] || fail "a folder that is not empty gave exit $status, not 2"
grep -q "busy: not empty" "$scratch/busy.err" || fail "no message naming the folder: $(cat "$scratch/busy.err")"
[ -e "$scratch/busy/keep" ] || fail "a folder that is not empty was touched"
echo "write_floor: ok"
