#!/usr/bin/env bash
# JSON and CSV dumps through news-index: the record's fields become the
# article's, --field names fields the conventions do not know, and a bad
# --field is refused with the list of fields.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

dumps=$SCRATCH/dumps
mkdir -p "$dumps"
printf '%s\n' '{"head": "Glaciers retreat in the Alps", "story": "Swiss glaciers lost a tenth of their ice.", "writers": "Ann Lee"}' \
    >"$dumps/alps.jsonl"
printf 'Head,Story\r\n"Harbour reopens","The port of Tallinn reopened after the ""big"" storm."\r\n' >"$dumps/harbour.csv"

note "without --field, the records have no title or text"
nidx --db "$SCRATCH/plain.db" "$dumps"
assert_status 1 "records without known fields are skipped"
assert_contains "$ERR" "$dumps/alps.jsonl:1: no text" "the JSON record's problem names its line"
assert_contains "$ERR" "$dumps/harbour.csv:2: no text" "the CSV record's problem names its line"

note "--field maps the records' own names"
nidx --db "$SCRATCH/news.db" --field title=head,text=story --field author=writers "$dumps"
assert_status 0 "indexing with --field"
assert_index_counts "new=2 skipped=0" "two dumps"
nq --db "$SCRATCH/news.db" --json glaciers
assert_status 0 "glaciers"
pycheck "$OUT_FILE" "$dumps/alps.jsonl" <<'PY'
check_hits()
h = hits[0]
check(h["path"] == argv[0], "path %r" % h["path"])
check(h["title"] == "Glaciers retreat in the Alps", "title %r" % h["title"])
check(h["author"] == "Ann Lee", "author %r" % h["author"])
PY
nq --db "$SCRATCH/news.db" --json tallinn
assert_status 0 "tallinn"
pycheck "$OUT_FILE" "$dumps/harbour.csv" <<'PY'
check_hits()
h = hits[0]
check(h["title"] == "Harbour reopens", "title %r" % h["title"])
check(h["passages"][0]["line"] == 2, "the passage is on the record's line: %r" % h["passages"][0]["line"])
check('the "big" storm' in h["passages"][0]["text"], "doubled quotes: %r" % h["passages"][0]["text"])
PY

note "an unknown field of ours is refused, naming the fields"
nidx --db "$SCRATCH/bad.db" --field headline=title "$dumps"
assert_status 2 "a bad --field"
assert_contains "$ERR" "unknown field 'headline'" "the bad field is named"
assert_contains "$ERR" "title, text, description, date, author, source, url, section, language, id" "the fields are listed"
[ -e "$SCRATCH/bad.db" ] && fail "a refused --field created a database"
note "ok"
