#!/usr/bin/env bash
# Hostile files (tests/reliability/make_hostile_corpus.py): every article
# that can be read is indexed, every skip is named with its reason, nothing
# crashes, peak memory stays bounded (printed per case), and a file that
# disappears between listing and reading is reported, not fatal.
# HOSTILE_BIG=1 makes the stress sizes (a 50 MB line, 100,000 files).
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

big=()
if [ "${HOSTILE_BIG:-0}" == 1 ]; then big=(--big); fi
python3 "$RELIABILITY_DIR/make_hostile_corpus.py" "$SCRATCH/hostile" "${big[@]}"
mkdir "$SCRATCH/work"
python3 "$RELIABILITY_DIR/hostile_inputs.py" "$SCRATCH/hostile" "$SCRATCH/work" || fail "hostile inputs (above)"

note "a file that disappears between listing and reading"
# The walk lists every file first; reading 3,000 articles takes long enough
# to delete the last one (its own folder, listed last) in between.
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/first" 3000 4 first
mkdir "$SCRATCH/zz-last"
printf 'Soon gone\n\nThis vanishingmarker file is deleted while news-index runs.\n' >"$SCRATCH/zz-last/gone.txt"
mark=$(core_mark)
"$NEWS_INDEX" --db "$SCRATCH/vanish.db" "$SCRATCH/first" "$SCRATCH/zz-last" >"$SCRATCH/vanish.out" 2>"$SCRATCH/vanish.err" &
pid=$!
sleep 0.3
rm "$SCRATCH/zz-last/gone.txt"
status=0
wait "$pid" || status=$?
report_core "$status" "$mark"
ERR=$(cat "$SCRATCH/vanish.err")
assert_eq 1 "$status" "news-index exit status when a file vanished"
assert_match "$ERR" "^news-index: skipped $SCRATCH/zz-last/gone.txt: .*No such file" "the vanished file's skip line"
assert_contains "$(index_summary)" "3000 new" "the other files are indexed"
note "ok"
