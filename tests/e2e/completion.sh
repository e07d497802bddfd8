#!/usr/bin/env bash
# The bash completion (completion/news-search.bash) completes what the
# tools take, read from their --help: options, --color's and --language's
# values, --field's field names, folders for --db, files for news-index.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup
[ -n "${SOURCE_DIR:-}" ] || { echo "e2e: SOURCE_DIR must be set" >&2; exit 2; }
script=$SOURCE_DIR/completion/news-search.bash

# complete COMMAND WORD...: what TAB offers after the words (the last one
# is being completed), one per line, sorted; as bash calls the function:
# COMP_WORDS, COMP_CWORD, then command, current word, previous word.
complete_words() {
    local command=$1
    shift
    bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _news_search "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$command" "$@" | sort
}
mkdir -p "$SCRATCH/bin"
ln -s "$NEWS_INDEX" "$SCRATCH/bin/news-index"
ln -s "$NEWS_QUERY" "$SCRATCH/bin/news-query"
export PATH="$SCRATCH/bin:$PATH"

note "options by prefix"
assert_eq "--color --count --count-only" "$(complete_words news-query --co | tr '\n' ' ' | sed 's/ $//')" "news-query --co<TAB>"
assert_eq "--version" "$(complete_words news-index --vers)" "news-index --vers<TAB>"

note "every option of --help, and only those"
from_help=$(news-query --help | sed -nE 's/^  (-. \[ )?(--[a-z0-9-]+).*/\2/p' | sort)
assert_eq "$from_help" "$(complete_words news-query --)" "news-query --<TAB>"
from_help=$(news-index --help | sed -nE 's/^  (-. \[ )?(--[a-z0-9-]+).*/\2/p' | sort)
assert_eq "$from_help" "$(complete_words news-index --)" "news-index --<TAB>"

note "values"
assert_eq "always auto never" "$(complete_words news-query --color '' | tr '\n' ' ' | sed 's/ $//')" "--color <TAB>"
assert_eq "always auto" "$(complete_words news-query --color = a | tr '\n' ' ' | sed 's/ $//')" "--color=a<TAB>"
languages=$(complete_words news-index --language '')
for language in english french german porter; do
    assert_match "$languages" "^$language\$" "news-index --language <TAB>"
done
assert_eq "french finnish" "$(complete_words news-index --language f | sort -r | tr '\n' ' ' | sed 's/ $//')" "--language f<TAB>"
assert_eq "text=" "$(complete_words news-index --field te)" "--field te<TAB>"
assert_eq "title=head,section= title=head,source=" \
    "$(complete_words news-index --field title=head,s | tr '\n' ' ' | sed 's/ $//')" "--field title=head,s<TAB>"

note "folders for --db, files for news-index's arguments, nothing for query words"
mkdir -p "$SCRATCH/data/news.db" && touch "$SCRATCH/data/notes.txt"
assert_eq "data/news.db" "$(complete_words news-query --db data/n)" "--db data/n<TAB>"
assert_eq "data/news.db data/notes.txt" "$(complete_words news-index data/n | tr '\n' ' ' | sed 's/ $//')" "news-index data/n<TAB>"
assert_empty "$(complete_words news-query data/n)" "news-query data/n<TAB>"
note "ok"
