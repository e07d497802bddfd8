#!/usr/bin/env bash
# The default (human) output: no escape codes when piped, no HTML entities,
# "N. title", path:line (relative to the current folder when under it) and
# the passage; --color always marks the matched words (even with NO_COLOR
# set); the last stderr line gives the number of matching articles and the
# time in ms.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

copy_corpus "$SCRATCH/corpus"
nidx --db "$SCRATCH/news.db" "$SCRATCH/corpus"
assert_status 0 "indexing a copy of corpus/"
db=$SCRATCH/news.db
esc=$'\x1b'
count_re='^news-query: (about )?[0-9]+ matching articles?( \([0-9]+ with some of the words\))?, [0-9]+(\.[0-9]+)? ms$'

# Checks a text listing: every hit is "N. title", an optional meta line,
# then "   path:line" and "   passage" pairs; the path (relative to argv[1])
# exists and the passage starts on that line.
check_listing() {  # FILE BASE_DIR
    python3 - "$1" "$2" <<'EOF' || fail "text listing check failed for: $LAST_CMD"
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
base = sys.argv[2]
def bad(msg):
    print("  listing check: " + msg, file=sys.stderr)
    sys.exit(1)
blocks = text.rstrip("\n").split("\n\n")
for number, block in enumerate(blocks, 1):
    lines = block.split("\n")
    m = re.fullmatch(r"(\d+)\. (.+)", lines[0])
    if not m or int(m.group(1)) != number:
        bad("block %d does not start with '%d. title': %r" % (number, number, lines[0]))
    rest = lines[1:]
    # The meta line (source | date | section | by author) is what is left
    # over from the path:line / passage pairs: it may itself end like
    # ":00" (a date with a time, "2006-10-20T18:15:00-04:00").
    if len(rest) % 2:
        rest = rest[1:]
    if not rest or len(rest) % 2:
        bad("block %d: expected path:line / passage pairs, got %r" % (number, rest))
    for loc, passage in zip(rest[0::2], rest[1::2]):
        lm = re.fullmatch(r"   (.+):(\d+)", loc)
        if not lm:
            bad("block %d: %r is not '   path:line'" % (number, loc))
        path, line = lm.group(1), int(lm.group(2))
        full = path if os.path.isabs(path) else os.path.join(base, path)
        if not os.path.isfile(full):
            bad("block %d: %s (from %s) is not a file" % (number, path, base))
        if not passage.startswith("   ") or not passage.strip():
            bad("block %d: no passage after %r" % (number, loc))
        file_lines = open(full, encoding="utf-8", errors="replace").read().splitlines()
        if not 1 <= line <= len(file_lines):
            bad("block %d: line %d outside %s" % (number, line, path))
        words = passage.split()[:6]
        here = " ".join(file_lines[line - 1].split())
        if " ".join(words[:3]) not in here:
            bad("block %d: passage %r does not start on %s:%d (%r)" % (number, " ".join(words), path, line, here[:100]))
EOF
}

note "piped output, from the folder holding the corpus"
nq --db "$db" -n 5 coalition
assert_status 0 "coalition"
assert_not_contains "$OUT$ERR" "$esc" "escape codes in piped output"
assert_eq "1. Paris attacks: France seeks global coalition against ISIS" "$(head -n 1 <<<"$OUT")" "first title"
assert_match "$OUT" '^   corpus/seeds/000_5654225a0b112ed2\.txt:[0-9]+$' "path:line relative to the current folder"
assert_not_contains "$OUT" "$SCRATCH/" "absolute paths under the current folder"
check_listing "$OUT_FILE" "$SCRATCH"
assert_eq 2 "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "two articles mention a coalition"
assert_match "$(last_line "$ERR")" "$count_re" "count line"
assert_match "$(last_line "$ERR")" '^news-query: 2 matching articles, ' "count of matching articles"

note "from another folder the paths are absolute"
(cd / && run_capture "$NEWS_QUERY" --db "$db" -n 5 coalition && printf '%s' "$STATUS" >"$SCRATCH/status" &&
    cp "$OUT_FILE" "$SCRATCH/from-root.out")
assert_eq 0 "$(cat "$SCRATCH/status")" "query run from /"
assert_match "$(cat "$SCRATCH/from-root.out")" "^   $SCRATCH/corpus/seeds/000_5654225a0b112ed2\\.txt:[0-9]+\$" "absolute path"
check_listing "$SCRATCH/from-root.out" /
(cd "$SCRATCH/corpus/seeds" && "$NEWS_QUERY" --db "$db" -n 5 coalition >"$SCRATCH/from-seeds.out" 2>/dev/null)
assert_match "$(cat "$SCRATCH/from-seeds.out")" '^   000_5654225a0b112ed2\.txt:[0-9]+$' "relative path from corpus/seeds"
assert_match "$(cat "$SCRATCH/from-seeds.out")" "^   $SCRATCH/corpus/bbc/tech/001\\.txt:[0-9]+\$" "absolute path outside the current folder"
(cd "$SCRATCH/corpus/seeds" && check_listing "$SCRATCH/from-seeds.out" "$SCRATCH/corpus/seeds")

note "text is shown as written: no HTML entities"
nq --db "$db" --per-article 5 marsh
assert_status 0 "marsh --per-article 5"
assert_contains "$OUT" "Marsh & McLennan" "an ampersand is shown as '&'"
assert_contains "$OUT" "Standard & Poor's" "an ampersand is shown as '&'"
nq --db "$db" -n 20 hollande obama
assert_status 0 "hollande obama"
assert_contains "$OUT" '"' "quotes in passages"
for query in "marsh mclennan" "hollande obama" "soul hip-hop" "chelsea"; do
    nq --db "$db" -n 20 "$query"
    assert_no_match "$OUT" '&(amp|lt|gt|quot|apos|nbsp|#[0-9]+|#x[0-9a-fA-F]+);' "HTML entity in the output for '$query'"
    assert_not_contains "$OUT" "$esc" "escape codes for '$query'"
done

note "--color always"
nq --db "$db" -n 5 coalition
plain_file=$OUT_FILE
nq --db "$db" -n 5 --color always coalition
assert_status 0 "--color always"
colour_file=$OUT_FILE
assert_contains "$OUT" "${esc}[" "escape codes with --color always"
assert_contains "$OUT" "${esc}[1;31mcoalition${esc}[0m" "the matched word is wrapped in escape codes"
assert_match "$(head -n 1 <<<"$OUT")" "^1\\. ${esc}\\[[0-9;]*mParis attacks" "the title is styled"
stripped=$(sed -E 's/\x1b\[[0-9;]*m//g' "$colour_file")
assert_eq "$(cat "$plain_file")" "$stripped" "--color always output without its escape codes"
# Every highlighted word is the query word.
highlighted=$(grep -oE $'\x1b\\[1;31m[^\x1b]*\x1b\\[0m' "$colour_file" | sed -E 's/\x1b\[[0-9;]*m//g' | sort -u || true)
[ -n "$highlighted" ] || fail "nothing highlighted"
while IFS= read -r word; do
    case "${word,,}" in coalition | coalitions) ;; *) fail "highlighted '$word' for query coalition" ;; esac
done <<<"$highlighted"

note "NO_COLOR"
NO_COLOR=1 run_capture "$NEWS_QUERY" --db "$db" -n 5 --color always coalition
assert_status 0 "NO_COLOR=1 --color always"
assert_contains "$OUT" "${esc}[1;31mcoalition${esc}[0m" "--color always wins over NO_COLOR"
NO_COLOR=1 run_capture "$NEWS_QUERY" --db "$db" -n 5 coalition
assert_not_contains "$OUT" "$esc" "NO_COLOR, piped"
nq --db "$db" -n 5 --color never coalition
assert_not_contains "$OUT" "$esc" "--color never"
nq --db "$db" -n 5 --color auto coalition
assert_not_contains "$OUT" "$esc" "--color auto, piped"

note "accented matches are highlighted whole"
nq --db "$db" -n 5 --color always francois
assert_contains "$OUT" "${esc}[1;31mFrançois${esc}[0m" "François highlighted for francois"

note "the count line"
for query in coalition hollande "title:paris" '"global coalition"' zzyzxqvw; do
    nq --db "$db" -n 50 "$query"
    assert_match "$(last_line "$ERR")" "$count_re" "count line for $query"
    listed=$(grep -cE '^[0-9]+\. ' <<<"$OUT" || true)
    counted=$(last_line "$ERR" | sed -E 's/^news-query: (about )?([0-9]+) .*/\2/')
    some=$(last_line "$ERR" | sed -nE 's/.*\(([0-9]+) with some of the words\).*/\1/p')
    if [ -n "$some" ]; then
        # Articles with all the words, then those with some: -n 50 lists them all.
        assert_eq "$some" "$listed" "'$query': articles listed vs the count line '$(last_line "$ERR")'"
    else
        assert_eq "$counted" "$listed" "'$query': articles listed (all of them, -n 50) vs the count line '$(last_line "$ERR")'"
    fi
done
nq --db "$db" -n 1 coalition
assert_match "$(last_line "$ERR")" '^news-query: 2 matching articles, ' "the count is of all matches, not of those shown"
nq --db "$db" --all-passages -n 3 coalition
assert_match "$(last_line "$ERR")" '^news-query: [0-9]+ matching passages, [0-9.]+ ms$' "--all-passages counts passages"
note "ok"
