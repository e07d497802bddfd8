#!/usr/bin/env bash
# Awkward input files: Windows-1252 text is indexed and shown as UTF-8, an
# empty and a binary file are skipped (named, with the reason, and counted,
# exit status 1), CRLF line ends give the right line numbers, a UTF-8 BOM is
# not part of the title, and hidden files and folders are not indexed.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup

in=$SCRATCH/inbox
mkdir -p "$in/.git"
# Windows-1252 / Latin-1: é=E9, ü=FC, £=A3, and a curly apostrophe (0x92).
printf 'Caf\xe9 prices in M\xfcnchen\n\nA caf\xe9 in M\xfcnchen costs \xa35 for a coffee, the owner\x92s sister said on Tuesday.\n' >"$in/latin1.txt"
: >"$in/empty.txt"
printf 'GIF89a\x00\x01\x02\x03 quokkabinary \x00\x00\xff\xfe\n' >"$in/picture.txt"
# CRLF: a title, two long paragraphs (so they are separate passages), the
# second hard-wrapped over two lines.
{
    printf 'Windows line endings survive\r\n'
    printf '\r\n'
    printf 'The first paragraph mentions zanzibarite, a word found nowhere else in this small test folder.\r\n'
    printf '\r\n'
    printf 'The second paragraph is hard-wrapped over two lines and its second\r\n'
    printf 'line mentions quokkaland, which must be reported on line six of the file.\r\n'
} >"$in/crlf.txt"
printf '\xef\xbb\xbfByte order mark headline\n\nThis article starts with a byte order mark and mentions ostrichfeather once.\n' >"$in/bom.txt"
printf 'Hidden article\n\nThe word secretwombat is in a hidden file.\n' >"$in/.hidden.txt"
printf 'Hidden folder article\n\nThe word secretkoala is in a hidden folder.\n' >"$in/.git/notes.txt"

nidx --db "$SCRATCH/news.db" "$in"
assert_status 1 "indexing a folder with skipped files"
assert_empty "$OUT" "news-index stdout"
assert_index_counts "new=3 changed=0 unchanged=0 removed=0 duplicates=0 skipped=2" "bad inputs"
assert_contains "$(index_summary)" "2 skipped" "summary wording"
empty_line=$(grep -F "$in/empty.txt" <<<"$ERR" || true)
[ -n "$empty_line" ] || fail "the empty file is not named on stderr: $ERR"
assert_match "$empty_line" '^news-index: skipped .*empty' "the empty file's reason"
binary_line=$(grep -F "$in/picture.txt" <<<"$ERR" || true)
[ -n "$binary_line" ] || fail "the binary file is not named on stderr: $ERR"
assert_match "$binary_line" '^news-index: skipped .*binary' "the binary file's reason"
assert_not_contains "$ERR" "hidden" "hidden files are not mentioned"
assert_not_contains "$ERR" ".git" "hidden folders are not mentioned"
assert_contains "$(index_summary)" "holds 3 articles" "articles in the database"

note "windows-1252 text: found without accents, shown in UTF-8"
for query in cafe café munchen München; do
    nq --db "$SCRATCH/news.db" "$query"
    assert_status 0 "query $query"
    assert_eq "1. Café prices in München" "$(head -n 1 <<<"$OUT")" "title for $query, decoded to UTF-8"
    assert_contains "$OUT" "inbox/latin1.txt:3" "path:line for $query"
    assert_contains "$OUT" "A café in München costs £5 for a coffee, the owner’s sister said" "passage for $query"
done
nq --db "$SCRATCH/news.db" --json munchen
pycheck "$OUT_FILE" <<'EOF'
check_hits()
h = hits[0]
check(h["title"] == "Café prices in München", "title %r" % h["title"])
p = h["passages"][0]
check("£5" in p["text"] and "\ufffd" not in p["text"], "passage text %r" % p["text"])
check(passage_words(p) == ["München"], "marked words %r" % passage_words(p))
EOF
apostrophe=$(printf 'owner\xe2\x80\x99s')  # a right single quotation mark
nq --db "$SCRATCH/news.db" "$apostrophe"
assert_status 0 "the curly apostrophe (0x92) reads as ’"

note "CRLF: line numbers"
nq --db "$SCRATCH/news.db" zanzibarite
assert_status 0 "zanzibarite"
assert_eq "1. Windows line endings survive" "$(head -n 1 <<<"$OUT")" "title of the CRLF file (no stray CR)"
assert_contains "$OUT" "inbox/crlf.txt:3" "first paragraph is line 3"
nq --db "$SCRATCH/news.db" --json quokkaland
assert_status 0 "quokkaland"
pycheck "$OUT_FILE" <<'EOF'
check_hits()
p = hits[0]["passages"][0]
check(p["line"] == 5, "the hard-wrapped paragraph starts on line 5, got %d" % p["line"])
check("\r" not in p["text"] and "\r" not in hits[0]["title"], "a CR is left in the text: %r" % p["text"])
check(p["text"].startswith("The second paragraph is hard-wrapped over two lines and its second line mentions quokkaland"),
      "wrapped lines are joined with one space: %r" % p["text"])
EOF
assert_no_match "$OUT" $'\r' "CR characters in the output"

note "UTF-8 BOM"
nq --db "$SCRATCH/news.db" --json ostrichfeather
assert_status 0 "ostrichfeather"
pycheck "$OUT_FILE" <<'EOF'
check(hits[0]["title"] == "Byte order mark headline", "title %r (BOM kept?)" % hits[0]["title"])
check(hits[0]["passages"][0]["line"] == 3, "line %d" % hits[0]["passages"][0]["line"])
EOF
nq --db "$SCRATCH/news.db" title:byte
assert_status 0 "title:byte (first title word after the BOM)"

note "hidden files and folders are not indexed"
for word in secretwombat secretkoala; do
    nq --db "$SCRATCH/news.db" "$word"
    assert_status 1 "$word (in a hidden file)"
    assert_empty "$OUT" "hits for $word"
done

note "the skipped files leave nothing searchable"
nq --db "$SCRATCH/news.db" quokkabinary
assert_status 1 "a word from the binary file"

note "a file of white space only"
mkdir "$SCRATCH/blank"
printf '   \n\t\n  \n' >"$SCRATCH/blank/spaces.txt"
nidx --db "$SCRATCH/blank.db" "$SCRATCH/blank"
assert_status 1 "indexing a file of white space"
assert_index_counts "new=0 skipped=1" "white space only"
assert_match "$ERR" "^news-index: skipped $SCRATCH/blank/spaces.txt: " "the white-space file is named"
note "ok"
