#!/usr/bin/env bash
# CTest smoke run of one harness command on a tiny slice, in a scratch folder
# of its own that is removed afterwards:
#   smoke.sh speed|relevance|known_items NEWS_INDEX NEWS_QUERY [HARNESS OPTION...]
set -euo pipefail
bench="$(cd "$(dirname "$0")/.." && pwd)"
# Where the harness itself looks ($BENCH_CORPORA, else ../shared/corpora).
corpora=$(PYTHONPATH="$bench" python3 -c 'import bench_support; print(bench_support.CORPORA_DIR)')
if [ ! -d "$corpora" ]; then
    echo "bench smoke: SKIPPED, no corpora at $corpora (set BENCH_CORPORA)" >&2
    exit 77  # CTest: skipped
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/news-search-bench-smoke.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export BENCH_SCRATCH="$scratch"
"$bench/$1" --quick --no-build --no-docs --news-index "$2" --news-query "$3" "${@:4}"
