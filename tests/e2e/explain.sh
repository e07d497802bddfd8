#!/usr/bin/env bash
# --explain tells how the query was read (stems, stopwords, filters,
# tiers, feedback words) and what each word added to each hit's score;
# the parts it lists add up to the score, and with every other option the
# hits, counts and charts are those of the same query without --explain.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR" "$FIXTURES_DIR/dated"
assert_status 0 "indexing corpus/ and the dated fixture"
db=$SCRATCH/news.db

note "the block before the hits, for people"
nq --db "$db" --color never --explain -n 2 the attacks of paris
assert_status 0 "--explain the attacks of paris"
assert_eq "$(printf '%s\n' "$OUT" | head -n 1)" "query: the attacks of paris" "the block starts with the query as typed"
assert_contains "$OUT" "read as: all of (attacks, paris)" "the query in plain words"
assert_contains "$OUT" "words: attacks → attack, paris → pari" "the stems"
assert_contains "$OUT" "stopwords dropped: the, of" "the stopwords dropped"
assert_match "$OUT" '^  all words: ran, [0-9]+ matching, 2 hits shown; ' "the tier that found the hits"
assert_contains "$OUT" "  feedback: not run; only for --any and plain queries of more than 4 words" \
    "why feedback did not run"

note "under each hit: its score word by word, and why its passage"
printf '%s\n' "$OUT" >"$SCRATCH/text.out"
python3 - "$SCRATCH/text.out" <<'PY' || fail "the score lines of the terminal output (above)"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
scores = [l for l in lines if l.startswith("   score ")]
assert len(scores) == 2, "a score line per hit: %r" % scores
for line in scores:
    m = re.fullmatch(r"   score ([0-9.]+) \(all words\) = attacks ([0-9.]+) \+ paris ([0-9.]+)", line)
    assert m, "score line %r" % line
    total, *parts = map(float, m.groups())
    assert abs(sum(parts) - total) <= 0.002, "%r: the parts do not add up to the score" % line
whys = [l for l in lines if l.startswith("   why this passage: holds all the words; 1st of ")]
assert len(whys) == 2, "a passage line per hit: %r" % whys
PY

note "feedback: its words and their part of each score"
nq --db "$db" --json --explain -n 5 --any people year time world
assert_status 0 "--explain --any people year time world"
pycheck "$OUT_FILE" <<'PY'
explain = records[0]
check(explain["type"] == "explain", "the explanation comes first: %r" % explain["type"])
tiers = {t["name"]: t for t in explain["tiers"]}
check(tiers["feedback"]["ran"] and tiers["feedback"]["shown"] == 5, "feedback ran: %r" % tiers["feedback"])
check(not tiers["all words"]["ran"], "--any skips the all-words tier: %r" % tiers["all words"])
check(len(explain["feedback_words"]) == 30, "feedback's 30 words: %r" % explain["feedback_words"])
weights = [w["weight"] for w in explain["feedback_words"]]
check(weights == sorted(weights, reverse=True) and abs(weights[0] - 0.8) < 1e-9, "weights %r" % weights)
known = {w["term"] for w in explain["feedback_words"]}
for h in hits:
    fed = [p for p in h["explain"]["score_parts"] if p["feedback"]]
    check(fed, "hit %d: no part from feedback" % h["rank"])
    check({p["term"] for p in fed} <= known, "hit %d: feedback parts of words feedback did not add" % h["rank"])
PY

# The JSON of the hits, counts and charts less what --explain adds, and the
# terminal output less its lines: they must not change.
without_explanation_json='
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    m = json.loads(line)
    if m["type"] == "explain":
        continue
    m.pop("explain", None)
    m.pop("seconds", None)
    print(json.dumps(m, sort_keys=True))
'
without_explanation_text='
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.split("\n")
if lines and lines[0].startswith("query: "):
    lines = lines[lines.index("") + 1:] if "" in lines else []
kept = [l for l in lines if not l.startswith(("   score ", "   feedback ", "   why this passage: "))]
print(re.sub(r"[0-9.]+ ms$", "", "\n".join(kept), flags=re.M))
'
check_combination() {  # OPTIONS...: --explain with them neither fails nor lies
    local plain_status plain_json explained_json
    nq --db "$db" --json "$@"
    plain_status=$STATUS
    printf '%s\n' "$OUT" >"$SCRATCH/plain.jsonl"
    plain_json=$(python3 -c "$without_explanation_json" "$SCRATCH/plain.jsonl")
    nq --db "$db" --json --explain "$@"
    assert_status "$plain_status" "--json --explain $*: the status without --explain"
    printf '%s\n' "$OUT" >"$SCRATCH/explained.jsonl"
    explained_json=$(python3 -c "$without_explanation_json" "$SCRATCH/explained.jsonl")
    [ "$explained_json" = "$plain_json" ] || fail "--explain $* changed the hits or counts:
$(diff <(printf '%s\n' "$plain_json") <(printf '%s\n' "$explained_json") | head -n 20)"
    [ "$plain_status" = 2 ] && return 0  # an error: nothing printed to check
    pycheck "$SCRATCH/explained.jsonl" "$*" <<'PY'
where = "--explain " + argv[0]
check(records[0]["type"] == "explain", where + ": the explanation is not first")
check(sum(r["type"] == "explain" for r in records) == 1, where + ": one explanation")
for h in hits:
    e = h.get("explain")
    check(e is not None, "%s: hit %d unexplained" % (where, h["rank"]))
    total = sum(p["weight"] for p in e["score_parts"])
    check(abs(total - h["score"]) <= 1e-9 * max(1, h["score"]), "%s: hit %d parts %r add up to %r, not its score %r"
          % (where, h["rank"], e["score_parts"], total, h["score"]))
    check(len(e["passages"]) == len(h["passages"]), "%s: hit %d: a choice per passage" % (where, h["rank"]))
    for choice, passage in zip(e["passages"], h["passages"]):
        check(choice["score"] == passage["score"], "%s: hit %d: the passage's score" % (where, h["rank"]))
        check(abs(sum(p["weight"] for p in choice["score_parts"]) - choice["score"]) <= 1e-9 * max(1, choice["score"]),
              "%s: hit %d: the passage's parts do not add up" % (where, h["rank"]))
        check(1 <= choice["rank"] <= choice["candidates"] <= choice["passages"], "%s: choice %r" % (where, choice))
PY
    nq --db "$db" --color never "$@"
    printf '%s\n' "$OUT" >"$SCRATCH/plain.txt"
    nq --db "$db" --color never --explain "$@"
    assert_status "$plain_status" "--explain $*: the status without --explain"
    printf '%s\n' "$OUT" >"$SCRATCH/explained.txt"
    assert_eq "$(python3 -c "$without_explanation_text" "$SCRATCH/explained.txt")" \
        "$(python3 -c "$without_explanation_text" "$SCRATCH/plain.txt")" "--explain $*: the terminal output less its lines"
}

note "--explain with every other option"
check_combination hollande obama
check_combination --all-passages -n 5 attacks
check_combination --any -n 4 government plans
check_combination --sort newest euro
check_combination --sort oldest --per-article 3 euro
check_combination --offset 2 -n 3 government
check_combination --facets source,year --timeline month --top-words 3 euro
check_combination --count-only --facets month euro
check_combination --since 2010-01 --until 2010-12 euro
check_combination 'euro date:2010-03'
check_combination '"first line" OR title:markets'
check_combination -n 3 --all-passages --any --sort newest --per-article 2 --offset 1 --facets source --top-words 2 euro markets
check_combination --no-fold -n 5 euro
check_combination --like "$CORPUS_DIR/bbc/sport/199.txt" -n 3
check_combination --like "$CORPUS_DIR/bbc/sport/199.txt" --sort newest --since 2000-01-01 -n 3
check_combination zzyzxqvw
check_combination 'AND'

note "without --explain, nothing of it"
nq --db "$db" --json -n 3 attacks
assert_not_contains "$OUT" '"explain"' "no explanation unasked"
note "ok"
