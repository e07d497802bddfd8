#!/usr/bin/env bash
# The man pages cannot drift from --help: every option a tool's --help
# prints is documented under OPTIONS in its page's source
# (docs/man/TOOL.1.md), short name included, and every option documented
# there is one the tool takes.  And the pages were built (go-md2man) with
# the project's version in their header.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup
[ -n "${SOURCE_DIR:-}" ] && [ -n "${BUILD_DIR:-}" ] || { echo "e2e: SOURCE_DIR and BUILD_DIR must be set" >&2; exit 2; }

# help_options TOOL: "--name" or "--name -x" per option of TOOL's --help
# (Boost's layout: "  -n [ --count ] N (=10)   how many results").
help_options() {
    "$1" --help | sed -nE 's/^  -(.) \[ --([a-z0-9-]+) \].*/--\2 -\1/p; s/^  --([a-z0-9-]+).*/--\1/p'
}

# documented_lines PAGE: the option definitions of the page's OPTIONS
# section, "**-n**, **--count** *N*", one per line.
documented_lines() {
    sed -n '/^# OPTIONS/,/^# /p' "$1" | grep -E '^\*\*-' || true
}

for binary in "$NEWS_INDEX" "$NEWS_QUERY"; do
    tool=$(basename "$binary")
    page=$SOURCE_DIR/docs/man/$tool.1.md
    note "$tool --help against docs/man/$tool.1.md"
    [ -f "$page" ] || fail "no man page source $page"
    options=$(help_options "$binary")
    [ "$(wc -l <<<"$options")" -ge 5 ] || fail "$tool --help lists only: $options"
    documented=$(documented_lines "$page")
    [ -n "$documented" ] || fail "docs/man/$tool.1.md has no option definitions under # OPTIONS"
    while read -r long short; do
        line=$(grep -E -- "\*\*$long\*\*" <<<"$documented" || true)
        [ -n "$line" ] || fail "docs/man/$tool.1.md does not document $long, which $tool --help lists: add it under # OPTIONS"
        if [ -n "$short" ]; then
            assert_contains "$line" "**$short**" "docs/man/$tool.1.md: $long's short name $short"
        fi
    done <<<"$options"
    for long in $(grep -oE -- '\*\*--[a-z0-9-]+\*\*' <<<"$documented" | tr -d '*'); do
        grep -qE -- "^$long( |\$)" <<<"$options" ||
            fail "docs/man/$tool.1.md documents $long, which $tool --help does not list"
    done

    note "the built page $tool.1.gz"
    built=$BUILD_DIR/packaging/man/$tool.1.gz
    [ -f "$built" ] || fail "no $built (go-md2man missing? scripts/install-deps installs it)"
    roff=$(gzip -dc "$built")
    title=$(tr '[:lower:]' '[:upper:]' <<<"$tool")
    assert_match "$roff" "^\.TH $title 1 \"\" \"news-search ${PROJECT_VERSION//./\\.}\"" "$tool.1.gz's header"
    assert_match "$roff" '^\.SH OPTIONS' "$tool.1.gz's OPTIONS section"
done
note "ok"
