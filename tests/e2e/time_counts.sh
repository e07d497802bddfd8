#!/usr/bin/env bash
# Dates, sorting, facets, the timeline and top words on tests/fixtures/dated
# (its README gives each article's date, source, section and authors).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

DB=$SCRATCH/dated.db
nidx --db "$DB" "$FIXTURES_DIR/dated"
assert_status 0 "indexing the dated fixtures"
assert_index_counts "new=12" "the dated fixtures"

# hits_by_month ARGS...: "YYYY-MM=N ..." of the hits news-query --json gives.
hits_by_month() {
    nq --db "$DB" --json -n 100 "$@"
    python3 -c '
import collections, json, sys
c = collections.Counter(json.loads(l)["date"][:7] for l in open(sys.argv[1]) if "\"hit\"" in l)
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))' "$OUT_FILE"
}

note "every hit carries its date; the months as the fixture's README says"
assert_eq "=1 2010-01=2 2010-03=4 2010-06=1 2011-02=2 2012-07=2" "$(hits_by_month euro)" "hits per month"

note "date: in the query"
assert_eq "2010-03=4" "$(hits_by_month 'euro date:2010-03')" "date:2010-03 (the 23:30 UTC-5 story of 31 March counts in March)"
nq --db "$DB" 'euro date:2010-03'
assert_contains "$ERR" "a date filter leaves out the 1 article of the database without a date" "the undated note"
assert_eq "2010-03=3" "$(hits_by_month 'euro date:2010-03-02..2010-03-20')" "date:2010-03-02..2010-03-20"
assert_eq "2012-07=2" "$(hits_by_month 'euro date:2012..')" "date:2012.."
assert_eq "2010-01=2" "$(hits_by_month 'euro date:..2010-01-31')" "date:..2010-01-31"
assert_eq "2011-02=1" "$(hits_by_month 'euro date:2011-02-14')" "date:2011-02-14"
assert_eq "2010-01=2 2010-03=4 2010-06=1" "$(hits_by_month 'euro date:2010')" "date:2010"
assert_eq "2010-03=1" "$(hits_by_month 'section:economy date:2010-03')" "section: and date: together"
assert_eq "2010-01=1 2010-03=1" "$(hits_by_month 'source:afp date:2010')" "source: and date: together"
nq --db "$DB" 'euro date:2010-04'
assert_status 1 "date:2010-04 matches nothing"
assert_eq "2012-07=1" "$(hits_by_month 'euro lang:fr')" "lang:fr finds the fr-FR record"
assert_eq "2010-01=1 2010-03=1" "$(hits_by_month 'euro lang:en date:2010')" "lang: and date: together"

note "--since and --until, also without words"
assert_eq "2011-02=2 2012-07=2" "$(hits_by_month --since 2011 euro)" "--since 2011"
assert_eq "2010-03=4" "$(hits_by_month --since 2010-03 --until 2010-03 euro)" "--since/--until one month"
assert_eq "2010-06=1 2011-02=2" "$(hits_by_month --since 2010-04 --until 2011-12-31)" "--since/--until with no query"
assert_eq "2012-07=2" "$(hits_by_month --since 2012-07-04 --until 2012-07-05 euro date:2012)" "--since/--until with date:"

note "--sort newest and oldest: by the moment, undated last"
nq --db "$DB" --json -n 100 --sort newest euro
pycheck "$OUT_FILE" <<'PY'
dates = [h["date"] for h in hits]
check(dates[-1] == "", "the undated article is not last: %r" % dates)
check(dates[:3] == ["2012-07-05T10:00:00+02:00", "2012-07-04", "2011-02-14T09:00:00Z"], "newest first: %r" % dates)
check(dates.index("2010-03-31T23:30:00-05:00") < dates.index("2010-03-20T09:00:00Z"), "31 March after 20 March")
PY
nq --db "$DB" --json -n 100 --sort oldest euro
pycheck "$OUT_FILE" <<'PY'
dates = [h["date"] for h in hits]
check(dates[-1] == "", "the undated article is not last: %r" % dates)
check(dates[:2] == ["2010-01-15", "2010-01-15T16:45:00-05:00"], "oldest first: %r" % dates)
PY

note "--facets, JSON and text"
nq --db "$DB" --json -n 1 --facets month,source,author,lang euro
pycheck "$OUT_FILE" <<'PY'
facets = {r["field"]: r for r in records if r["type"] == "facets"}
check(list(facets) == ["month", "source", "author", "lang"], "facet lines %r" % list(facets))
lang = {v["value"]: v["count"] for v in facets["lang"]["values"]}
check(lang == {"en": 2, "fr-fr": 1}, "lang counts %r" % lang)
month = {v["value"]: v["count"] for v in facets["month"]["values"]}
check(month == {"2010-01": 2, "2010-03": 4, "2010-06": 1, "2011-02": 2, "2012-07": 2}, "month counts %r" % month)
check(all(f["exact"] for f in facets.values()), "counts not exact")
source = [(v["value"], v["count"]) for v in facets["source"]["values"]]
check(source == [("Reuters", 6), ("AFP", 3), ("Daily Planet", 2)], "source counts %r" % source)
author = {v["value"]: v["count"] for v in facets["author"]["values"]}
check(author == {"Ann Lee": 3, "Bo Chan": 3, "Cy Park": 2, "Dee Fox": 2}, "each author counted: %r" % author)
check(records[-1]["type"] == "summary" and records[-1]["matching"] == 12, "summary last, 12 matching")
PY
nq --db "$DB" --count-only --facets source euro
assert_status 0 "--count-only --facets source"
assert_eq "12 matching articles" "$(head -n 1 <<<"$OUT" | sed 's/,.*//')" "--count-only's count"
assert_match "$OUT" '^  Reuters       6   54\.5%$' "aligned source table"
assert_match "$OUT" '^  Daily Planet  2   18\.2%$' "aligned source table"
assert_no_match "$OUT" '^[0-9]+\. ' "no hits with --count-only"

note "--timeline: every period of the filter's range, empty ones too, the peak labelled"
nq --db "$DB" --timeline=month --color never --count-only --since 2010-01 --until 2010-06 euro
assert_status 0 "--timeline=month"
chart=$(grep -E '^2010-0[1-6] ' <<<"$OUT")
assert_eq 6 "$(grep -c . <<<"$chart")" "six months charted"
assert_match "$chart" '^2010-03 │█+ 4 peak$' "the peak month, a full bar"
assert_match "$chart" '^2010-02 │ 0$' "an empty month"
assert_match "$chart" '^2010-06 │█+[▏▎▍▌▋▊▉]? 1$' "a month of one article"
assert_no_match "$OUT" $'\e' "no colour with --color never"
nq --db "$DB" --json --count-only --timeline euro
pycheck "$OUT_FILE" <<'PY'
t = [r for r in records if r["type"] == "timeline"][0]
check(t["period"] == "month", "auto picks months for 2010-01..2012-07: %r" % t["period"])
counts = {c["period"]: c["count"] for c in t["counts"]}
check(len(counts) == 31 and counts["2010-03"] == 4 and counts["2011-01"] == 0, "timeline counts %r" % counts)
PY
nq --db "$DB" --json --count-only --timeline=week --since 2010-03-01 --until 2010-03-31 euro
pycheck "$OUT_FILE" <<'PY'
t = [r for r in records if r["type"] == "timeline"][0]
counts = [(c["period"], c["count"]) for c in t["counts"]]
check(counts == [("2010-03-01", 1), ("2010-03-08", 0), ("2010-03-15", 2), ("2010-03-22", 0), ("2010-03-29", 1)],
      "weeks by their Monday: %r" % counts)
PY

note "--top-words"
nq --db "$DB" --json -n 1 --top-words 3 greek
pycheck "$OUT_FILE" <<'PY'
t = [r for r in records if r["type"] == "top_words"][0]
check(len(t["words"]) == 3 and all(w["weight"] > 0 for w in t["words"]), "three weighted words: %r" % t)
check("greek" not in [w["word"] for w in t["words"]], "the query's own word is left out")
check(t["from_best"] == 2, "taken from the 2 matches: %r" % t["from_best"])
PY

note "bad input: one line, exit 2"
for args in "euro date:2015-13-45" "date:2020..2010" "--since 5x euro" "--sort sideways euro" \
    "--facets nosuchfield euro" "--timeline=fortnight euro" "--since 2020 --until 2010 euro"; do
    # shellcheck disable=SC2086
    nq --db "$DB" $args
    assert_status 2 "$args"
    assert_eq 1 "$(grep -c . <<<"$ERR")" "$args: one line on stderr"
    assert_no_match "$ERR" 'terminate|what\(\)' "$args: no stack trace"
done
nq --db "$DB" 'date:2020..2010'
assert_contains "$ERR" "is an empty range" "date:2020..2010 says it is empty"

note "ok"
