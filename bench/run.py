"""`make bench`: build synthetic archives with our full site and with stock Material, and print one table.

For each size it generates an archive of our content model with bench/generate_archive.py (seeded: the same
size and seed give the same bytes) beside a copy of content/, and runs `make build` on it in a scratch project
that links this repo's Makefile, configuration, hooks and theme, so every page generator and hook the repo has
is measured. At the sizes of --stock-sizes it also builds the same Markdown with stock Material +
navigation.prune (one build, Material's own search; it makes a page of every file, translations included).
With --cross-check it also builds, at each size, the corpus of the shared benchmark generator
(../shared/bench/gen_corpus.py beside the repo, when it is there) converted by bench/convert_corpus.py, as an
own row, so the figures of the two archives can be compared. Timings on a shared 2-core machine are noisy:
every build runs --runs times and the table keeps the fastest; CPU seconds (user + sys of all child
processes) are less noisy than wall seconds. Every build, ours and stock, starts without the previous run's
output, as a build from a clean checkout does.

Columns: wall and CPU seconds of the build; the same per item (ms); peak memory of the build's process tree;
bytes written; the median activity page; what a first visit and a first search query download (gzip). A second
table gives the peak memory of each step of our builds (STEPS: each language's build, the search index). After the
tables, at --profile-size, where one more build's CPU goes by step and by whose code (bench/profile_build.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import generate_archive

REPO = Path(__file__).resolve().parents[1]
SHARED_GENERATOR = REPO.parent / "shared" / "bench" / "gen_corpus.py"
"""The shared benchmark generator, outside the repo: only for --cross-check."""
LINKED = ("Makefile", "mkdocs.yml", "mkdocs.en.yml", "hooks", "overrides", ".venv", "requirements.lock", "pyproject.toml",
          "package.json", "package-lock.json", "node_modules")
PINNED_TODAY = generate_archive.DEFAULT_TODAY.isoformat()
STOCK_CONFIG = """\
site_name: Stock Material
docs_dir: content
site_dir: site
theme:
  name: material
  features: [navigation.prune]
exclude_docs: |
  /vocabularies/
plugins:
  - search
"""


@dataclass
class Run:
    """One measured command: wall and CPU seconds, the peak memory of its process tree and of each step in it."""

    wall: float
    cpu: float
    peak_rss: int
    steps: dict[str, int] = field(default_factory=dict)
    """The peak of each step of the build (STEPS), in bytes."""
    pagefind_runs: list[int] = field(default_factory=list)
    """The peak of each Pagefind run (one per part of the search index), in bytes."""


@dataclass
class Row:
    """One line of the table."""

    name: str
    items: int
    runs: list[Run] = field(default_factory=list)
    output_bytes: int = 0
    page_bytes: int = 0
    first_visit: int = 0
    first_queries: list[int] = field(default_factory=list)
    """What the first query of each of QUERY_WORDS downloads."""
    first_queries_one_index: list[int] = field(default_factory=list)
    """The same with the search index in one part (ours only)."""

    @property
    def first_query(self) -> float:
        return statistics.mean(self.first_queries) if self.first_queries else 0

    @property
    def first_query_one_index(self) -> float:
        return statistics.mean(self.first_queries_one_index) if self.first_queries_one_index else 0

    @property
    def wall(self) -> float:
        return min(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return min(run.cpu for run in self.runs)

    @property
    def peak(self) -> int:
        return max(run.peak_rss for run in self.runs)

    @property
    def steps(self) -> dict[str, int]:
        return {step: max(run.steps.get(step, 0) for run in self.runs) for step in STEPS}

    @property
    def pagefind_runs(self) -> int:
        return max(len(run.pagefind_runs) for run in self.runs)


STEPS = {
    "sv": "Swedish build (properdocs -f mkdocs.yml)",
    "en": "English build (properdocs -f mkdocs.en.yml)",
    "builds": "both builds at once",
    "pagefind": "search index: largest Pagefind run (with lce search-index)",
    "index": "search index: lce search-index between Pagefind runs (search documents, compression)",
}
"""The steps of `make build` whose peaks the bench reports, told apart by the command lines of the processes."""


def tree_processes(root: int) -> dict[int, tuple[int, str]]:
    """A process and all its descendants: resident memory in bytes and command line, by process id."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            command = ""
        found[pid] = (rss.get(pid, 0), command)
        todo += children.get(pid, [])
    return found


def tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    return sum(memory for memory, _command in tree_processes(root).values())


def step_of(command: str) -> str | None:
    """The step (STEPS) a process of `make build` belongs to, by its command line; None for make and the shell."""
    words = command.split()
    if not words or Path(words[0]).name in ("sh", "dash", "bash", "make"):
        return None
    if any(Path(word).name.startswith("pagefind") for word in words[:1]) and "--site" in words:
        return "pagefind"
    if "search-index" in words:
        return "index"
    if "build" in words and any(Path(word).name == "properdocs" for word in words[:2]):
        return "en" if "mkdocs.en.yml" in words else "sv"
    return None


def step_peaks(processes: dict[int, tuple[int, str]], peaks: dict[str, int], pagefind_runs: dict[int, int]) -> None:
    """Raise the peaks of the steps by one sample of the build's processes. A Pagefind run counts with the
    lce search-index process that waits for it (both are held at once); the builds, each and both together."""
    memory = {step: 0 for step in STEPS}
    for pid, (rss, command) in processes.items():
        step = step_of(command)
        if step is not None:
            memory[step] += rss
        if step == "pagefind":
            pagefind_runs[pid] = max(pagefind_runs.get(pid, 0), rss)
    memory["builds"] = memory["sv"] + memory["en"]
    if memory["pagefind"]:
        memory["pagefind"] += memory["index"]
        memory["index"] = 0
    for step, value in memory.items():
        peaks[step] = max(peaks.get(step, 0), value)


def measured(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run a command to its end; its wall time, CPU time (user + sys of its children) and peak tree memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        peak = [0]
        steps: dict[str, int] = {}
        pagefind_runs: dict[int, int] = {}

        def sample() -> None:
            while process.poll() is None:
                processes = tree_processes(process.pid)
                peak[0] = max(peak[0], sum(memory for memory, _command in processes.values()))
                step_peaks(processes, steps, pagefind_runs)
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = process.wait()
        sampler.join()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        sys.exit(f"bench: {' '.join(command)} failed in {cwd}; see {log}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss (KiB) is the largest single child; the sampled tree can miss a short peak.
    return Run(wall, cpu, max(peak[0], after.ru_maxrss * 1024), steps, list(pagefind_runs.values()))


def build_env() -> dict[str, str]:
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("SITE_URL", "SITE_URL_EN", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    return env


def generated_content(work: Path, items: int, seed: int) -> Path:
    """Our archive of `items` items, generated afresh (a few seconds at 10,000) so it always matches the generator."""
    content = work / f"archive-{items}"
    held = generate_archive.generate(content, items, seed=seed, today=generate_archive.DEFAULT_TODAY,
                                     base=REPO / "content")
    print(f"bench: generated {held['items']:,} items ({held['files']:,} files) into {content}", file=sys.stderr)
    return content


def shared_corpus_content(work: Path, items: int) -> Path:
    """The shared generator's corpus of `items` items converted to our model (made once per size, then kept)."""
    content = work / f"content-{items}"
    if (content / ".complete").exists():
        return content
    corpus = work / f"corpus-{items}"
    subprocess.run([sys.executable, str(SHARED_GENERATOR), str(corpus), "--pages", str(items), "--force"], check=True)
    subprocess.run([sys.executable, str(REPO / "bench" / "convert_corpus.py"), str(corpus), str(content),
                    "--base", str(REPO / "content")], check=True)
    (content / ".complete").touch()
    return content


def project(work: Path, name: str, content: Path, stock: bool) -> Path:
    """A scratch project: this repo's build set-up (or a stock mkdocs.yml) over the converted content."""
    folder = work / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "content").symlink_to(content)
    if stock:
        (folder / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    else:
        for linked in LINKED:
            (folder / linked).symlink_to(REPO / linked)
    return folder


def gzip_size(path: Path) -> int:
    """Bytes a file takes on the wire: its pre-compressed .gz, else gzip of it."""
    compressed = path.with_name(path.name + ".gz")
    if compressed.is_file():
        return compressed.stat().st_size
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def typical_activity_page(site: Path) -> Path:
    """The activity page of median size."""
    pages = sorted((site / "activities").glob("*/*/index.html"), key=lambda path: path.stat().st_size)
    return pages[len(pages) // 2]


_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def first_visit(page: Path, site: Path, stock: bool) -> int:
    """Compressed bytes of the page, its CSS and JS, and what search loads before any query."""
    html = page.read_text(encoding="utf-8")
    total = gzip_size(page)
    for reference in _ASSET.findall(html):
        if not reference.startswith(("https:", "http:")):  # stock Material's Google Fonts: not counted
            total += gzip_size((page.parent / reference).resolve())
    if stock:
        # Material fetches its whole index and starts its worker when the page loads.
        total += gzip_size(site / "search" / "search_index.json")
        total += sum(gzip_size(path) for path in (site / "assets" / "javascripts" / "workers").glob("*.js"))
    return total


def first_query(site: Path, stock: bool) -> int:
    """Compressed bytes the first one-word query needs beyond the first visit (an upper bound for ours)."""
    if stock:
        return gzip_size(site / "search" / "search_index.json") + sum(
            gzip_size(path) for path in (site / "assets" / "javascripts" / "workers").glob("*.js"))
    index = site / "pagefind"
    total = gzip_size(index / "pagefind.js") + gzip_size(index / "pagefind-worker.js") + gzip_size(index / "parts.json")
    parts = [index, *(index / "parts" / name for name in json.loads((index / "parts.json").read_text())["parts"])]
    fragments: list[int] = []
    for part in parts:
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        language = next(iter(entry["languages"].values()))
        if part == index:
            total += (index / f"wasm.{language['wasm']}.pagefind").stat().st_size
        total += gzip_size(part / "pagefind-entry.json") + (part / f"pagefind.{language['hash']}.pf_meta").stat().st_size
        # One word lives in one index chunk of each part; ten results are shown. A filter's index loads only once
        # the reader chooses a value of it (the search box lists the values the build found), never with a query.
        total += max(path.stat().st_size for path in (part / "index").iterdir())
        fragments += [path.stat().st_size for path in (part / "fragment").iterdir()]
    return total + sum(sorted(fragments, reverse=True)[:10])


NODE_TOOLS = REPO / "bench" / "node_modules"
LIGHTHOUSE_PAGES = (
    ("calendar/", "kalender/", "activities/"),
    ("sectors/music/", "sektorer/musik/", "sectors/"),
)
"""Besides an activity page: the calendar and a sector page, the first of each list that the site has
(the home page when it has none of them)."""
QUERY_WORDS = ("finansiering", "upphovsrätt", "festival", "prototyp", "kommun")
"""The first queries measured (one per fresh browser; the figure is their mean): words of the generated archive's
Swedish prose (generate_archive.SV_CONTENT_WORDS), of different frequencies and index chunks."""
SINGLE_INDEX_PAGES = "1000000000"
"""Pages per search index part for the one-part build the first query is compared with."""
SEARCH_ENGINE_PATHS = ("/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/", "/pagefind/")


@contextmanager
def served(site: Path, port: int, log: Path):
    """The built site on a local static host that logs the bytes of each response."""
    log.unlink(missing_ok=True)
    server = subprocess.Popen([sys.executable, str(REPO / "bench" / "static_server.py"), str(site), str(port), str(log)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/__mark/ready", None, 30)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def browser_transfer(site: Path, page: Path, folder: Path, word: str) -> tuple[int, int] | None:
    """Bytes Chromium downloads for the first visit of `page` and then for its first search query, `word`."""
    if not (NODE_TOOLS / "puppeteer-core").is_dir():
        return None
    log = folder / f"transfer-{word}.log"
    with served(site, 18733, log) as root:
        url = root + page.parent.relative_to(site).as_posix() + "/"
        subprocess.run(["node", str(REPO / "bench" / "transfer.mjs"), url, word, str(folder / f"search-{word}.png")],
                       check=True, stdout=(folder / f"transfer-{word}.json").open("w"))
    phase, totals, search_in_visit = None, {"visit": 0, "query": 0}, 0
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            phase = {"ready": "visit", "query": "query"}.get(line[2:], phase)
        elif phase:
            path, size = line.rsplit(" ", 1)
            totals[phase] += int(size)
            if phase == "visit" and path.startswith(SEARCH_ENGINE_PATHS):
                search_in_visit += int(size)
    # What the first query needs: for stock Material its index and worker, which the visit already fetched.
    return totals["visit"], totals["query"] + search_in_visit


def first_queries(site: Path, page: Path, folder: Path, stock: bool) -> tuple[int, list[int]]:
    """The first visit and the first query of each of QUERY_WORDS, each in a fresh browser (or estimated from the
    files, without the bench's browser tools)."""
    measured_in_browser = [browser_transfer(site, page, folder, word) for word in QUERY_WORDS]
    if all(measured_in_browser):
        return measured_in_browser[0][0], [query for _visit, query in measured_in_browser]
    return first_visit(page, site, stock), [first_query(site, stock)]


def single_index_first_query(folder: Path, page: Path) -> list[int]:
    """The first query of each of QUERY_WORDS on the same build with its search index in one part per language
    (a copy of the site, hard-linked, indexed again), to compare the index in parts with."""
    site, single = folder / "site", folder / "site-one-index"
    shutil.rmtree(single, ignore_errors=True)
    subprocess.run(["cp", "-al", str(site), str(single)], check=True)
    english = folder / "site-one-index-en"
    shutil.rmtree(english, ignore_errors=True)
    (single / "en").rename(english)
    env = {**build_env(), "LCE_SEARCH_PART_PAGES": SINGLE_INDEX_PAGES}
    env.pop("LCE_BUILD_CACHE", None)
    subprocess.run([str(REPO / ".venv" / "bin" / "lce"), "search-index", str(single), str(english)], cwd=folder,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    english.rename(single / "en")
    _visit, queries = first_queries(single, single / page.relative_to(site), folder, stock=False)
    shutil.rmtree(single)
    return queries


def measure_build(row: Row, folder: Path, stock: bool, runs: int, downloads: bool = True) -> None:
    command = [str(REPO / ".venv" / "bin" / "properdocs"), "build", "-q"] if stock else ["make", "--no-print-directory", "build"]
    for number in range(runs):
        # Each build starts from a clean checkout, as in CI and deployment: removing the last run's output
        # (7-8 s for a 10,000-item site on this machine) is not part of building the next one.
        # The share images kept in .cache (by what they show) are not in a clean checkout either.
        for output in ("site", "build", ".cache"):
            shutil.rmtree(folder / output, ignore_errors=True)
        row.runs.append(measured(command, folder, build_env(), folder / f"build-{number}.log"))
    site = folder / "site"
    row.output_bytes = folder_size(site)
    page = typical_activity_page(site)
    row.page_bytes = page.stat().st_size
    if not downloads:
        return
    row.first_visit, row.first_queries = first_queries(site, page, folder, stock)
    if not stock:
        row.first_queries_one_index = single_index_first_query(folder, page)


def wait_for(url: str, wanted: str | None, timeout: float) -> float:
    """Seconds until `url` answers (and contains `wanted`); exits the bench on timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if wanted is None or wanted in response.read().decode("utf-8"):
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit(f"bench: {url} did not show {wanted!r} within {timeout:.0f} s")


def archive_words(content: Path) -> str:
    """Files and body words of an archive's activities and resources, to compare two archives."""
    files = [path for collection in ("activities", "resources") for path in (content / collection).glob("*/*.md")]
    words = sum(len(path.read_text(encoding="utf-8").split("---\n", 2)[-1].split()) for path in files)
    translated = sum(path.name.endswith(".en.md") for path in files)
    return f"{len(files):,} files ({translated:,} translations), {words // max(1, len(files)):,} body words a file"


def edit_to_preview(folder: Path, edits: int) -> list[float]:
    """Seconds from saving an activity file to `make serve` serving the rebuilt page, for a few edits."""
    env = build_env()
    ports = {"SERVE_PORT": "18731", "SERVE_PORT_EN": "18732"}
    files = sorted(path for path in (folder / "content" / "activities").glob("*/*.md") if not path.name.endswith(".en.md"))
    activity = files[len(files) // 2]
    url_path = activity.relative_to(folder / "content").with_suffix("").as_posix() + "/"
    log = (folder / "serve.log").open("w")
    server = subprocess.Popen(["make", "--no-print-directory", "serve", *(f"{k}={v}" for k, v in ports.items())],
                              cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    original = activity.read_text(encoding="utf-8")
    timings = []
    try:
        url = f"http://127.0.0.1:{ports['SERVE_PORT']}/{url_path}"
        wait_for(url, None, 900)
        wait_for(f"http://127.0.0.1:{ports['SERVE_PORT_EN']}/{url_path}", None, 900)
        time.sleep(2)
        for number in range(edits):
            marker = f"Benchmark edit {number} {time.time_ns()}"
            changed = re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.MULTILINE)
            saved = time.monotonic()
            activity.write_text(changed, encoding="utf-8")
            wait_for(url, marker, 120)
            timings.append(time.monotonic() - saved)
            time.sleep(3)
    finally:
        activity.write_text(original, encoding="utf-8")
        os.killpg(server.pid, 15)
        server.wait()
        log.close()
    return timings


def tree_digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in site.rglob("*") if path.is_file()}


def cached_rebuild(folder: Path) -> tuple[Run, Run, list[str]]:
    """A rebuild after one changed activity file with the previous build's cache restored (make build
    BUILD_CACHE=…), the cold build of the same content, and the files in which the two differ (none, or the cache
    served a stale page)."""
    env, cache = build_env(), ".build-cache"
    shutil.rmtree(folder / cache, ignore_errors=True)
    for output in ("site", "build", ".cache"):
        shutil.rmtree(folder / output, ignore_errors=True)
    # The cache as CI restores it: the build of the content before the change.
    first = measured(["make", "--no-print-directory", "build", f"BUILD_CACHE={cache}"], folder, env,
                     folder / "cache-first.log")
    if not (folder / cache / "site").is_dir():
        sys.exit(f"bench: the build with BUILD_CACHE failed ({first.wall:.0f} s): see {folder / 'cache-first.log'}")
    files = sorted(path for path in (folder / "content" / "activities").glob("*/*.md") if not path.name.endswith(".en.md"))
    activity = files[len(files) // 2]
    original = activity.read_text(encoding="utf-8")
    try:
        activity.write_text(re.sub(r"^title: .*$", "title: Benchmark change", original, count=1, flags=re.MULTILINE),
                            encoding="utf-8")
        rebuild = measured(["make", "--no-print-directory", "build", f"BUILD_CACHE={cache}"], folder, env,
                           folder / "cache-rebuild.log")
        cached = tree_digests(folder / "site")
        for output in ("site", "build", ".cache"):
            shutil.rmtree(folder / output, ignore_errors=True)
        cold = measured(["make", "--no-print-directory", "build"], folder, env, folder / "cache-cold.log")
        fresh = tree_digests(folder / "site")
    finally:
        activity.write_text(original, encoding="utf-8")
        shutil.rmtree(folder / cache, ignore_errors=True)
    differing = sorted(path for path in cached.keys() | fresh.keys() if cached.get(path) != fresh.get(path))
    return rebuild, cold, differing


def lighthouse(folder: Path, pages: list[str]) -> dict[str, dict[str, float]]:
    """Lighthouse (mobile) scores of a few pages of the built site, served locally with pre-compressed files."""
    binary = NODE_TOOLS / ".bin" / "lighthouse"
    if not binary.exists():
        print("bench: Lighthouse is not installed; run `make bench-tools` to include it.", file=sys.stderr)
        return {}
    scores = {}
    with served(folder / "site", 18734, folder / "lighthouse.log") as root:
        for page in pages:
            report = folder / f"lighthouse-{page.strip('/').replace('/', '-') or 'home'}.json"
            subprocess.run(
                [str(binary), root + page, "--quiet", "--output=json", f"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
                 "--disable-component-update --disable-sync --no-first-run"],
                check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            )
            categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
            scores[page] = {name: category["score"] for name, category in categories.items()}
    return scores


def megabytes(value: int) -> str:
    return f"{value / 1e6:.0f} MB"


def kilobytes(value: int) -> str:
    return f"{value / 1e3:.1f} KB"


def table(rows: list[Row]) -> str:
    stock = {row.items: row for row in rows if row.name == "stock+prune"}
    lines = [
        "| build | items | wall s | CPU s | ms/item (wall) | ms/item (CPU) | peak memory | output | activity page "
        "| first visit (gz) | first query (gz, mean of 5 words) | first query, index in one part | parts/one part "
        "| wall ours/stock | CPU ours/stock |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        other = stock.get(row.items)
        ratio = (f"{row.wall / other.wall:.2f}", f"{row.cpu / other.cpu:.2f}") if other and row.name == "ours" else ("", "")
        lines.append(
            f"| {row.name} | {row.items:,} | {row.wall:.1f} | {row.cpu:.1f} | {1000 * row.wall / row.items:.1f} "
            f"| {1000 * row.cpu / row.items:.1f} | {megabytes(row.peak)} | {megabytes(row.output_bytes)} "
            f"| {kilobytes(row.page_bytes)} | {kilobytes(row.first_visit)} | {kilobytes(row.first_query)} "
            f"| {kilobytes(row.first_query_one_index) if row.first_queries_one_index else ''} "
            f"| {f'{row.first_query / row.first_query_one_index:.2f}' if row.first_queries_one_index else ''} "
            f"| {ratio[0]} | {ratio[1]} |"
        )
    return "\n".join(lines)


def step_table(rows: list[Row]) -> str:
    """Peak memory per step of our builds, to show which step holds the build's peak."""
    ours = [row for row in rows if row.name != "stock+prune"]
    lines = ["Peak memory per step (resident, sampled every 0.1 s; a step's processes by their command lines):", "",
             "| build | items | " + " | ".join(STEPS.values()) + " | Pagefind runs | whole build |",
             "|---|---:|" + "---:|" * (len(STEPS) + 2)]
    for row in ours:
        steps = row.steps
        lines.append(f"| {row.name} | {row.items:,} | " + " | ".join(megabytes(steps[step]) for step in STEPS)
                     + f" | {row.pagefind_runs} | {megabytes(row.peak)} |")
    return "\n".join(lines)


def profiled_build(work: Path, content: Path, items: int) -> str:
    """One more build of ours, both languages and the search index, sampled by step (bench/profile_build.py)."""
    folder = project(work, f"profile-{items}", content, stock=False)
    result = subprocess.run([str(REPO / ".venv" / "bin" / "python"), str(REPO / "bench" / "profile_build.py"),
                             str(folder), str(items)], cwd=folder, env=build_env(), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: the profiled build failed in {folder}: {result.stderr[-2000:]}")
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """Command line of `make bench` (BENCH_ARGS='--sizes 1000 --runs 1' for a quick run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--stock-sizes", type=int, nargs="*", default=[1000, 3000])
    parser.add_argument("--runs", type=int, default=2, help="builds per size and tool; the table keeps the fastest")
    parser.add_argument("--preview-size", type=int, default=3000)
    parser.add_argument("--check-size", type=int, default=10000)
    parser.add_argument("--cache-size", type=int, default=10000,
                        help="size at which a rebuild after one changed file reuses the previous build (0: none)")
    parser.add_argument("--profile-size", type=int, default=1000,
                        help="size at which one more build is profiled by step (bench/profile_build.py; 0: none)")
    parser.add_argument("--no-downloads", dest="downloads", action="store_false",
                        help="measure the builds only, not what a first visit and a first query download (these build "
                             "the search index once more, in one part)")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "scratch")
    parser.add_argument("--seed", type=int, default=generate_archive.DEFAULT_SEED, help="seed of the generated archive")
    parser.add_argument("--cross-check", action="store_true",
                        help="also build the shared generator's corpus (../shared/bench/gen_corpus.py) at each size")
    arguments = parser.parse_args(argv)
    if arguments.cross_check and not SHARED_GENERATOR.is_file():
        sys.exit("bench: --cross-check needs the shared generator beside the repo (../shared/bench/gen_corpus.py)")
    arguments.work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    notes: list[str] = []
    profiles: list[str] = []
    for items in arguments.sizes:
        content = generated_content(arguments.work, items, arguments.seed)
        notes.append(f"archive at {items:,} (seed {arguments.seed}): {archive_words(content)}")
        if items in arguments.stock_sizes:
            row = Row("stock+prune", items)
            measure_build(row, project(arguments.work, f"stock-{items}", content, stock=True), True, arguments.runs)
            rows.append(row)
        row = Row("ours", items)
        folder = project(arguments.work, f"ours-{items}", content, stock=False)
        measure_build(row, folder, False, arguments.runs, arguments.downloads)
        rows.append(row)
        peaks = ", ".join(f"{step} {megabytes(value)}" for step, value in row.steps.items())
        print(f"bench: peaks at {items:,}: {peaks}, whole build {megabytes(row.peak)}", file=sys.stderr)
        walls = ", ".join(f"{run.wall:.1f}" for run in row.runs)
        cpus = ", ".join(f"{run.cpu:.1f}" for run in row.runs)
        notes.append(f"ours at {items:,}: wall of each run {walls} s; CPU {cpus} s")
        if arguments.downloads:
            notes.append(f"first query at {items:,} by word ({', '.join(QUERY_WORDS)}): index in parts "
                         + ", ".join(kilobytes(value) for value in row.first_queries) + "; in one part "
                         + ", ".join(kilobytes(value) for value in row.first_queries_one_index))
        if items == arguments.preview_size:
            timings = edit_to_preview(folder, edits=3)
            notes.append(f"edit-to-preview at {items:,} items (make serve): "
                         + ", ".join(f"{value:.2f}" for value in timings) + f" s; median {statistics.median(timings):.2f} s")
            site = folder / "site"
            pages = [typical_activity_page(site).parent.relative_to(site).as_posix() + "/"]
            for candidates in LIGHTHOUSE_PAGES:
                pages += [next((path for path in candidates if (site / path / "index.html").is_file()), "")][:1]
            scores = lighthouse(folder, list(dict.fromkeys(pages)))
            for page, values in scores.items():
                notes.append(f"Lighthouse (mobile) /{page}: " + ", ".join(f"{k} {v:.2f}" for k, v in values.items()))
        if items == arguments.check_size:
            check = measured(["make", "--no-print-directory", "check"], folder, build_env(), folder / "check.log")
            notes.append(f"make check at {items:,} items: {check.wall:.1f} s wall, {check.cpu:.1f} s CPU")
        if items == arguments.cache_size:
            rebuild, cold, differing = cached_rebuild(folder)
            notes.append(f"rebuild after one changed activity at {items:,}, cache restored: {rebuild.wall:.1f} s wall, "
                         f"{rebuild.cpu:.1f} s CPU, peak {megabytes(rebuild.peak_rss)}; cold build of the same content "
                         f"{cold.wall:.1f} s wall, {cold.cpu:.1f} s CPU: {rebuild.wall / cold.wall:.0%} of its wall, "
                         f"{rebuild.cpu / cold.cpu:.0%} of its CPU; "
                         + ("byte-identical" if not differing else
                            f"{len(differing)} files DIFFER, e.g. {', '.join(differing[:5])}"))
        if items == arguments.profile_size:
            profiles.append(profiled_build(arguments.work, content, items))
        if arguments.cross_check:
            shared = shared_corpus_content(arguments.work, items)
            notes.append(f"shared corpus at {items:,}: {archive_words(shared)}")
            row = Row("ours, shared corpus", items)
            measure_build(row, project(arguments.work, f"shared-{items}", shared, stock=False), False, arguments.runs)
            rows.append(row)
    by_size = {row.items: row for row in rows if row.name == "ours"}
    if len(by_size) > 1:
        smallest, largest = by_size[min(by_size)], by_size[max(by_size)]
        growth = (largest.cpu / largest.items) / (smallest.cpu / smallest.items)
        notes.append(f"CPU ms/item at {largest.items:,} / at {smallest.items:,}: {growth:.2f}")
    print()
    print(table(rows))
    print()
    print(step_table(rows))
    print()
    for note in notes:
        print(f"- {note}")
    for profile in profiles:
        print()
        print(profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
