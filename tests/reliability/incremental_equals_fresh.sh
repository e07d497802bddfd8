#!/usr/bin/env bash
# A re-run ends equal to a fresh index of the same inputs, whatever came
# before: the same files as articles and as duplicates (the copy met first
# in the walk is the article), the same counts for a section filter.
# - an edit that keeps the size and sets the mtime back (touch -r) is seen;
# - after `mv A B`, indexing B makes B's files articles (not duplicates of
#   A's dead paths), and naming the missing A removes what was under it;
# - copies of one article in two folders: which copy is the article follows
#   the walk of this run, not the history of earlier runs.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

# matching DB QUERY: how many articles match, from the JSON summary.
matching() {
    { "$NEWS_QUERY" --db "$1" --json -n 1 "$2" 2>/dev/null || true; } | tail -n 1 | sed -n 's/.*"matching":\([0-9]*\).*/\1/p'
}

# same_as_fresh DB ROOT...: DB holds what a fresh index of ROOT... would.
same_as_fresh() {
    local db=$1
    shift
    rm -rf "$SCRATCH/fresh.db"
    "$NEWS_INDEX" -q --db "$SCRATCH/fresh.db" "$@" >/dev/null 2>&1 || true
    "$CATALOGUE_DUMP" "$db" 2>/dev/null | sort -z >"$SCRATCH/incremental.list"
    "$CATALOGUE_DUMP" "$SCRATCH/fresh.db" 2>/dev/null | sort -z >"$SCRATCH/fresh.list"
    if ! cmp -s "$SCRATCH/incremental.list" "$SCRATCH/fresh.list"; then
        fail "the re-run differs from a fresh index of $*: $(diff <(tr '\0' '\n' <"$SCRATCH/fresh.list") \
            <(tr '\0' '\n' <"$SCRATCH/incremental.list") | head -n 6 | tr '\n' ' ')"
    fi
    local section fresh_count count
    for section in sport business copies; do
        fresh_count=$(matching "$SCRATCH/fresh.db" "section:$section")
        count=$(matching "$db" "section:$section")
        assert_eq "$fresh_count" "$count" "section:$section after the re-run"
    done
}

note "an edit that keeps size and mtime (touch -r)"
copy_corpus c
nidx -q --db edit.db c
file=c/bbc/sport/199.txt
touch -r "$file" "$SCRATCH/stamp"
sed -i 's/Chelsea have sacked/Chelsea have axedxx/' "$file"
touch -r "$SCRATCH/stamp" "$file"
nidx --db edit.db c
assert_status 0 "the re-run"
assert_contains "$ERR" " 1 changed," "the edit is seen"
nq --db edit.db axedxx
assert_status 0 "the new word is found"
same_as_fresh edit.db c

note "mv A B, then indexing B, then naming the missing A"
copy_corpus A
nidx -q --db moved.db A
mv A B
nidx -v --db moved.db B
assert_status 0 "indexing B after mv A B"
assert_not_contains "$ERR" "duplicate of $SCRATCH/A/" "no file of B is a duplicate of a dead path under A"
same_as_fresh moved.db B
nidx --db moved.db A B
assert_status 1 "naming the missing A (reported as missing)"
same_as_fresh moved.db A B

note "copies in two folders: the copy first in the walk is the article"
mkdir -p x y/copies
cp -a "$CORPUS_DIR/bbc/sport" x/sport
cp -a "$CORPUS_DIR/bbc/sport/." y/copies/
nidx -q --db copies.db y
nidx -q --db copies.db x y
assert_status 0 "x y after y"
same_as_fresh copies.db x y
nidx -q --db copies.db y x
assert_status 0 "y x after x y"
same_as_fresh copies.db y x
rm -r y/copies
nidx -q --db copies.db x y
same_as_fresh copies.db x y
note "ok"
