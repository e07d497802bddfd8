#!/usr/bin/env bash
# docs/output.schema.json describes what news-query --json prints: every
# line of real output validates against it (Debian's python3-jsonschema),
# from hits of plain files, of a dump's records and of an archive's
# members, several passages per article, --all-passages, a query with a
# note, a misspelt word, and no match at all.  And each message type the schema knows is
# met at least once, so the schema holds no type the tool never prints.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup
[ -n "${SOURCE_DIR:-}" ] || { echo "e2e: SOURCE_DIR must be set" >&2; exit 2; }
schema=$SOURCE_DIR/docs/output.schema.json

# Debian's python3 has Debian's jsonschema; a python3 earlier on PATH may not.
python=python3
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null && python=/usr/bin/python3
"$python" -c 'import jsonschema' 2>/dev/null || fail "no python3-jsonschema (scripts/install-deps installs it)"

mkdir -p "$SCRATCH/input/archive"
cp "$FIXTURES_DIR/dumps/news.jsonl" "$SCRATCH/input/"
# Another text than corpus/'s copy, or it would be listed under it.
{ cat "$CORPUS_DIR/bbc/sport/199.txt"; printf '\nKept in an archive.\n'; } >"$SCRATCH/input/archive/mutu.txt"
tar -czf "$SCRATCH/input/sport.tar.gz" -C "$SCRATCH/input" archive && rm -r "$SCRATCH/input/archive"
nidx --db "$SCRATCH/news.db" "$CORPUS_DIR" "$SCRATCH/input"
# The dump holds broken records on purpose: skipped, so status 1.
assert_status 1 "indexing corpus/, a JSON Lines dump and an archive"

: >"$SCRATCH/all.jsonl"
query() {  # EXPECTED-STATUS ARGS...: a --json query whose output is kept for validation
    local expected=$1
    shift
    nq --db "$SCRATCH/news.db" --json "$@"
    assert_status "$expected" "news-query --json $*"
    printf '%s\n' "$OUT" >"$SCRATCH/query.$CAPTURE_SEQ.jsonl"
    cat "$SCRATCH/query.$CAPTURE_SEQ.jsonl" >>"$SCRATCH/all.jsonl"
}
query 0 -n 20 hollande
query 0 -n 5 --per-article 3 obama
query 0 -n 30 --all-passages attacks
query 0 --offset 2 -n 3 government
query 0 storm
query 0 '"first line"'
query 0 cartridges expire hewlett
query 0 chelsea mutu
# The archive's copy of bbc/sport/199.txt (one line added) folds under it
# as a version of its story; --no-fold shows it as a hit.
query 0 --no-fold chelsea mutu
query 0 'terror* terror*'
assert_contains "$ERR" "note:" "a repeated wildcard gives a note"
query 0 -n 2 --facets source,section,author,lang,year,month,day --timeline month --top-words 3 storm
query 0 --count-only --timeline --facets month storm
query 1 zzyzxqvw
# --explain: the "explain" line before the hits and each hit's "explain",
# with feedback's words and with passages ranked alone.
query 0 --explain -n 3 --per-article 2 'hollande -obama'
query 0 --explain -n 2 --any people year time world
query 0 --explain -n 2 --all-passages attacks
# A misspelt word: the "spelling" line, then the suggestion's hits.
query 0 coalitoin

note "every line of $(wc -l <"$SCRATCH/all.jsonl") against docs/output.schema.json"
"$python" - "$schema" "$SCRATCH/all.jsonl" <<'PY' || fail "output that docs/output.schema.json refuses (above)"
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
types_seen = set()
records = members = dated = copies = similar = 0
for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    if not line.strip():
        continue
    message = json.loads(line)
    # The branch of the message's own type gives a precise error.
    branch = {"$ref": "#/$defs/" + str(message.get("type")), "$defs": schema["$defs"]}
    if message.get("type") not in schema["$defs"]:
        sys.exit("line %d: type %r is not in the schema: %s" % (number, message.get("type"), line[:200]))
    for error in jsonschema.Draft202012Validator(branch).iter_errors(message):
        sys.exit("line %d: %s at %s: %s" % (number, error.message, list(error.absolute_path), line[:300]))
    for error in validator.iter_errors(message):
        sys.exit("line %d: %s: %s" % (number, error.message, line[:300]))
    types_seen.add(message["type"])
    if message["type"] == "hit":
        records += message["record"] is not None
        members += message["member"] is not None
        dated += "T" in message["date"]
        copies += len(message["copies"])
        similar += len(message["similar"])
kinds = [ref["$ref"].rsplit("/", 1)[1] for ref in schema["oneOf"]]
unseen = sorted(set(kinds) - types_seen)
if unseen:
    sys.exit("the schema's message types %s never appeared in the output checked" % unseen)
if not copies:
    sys.exit("the queries should reach a hit listing an article with its text (bbc/tech/037.txt and 333.txt)")
if not similar:
    sys.exit("the queries should reach a hit listing a version of its story (the archive's copy of sport/199.txt)")
if not (records and members and dated):
    sys.exit("the queries should reach a dump's record (%d), an archive member (%d) and a date with a time (%d)"
             % (records, members, dated))
print("valid: %s" % ", ".join(sorted(types_seen)))
PY

note "the schema refuses what the tool does not print"
"$python" - "$schema" <<'PY' || fail "docs/output.schema.json accepts a malformed message"
import json, sys
import jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
summary = {"type": "summary", "version": 3, "hits": 0, "matching": 0, "matching_some": 0, "counts_exact": True,
           "stories": None, "stories_exact": True, "seconds": 0.1}
assert validator.is_valid(summary)
for bad in ({**summary, "version": 2}, {**summary, "type": "hits"}, {k: v for k, v in summary.items() if k != "hits"}):
    if validator.is_valid(bad):
        sys.exit("accepted %r" % bad)
PY
note "ok"
