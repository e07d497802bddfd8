#!/usr/bin/env bash
# A build linked with the static Xapian (scripts/static-xapian) loads no
# shared library but the C library's: loading libxapian.so and libstdc++.so
# was 4 ms of every query (docs/benchmarks.md, "Starting a process").  Only
# registered for such builds (tests/e2e/CMakeLists.txt).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

for binary in "$NEWS_INDEX" "$NEWS_QUERY"; do
    note "$(basename "$binary") needs only the C library"
    needed=$(readelf -d "$binary" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p' | sort | tr '\n' ' ')
    [ -n "$needed" ] || fail "$binary: readelf found no NEEDED entries"
    for library in $needed; do
        case "$library" in
            libc.so.* | libm.so.* | ld-linux*.so.*) ;;
            *) fail "$(basename "$binary") loads $library (needs: $needed)" ;;
        esac
    done
done

note "the tools still work"
nidx --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "indexing corpus/"
nq --db "$SCRATCH/news.db" hollande
assert_status 0 "a query with hits"
