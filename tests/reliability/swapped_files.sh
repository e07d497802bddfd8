#!/usr/bin/env bash
# Files swapped between the walk and the read: news-index reads only the
# regular file the walk saw.  Once the walk is over (the first article is
# indexed) files at the end of the walk are replaced: by a link to a
# private file, a FIFO, a link to /dev/zero, a file grown past the 256 MiB
# limit, a folder on the path by a link to elsewhere; with --follow-symlinks
# (a fresh build on two threads) a followed link is pointed elsewhere or at
# /dev/zero.  Each is skipped with its reason, news-index neither hangs nor
# eats memory, no private text is indexed, the rest is, exit status 1.
# Regression test: on 0f3954e the FIFO made news-index wait for ever in
# open, holding the write lock, the link's target was indexed, the grown
# file read whole and /dev/zero read until memory ran out.
set -euo pipefail
# shellcheck source=tests/reliability/lib.sh
source "$RELIABILITY_DIR/lib.sh"
reliability_setup

private=$SCRATCH/private
mkdir "$private"
printf 'Private\n\nThe secretmarker text news-index was never asked to read.\n' >"$private/secret.txt"
cp "$private/secret.txt" "$private/inner.txt"
chmod 600 "$private/secret.txt" "$private/inner.txt"

# index_while_swapping NAME SWAP NEWS-INDEX-ARGS...: runs news-index -v in
# the background, calls the function SWAP once the walk is over, and waits;
# sets STATUS and ERR.  Reading /dev/zero would take all memory, so the run
# gets 2 GiB of address space (not under ASan, which reserves terabytes),
# and 60 s: a FIFO would block it for ever.
index_while_swapping() {
    local name=$1 swap=$2
    shift 2
    ERR_FILE=$SCRATCH/$name.err
    OUT_FILE=$SCRATCH/$name.out
    LAST_CMD="news-index -v $* (files swapped by $swap)"
    (
        if ! grep -q __asan_init "$NEWS_INDEX"; then ulimit -v 2097152; fi
        exec timeout 60 "$NEWS_INDEX" -v "$@"
    ) >"$OUT_FILE" 2>"$ERR_FILE" &
    local pid=$!
    # The walk lists every file before the first is read.
    until grep -q ': new$' "$ERR_FILE"; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
    done
    "$swap"
    STATUS=0
    wait "$pid" || STATUS=$?
    ERR=$(cat "$ERR_FILE")
    [ "$STATUS" != 124 ] || fail "news-index was still running after 60 s"
}

# assert_skipped PATH REASON: the skip line for PATH says exactly REASON.
assert_skipped() {
    assert_contains "$ERR" $'\n'"news-index: skipped $1: $2"$'\n' "the skip line of $1"
}

note "without --follow-symlinks (one thread)"
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/first" 3000 4 first
last=$SCRATCH/zz-last
mkdir -p "$last/sub"
for name in link fifo grown zero sub/inner stays; do
    printf 'The %s file\n\nThe %smarker article is here at the walk.\n' "${name#sub/}" "${name#sub/}" >"$last/$name.txt"
done
swap_plain_files() {
    ln -sf "$private/secret.txt" "$last/link.txt"
    rm "$last/fifo.txt" && mkfifo "$last/fifo.txt"
    truncate -s 300M "$last/grown.txt"
    ln -sf /dev/zero "$last/zero.txt"
    mv "$last/sub" "$last/sub-walked" && ln -s "$private" "$last/sub"
}
index_while_swapping plain swap_plain_files --db "$SCRATCH/plain.db" "$SCRATCH/first" "$last"
assert_status 1 "news-index exit status with files swapped"
assert_skipped "$last/link.txt" "changed between the walk and the read: now a symbolic link"
assert_skipped "$last/fifo.txt" "not a regular file (FIFO)"
assert_skipped "$last/grown.txt" "too large (300 MiB; the limit is 256 MiB)"
assert_skipped "$last/zero.txt" "changed between the walk and the read: now a symbolic link"
assert_skipped "$last/sub/inner.txt" "changed between the walk and the read: now another file"
assert_index_counts "new=3001 skipped=5" "the files not swapped are indexed"
nq --db "$SCRATCH/plain.db" secretmarker
assert_status 1 "the private file's text is not in the database"
nq --db "$SCRATCH/plain.db" staysmarker
assert_status 0 "the file left alone is found"

note "with --follow-symlinks (a fresh build on two threads)"
python3 "$RELIABILITY_DIR/gen_articles.py" "$SCRATCH/bulk" 4000 5 bulk
targets=$SCRATCH/targets
follow=$SCRATCH/zz-follow
mkdir "$targets" "$follow"
for name in link zero kept fifo; do
    printf 'The %s target\n\nThe %smarker article is here at the walk.\n' "$name" "$name" >"$targets/$name.txt"
done
for name in link zero kept; do ln -s "$targets/$name.txt" "$follow/$name.txt"; done
cp "$targets/fifo.txt" "$follow/fifo.txt"
swap_followed_links() {
    ln -sfn "$private/secret.txt" "$follow/link.txt"
    ln -sfn /dev/zero "$follow/zero.txt"
    rm "$follow/fifo.txt" && mkfifo "$follow/fifo.txt"
}
index_while_swapping follow swap_followed_links --db "$SCRATCH/follow.db" --threads 2 --follow-symlinks \
    "$SCRATCH/bulk" "$follow"
assert_status 1 "news-index exit status with links swapped"
assert_skipped "$follow/link.txt" "changed between the walk and the read: the link now leads to another file"
assert_skipped "$follow/zero.txt" "not a regular file (character device)"
assert_skipped "$follow/fifo.txt" "not a regular file (FIFO)"
assert_index_counts "new=4001 skipped=3" "the followed link left alone is indexed"
nq --db "$SCRATCH/follow.db" secretmarker
assert_status 1 "the private file's text is not in the database"
nq --db "$SCRATCH/follow.db" keptmarker
assert_status 0 "the followed link left alone is found"
note "ok"
