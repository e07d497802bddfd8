#!/usr/bin/env bash
# Versions of one story fold into one hit (issue 19): a wire story, its
# UPDATE the next day and another outlet's reprint are one result with
# "2 similar:", a re-run of the same text two months later is news again,
# --no-fold lists each, and counting every match counts the stories.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

news=$SCRATCH/news
mkdir -p "$news/wire" "$news/gazette"
lead=" LONDON (Reuters) - The harbour board voted on Monday to close the old north pier for repairs that engineers say will take most of next year, moving the ferries to the south quay and the fishing boats to the river moorings while the work goes on, the board's chairman told reporters after a long meeting."
second=" The board said the pier's timber piles had rotted below the waterline and that divers had found cracks in two of the concrete caissons that carry the ferry ramp."
story() {  # FILE HEADLINE DATE PARAGRAPH...
    local file=$1 headline=$2 date=$3
    shift 3
    {
        printf -- '-- %s\n-- By  Ann Lee\n-- %s\n-- http://example.com/%s\n\n \n\n' "$headline" "$date" "$(basename "$file")"
        for paragraph in "$@"; do printf '%s \n\n' "$paragraph"; done
    } >"$file"
}
story "$news/wire/pier" "Harbour board to close north pier" "Mon May 4, 2020 10:15am EDT" "$lead" "$second"
story "$news/wire/pier-update" "UPDATE 1-Harbour board to close north pier" "Tue May 5, 2020 9:02am EDT" \
    "$lead" "$second" " Fishermen said the river moorings were too shallow at low tide and asked the board to dredge first."
story "$news/gazette/pier" "North pier to shut for a year" "Mon May 4, 2020 6:40pm EDT" \
    "${lead/LONDON (Reuters) - /}" "$second" " The Gazette asked readers what they think of the plan."
story "$news/gazette/pier-factbox" "FACTBOX-The north pier closure" "Wed Jul 8, 2020 8:00am EDT" \
    "$lead" "$second" " The works began in June."
story "$news/wire/ferries" "Ferry timetable changes" "Mon May 4, 2020 11:00am EDT" \
    " The ferry company said sailings would leave from the south quay from June, and that the timetable would not change for the summer season."

nidx --db "$SCRATCH/news.db" "$news"
assert_status 0 "indexing five stories"

note "versions of a story are one hit, with who printed each and when"
nq --db "$SCRATCH/news.db" --color never north pier
assert_status 0 "north pier"
assert_match "$OUT" "^   2 similar: (example.com|Reuters) 2020-05-0[45] [^ ]*/(wire|gazette)/pier(-update)?:8, " "the versions under the hit"
assert_eq 2 "$(grep -c '^[0-9]*\. ' <<<"$OUT")" "two results: the story of May and the factbox of July"
assert_contains "$OUT" "FACTBOX-The north pier closure" "the same text two months later is news again"
assert_contains "$ERR" "4 matching articles" "the count counts articles"
assert_contains "$ERR" "2 under a version of their story" "the count line says how many were folded"

note "JSON lists them with path, source, date and score"
nq --db "$SCRATCH/news.db" --json north pier
assert_status 0 "north pier --json"
pycheck "$OUT_FILE" "$news" <<'PY'
check_hits()
check(len(hits) == 2, "two hits: %d" % len(hits))
first = hits[0]
check(first["similar_total"] == 2, "two versions folded: %r" % first["similar_total"])
paths = sorted([first["path"]] + [s["path"] for s in first["similar"]])
check(paths == sorted(argv[0] + p for p in ["/gazette/pier", "/wire/pier", "/wire/pier-update"]), "the versions: %r" % paths)
for s in first["similar"]:
    check(s["source"] in ("Reuters", "example.com") and s["date"].startswith("2020-05-0"), "source and date: %r" % s)
    check(s["score"] > 0 and s["line"] >= 1, "score and line: %r" % s)
check(hits[1]["similar"] == [] and hits[1]["similar_total"] == 0, "the factbox stands alone")
check(summary["stories"] is None, "stories are counted only when every match is")
PY

note "--no-fold lists every version"
nq --db "$SCRATCH/news.db" --color never --no-fold north pier
assert_status 0 "--no-fold"
assert_eq 4 "$(grep -c '^[0-9]*\. ' <<<"$OUT")" "four results"
assert_not_contains "$OUT" "similar:" "nothing folded"

note "counting every match counts the stories"
nq --db "$SCRATCH/news.db" --count-only north pier
assert_status 0 "--count-only"
assert_contains "$OUT" "4 matching articles in 2 stories" "articles and stories"
nq --db "$SCRATCH/news.db" --json --facets source north pier
pycheck "$OUT_FILE" <<'PY'
check(summary["stories"] == 2 and summary["stories_exact"] is True, "stories in the summary: %r" % summary)
check(summary["matching"] == 4, "articles: %r" % summary["matching"])
PY
nq --db "$SCRATCH/news.db" --count-only --no-fold north pier
assert_contains "$OUT" "4 matching articles," "--no-fold counts articles only"
assert_not_contains "$OUT" "stories" "--no-fold counts articles only"

note "--like: the articles most like one, itself and its versions left out"
# Paths as news-query shows them: relative to the working folder.
cd "$news"
nq --db "$SCRATCH/news.db" --color never --like wire/pier-update
assert_status 0 "--like wire/pier-update"
assert_eq "FACTBOX-The north pier closure" "$(grep -m1 '^1\. ' <<<"$OUT" | cut -d' ' -f2-)" "the factbox is most like it"
assert_not_contains "$OUT" "news/wire/pier:" "the story it updates is left out"
assert_not_contains "$OUT" "gazette/pier:" "the reprint is left out"
assert_not_contains "$OUT" "similar:" "its versions are not listed either"
assert_match "$ERR" "note: like wire/pier-update: by its words .*pier" "the note names the words it compared by"
nq --db "$SCRATCH/news.db" --json --like wire/pier-update:8 --since 2020-07-01
assert_status 0 "--like PATH:LINE with a date filter"
pycheck "$OUT_FILE" <<'PY'
check_hits()
check([h["title"] for h in hits] == ["FACTBOX-The north pier closure"], "only July: %r" % [h["title"] for h in hits])
PY
nq --db "$SCRATCH/news.db" --like "$news/wire/nowhere"
assert_status 2 "--like a file that is not indexed"
assert_contains "$ERR" "--like $news/wire/nowhere: no article of the database is there" "the error names the path"
note "ok"
