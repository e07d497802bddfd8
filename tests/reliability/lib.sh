# Helpers for the reliability scripts in tests/reliability/, on top of the
# end-to-end helpers (tests/e2e/lib.sh, given as $E2E_LIB).
#
# Extra environment (set by tests/reliability/CMakeLists.txt):
#   CATALOGUE_DUMP   the catalogue_dump helper (lists a database's files)
#   RELIABILITY_DIR  this folder (check_catalogue.py, make_hostile_corpus.py)
#   SHARED_CORPORA   ../shared/corpora beside the repository

# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
E2E_NAME=$(basename "$0" .sh)

reliability_setup() {
    e2e_setup
    local var
    for var in CATALOGUE_DUMP RELIABILITY_DIR; do
        [ -n "${!var:-}" ] || { echo "reliability: $var is not set (run through ctest)" >&2; exit 2; }
    done
    command -v xapian-check >/dev/null || { echo "reliability: xapian-check is needed (xapian-tools)" >&2; exit 2; }
}

# need_shared_corpus NAME: sets SHARED_PATH to ../shared/corpora/NAME, or
# skips the test (exit 77, which CTest reports as skipped) when it is not there.
need_shared_corpus() {
    SHARED_PATH=${SHARED_CORPORA:-}/$1
    if [ -z "${SHARED_CORPORA:-}" ] || [ ! -e "$SHARED_PATH" ]; then
        echo "reliability: SKIPPED, no shared corpus at '$SHARED_PATH'" >&2
        exit 77
    fi
}

# check_database DB: xapian-check finds no error.
check_database() {
    local out shard
    if [ -f "$1/XAPIANDB" ]; then
        # A sharded database: xapian-check reads one database at a time.
        for shard in $(awk '$1 == "auto" { print $2 }' "$1/XAPIANDB"); do
            case "$shard" in /*) check_database "$shard" ;; *) check_database "$1/$shard" ;; esac
        done
        return
    fi
    if ! out=$(xapian-check "$1" 2>&1); then
        fail "xapian-check $1 failed: $(tail -n 5 <<<"$out")"
    fi
    grep -q 'No errors found' <<<"$out" || fail "xapian-check $1: $(tail -n 5 <<<"$out")"
}

# dump_catalogue DB OUT: lists the database's files into OUT; fails when an
# article lacks its key or its stored passages, or two share a key.
dump_catalogue() {
    local err
    if ! err=$("$CATALOGUE_DUMP" "$1" 2>&1 >"$2"); then
        fail "the database $1 is inconsistent: $err"
    fi
    DUMP_SUMMARY=$err
}

# check_catalogue DUMP ROOT... [--skip-log FILE] [--subset] [--previous DUMP]
check_catalogue() {
    local out
    if ! out=$(python3 "$RELIABILITY_DIR/check_catalogue.py" "$@" 2>&1); then
        fail "database and files differ: $out"
    fi
    CHECK_SUMMARY=$out
}

# random_between LOW HIGH: a random decimal number of seconds (uses $RANDOM,
# so seed it with RANDOM=N for a repeatable run).
random_between() {
    local low=$1 high=$2
    awk -v low="$low" -v high="$high" -v r="$RANDOM" 'BEGIN { printf "%.2f\n", low + (high - low) * r / 32767 }'
}
