#!/usr/bin/env bash
# What news-index may do in the folder given as --db, and what both tools
# say about a database they cannot use:
# - a fresh build on every core (more than 4,000 files) keeps the user's
#   files: a non-empty folder that is not a news-search database is refused
#   with one line and exit 2, nothing touched (also `--db .`); a sibling
#   folder named DB.building is left alone; a trailing slash on --db works;
# - a database damaged since news-index last wrote it is noticed by
#   news-index (exit 2, "damaged", how to rebuild), not called unchanged;
#   news-query names the damage for a missing table and for blocks
#   overwritten with noise; --force rebuilds it;
# - permission problems are called "permission denied" with the path, not
#   "no database yet" or "being written by another process".
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 4200 12 bulk
articles=$SCRATCH/bulk

# refused FOLDER WHAT: the last news-index run refused FOLDER in one line.
refused() {
    assert_status 2 "news-index --db $1"
    assert_eq 1 "$(printf '%s\n' "$ERR" | wc -l)" "one line for $2"
    assert_match "$ERR" "^news-index: '[^']*' is not a news-search database and not empty" "the refusal names $2"
}

note "1. a folder holding the user's files is refused, and kept as it was"
mkdir -p docs/sub
echo keep >docs/notes.md
echo keep >docs/sub/more.md
nidx -q --db docs "$articles"
refused docs "a folder of notes"
assert_eq "keep keep" "$(cat docs/notes.md docs/sub/more.md | tr '\n' ' ' | sed 's/ $//')" "the notes are untouched"
assert_eq "more.md notes.md sub" "$(cd docs && find . -mindepth 1 | sed 's|^\./||;s|.*/||' | sort | tr '\n' ' ' | sed 's/ $//')" \
    "nothing was added to the folder"
mkdir -p here/articles
cp -r "$articles" here/articles/bulk
(cd here && "$NEWS_INDEX" -q --db . articles) >"$SCRATCH/here.out" 2>"$SCRATCH/here.err" && STATUS=0 || STATUS=$?
ERR=$(cat "$SCRATCH/here.err")
refused . "the current folder holding the articles"
assert_eq 4200 "$(find here/articles -type f | wc -l)" "the articles beside --db . are all there"
assert_not_contains "$ERR" "filesystem error" "no raw error"

note "1. a sibling folder named DB.building is the user's"
mkdir site.building
echo keep >site.building/keep.txt
nidx -q --db site "$articles"
assert_status 0 "a fresh build on every core"
assert_eq keep "$(cat site.building/keep.txt)" "site.building/keep.txt survives"
nq --db site bulkmarker
assert_status 0 "the new database answers"

note "2. a trailing slash on --db"
nidx -q --db slash.db/ "$articles"
assert_status 0 "news-index --db slash.db/"
assert_eq "" "$(ls -A slash.db | grep -v -E '^(iamglass|flintlock|[a-z]+\.glass|news-index\.fingerprint)$' || true)" \
    "only the database's own files in slash.db"
nq --db slash.db/ --json bulkmarker
assert_status 0 "news-query --db slash.db/"
assert_contains "$OUT" '"matching":4200' "every article is found"

note "9. damage since news-index last wrote the database"
cp -r site damaged.db
size=$(stat -c %s damaged.db/docdata.glass)
dd if=/dev/urandom of=damaged.db/docdata.glass bs=8192 seek=1 count=$((size / 8192 - 2)) conv=notrunc status=none
nidx --db damaged.db "$articles"
assert_status 2 "news-index over a damaged database"
assert_eq 1 "$(printf '%s\n' "$ERR" | wc -l)" "one line"
assert_match "$ERR" "^news-index: database '[^']*damaged.db' is damaged \(.*\); rebuild it with: news-index --force --db [^ ]*damaged.db FOLDER" \
    "news-index names the damage and the way out"
cp -r site partly-damaged.db
dd if=/dev/urandom of=partly-damaged.db/docdata.glass bs=8192 seek=100 count=200 conv=notrunc status=none
nidx --db partly-damaged.db "$articles"
assert_status 2 "news-index over a database with 200 blocks overwritten (not where it opens)"
assert_match "$ERR" "^news-index: database '[^']*partly-damaged.db' is damaged \(.*\); rebuild it with: news-index --force" \
    "news-index notices the damage (not: 4200 unchanged)"
nq --db damaged.db -n 50 bulkmarker
assert_status 2 "news-query on the damaged database"
assert_match "$ERR" "^news-query: .*damaged.*rebuild it with news-index --force" "news-query says it is damaged"
nidx -q --force --db damaged.db "$articles"
assert_status 0 "--force rebuilds the damaged database"
check_database damaged.db
nidx --db damaged.db "$articles"
assert_status 0 "a re-run after the rebuild"
assert_contains "$ERR" "4200 unchanged" "the rebuilt database is whole"

note "9. a missing table, and blocks of the posting lists overwritten"
cp -r site no-termlist.db
rm no-termlist.db/termlist.glass
nq --db no-termlist.db -n 3 --per-article 2 '"bulk shares"' bulkmarker
assert_status 2 "news-query without termlist.glass"
assert_not_contains "$ERR" "FeatureUnavailableError" "no raw Xapian error"
assert_match "$ERR" "^news-query: .*damaged.*rebuild it with news-index --force" "the missing file is called damage"
nidx --db no-termlist.db "$articles"
assert_status 2 "news-index without termlist.glass"
assert_contains "$ERR" "damaged" "news-index calls it damage"
cp -r site noisy.db
size=$(stat -c %s noisy.db/postlist.glass)
dd if=/dev/urandom of=noisy.db/postlist.glass bs=8192 seek=1 count=$((size / 8192 - 2)) conv=notrunc status=none
for query in bulkmarker 'bulk0001*' '"shares profit"'; do
    nq --db noisy.db "$query"
    assert_status 2 "news-query '$query' on overwritten posting lists"
    assert_not_contains "$ERR" "reopen()" "no advice meant for programmers"
    assert_match "$ERR" "damaged" "the overwritten posting lists are called damage"
done

note "10. permissions"
nobody=$(id -u nobody 2>/dev/null || echo 65534)
if ! setpriv --reuid="$nobody" --regid="$nobody" --clear-groups true 2>/dev/null; then
    note "SKIPPED the permission part: cannot run as nobody here (setpriv needs root)"
    note "ok"
    exit 0
fi
chmod 755 "$SCRATCH"
as_nobody() { run_capture setpriv --reuid="$nobody" --regid="$nobody" --clear-groups "$@"; }
cp -r site private.db
chmod 700 private.db
as_nobody "$NEWS_QUERY" --db private.db bulkmarker
assert_status 2 "news-query on a database only root may read"
assert_eq "news-query: permission denied: cannot read database 'private.db'" "$ERR" "news-query says permission denied"
chmod 755 private.db
chmod 600 private.db/postlist.glass
as_nobody "$NEWS_QUERY" --db private.db bulkmarker
assert_status 2 "news-query with a table only root may read"
assert_match "$ERR" "^news-query: permission denied: cannot read database 'private.db'" "a table's permission named"
chmod 644 private.db/postlist.glass
as_nobody "$NEWS_INDEX" --db private.db "$articles"
assert_status 2 "news-index on a database only root may write"
assert_match "$ERR" "^news-index: permission denied: cannot write the database folder 'private.db'" \
    "news-index says permission denied"
assert_not_contains "$ERR" "waiting" "no wait for a writer that does not exist"
chmod 777 private.db
as_nobody "$NEWS_INDEX" --db private.db "$articles"
assert_status 2 "news-index on read-only database files"
assert_match "$ERR" "^news-index: permission denied: cannot write the database 'private.db' \('[a-z]+\.glass' is read-only" \
    "news-index names the read-only file"
note "ok"
