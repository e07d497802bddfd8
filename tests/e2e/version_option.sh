#!/usr/bin/env bash
# --version: the tool's name and the project's version (CMake's
# project(VERSION)), the commit when built from a git checkout, and the
# Xapian library's version; exit 0, nothing on stderr.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup
[ -n "${SOURCE_DIR:-}" ] && [ -n "${PROJECT_VERSION:-}" ] || { echo "e2e: SOURCE_DIR and PROJECT_VERSION must be set" >&2; exit 2; }

version=${PROJECT_VERSION//./\\.}
from_checkout=no
[ -e "$SOURCE_DIR/.git" ] && command -v git >/dev/null && git -C "$SOURCE_DIR" rev-parse HEAD >/dev/null 2>&1 && from_checkout=yes
for binary in "$NEWS_INDEX" "$NEWS_QUERY"; do
    tool=$(basename "$binary")
    note "$tool --version"
    run_capture "$binary" --version
    assert_status 0 "$tool --version"
    assert_empty "$ERR" "$tool --version's stderr"
    first=$(head -n 1 <<<"$OUT")
    if [ "$from_checkout" = yes ]; then
        # `git describe --always --dirty`: a commit's short hash, or a tag.
        assert_match "$first" "^$tool $version \(git [0-9A-Za-z._-]+\)\$" "$tool --version's first line"
    else
        assert_match "$first" "^$tool $version\$" "$tool --version's first line"
    fi
    assert_match "$OUT" '^Xapian 1\.4\.[0-9]+$' "$tool --version's Xapian line"
    # --version wins over what the tool would otherwise need (a query, a path).
    assert_eq 2 "$(wc -l <<<"$OUT")" "$tool --version's line count"
done
note "ok"
