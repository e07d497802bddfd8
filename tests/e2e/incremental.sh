#!/usr/bin/env bash
# Re-running news-index on a changed copy of corpus/: a touched file is
# unchanged, an edited one is re-read (its new words found at the right line),
# a deleted one is removed, a new one added, and when the original of a
# duplicate pair goes its copy becomes the article.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

copy_corpus "$SCRATCH/corpus"
corpus=$SCRATCH/corpus
db=$SCRATCH/news.db
index() { nidx --db "$db" "$corpus"; }

# Every file present is counted exactly once as new, changed, unchanged or
# duplicate.
assert_counts_add_up() {  # CONTEXT
    local files sum
    files=$(count_files "$corpus")
    sum=$(($(index_count new) + $(index_count changed) + $(index_count unchanged) + $(index_count duplicates)))
    assert_eq "$files" "$sum" "$1: new + changed + unchanged + duplicates = files present (summary: $(index_summary))"
}

files=$(count_files "$corpus")
# Articles: every file but the copies, one of a byte-identical pair and one
# of a pair with the same text under two headlines (bbc/tech/037, 333).
n=$((files - 2))

note "initial index"
index
assert_status 0 "first run"
assert_index_counts "new=$n duplicates=2 skipped=0" "first run"
assert_counts_add_up "first run"

note "touch: new mtime, same bytes"
target=$corpus/bbc/tech/001.txt
touch -d '2001-02-03 04:05:06' "$target"
index
assert_status 0 "after touch"
assert_index_counts "new=0 changed=0 unchanged=$files removed=0 duplicates=0" "after touch"
assert_counts_add_up "after touch"
index
assert_index_counts "new=0 changed=0 unchanged=$files" "run after the touch run"
assert_contains "$(index_summary)" "(0 passages written" "nothing re-indexed once the new mtime is known"

note "edit: a new paragraph with a unique word"
grep -rqi zorbulation "$corpus" && fail "the corpus already holds 'zorbulation'"
printf '\nThe zorbulation of the ink was confirmed by election officials in Jakarta on Friday.\n' >>"$target"
new_line=$(wc -l <"$target" | tr -d ' ')
index
assert_status 0 "after edit"
assert_index_counts "new=0 changed=1 unchanged=$((files - 1)) removed=0 duplicates=0" "after edit"
assert_counts_add_up "after edit"
nq --db "$db" zorbulation
assert_status 0 "query for the added word"
assert_eq "1. Ink helps drive democracy in Asia" "$(head -n 1 <<<"$OUT")" "title of the edited article"
assert_contains "$OUT" "   corpus/bbc/tech/001.txt:$new_line"  "the new word is on the last line, $new_line"
assert_contains "$OUT" "The zorbulation of the ink was confirmed" "the new paragraph is the passage"
assert_eq 1 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "only the edited article holds the word"
nq --db "$db" 'title:"Ink helps drive democracy in Asia"'
assert_status 0 "the edited article is still found by its title"
assert_eq 1 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "the edited article is listed once (the old version is gone)"

note "delete a file"
gone=$corpus/bbc/tech/111.txt
gone_title=$(head -n 1 "$gone")
assert_eq "Sony wares win innovation award" "$gone_title" "title of $gone"
nq --db "$db" "title:\"$gone_title\""
assert_status 0 "the article is found before it is deleted"
rm "$gone"
index
assert_status 0 "after delete"
assert_index_counts "new=0 changed=0 unchanged=$((files - 1)) removed=1 duplicates=0" "after delete"
assert_counts_add_up "after delete"
assert_contains "$(index_summary)" "holds $((n - 1)) articles" "article count after delete"
nq --db "$db" "title:\"$gone_title\""
assert_status 1 "the deleted article's title"
assert_empty "$OUT" "no hits for the deleted article"
nq --db "$db" --json -n 100 sony
if [ "$STATUS" -eq 0 ]; then assert_not_contains "$OUT" "$gone" "no hit points to the deleted file"; fi

note "add a file"
added=$corpus/bbc/tech/999.txt
printf 'Wombats take over the burrow\n\nWombats dig long burrows with their strong claws, researchers in Tasmania reported on Monday.\n' >"$added"
index
assert_status 0 "after add"
assert_index_counts "new=1 changed=0 unchanged=$((files - 1)) removed=0 duplicates=0" "after add"
assert_counts_add_up "after add"
assert_contains "$(index_summary)" "holds $n articles" "article count after add"
nq --db "$db" wombats
assert_status 0 "query for the new article"
assert_contains "$OUT" "1. Wombats take over the burrow" "the new article's title"
assert_contains "$OUT" "   corpus/bbc/tech/999.txt:3" "the new article's body is line 3"

note "delete the original of the duplicate pair"
original=$corpus/bbc/entertainment/129.txt
copy=$corpus/bbc/entertainment/261.txt
nq --db "$db" --json 'title:keane'
assert_status 0 "title:keane before"
pycheck "$OUT_FILE" "$original" <<'EOF'
check([h["path"] for h in hits] == [argv[0]], "title:keane should list only the original: %r" % [h["path"] for h in hits])
EOF
rm "$original"
nidx --verbose --db "$db" "$corpus"
assert_status 0 "after deleting the original"
assert_index_counts "removed=1 new=0 duplicates=0 skipped=0" "after deleting the original"
assert_counts_add_up "after deleting the original"
assert_match "$ERR" "^news-index: .*/entertainment/129\.txt: removed\$" "--verbose reports the original removed"
assert_match "$ERR" "^news-index: .*entertainment/261\.txt" "--verbose reports what became of the copy"
assert_contains "$(index_summary)" "holds $n articles" "the copy replaces the original: the same number of articles"
for query in 'title:keane' 'title:"Brits return Keane to number one"' 'keane hopes fears'; do
    nq --db "$db" --json "$query"
    assert_status 0 "$query after deleting the original"
    pycheck "$OUT_FILE" "$copy" "$query" <<'EOF'
# Articles with only some of the words ("partial") may follow.
paths = [h["path"] for h in hits if h["match"] != "partial"]
check(paths == [argv[0]], "%s should find exactly the copy %s, got %r" % (argv[1], argv[0], paths))
check(hits[0]["path"] == argv[0], "%s: the copy should come first" % argv[1])
check(not any(h["path"].endswith("/129.txt") for h in hits), "the deleted original is still listed")
check(hits[0]["title"] == "Brits return Keane to number one", "title %r" % hits[0]["title"])
check_hits()
EOF
done
index
assert_status 0 "run after the promotion"
assert_index_counts "new=0 changed=0 unchanged=$((files - 1)) removed=0 duplicates=0" "run after the promotion"

note "the indexed copy itself changes"
printf '\nKeane also announced a zebrafinch tour.\n' >>"$copy"
index
assert_index_counts "changed=1 new=0 removed=0" "after editing the promoted copy"
nq --db "$db" zebrafinch
assert_status 0 "the promoted copy's new word"
assert_contains "$OUT" "   corpus/bbc/entertainment/261.txt:" "found in the copy (path shown relative to the current folder)"
note "ok"
