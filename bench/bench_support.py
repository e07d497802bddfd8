"""What bench/speed, bench/relevance and bench/known_items share: paths, the
Reuters folder, building, running and measuring a process, the Lucene
harness, query cleaning, machine facts and writing result blocks into
docs/benchmarks.md."""

from __future__ import annotations

import datetime as _dt
import glob
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
CORPORA_DIR = Path(os.environ.get("BENCH_CORPORA", REPO_DIR.parent / "shared" / "corpora"))
DOCS_FILE = REPO_DIR / "docs" / "benchmarks.md"
REUTERS_TAR = "reuters-financial-106k.tar.xz"
JAVA_JARS = ("lucene-core", "lucene-analyzers-common", "lucene-queryparser")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def require_corpora() -> None:
    if not CORPORA_DIR.is_dir():
        sys.exit(f"bench: no corpora at {CORPORA_DIR}; set BENCH_CORPORA to shared/corpora")


def scratch_dir(name: str) -> Path:
    """A scratch folder outside the repository: $BENCH_SCRATCH or /tmp."""
    base = Path(os.environ.get("BENCH_SCRATCH") or Path(tempfile.gettempdir()) / "news-search-bench")
    path = (base / name).resolve()
    if REPO_DIR in path.parents or path == REPO_DIR:
        sys.exit(f"bench: scratch folder {path} is inside the repository; set BENCH_SCRATCH elsewhere")
    path.mkdir(parents=True, exist_ok=True)
    return path


def require_tools(names: list[str]) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        sys.exit(f"bench: missing {', '.join(missing)}; run bench/install-deps (as root)")


# ---------------------------------------------------------------- corpora

def reuters_full() -> Path:
    """The Reuters 106k folder, extracted once from the corpora's tarball into
    the scratch folder (files have no extension)."""
    corpora = scratch_dir("corpora")
    folder = corpora / "reuters-full"
    done = corpora / "reuters-full.done"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    tmp = corpora / "reuters-extracting"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    log(f"extracting {REUTERS_TAR} into {folder}")
    subprocess.run(["tar", "-xJf", str(CORPORA_DIR / REUTERS_TAR), "-C", str(tmp)], check=True)
    (top,) = list(tmp.iterdir())
    top.rename(folder)
    tmp.rmdir()
    done.touch()
    return folder


# ---------------------------------------------------------------- our binaries

@dataclass
class OurTools:
    news_index: str
    news_query: str


def add_binary_options(parser) -> None:
    parser.add_argument("--no-build", action="store_true",
                        help="use the binaries as they are, do not run scripts/build")
    parser.add_argument("--news-index", help="news-index binary (default: $BUILD_DIR/news-index)")
    parser.add_argument("--news-query", help="news-query binary (default: $BUILD_DIR/news-query)")
    parser.add_argument("--engine-commit",
                        help="what the binaries were built from, for the report (default: this tree's commit, "
                             "marked when common/, indexer/ or query/ have uncommitted changes)")


def our_tools(args) -> OurTools:
    build_dir = Path(os.environ.get("BUILD_DIR", "build"))
    if not build_dir.is_absolute():
        build_dir = REPO_DIR / build_dir
    if not args.no_build and not (args.news_index and args.news_query):
        log(f"building Release into {build_dir} (scripts/build)")
        env = dict(os.environ, BUILD_DIR=str(build_dir), BUILD_TYPE="Release")
        subprocess.run([str(REPO_DIR / "scripts" / "build")], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    tools = OurTools(args.news_index or str(build_dir / "news-index"),
                     args.news_query or str(build_dir / "news-query"))
    for path in (tools.news_index, tools.news_query):
        if not os.access(path, os.X_OK):
            sys.exit(f"bench: {path} is missing; build first or drop --no-build")
    return tools


def binary_stamp(path: str) -> str:
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


# ---------------------------------------------------------------- Lucene

def lucene_classpath() -> str:
    jars = []
    for name in JAVA_JARS:
        found = sorted(glob.glob(f"/usr/share/java/{name}-8*.jar")) or sorted(glob.glob(f"/usr/share/java/{name}.jar"))
        if not found:
            sys.exit(f"bench: /usr/share/java/{name}-8*.jar not found; run bench/install-deps (liblucene8-java)")
        jars.append(found[-1])
    return ":".join(jars)


def lucene_harness() -> list[str]:
    """Compiles bench/lucene/*.java into the scratch folder when stale and
    returns the java command prefix (add the class name and its arguments)."""
    require_tools(["java", "javac"])
    classpath = lucene_classpath()
    sources = sorted((BENCH_DIR / "lucene").glob("*.java"))
    classes = scratch_dir("lucene-classes")
    stamp = classes / "stamp"
    want = json.dumps([classpath] + [f"{s}:{s.stat().st_mtime_ns}" for s in sources])
    if not stamp.exists() or stamp.read_text() != want:
        log("compiling bench/lucene/*.java")
        subprocess.run(["javac", "-nowarn", "-cp", classpath, "-d", str(classes)] + [str(s) for s in sources],
                       check=True)
        stamp.write_text(want)
    return ["java", "-cp", f"{classes}:{classpath}"]


# ---------------------------------------------------------------- measuring

@dataclass
class Measure:
    wall: float      # seconds, whole process
    user: float      # seconds
    sys: float       # seconds
    rss_kib: int     # peak resident set size
    status: int

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def measure(cmd: list[str], log_file: Path | None = None, ok_status=(0, 1), cwd=None) -> Measure:
    """Runs cmd and measures the whole process: wall time from a monotonic
    clock around it; CPU time (user + sys, microseconds) from the kernel's
    resource usage as wait4() returns it; peak RSS as /usr/bin/time reports it.

    The process runs under /usr/bin/time because Linux carries the peak RSS of
    the image a process replaces across execve(): a tool started straight from
    this (larger) Python process would report Python's peak when its own is
    smaller. time's own CPU (well under a millisecond) is included."""
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        try:
            if log_file:
                out.write(("$ " + " ".join(cmd) + "\n").encode())
                out.flush()
            start = time.perf_counter()
            proc = subprocess.Popen(["/usr/bin/time", "-f", "%x %M", "-o", report.name] + cmd,
                                    stdout=out, stderr=out, cwd=cwd)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if log_file:
                out.close()
        fields = report.read().split()
    # time's last line is "EXIT RSS"; a killed command adds a line before it.
    rss = int(fields[-1]) if fields and fields[-1].isdigit() else 0
    result = Measure(wall, usage.ru_utime, usage.ru_stime, rss, proc.returncode)
    if proc.returncode not in ok_status:
        where = f"; see {log_file}" if log_file else ""
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}{where}")
    return result


def disk_usage(path: Path) -> int:
    """Bytes on disk (allocated blocks) under path."""
    total = 0
    if path.is_file():
        return path.stat().st_blocks * 512
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except FileNotFoundError:
                pass
    return total


def median(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    if n == 0:
        return math.nan
    mid = n // 2
    return values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2


def percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    values = sorted(values)
    if not values:
        return math.nan
    pos = (len(values) - 1) * pct / 100
    low = math.floor(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


def searched_terms(news_query: str, db: Path | str, query: str) -> str:
    """The words news-query searches for `query` (its --explain stems, in
    order), as one line for quest -s none."""
    out = subprocess.run([news_query, "--db", str(db), "--explain", "-n", "1", "--", query],
                         capture_output=True, text=True).stdout
    return explained_stems(out) or query.lower()


def explained_stems(explain_output: str) -> str:
    """From --explain's "words: interest, rates → rate" line: "interest rate"."""
    for line in explain_output.splitlines():
        if line.startswith("words: "):
            return " ".join(item.split("→")[-1].strip() for item in line[len("words: "):].split(", "))
    return ""


def drop_page_cache_hint(folder: Path) -> None:
    """Reads every file once so that all tools start from a warm page cache."""
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                with open(os.path.join(root, name), "rb") as f:
                    while f.read(1 << 20):
                        pass
            except OSError:
                pass


# ---------------------------------------------------------------- queries

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NOT_WORD = re.compile(r"[\W_]+")


def safe_query(text: str) -> str:
    """The query as plain lower-case words, the same for every tool: no
    character that is query syntax for one of them (quotes, parentheses, +, -,
    :, *, ...), and no upper-case AND/OR/NOT/NEAR that Xapian's parser (and
    Lucene's) would read as operators. A possessive 's is dropped ("nam's" ->
    "nam"), every other run of non-letters/digits becomes one space."""
    text = _POSSESSIVE.sub("", text.lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())


# ---------------------------------------------------------------- reporting

def git_commit() -> str:
    try:
        commit = subprocess.run(["git", "-C", str(REPO_DIR), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO_DIR), "status", "--porcelain", "--untracked-files=no",
                                "--", "common", "indexer", "query", "CMakeLists.txt"],
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+uncommitted engine changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_info() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        mem = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        mem = "unknown memory"
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}"


def run_header(engine_commit: str | None = None) -> str:
    now = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"Measured {now} on {machine_info()}; commit {engine_commit or git_commit()}; load average before the run {load}."


def markdown_table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def update_docs_block(name: str, content: str, doc: Path = DOCS_FILE) -> None:
    """Replaces the text between <!-- BEGIN name --> and <!-- END name --> in
    doc (appending the block at the end when it is not there yet)."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    block = f"{begin}\n{content.rstrip()}\n{end}"
    text = doc.read_text() if doc.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text)
    log(f"wrote the '{name}' results into {doc}")


def run_parts(command: str, parts, part_funcs: dict, context, args) -> None:
    """Runs each of `parts` (in their order) that args.only names: prints its
    table under a header saying when, where and on what it was measured, and
    writes it into docs/benchmarks.md's block COMMAND:PART when args.write_docs."""
    for part in parts:
        if part not in args.only:
            continue
        header = run_header(args.engine_commit)
        start = time.perf_counter()
        table = part_funcs[part](context, args)
        took = time.perf_counter() - start
        text = f"{header} The part took {fmt_seconds(took)}.\n\n{table}"
        print(f"\n## {part}\n\n{text}", flush=True)
        if args.write_docs:
            update_docs_block(f"{command}:{part}", text, args.docs or DOCS_FILE)


def fmt_seconds(s: float) -> str:
    if math.isnan(s):
        return "–"
    if s < 1:
        return f"{s * 1000:.1f} ms"
    if s < 100:
        return f"{s:.2f} s"
    return f"{s:.0f} s"


def fmt_mib(kib_or_bytes: float, unit: str = "KiB") -> str:
    mib = kib_or_bytes / 1024 if unit == "KiB" else kib_or_bytes / 1024 / 1024
    if math.isnan(mib):
        return "–"
    return f"{mib:.1f} MiB" if mib < 100 else f"{mib:.0f} MiB"


def fmt_ratio(ours: float, peer: float) -> str:
    if not peer or math.isnan(ours) or math.isnan(peer):
        return "–"
    return f"{ours / peer:.2f}×"


def save_json(path: Path, data) -> None:
    def default(o):
        return asdict(o) if hasattr(o, "__dataclass_fields__") else str(o)
    path.write_text(json.dumps(data, indent=1, default=default))
