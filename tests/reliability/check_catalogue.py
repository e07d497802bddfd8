#!/usr/bin/env python3
"""Compares what a news-search database holds with the files on disk.

    check_catalogue.py DUMP ROOT... [--skip-log FILE] [--subset] [--previous DUMP]

DUMP is the output of catalogue_dump (KIND\\tMTIME\\tSIZE\\tPATH\\0 records).
ROOTs are walked the way news-index walks them (sorted, hidden names passed
over, links inside folders not followed, only .txt/.text/extension-less
files, less a collection's README or LICENSE), all as bytes so odd names
compare exactly.

Full mode (default): every article file is in the database exactly once (as
an article or a duplicate) with its current size and mtime, or it is named
as skipped in the news-index stderr given by --skip-log; nothing else is in
the database.  --subset (right after a kill): the database holds no path
twice and no path that is not a file (unless --previous holds it: its
removal was not committed yet), but may lack files.  --previous: every
path of an earlier dump whose file still exists is still in the database
(what was committed is never lost).  Exit 0 ok, 1 mismatch (listed).
"""
import argparse
import os
import stat
import sys

READER_EXTENSIONS = {b"", b".txt", b".text"}
# What a collection says about itself is not an article (BBC's README.TXT):
# formats/article_reader.cc, is_collection_documentation.
COLLECTION_DOCUMENTATION = {b"readme", b"license", b"licence", b"copying", b"changelog", b"changes", b"authors",
                            b"notice", b"copyright"}


def read_dump(path):
    with open(path, "rb") as f:
        data = f.read()
    entries = {}
    twice = []
    for record in data.split(b"\0"):
        if not record:
            continue
        kind, mtime, size, file_path = record.split(b"\t", 3)
        if file_path in entries:
            twice.append(file_path)
        entries[file_path] = (kind.decode(), int(mtime or 0), int(size or 0))
    return entries, twice


def has_reader(name):
    stem, extension = os.path.splitext(os.path.basename(name))
    return extension.lower() in READER_EXTENSIONS and stem.lower() not in COLLECTION_DOCUMENTATION


def walk(root):
    """(files {path: stat}, unreadable [path]) as news-index sees them."""
    files, unreadable = {}, []

    def visit(path, named):
        try:
            st = os.lstat(path)
        except OSError:
            unreadable.append(path)
            return
        if stat.S_ISLNK(st.st_mode):
            if not named:
                return
            try:
                st = os.stat(path)
            except OSError:
                unreadable.append(path)
                return
        if stat.S_ISDIR(st.st_mode):
            try:
                names = sorted(n for n in os.listdir(path) if not n.startswith(b"."))
            except OSError:
                unreadable.append(path)
                return
            for name in names:
                visit(path + b"/" + name, False)
        elif stat.S_ISREG(st.st_mode):
            if has_reader(os.path.basename(path)):
                files[path] = st
        else:
            unreadable.append(path)  # FIFOs, sockets, devices are reported

    visit(os.fsencode(root).rstrip(b"/") or b"/", True)
    return files, unreadable


SHORT_ESCAPES = {0x09: b"\\t", 0x0A: b"\\n", 0x0D: b"\\r", 0x1B: b"\\e", 0x5C: b"\\\\"}


def is_terminal_control(code_point):
    return (code_point < 0x20 or 0x7F <= code_point <= 0x9F or code_point in (0x061C, 0x200E, 0x200F)
            or 0x2028 <= code_point <= 0x202E or 0x2066 <= code_point <= 0x2069)


def terminal_safe(path):
    """A path as news-index names it on stderr (common/terminal_text.h)."""
    out = bytearray()
    i = 0
    while i < len(path):
        byte = path[i]
        if 0x20 <= byte < 0x7F and byte != 0x5C:
            out.append(byte)
            i += 1
            continue
        char = None
        if byte >= 0x80:
            for length in (2, 3, 4):
                try:
                    char = path[i:i + length].decode("utf-8")
                    break
                except UnicodeDecodeError:
                    pass
        if char is None:
            out += SHORT_ESCAPES.get(byte, b"\\x%02x" % byte)
            i += 1
        elif is_terminal_control(ord(char)):
            out += b"\\u{%x}" % ord(char)
            i += length
        else:
            out += path[i:i + length]
            i += length
    return bytes(out)


def show(path):
    return repr(path)[2:-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dump")
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--skip-log")
    parser.add_argument("--subset", action="store_true")
    parser.add_argument("--previous")
    args = parser.parse_args()

    entries, twice = read_dump(args.dump)
    files, unreadable = {}, []
    for root in args.roots:
        f, u = walk(root)
        files.update(f)
        unreadable += u
    log = b""
    if args.skip_log:
        with open(args.skip_log, "rb") as f:
            log = f.read()

    def reported(path):
        return b"news-index: skipped " + terminal_safe(path) + b": " in log

    previous = {}
    if args.previous:
        previous, _ = read_dump(args.previous)

    errors = []
    for path in twice:
        errors.append("in the database twice: " + show(path))
    for path in sorted(set(entries) - set(files)):
        # Right after a kill, a file deleted since the last complete run may
        # still be there: its removal was not committed yet.
        if not (args.subset and path in previous):
            errors.append("in the database but not a file on disk: " + show(path))
    skipped = 0
    if not args.subset:
        for path in sorted(set(files) - set(entries)):
            if reported(path):
                skipped += 1
            else:
                errors.append("file neither indexed nor reported as skipped: " + show(path))
        for path in unreadable:
            if not reported(path):
                errors.append("unreadable entry not reported as skipped: " + show(path))
        for path, (kind, mtime, size) in entries.items():
            st = files.get(path)
            if st is not None and (st.st_mtime_ns != mtime or st.st_size != size):
                errors.append("stale %s (database: mtime %d size %d; file: mtime %d size %d): %s"
                              % (kind, mtime, size, st.st_mtime_ns, st.st_size, show(path)))
    for path in sorted(set(previous) - set(entries)):
        if path in files:
            errors.append("committed earlier, now lost: " + show(path))

    kinds = {}
    for kind, _, _ in entries.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = "%d files; database: %d articles, %d duplicates; %d skipped" % (
        len(files), kinds.get("article", 0), kinds.get("duplicate", 0), skipped)
    if errors:
        for line in errors[:30]:
            print("check_catalogue: " + line, file=sys.stderr)
        if len(errors) > 30:
            print("check_catalogue: ... and %d more" % (len(errors) - 30), file=sys.stderr)
        print("check_catalogue: FAILED (%s)" % summary, file=sys.stderr)
        return 1
    print("check_catalogue: ok (%s)" % summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
