#!/usr/bin/env bash
# Names and text from files cannot drive the terminal: news-index's skip,
# --verbose and error lines and news-query's text output write control
# characters, C1 characters, bidi controls and bytes that are not UTF-8 as
# visible escapes (\e, \n, \x9b, \u{202e}); --json writes them as \u escapes;
# the Windows-1252 bytes that have no character decode to U+FFFD, not to C1
# controls.  Regression test: on 0f3954e an ESC in a name reached stderr and
# a newline in a name started a forged "news-index:" line.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

# has_bytes FILE PYTHON-BYTES-REGEX: whether FILE's bytes match.
has_bytes() {
    python3 -c 'import re, sys; sys.exit(0 if re.search(sys.argv[2].encode("latin-1"), open(sys.argv[1], "rb").read()) else 1)' "$1" "$2"
}
# The bytes no terminal output may hold: ESC, 8-bit CSI, C1 in UTF-8, RLO/LRO
# and the isolates.
unsafe='\x1b|\x9b|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'

note "the acceptance check: an escape sequence and a newline in file names"
mkdir names
: >names/$'e\e[31mX\e]0;pwn\a.txt'
printf 'Title\n\nbody text here\n' >names/$'two\nnews-index: forged.txt'
nidx -v --db names.db names
assert_status 1 "an empty file is skipped"
if has_bytes "$ERR_FILE" '\x1b'; then fail "an ESC byte reached stderr: $(cat -v "$ERR_FILE")"; fi
assert_no_match "$ERR" '^news-index: forged' "a name forged a news-index line"
assert_contains "$ERR" "news-index: skipped $SCRATCH/names/e\\e[31mX\\e]0;pwn\\x07.txt: empty file" \
    "the skip line shows the name escaped"
assert_contains "$ERR" "news-index: $SCRATCH/names/two\\nnews-index: forged.txt: new" \
    "the verbose line shows the newline as \\n"

note "news-query: paths, titles, sources and passages"
mkdir -p q
# A raw 8-bit CSI byte and an RLO in the name; U+009B, U+202E and ESC in
# the title; a Windows-1252 0x9D byte (undefined there), an isolate and an
# OSC sequence in the text.
printf -- '-- Title \xc2\x9b31m red \xe2\x80\xaeevil\e[2J\n-- By Someone\n\nThe zebrafinch story \x9d with \xe2\x81\xa6isolated\xe2\x81\xa9 text\e]0;pwn\a and more.\n' \
    >q/$'csi-\x9b31m-\xe2\x80\xaetxt.exe.txt'
nidx --db q.db q
assert_status 0 "indexing the hostile article"
nq --db q.db zebrafinch
assert_status 0 "zebrafinch"
if has_bytes "$OUT_FILE" "$unsafe"; then fail "terminal controls in news-query's output: $(cat -v "$OUT_FILE")"; fi
assert_contains "$OUT" "1. Title \\u{9b}31m red \\u{202e}evil\\e[2J" "the title, escaped"
assert_contains "$OUT" "q/csi-\\x9b31m-\\u{202e}txt.exe.txt:" "the path, escaped"
assert_contains "$OUT" $'The zebrafinch story \xef\xbf\xbd with \\u{2066}isolated\\u{2069} text\\e]0;pwn\\x07 and more.' \
    "the passage: U+FFFD for 0x9D, escapes for the rest"
nq --db q.db --color always zebrafinch
assert_status 0 "zebrafinch in colour"
python3 - "$OUT_FILE" <<'PY' || fail "news-query --color always: an escape that is not one of its colours: $(cat -v "$OUT_FILE")"
import re, sys
text = open(sys.argv[1], "rb").read()
sys.exit(1 if b"\x1b" in re.sub(rb"\x1b\[[0-9;]*m", b"", text) or b"\x1b[1;31mzebrafinch\x1b[0m" not in text else 0)
PY
nq --db q.db --json zebrafinch
assert_status 0 "zebrafinch as JSON"
if has_bytes "$OUT_FILE" "$unsafe"; then fail "raw terminal controls in the JSON: $(cat -v "$OUT_FILE")"; fi
pycheck "$OUT_FILE" <<'PYEOF'
h = hits[0]
check(h["title"] == "Title \u009b31m red \u202eevil\x1b[2J", "the title's real characters: %r" % h["title"])
check("\ufffd with \u2066isolated" in h["passages"][0]["text"], "the passage's text: %r" % h["passages"][0]["text"])
check(not any("\x80" <= c <= "\x9f" for c in h["passages"][0]["text"]), "a C1 control decoded from 0x9D")
check(passage_words(h["passages"][0]) == ["zebrafinch"], "the match: %r" % passage_words(h["passages"][0]))
PYEOF

note "error lines name the path escaped"
nq --db $'nodb\e]0;pwn\a' zebrafinch
assert_status 2 "a missing database"
if has_bytes "$ERR_FILE" '\x1b'; then fail "an ESC byte reached stderr: $(cat -v "$ERR_FILE")"; fi
assert_contains "$ERR" "news-query: no database at 'nodb\\e]0;pwn\\x07'" "the error line"
: >$'file\e[31m'
nidx --db $'file\e[31m' names
assert_status 2 "a file as the database"
assert_eq "news-index: 'file\\e[31m' is a file, not a database folder" "$ERR" "news-index's error line"
note "ok"
