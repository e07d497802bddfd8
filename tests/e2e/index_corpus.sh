#!/usr/bin/env bash
# Indexing corpus/ into a fresh database: exit status, the summary line's
# counts (a byte-identical pair and a pair with the same text under two
# headlines: two duplicates, nothing skipped), and a re-run
# that finds everything unchanged.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

files=$(count_files "$CORPUS_DIR")
# The corpus as this test knows it: 2 seeds + 59 BBC articles (one pair of
# them byte-identical), plus whatever other files sit in corpus/ (a README):
# every regular, non-hidden file is indexed, so the counts follow $files.
assert_eq 2 "$(count_files "$CORPUS_DIR/seeds")" "files in corpus/seeds (update this test if the corpus changed)"
assert_eq 59 "$(count_files "$CORPUS_DIR/bbc")" "files in corpus/bbc (update this test if the corpus changed)"
articles=$((files - 2))
cmp -s "$CORPUS_DIR/bbc/entertainment/129.txt" "$CORPUS_DIR/bbc/entertainment/261.txt" ||
    fail "corpus/bbc/entertainment/129.txt and 261.txt should be identical"
cmp -s <(tail -n +2 "$CORPUS_DIR/bbc/tech/037.txt") <(tail -n +2 "$CORPUS_DIR/bbc/tech/333.txt") ||
    fail "corpus/bbc/tech/037.txt and 333.txt should differ only in their headline"

note "first run into a fresh database"
nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/ (nothing is skipped in it)"
assert_empty "$OUT" "news-index stdout"
summary=$(index_summary)
[ -n "$summary" ] || fail "no summary line on stderr"
assert_eq "$summary" "$(last_line "$ERR")" "the summary is the last stderr line"
assert_eq 1 "$(grep -c . <<<"$ERR")" "stderr holds only the summary when nothing is skipped (not a terminal)"
assert_index_counts "new=$articles changed=0 unchanged=0 removed=0 duplicates=2 skipped=0" "first run"
assert_contains "$summary" "$articles new" "summary wording"
assert_contains "$summary" "2 duplicates," "summary wording"
assert_contains "$summary" "0 skipped" "summary wording"
assert_contains "$summary" "$SCRATCH/news.db holds $articles articles" "summary names the database and its size"
new=$(index_count new)
dup=$(index_count duplicates)
assert_eq "$files" "$((new + dup))" "new + duplicates = files in corpus/"
[ -d "$SCRATCH/news.db" ] || fail "no database folder was created"

note "the two articles with one text are one result, listing the other"
nq --db "$SCRATCH/news.db" --color never "cartridges expire hewlett"
assert_status 0 "query for the article printed twice"
assert_eq 1 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "one result for bbc/tech/037.txt and 333.txt"
assert_contains "$OUT" "same text also at: " "the result lists its copy"
assert_contains "$(grep -F 'same text also at' <<<"$OUT")" "bbc/tech/" "the copy is named by its path"
assert_contains "$ERR" "2 matching articles, 1 listed under a result with the same text" "the count says how it is shown"
nq --db "$SCRATCH/news.db" --json "cartridges expire hewlett"
assert_eq 1 "$(grep -c '"type":"hit"' <<<"$OUT")" "one JSON hit"
assert_contains "$OUT" '"copies_total":1' "the JSON hit counts its copy"
assert_contains "$OUT" '"copies":[{"path":"' "the JSON hit lists its copy"

note "second run: nothing changed"
nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "re-indexing an unchanged corpus"
assert_empty "$OUT" "news-index stdout"
assert_index_counts "new=0 changed=0 unchanged=$files removed=0 duplicates=0 skipped=0" "second run"
assert_eq "$files" "$(index_count unchanged)" "every file is unchanged on the re-run"
assert_contains "$(index_summary)" "holds $articles articles" "article count after re-run"
assert_contains "$(index_summary)" "(0 passages written" "a re-run of an unchanged corpus writes nothing"

note "--verbose names the duplicate and its original"
nidx --verbose --db "$SCRATCH/verbose.db" "$CORPUS_DIR"
assert_status 0 "verbose indexing"
dupline=$(grep -F 'duplicate' <<<"$ERR" | grep -v ' new, ' || true)
assert_eq 1 "$(grep -c . <<<"$dupline")" "exactly one duplicate reported"
assert_contains "$dupline" "entertainment/129.txt" "duplicate line names the original"
assert_contains "$dupline" "entertainment/261.txt" "duplicate line names the copy"
assert_eq "$articles" "$(grep -cE '^news-index: .*: new$' <<<"$ERR")" "verbose lists every new file"

note "--quiet prints nothing when all went well"
nidx --quiet --db "$SCRATCH/quiet.db" "$CORPUS_DIR"
assert_status 0 "quiet indexing"
assert_empty "$ERR" "news-index --quiet stderr"

note "the duplicate is not a second search result"
nq --db "$SCRATCH/news.db" --json 'title:keane'
assert_status 0 "title:keane"
pycheck "$OUT_FILE" <<'EOF'
check_hits()
paths = [h["path"] for h in hits]
check(len(paths) == 1, "title:keane should find exactly the one article, got %s" % paths)
check(paths[0].endswith("/bbc/entertainment/129.txt"), "the original (129.txt) is the article: %s" % paths)
EOF
note "ok"
