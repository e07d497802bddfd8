#!/usr/bin/env bash
# Accents and case do not matter: françois, francois, François and FRANÇOIS
# find the same articles, among them both seeds (one spells it "François",
# the other "Francois"), and the matched words are shown as written.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

seed_accent=$CORPUS_DIR/seeds/000_5654225a0b112ed2.txt
seed_plain=$CORPUS_DIR/seeds/004_96f4bb84ee0e1260.txt
grep -q 'François' "$seed_accent" || fail "$seed_accent should spell it François"
grep -q 'François' "$seed_plain" && fail "$seed_plain should not spell it François"
grep -q 'Francois' "$seed_plain" || fail "$seed_plain should spell it Francois"
# Every article spelling the name either way.
expected=$(article_files "$CORPUS_DIR" | xargs grep -liE 'fran(ç|c)ois' | sort || true)

nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"

reference=""
for query in françois francois François FRANÇOIS Francois; do
    note "query: $query"
    nq --db "$SCRATCH/news.db" --json -n 50 "$query"
    assert_status 0 "$query"
    pycheck "$OUT_FILE" "$expected" "$seed_accent" "$seed_plain" <<'EOF'
expected = argv[0].split("\n")
got = sorted({h["path"] for h in hits})
check(got == expected, "found %s, expected the articles naming François/Francois: %s" % (got, expected))
check_hits()
for h in hits:
    for p in h["passages"]:
        for w in passage_words(p):
            check(fold(w) == "francois", "%s:%d: matched %r, not a spelling of François" % (h["path"], p["line"], w))
shown = {h["path"]: [w for p in h["passages"] for w in passage_words(p)] for h in hits}
check("François" in shown[argv[1]], "the accented seed should show 'François' marked, got %r" % shown[argv[1]])
check("Francois" in shown[argv[2]], "the other seed should show 'Francois' marked, got %r" % shown[argv[2]])
EOF
    # The same listing, whatever the spelling of the query.
    listing=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["type"] == "hit":
        print(r["rank"], r["path"], r["passages"][0]["line"], [tuple(m) for m in r["passages"][0]["matches"]])
' "$OUT_FILE")
    if [ -z "$reference" ]; then
        reference=$listing
    else
        assert_eq "$reference" "$listing" "results for '$query' differ from those for 'françois'"
    fi
done

note "accented phrase against unaccented text"
nq --db "$SCRATCH/news.db" '"François Hollande and his United States counterpart"'
assert_status 0 "accented phrase matching the unaccented seed"
assert_contains "$OUT" "$seed_plain:6" "the phrase is on line 6 of the unaccented seed"
note "ok"
