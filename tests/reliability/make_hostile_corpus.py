#!/usr/bin/env python3
"""make_hostile_corpus.py DIR [--big]: builds a corpus of hostile inputs, one
folder per case, and DIR/manifest.json saying what news-index must do with
each.  --big makes the stress sizes (a 50 MB line, 100,000 files).

Manifest per case: {"new": articles it must index, "skipped": files it must
skip, "reasons": [regex a skip line's reason must match, ...], "markers":
[words to search for afterwards], "options": [extra news-index options]}.
"new" may be null when either outcome is acceptable (the run must still end
cleanly and name each skip with its reason).
"""
import json
import os
import socket
import sys

MB = 1024 * 1024


def article(title, *paragraphs):
    return (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    root = sys.argv[1].encode()
    big = "--big" in sys.argv[2:]
    os.makedirs(root, exist_ok=True)
    manifest = {}

    def case(name, new, skipped=0, reasons=(), markers=(), options=()):
        manifest[name] = {"new": new, "skipped": skipped, "reasons": list(reasons), "markers": list(markers),
                          "options": list(options)}
        return os.path.join(root, name.encode())

    d = case("empty", 0, 1, ["empty"])
    write(os.path.join(d, b"empty.txt"), b"")

    d = case("binary", 0, 2, ["binary"])
    write(os.path.join(d, b"nul.txt"), b"Looks like text\n\nbut hides a NUL \x00 byte and binarymarker.\n")
    write(os.path.join(d, b"utf16.txt"), "UTF-16 text, a NUL every other byte".encode("utf-16"))

    d = case("blank", 0, 3, ["no text|empty"])
    write(os.path.join(d, b"spaces.txt"), b"   \t \n\n  \r\n \x0b\x0c\n")
    write(os.path.join(d, b"newlines.txt"), b"\n" * (2 * MB))
    write(os.path.join(d, b"crlfs.txt"), b"\r\n" * MB)

    d = case("invalid_utf8", 1, markers=["invalidmarker"])
    write(os.path.join(d, b"bad.txt"),
          b"Broken \xc3 bytes \xff\xfe title\n\nOverlong \xc0\xaf and \xe0\x80\xaf, surrogate \xed\xa0\x80, "
          b"lone continuation \x80\xbf, a 5-byte \xf8\x88\x80\x80\x80 form, invalidmarker, and a cut \xe2\x82")

    d = case("mixed_encodings", 2, markers=["mixedmarker", "cafe", "zurich"])
    write(os.path.join(d, b"mixed.txt"),
          "Caf\u00e9 in Z\u00fcrich\n\nUTF-8 caf\u00e9 then ".encode() + b"Latin-1 caf\xe9 in Z\xfcrich, mixedmarker.\n")
    write(os.path.join(d, b"latin1.txt"), b"Z\xfcrich news\n\nThe Z\xfcrich caf\xe9 costs \xa35 says the owner\x92s son.\n")

    d = case("bom_and_line_ends", 4, markers=["bommarker", "crlfmarker", "crmarker", "mixedendmarker"])
    write(os.path.join(d, b"bom.txt"), b"\xef\xbb\xbfBOM title\r\n\r\nText with a bommarker.\r\n")
    write(os.path.join(d, b"crlf.txt"), b"CRLF title\r\n\r\nFirst crlfmarker paragraph.\r\n\r\nSecond.\r\n")
    write(os.path.join(d, b"cr.txt"), b"CR title\r\rOld Mac crmarker line ends.\rMore.\r")
    write(os.path.join(d, b"mixed-ends.txt"), b"Mixed title\n\r\n\rA\r\nmixedendmarker\n\rB\r\r\n")

    d = case("control_chars", None, reasons=["binary"], markers=["controlmarker"])
    write(os.path.join(d, b"escapes.txt"),
          b"\x1b[31mRed\x1b[0m title\x07\n\n\x1b[2J\x1b]0;evil title\x07 controlmarker \x08\x08 \x7f \x0c feed\n")

    d = case("long_word", 1, markers=["longwordmarker"])
    write(os.path.join(d, b"word.txt"), b"One word\n\n" + b"x" * MB + b" longwordmarker\n")

    d = case("many_paragraphs", 1, markers=["paragraphmarker"])
    write(os.path.join(d, b"paragraphs.txt"),
          b"Many paragraphs\n\n" + b"A b c.\n\n" * 150_000 + b"The paragraphmarker ends it.\n")

    d = case("header_only", 3, markers=["headeronlymarker"])
    write(os.path.join(d, b"reuters-header-only"),
          b"-- headeronlymarker headline\n-- By \n-- Fri Oct 20, 2006 6:15pm EDT\n-- http://example.com/x\n")
    write(os.path.join(d, b"title-only.txt"), b"Just a title line")
    write(os.path.join(d, b"dashes"), b"-- x\n" * 200_000)

    size = 50 * MB if big else 5 * MB
    d = case("long_line", 1, markers=["longlinemarker"])
    words = b"market bank shares profit growth election minister vote team match "
    line = (words * (size // len(words) + 1))[:size]
    write(os.path.join(d, b"one-line.txt"), line + b" longlinemarker")

    # One paragraph of 10 MB with no sentence end: cut into passages of at
    # most 900 bytes all the same (it was one 10 MB passage, printed whole by
    # every hit, twice with --json).
    d = case("one_paragraph", 1, markers=["oneparagraphmarker", "election"])
    line = (words * (10 * MB // len(words) + 1))[:10 * MB]
    write(os.path.join(d, b"paragraph.txt"), b"A one-paragraph article\n\n" + line + b" oneparagraphmarker\n")

    d = case("large_article", 1, markers=["largearticlemarker"])
    paragraph = b"The minister said the market and the bank would grow. " * 8 + b"\n\n"
    body = paragraph * (10 * MB // len(paragraph))
    write(os.path.join(d, b"large.txt"), b"A ten megabyte article\n\n" + body + b"largearticlemarker.\n")

    names = [b"with space.txt", b"new\nline.txt", b"tab\tname.txt", b"latin1-\xe9.txt", b"bad-\xff\xfe.txt",
             b"ctrl-\x01\x1b[31m.txt", b"csi-\x9b" b"31m.txt", "c1-\u009b31m.txt".encode(),
             "rlo-\u202eexe.txt".encode(), "emoji-\U0001F600.txt".encode(), b"-dash-start.txt", b"back\\slash.txt",
             b"quote'\"name.txt", b"n" * 251 + b".txt", b"UPPER.TXT", b"no-extension"]
    d = case("odd_names", len(names), markers=["oddnamemarker"])
    for i, name in enumerate(names):
        write(os.path.join(d, name), article("Odd name %d" % i, "The oddnamemarker file number %d." % i))

    count = 100_000 if big else 2_000
    d = case("many_files", count, markers=["manyfilesmarker"])
    for i in range(count):
        sub = os.path.join(d, b"%03d" % (i // 1000))
        if i % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, b"%06d.txt" % i), "wb") as f:
            f.write(b"One line manyfilesmarker number %d" % i)

    # Deep folders: 100 levels is fine; past PATH_MAX (4,096 bytes) a file
    # cannot be named at all, and must be reported, not crash the walk.
    d = case("deep", 1, 1, ["too long"], markers=["deepmarker"])
    os.makedirs(d)
    fd = os.open(d, os.O_RDONLY)
    for level in range(100):
        os.mkdir(b"level%03d" % level, dir_fd=fd)
        fd2 = os.open(b"level%03d" % level, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = fd2
    with open(os.open(b"deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
        f.write(article("Deep down", "The deepmarker file."))
    os.close(fd)
    fd = os.open(d, os.O_RDONLY)
    for level in range(420):  # 420 * 10 bytes > 4096
        name = b"toodeep%03d" % level
        os.mkdir(name, dir_fd=fd)
        fd2 = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = fd2
    with open(os.open(b"unreachable.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
        f.write(article("Too deep", "Nobody can name this file."))
    os.close(fd)

    d = case("special_files", 1, 4, ["FIFO", "socket", "link loop", "broken link"], markers=["specialmarker"],
             options=["--follow-symlinks"])
    os.makedirs(d)
    write(os.path.join(d, b"real.txt"), article("Real file", "The specialmarker article."))
    os.mkfifo(os.path.join(d, b"fifo.txt"))
    here = os.getcwd()
    os.chdir(d)
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind("socket.txt")
        sock.close()
    finally:
        os.chdir(here)
    os.makedirs(os.path.join(d, b"sub"))
    os.symlink(b"..", os.path.join(d, b"sub", b"loop"))  # back to special_files
    os.symlink(b"nowhere.txt", os.path.join(d, b"broken.txt"))

    with open(os.path.join(root, b"manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
