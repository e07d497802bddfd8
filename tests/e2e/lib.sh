# Shared helpers for the end-to-end scripts in tests/e2e/.
#
# Each script does:
#   set -euo pipefail
#   source "$E2E_LIB"
#   e2e_setup            # checks the environment, makes $SCRATCH and cd's into it
#
# Environment (set by tests/e2e/CMakeLists.txt, or by hand):
#   NEWS_INDEX, NEWS_QUERY  absolute paths of the binaries
#   CORPUS_DIR              the repository's corpus/
#   FIXTURES_DIR            tests/fixtures
#   E2E_LIB                 this file
#   SOURCE_DIR, BUILD_DIR   the source tree and the build folder
#   PROJECT_VERSION         project(VERSION) of the root CMakeLists.txt

E2E_NAME=$(basename "${BASH_SOURCE[1]:-$0}" .sh)

# fail MESSAGE...: report a failed assertion and stop the script.
fail() {
    printf 'FAIL [%s]: %s\n' "$E2E_NAME" "$*" >&2
    if [ -n "${LAST_CMD:-}" ]; then
        printf '  last command: %s\n' "$LAST_CMD" >&2
        printf '  exit status:  %s\n' "${STATUS:-?}" >&2
        if [ -n "${OUT_FILE:-}" ] && [ -f "$OUT_FILE" ]; then
            printf '  stdout (first 40 lines):\n' >&2
            head -n 40 "$OUT_FILE" | sed 's/^/    | /' >&2
        fi
        if [ -n "${ERR_FILE:-}" ] && [ -f "$ERR_FILE" ]; then
            printf '  stderr (first 40 lines):\n' >&2
            head -n 40 "$ERR_FILE" | sed 's/^/    | /' >&2
        fi
    fi
    exit 1
}

# note MESSAGE...: progress output, so a failure log shows how far a script got.
note() { printf '[%s] %s\n' "$E2E_NAME" "$*"; }

# e2e_setup: check the environment, create a scratch folder removed on exit
# and make it the current directory.  Nothing is ever written to the repository.
e2e_setup() {
    local var
    for var in NEWS_INDEX NEWS_QUERY CORPUS_DIR FIXTURES_DIR; do
        if [ -z "${!var:-}" ]; then
            echo "e2e: environment variable $var is not set (run through ctest or set it by hand)" >&2
            exit 2
        fi
    done
    [ -x "$NEWS_INDEX" ] || { echo "e2e: NEWS_INDEX=$NEWS_INDEX is not executable" >&2; exit 2; }
    [ -x "$NEWS_QUERY" ] || { echo "e2e: NEWS_QUERY=$NEWS_QUERY is not executable" >&2; exit 2; }
    [ -d "$CORPUS_DIR" ] || { echo "e2e: CORPUS_DIR=$CORPUS_DIR is not a folder" >&2; exit 2; }
    [ -d "$FIXTURES_DIR" ] || { echo "e2e: FIXTURES_DIR=$FIXTURES_DIR is not a folder" >&2; exit 2; }
    command -v python3 >/dev/null || { echo "e2e: python3 is needed" >&2; exit 2; }
    CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd -P)
    FIXTURES_DIR=$(cd "$FIXTURES_DIR" && pwd -P)
    # Nothing from the caller's environment may change what the tools do.
    unset NEWS_SEARCH_DB NO_COLOR
    export LC_ALL=C.UTF-8
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/news-e2e-${E2E_NAME}.XXXXXX")
    SCRATCH=$(cd "$SCRATCH" && pwd -P)
    trap 'rm -rf "$SCRATCH"' EXIT
    cd "$SCRATCH" || exit 2
    CAPTURE_SEQ=0
    # A tool that dies of a signal leaves a core, shown in the log (report_core).
    ulimit -c unlimited 2>/dev/null || ulimit -c "$(ulimit -H -c)" 2>/dev/null || true
}

# Core dumps of the tools under test.  A tool that dies of a signal that
# dumps core (an abort: exit status 134; a crash: 139, ...) gets a backtrace
# of all its threads printed into the test's log, from its core, with gdb.
# Where the core goes is the kernel's core_pattern: a plain name ("core", the
# kernel's default, or "core.%e.%p") puts it in the process's working
# folder, an absolute path in that path's folder; both work.  A pattern starting with '|' hands
# it to a program (systemd-coredump, apport): then the log says so, and
# .ci/run sets a plain pattern where it may.  E2E_CORE_DIR=DIR keeps the
# cores (they are removed otherwise).
#
#   mark=$(core_mark); CMD...; status=$?; report_core "$status" "$mark" [EXE...]
#
# core_mark: prints a new marker file; a core written after it is the run's.
core_mark() {
    CORE_MARK_SEQ=$((${CORE_MARK_SEQ:-0} + 1))
    local mark="$SCRATCH/.core-mark.$CORE_MARK_SEQ"
    # A second back: a file's time stamp may lag the clock by a tick.
    touch -d "@$(($(date +%s) - 1))" "$mark"
    printf '%s\n' "$mark"
}

# report_core STATUS MARK [EXE...]: when STATUS says a signal that dumps core
# ended the process, prints the backtrace of every thread from the core
# written since MARK (in this shell's working folder, or where core_pattern
# says) to stderr, or why there is none.  EXE: the binaries it may be
# (default: news-index and news-query).
report_core() {
    local status=$1 mark=$2
    shift 2
    [ "$status" -ge 128 ] 2>/dev/null || return 0
    local signal=$((status - 128))
    case $signal in
        3 | 4 | 5 | 6 | 7 | 8 | 11 | 24 | 25 | 31) ;;  # QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS
        *) return 0 ;;  # KILL, TERM, INT...: no core, and usually sent by the test itself
    esac
    local pattern dir name_glob
    pattern=$(cat /proc/sys/kernel/core_pattern 2>/dev/null || printf 'core')
    {
        printf '=== a tool under test died of signal %s (status %s); its core:\n' "$signal" "$status"
        case $pattern in
            '|'*)
                printf '  no core here: core_pattern hands cores to a program (%s)\n' "$pattern"
                return 0
                ;;
            /*) dir=$(dirname "$pattern") ;;
            *) dir=$PWD ;;
        esac
        name_glob=$(basename "$pattern")
        name_glob="${name_glob%%%*}*"
        local core
        core=$(find "$dir" -maxdepth 1 -type f -name "$name_glob" -newer "$mark" 2>/dev/null | head -n 1 || true)
        if [ -z "$core" ]; then
            printf '  no core found in %s (core_pattern %s, ulimit -c %s)\n' "$dir" "$pattern" "$(ulimit -c)"
            return 0
        fi
        if ! command -v gdb >/dev/null; then
            printf '  gdb is not installed; the core is %s\n' "$core"
            return 0
        fi
        local generated exe="" candidate
        generated=$(gdb -batch -nx -c "$core" 2>/dev/null | sed -n 's/^Core was generated by `\([^ '"'"']*\).*/\1/p' || true)
        [ $# -gt 0 ] || set -- "$NEWS_INDEX" "$NEWS_QUERY"
        for candidate in "$@"; do
            if [ -f "$candidate" ] && [ "$(basename "$candidate")" == "$(basename "$generated")" ]; then
                exe=$candidate
                break
            fi
        done
        [ -n "$exe" ] || exe=$1
        printf '  %s, from %s\n' "$core" "$exe"
        gdb -batch -nx -ex 'set pagination off' -ex 'set print frame-arguments scalars' \
            -ex 'thread apply all bt' "$exe" "$core" 2>&1 |
            grep -v -e '^\[New LWP' -e 'reg-xstate' -e '^\[Thread debugging' -e '^Using host libthread_db' -e '^$' | cut -c1-400 | sed 's/^/  | /' || true
        if [ -n "${E2E_CORE_DIR:-}" ] && mkdir -p "$E2E_CORE_DIR" && mv "$core" "$E2E_CORE_DIR/"; then
            printf '  core kept in %s\n' "$E2E_CORE_DIR"
        else
            rm -f "$core"
        fi
        printf '=== end of the backtrace\n'
    } >&2
}

# copy_corpus DEST: a private, writable copy of corpus/ (keeps mtimes).
copy_corpus() {
    cp -a "$CORPUS_DIR" "$1"
}

# shellcheck disable=SC2034  # OUT, ERR and STATUS are for the scripts
# run_capture CMD ARGS...: run a command without tripping `set -e`; sets
#   STATUS (exit status), OUT and ERR (stdout/stderr, trailing newlines
#   stripped) and OUT_FILE / ERR_FILE (the exact bytes).  A tool that dies
#   of a signal gets its backtrace printed (report_core).
run_capture() {
    CAPTURE_SEQ=$((CAPTURE_SEQ + 1))
    OUT_FILE="$SCRATCH/.capture.$CAPTURE_SEQ.out"
    ERR_FILE="$SCRATCH/.capture.$CAPTURE_SEQ.err"
    LAST_CMD=$(printf '%q ' "$@")
    local mark
    mark=$(core_mark)
    if "$@" >"$OUT_FILE" 2>"$ERR_FILE"; then STATUS=0; else STATUS=$?; fi
    report_core "$STATUS" "$mark"
    rm -f "$mark"
    OUT=$(cat "$OUT_FILE")
    ERR=$(cat "$ERR_FILE")
}

# nidx ARGS... / nq ARGS...: the tools, captured.
nidx() { run_capture "$NEWS_INDEX" "$@"; }
nq() { run_capture "$NEWS_QUERY" "$@"; }

assert_eq() {  # EXPECTED ACTUAL MESSAGE
    [ "$1" == "$2" ] || fail "$3: expected '$1', got '$2'"
}

assert_status() {  # EXPECTED MESSAGE  (checks $STATUS of the last run_capture)
    [ "$STATUS" == "$1" ] || fail "$2: expected exit status $1, got $STATUS"
}

assert_contains() {  # HAYSTACK NEEDLE MESSAGE
    case "$1" in
        *"$2"*) ;;
        *) fail "$3: '$2' not found" ;;
    esac
}

assert_not_contains() {  # HAYSTACK NEEDLE MESSAGE
    case "$1" in
        *"$2"*) fail "$3: '$2' should not be there" ;;
        *) ;;
    esac
}

assert_match() {  # TEXT EXTENDED-REGEX MESSAGE (some line of TEXT matches)
    grep -Eq -- "$2" <<<"$1" || fail "$3: no line matches /$2/"
}

assert_no_match() {  # TEXT EXTENDED-REGEX MESSAGE
    if grep -Eq -- "$2" <<<"$1"; then fail "$3: a line matches /$2/: $(grep -E -m1 -- "$2" <<<"$1")"; fi
}

assert_empty() {  # TEXT MESSAGE
    [ -z "$1" ] || fail "$2: expected nothing, got: $(head -c 300 <<<"$1")"
}

# last_line TEXT
last_line() { printf '%s\n' "$1" | tail -n 1; }

# index_summary: the news-index summary line from $ERR.
index_summary() {
    grep -E '^news-index: [0-9]+ new, ' <<<"$ERR" | tail -n 1 || true
}

# index_count KIND: a number from the summary line in $ERR; KIND is one of
# new, changed, unchanged, removed, duplicates, skipped.
index_count() {
    local line
    line=$(index_summary)
    [ -n "$line" ] || fail "no news-index summary line on stderr"
    local word=$1
    [ "$word" == duplicates ] && word='duplicates?'
    local n
    n=$(grep -oE "(^news-index: |, )[0-9]+ $word(,| |\$)" <<<"$line" | grep -oE '[0-9]+' | head -n 1 || true)
    [ -n "$n" ] || fail "no '$1' count in summary line: $line"
    printf '%s\n' "$n"
}

# assert_index_counts "new=60 changed=0 ...": every named count, from $ERR.
assert_index_counts() {
    local pair
    for pair in $1; do
        local kind=${pair%%=*} want=${pair#*=}
        local got
        got=$(index_count "$kind")
        [ "$got" == "$want" ] || fail "$2: expected $want $kind, got $got (summary: $(index_summary))"
    done
}

# count_files DIR: article files under DIR: regular, not hidden (nor under
# a hidden folder), named .txt or with no extension (news-index ignores the
# rest, e.g. corpus/README.md).
count_files() {
    article_files "$1" | wc -l | tr -d ' '
}

# article_files DIR: the article files under DIR, sorted, one per line.
article_files() {
    find "$1" -name '.*' -prune -o -type f -print | grep -E '(/[^./]+|\.txt|\.text)$' | sort
}

# pycheck FILE [ARGS...] <<'EOF' ... EOF
#   Runs a Python check on a JSON Lines file (the tool's --json output).
#   The prelude gives: records (all parsed lines), hits, summary, argv,
#   fold(text) (case- and accent-insensitive form), check(cond, msg),
#   passage_words(passage) (the matched words), file_lines(path).
#   A failed check() prints the reason and the script fails.
pycheck() {
    local file=$1
    shift
    local body
    body=$(cat)
    if ! python3 - "$file" "$@" 3<<<"$body" <<'PYEOF'; then
import json, os, sys, unicodedata

def _fail(msg):
    print("  python check: " + msg, file=sys.stderr)
    sys.exit(1)

def check(cond, msg):
    if not cond:
        _fail(msg)

def fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

def normalise_space(text):
    return " ".join(text.split())

def passage_words(passage):
    data = passage["text"].encode("utf-8")
    words = []
    for pair in passage["matches"]:
        check(isinstance(pair, list) and len(pair) == 2, "a match is not a [begin, end] pair: %r" % (pair,))
        begin, end = pair
        check(0 <= begin < end <= len(data), "match %r outside the %d bytes of the passage" % (pair, len(data)))
        try:
            words.append(data[begin:end].decode("utf-8"))
        except UnicodeDecodeError:
            _fail("match %r does not fall on UTF-8 character boundaries in %r" % (pair, passage["text"]))
    return words

def file_lines(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

def check_hits(article_mode=True, first_rank=1):
    """What every hit listing must satisfy."""
    check(summary is not None, "the last line is not a summary: %r" % (records[-1],))
    check(all(r["type"] in ("hit", "summary", "spelling") for r in records), "unknown line types")
    check(sum(r["type"] == "summary" for r in records) == 1, "more than one summary line")
    check(summary["hits"] == len(hits), "summary says %d hits, %d hit lines printed" % (summary["hits"], len(hits)))
    for i, h in enumerate(hits):
        where = "hit %d (%s)" % (i + 1, h.get("path"))
        check(h.get("rank") == first_rank + i, "%s: rank %r, expected %d" % (where, h.get("rank"), first_rank + i))
        check(os.path.isabs(h["path"]) and os.path.isfile(h["path"]), where + ": path is not an existing absolute file")
        check(isinstance(h.get("passages"), list) and h["passages"], where + ": no passages")
        check("passage" not in h, where + ": 'passage' (version 1) repeats passages[0]")
        for p in h["passages"]:
            check(isinstance(p.get("line"), int) and p["line"] >= 1,
                  "%s: passage line %r is not a line of the file (text %r)" % (where, p.get("line"), p.get("text", "")[:120]))
            check(isinstance(p.get("text"), str) and p["text"].strip(), where + ": empty passage text")
            check(isinstance(p.get("truncated"), bool), where + ": passage 'truncated' is %r" % p.get("truncated"))
    if article_mode:
        paths = [h["path"] for h in hits]
        dupes = sorted({p for p in paths if paths.count(p) > 1})
        check(not dupes, "article(s) listed more than once: %s" % dupes)
    if summary.get("counts_exact", True):
        unit = "articles" if article_mode else "passages"
        full = sum(h.get("match") != "partial" for h in hits)
        check(full <= summary["matching"],
              "summary says %d matching %s, but %d hits were listed as matching the whole query"
              % (summary["matching"], unit, full))
        check(len(hits) <= max(summary["matching"], summary["matching_some"]),
              "summary counts %d/%d matching %s, yet %d hits were listed"
              % (summary["matching"], summary["matching_some"], unit, len(hits)))

argv = sys.argv[2:]
records = []
with open(sys.argv[1], "rb") as f:
    for number, raw in enumerate(f.read().split(b"\n"), 1):
        if raw == b"":
            continue
        try:
            records.append(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as e:
            _fail("line %d is not valid UTF-8 JSON (%s): %r" % (number, e, raw[:200]))
check(len(records) > 0, "no JSON lines at all")
for r in records:
    check(isinstance(r, dict) and "type" in r, "a line is not an object with a type: %r" % (r,))
hits = [r for r in records if r["type"] == "hit"]
summary = records[-1] if records[-1]["type"] == "summary" else None

exec(compile(os.fdopen(3).read(), "<check>", "exec"))
PYEOF
        fail "JSON check failed on output of: ${LAST_CMD:-?}"
    fi
}
