#!/usr/bin/env python3
"""hostile_inputs.py CORPUS: indexes each case of a make_hostile_corpus.py
corpus into its own database, then all together, and checks what
CORPUS/manifest.json promises: articles indexed, every skip named with its
reason, no crash, peak memory bounded, the database equal to the files
(check_catalogue.py), the marker words found.  Prints one line per case
with its peak RSS; environment: NEWS_INDEX, NEWS_QUERY, CATALOGUE_DUMP,
RELIABILITY_DIR, HOSTILE_MAX_RSS_MB (default 1024), HOSTILE_REPORT (a file
to append the per-case figures to)."""
import json
import os
import re
import resource
import subprocess
import sys
import time

INDEX, QUERY = os.environ["NEWS_INDEX"], os.environ["NEWS_QUERY"]
DUMP = os.environ["CATALOGUE_DUMP"]
PEAK_RSS = os.environ["PEAK_RSS"]
CHECK = os.path.join(os.environ["RELIABILITY_DIR"], "check_catalogue.py")
MAX_RSS_MB = int(os.environ.get("HOSTILE_MAX_RSS_MB", "1024"))
failures = []


def fail(case, message):
    failures.append("%s: %s" % (case, message))
    print("FAIL %s: %s" % (case, message), file=sys.stderr)


def run_measured(argv):
    """(exit status, stdout, stderr, peak RSS in MiB, seconds) of one run,
    measured by the small peak_rss helper."""
    started = time.monotonic()
    run = subprocess.run([PEAK_RSS, work + "/rss"] + argv, capture_output=True)
    seconds = time.monotonic() - started
    with open(work + "/rss") as f:
        rss_kib = int(f.read())
    code = run.returncode if run.returncode < 128 else -(run.returncode - 128)
    return code, run.stdout, run.stderr, rss_kib / 1024, seconds


def summary_counts(err):
    m = re.search(rb"news-index: (\d+) new, (\d+) changed, (\d+) unchanged, (\d+) removed, (\d+) duplicates?, "
                  rb"(\d+) skipped", err)
    if not m:
        return None
    return dict(zip(["new", "changed", "unchanged", "removed", "duplicates", "skipped"], map(int, m.groups())))


def skip_lines(err):
    """The 'news-index: skipped PATH: REASON' messages."""
    return [line.decode(errors="replace") for line in err.splitlines() if line.startswith(b"news-index: skipped ")]


def is_unsafe_on_terminal(char):
    """A control character, a bidi control, or (as a surrogate escape) a
    byte that is not UTF-8: news-index must have escaped it."""
    code = ord(char)
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x061C, 0x200E, 0x200F) or 0x2028 <= code <= 0x202E
            or 0x2066 <= code <= 0x2069 or 0xDC80 <= code <= 0xDCFF)


def check_terminal_safe(case, err):
    """Names are escaped: every line is one whole message, with nothing a
    terminal would act on."""
    for line in err.splitlines():
        if not line.startswith(b"news-index: "):
            fail(case, "a line that is not a news-index message (a name split it?): %r" % line[:200])
            return
        text = line.decode("utf-8", "surrogateescape")
        if any(is_unsafe_on_terminal(c) for c in text):
            fail(case, "raw terminal controls in: %r" % line[:200])
            return


def check_run(case, spec, code, err, extra_dirs=()):
    if code < 0 or code > 2 or b"terminate called" in err or b"Sanitizer" in err or b"runtime error" in err:
        fail(case, "crashed or failed (status %d): %r" % (code, err[-600:]))
        return False
    counts = summary_counts(err)
    if counts is None:
        fail(case, "no summary line (status %d): %r" % (code, err[-600:]))
        return False
    reasons = skip_lines(err)
    want_status = 1 if counts["skipped"] > 0 else 0
    if code != want_status:
        fail(case, "exit status %d with %d skipped" % (code, counts["skipped"]))
    if len(reasons) < counts["skipped"]:
        fail(case, "%d skipped but only %d named with a reason" % (counts["skipped"], len(reasons)))
    for message in reasons:
        if not re.search(r": \S.*$", message):
            fail(case, "a skip without a reason: %r" % message)
    if spec is not None:
        if spec["new"] is not None and counts["new"] != spec["new"]:
            fail(case, "expected %d new, got %d: %r" % (spec["new"], counts["new"], err[-400:]))
        if spec["new"] is not None and counts["skipped"] != spec["skipped"]:
            fail(case, "expected %d skipped, got %d: %r" % (spec["skipped"], counts["skipped"], err[-600:]))
        for pattern in spec["reasons"]:
            if spec["new"] is not None and not any(re.search(pattern, r, re.I) for r in reasons):
                fail(case, "no skip reason matches /%s/: %s" % (pattern, reasons))
    return True


def compare(case, db, roots, err_file):
    with open(work + "/dump", "wb") as out:
        dumped = subprocess.run([DUMP, db], stdout=out, stderr=subprocess.PIPE)
    if dumped.returncode != 0:
        fail(case, "database inconsistent: %s" % dumped.stderr.decode(errors="replace"))
        return
    checked = subprocess.run([sys.executable, CHECK, work + "/dump"] + roots + ["--skip-log", err_file],
                             capture_output=True, text=True)
    if checked.returncode != 0:
        fail(case, "database and files differ: " + checked.stderr[-1500:])


# What one hit may print, less its path (a path can pass PATH_MAX): a title
# and a passage of at most 2,000 bytes each (docs/output.md), metadata and
# the match offsets.  A 10 MB paragraph used to be one passage, printed whole.
MAX_HIT_BYTES = 8192


def find_markers(case, db, markers):
    for marker in markers:
        run = subprocess.run([QUERY, "--db", db, "--json", marker], capture_output=True)
        if run.returncode != 0:
            fail(case, "marker %r not found (status %d): %r" % (marker, run.returncode, run.stderr[-300:]))
            continue
        for line in run.stdout.splitlines():
            record = json.loads(line.decode("utf-8"))  # valid UTF-8 JSON even for odd paths and bytes
            size = len(line) - len(json.dumps(record.get("path", "")).encode())
            if size > MAX_HIT_BYTES:
                fail(case, "a hit for %r prints %d bytes besides its path (bound %d)" % (marker, size, MAX_HIT_BYTES))


corpus = os.path.abspath(sys.argv[1])
work = os.path.abspath(sys.argv[2])
with open(os.path.join(corpus, "manifest.json")) as f:
    manifest = json.load(f)
report = []
total_new = 0
for case, spec in sorted(manifest.items()):
    db = os.path.join(work, case + ".db")
    code, out, err, rss, seconds = run_measured([INDEX, "--db", db] + spec["options"] + [os.path.join(corpus, case)])
    with open(os.path.join(work, case + ".err"), "wb") as f:
        f.write(err)
    ok = check_run(case, spec, code, err)
    if out:
        fail(case, "news-index wrote to stdout: %r" % out[:200])
    if rss > MAX_RSS_MB:
        fail(case, "peak RSS %.0f MiB is over the %d MiB bound" % (rss, MAX_RSS_MB))
    counts = summary_counts(err) or {"new": 0, "skipped": 0}
    total_new += counts["new"]
    line = "%-18s status %d, %5d new, %2d skipped, peak RSS %6.1f MiB, %6.2f s" % (
        case, code, counts["new"], counts["skipped"], rss, seconds)
    print(line)
    report.append(line)
    if ok:
        if not spec["options"]:  # check_catalogue walks without following links
            compare(case, db, [os.path.join(corpus, case)], os.path.join(work, case + ".err"))
        find_markers(case, db if counts["new"] else None, spec["markers"]) if counts["new"] else None

# Everything at once, naming every file (--verbose), then again: nothing
# new, nothing lost.
db = os.path.join(work, "all.db")
cases = [os.path.join(corpus, c) for c in sorted(manifest)]
code, out, err, rss, seconds = run_measured([INDEX, "--verbose", "--db", db] + cases)
with open(os.path.join(work, "all.err"), "wb") as f:
    f.write(err)
check_run("all", None, code, err)
check_terminal_safe("all", err)
compare("all", db, cases, os.path.join(work, "all.err"))
line = "%-18s status %d, peak RSS %6.1f MiB, %6.2f s" % ("all cases at once", code, rss, seconds)
print(line)
report.append(line)
code, out, err, rss, seconds = run_measured([INDEX, "--db", db] + cases)
counts = summary_counts(err)
if check_run("re-run", None, code, err) and counts["new"] + counts["changed"] + counts["removed"] != 0:
    fail("re-run", "a re-run changed something: %r" % err[-400:])

if os.environ.get("HOSTILE_REPORT"):
    with open(os.environ["HOSTILE_REPORT"], "a") as f:
        f.write("\n".join(report) + "\n")
if failures:
    print("%d failures" % len(failures), file=sys.stderr)
    sys.exit(1)
print("hostile inputs: all %d cases ok" % len(manifest))
