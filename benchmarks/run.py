#!/usr/bin/env python3
"""Build-cost and page-weight benchmark of the generated site; writes BENCHMARKS.md.

    python benchmarks/run.py [--sizes 100 300 3000] [--repeat 2] [--no-lighthouse]
    python benchmarks/run.py --search-only [--sizes 100 300 3000]

For each size N it:

1. generates a synthetic data file of N codes that validates against the model: the real
   records of data/codes.yaml are the templates. The first copy ("block 0") keeps the
   real code numbers (hand-written pages link to them); every further block gets
   synthetic numbers (50000 and up), families cycling through the real family ids, and
   its own copy of the FAQ entries, checklist groups and NCCI edit pairs the codes refer
   to, so FAQ, checklist and edit volume grow with N as they would with real content.
   Code numbers mentioned in a record's text are renumbered with it. Comparisons, worked
   examples, misconceptions, modifiers, figures and sources keep the real volume;
2. builds the generated site from it (a copy of the project with that data);
3. builds the baseline: the same pages as plain static Markdown with the same theme.
   The final Markdown of every page (generated pages, and hand-written ones after their
   macros ran and the hook added the review line) is captured from an extra, untimed
   build; it goes into a copy of docs/, and so does every file the data hooks write once
   the pages are built (the JSON API and feed, each code's short address and embeddable
   card), as static files; mkdocs.yml loses the data hooks and the macros plugin and gets
   the expanded `nav:` the hook would make (macros.site.codes_nav). Nothing is computed
   from data; both builds index the site for search (the search hook runs Pagefind in
   each) and join the site's stylesheets into one (macros/asset_hooks.py);
4. times both builds (`mkdocs build --strict`; --repeat pairs, --repeat-large from 1000
   codes), with CPU time (user + system of the build and of the Pagefind process it
   starts) and peak memory from /usr/bin/time -v, and the output size. The two builds of
   a pair run at the same time, each pinned to a processor of its own (swapped from one
   pair to the next): on a shared virtual machine, the load of other guests varies from
   minute to minute and slows whatever runs then, so two builds run one after the other
   are compared under different conditions (at 1000 codes, three such pairs gave
   ratios 0.94 to 1.16), while two builds run together see the same ones (three pairs:
   0.99 to 1.05). The target is checked on the median of the pairs' CPU ratios; the
   ratio of the fastest run of each kind is given beside it.

It measures what one search transfers at each size (SEARCH_QUERIES, each from a fresh
page: Pagefind's engine, index chunks and fragments, gzip) and runs the query benchmark
(tests/search/queries.yaml) on the real site. --search-only does just that, with one
build per size, and replaces only the Search section of BENCHMARKS.md.

Then, on the real site (and on the largest synthetic one), it measures what one code page
transfers (HTML and the CSS and JavaScript it loads, gzip-compressed by a local server,
and any search index fetched on load) and runs Lighthouse 12.2.3
(benchmarks/node_modules, `npm ci --prefix benchmarks`) on the home page, a code page and
/calculator/, five runs each (--lighthouse-runs), median reported.

Targets: generated/static build time ratio <= 1.05 at 300 and 3000 codes; growth from
300 to 3000 codes <= 11x for build time and output size; one code page <= 150 KB
transferred; Lighthouse performance >= 98 and accessibility 100; one search at 3000 codes
<= 300 KB transferred and none before the search is opened; the answer of >= 95% of the
benchmark queries among the first three results.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT))

from macros.render.markup import built_file  # noqa: E402
from macros.search_synonyms import SYNONYMS_FILE  # noqa: E402
from tests.static_server import StaticServer  # noqa: E402

SEARCH_HOOK = "search_hook.py"
# The hooks the static baseline keeps: they read no data (the search index, the stylesheet
# bundle, each page's link preview and copy-link boxes from its own front matter).
DATA_FREE_HOOKS = (SEARCH_HOOK, "asset_hooks.py", "share_hooks.py")

PROJECT_PARTS = ["mkdocs.yml", "docs", "macros", "data", "overrides"]
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
SYNTHETIC_BASE = 50000
# Keys whose values are ids or references (never renumbered as text).
IDENTIFIER_KEYS = {"id", "code", "codes", "family", "sources", "faq", "checklist", "modifiers", "column1",
                   "column2", "confidence", "basis", "status", "kind", "unit", "url", "visit", "cells"}
TARGETS = {"ratio": 1.05, "growth": 11.0, "transfer_kb": 150, "performance": 98, "accessibility": 100,
           "search_kb": 300, "search_top3": 0.95}

CAPTURE_HOOK = '''"""Benchmark only: write each page's final Markdown, the expanded nav, and the
list of files the hooks write once the pages are built."""
import json
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(__file__).resolve().parent / "_captured"
SITE = {}


def _listing():
    root = Path(SITE["dir"])
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@event_priority(-100)
def on_config(config):
    OUT.mkdir(exist_ok=True)
    (OUT / "nav.json").write_text(json.dumps(config.nav), encoding="utf-8")
    SITE["dir"] = config.site_dir
    return config


@event_priority(100)
def on_post_build(config):
    SITE["before"] = _listing()


def on_shutdown():
    after = sorted(_listing() - SITE["before"])
    (OUT / "written_after_pages.json").write_text(json.dumps(after), encoding="utf-8")


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), sort_keys=False, allow_unicode=True, width=1000000)
    target.write_text(f"---\\n{meta}---\\n\\n{markdown}", encoding="utf-8")
    return markdown
'''


# --- mkdocs.yml with its !ENV tags -------------------------------------------------------

class EnvTag:
    def __init__(self, value):
        self.value = value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _env_constructor(loader, node):
    if isinstance(node, yaml.SequenceNode):
        return EnvTag(loader.construct_sequence(node))
    return EnvTag(loader.construct_scalar(node))


def _env_representer(dumper, tag: EnvTag):
    if isinstance(tag.value, list):
        return dumper.represent_sequence("!ENV", tag.value, flow_style=True)
    return dumper.represent_scalar("!ENV", tag.value)


_ConfigLoader.add_constructor("!ENV", _env_constructor)
_ConfigDumper.add_representer(EnvTag, _env_representer)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=1000),
                    encoding="utf-8")


# --- Synthetic data ----------------------------------------------------------------------

def load_real_data() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((ROOT / "data" / "codes.yaml").read_text(encoding="utf-8"), Loader=loader)


def synthetic_data(real: dict, n: int) -> dict:
    """N codes from the real records (see the module docstring)."""
    templates = real["codes"]
    count = len(templates)
    if n < count:
        # Techniques, retired codes, the CMS tables and the hand-written pages refer to the
        # real codes: a site smaller than the real one would not build.
        raise SystemExit(f"--sizes: at least {count} codes (the real data's number), not {n}")
    blocks = math.ceil(n / count)
    real_numbers = [code["code"] for code in templates]
    index_of = {number: k for k, number in enumerate(real_numbers)}
    families = [family["id"] for family in real["families"]]
    mention = re.compile(r"(?<![\w$.,/-])(" + "|".join(map(re.escape, real_numbers)) + r")(?![\w/])")

    def number(block: int, k: int) -> str | None:
        if block * count + k >= n:
            return None
        return real_numbers[k] if block == 0 else f"{SYNTHETIC_BASE + (block - 1) * count + k:05d}"

    def code_ref(block: int, value: str | None) -> str | None:
        if value is None or value not in index_of:
            return value
        return number(block, index_of[value])

    def renumber_text(block: int, value):
        if block == 0 or not isinstance(value, str):
            return value
        return mention.sub(lambda m: number(block, index_of[m.group(1)]) or m.group(1), value)

    def deep_text(block: int, value):
        """Renumber code mentions in text; identifiers and references are left alone."""
        if isinstance(value, dict):
            return {k: (v if k in IDENTIFIER_KEYS else deep_text(block, v)) for k, v in value.items()}
        if isinstance(value, list):
            return [deep_text(block, v) for v in value]
        return renumber_text(block, value)

    def suffix(block: int, record_id: str) -> str:
        return record_id if block == 0 else f"{record_id}-b{block}"

    data = {key: copy.deepcopy(value) for key, value in real.items() if key != "codes"}
    data["codes"], data["faq"], data["checklist"], data["edits"] = [], [], [], []
    for block in range(blocks):
        for k, template in enumerate(templates):
            own = number(block, k)
            if own is None:
                break
            record = deep_text(block, copy.deepcopy(template))
            record["code"] = own
            if block:
                record["family"] = families[(block * count + k) % len(families)]
            choosing = record["choosing"]
            choosing["neighbours"] = [dict(n, code=code_ref(block, n["code"])) for n in choosing.get("neighbours", [])
                                      if code_ref(block, n["code"]) is not None]
            techniques = record["techniques"]
            techniques["excludes"] = [dict(e, code=code_ref(block, e.get("code"))) for e in techniques.get("excludes", [])]
            record["checklist"] = [suffix(block, item) for item in record.get("checklist", [])]
            record["faq"] = [suffix(block, entry) for entry in record.get("faq", [])]
            data["codes"].append(record)
        for entry in real.get("faq", []):
            clone = deep_text(block, copy.deepcopy(entry))
            clone["id"] = suffix(block, entry["id"])
            if block:
                clone["question"] = f"{entry['question'].rstrip('?')} (set {block + 1})?"
            data["faq"].append(clone)
        for group in real.get("checklist", []):
            clone = deep_text(block, copy.deepcopy(group))
            clone["id"] = suffix(block, group["id"])
            if block:
                clone["title"] = f"{group['title']} (set {block + 1})"
            for item in clone["items"]:
                item["id"] = suffix(block, item["id"])
            data["checklist"].append(clone)
        for edit in real.get("edits", []):
            pair = [code_ref(block, c) for c in edit["codes"]]
            if None in pair:
                continue
            clone = deep_text(block, copy.deepcopy(edit))
            clone["id"] = suffix(block, edit["id"])
            clone["codes"] = pair
            for column in ("column1", "column2"):
                clone[column] = code_ref(block, edit.get(column))
            data["edits"].append(clone)

    present = {code["code"] for code in data["codes"]}
    comparisons = []
    for comparison in data.get("comparisons", []):
        codes = [c for c in comparison["codes"] if c in present]
        if len(codes) >= 2:
            comparison["codes"] = codes
            for row in comparison["rows"]:
                row["cells"] = {c: v for c, v in row["cells"].items() if c in present}
            comparisons.append(comparison)
    data["comparisons"] = comparisons
    data["examples"] = [e for e in data.get("examples", []) if set(e["visit"]) <= present]
    for misconception in data.get("misconceptions", []):
        misconception["codes"] = [c for c in misconception.get("codes", []) if c in present]
    return data


# --- Projects ----------------------------------------------------------------------------

def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "drafts"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def write_data(project: Path, data: dict) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    (project / "data" / "codes.yaml").write_text(text, encoding="utf-8")


def build_env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                PYTHONDONTWRITEBYTECODE="1")


@dataclass
class Build:
    seconds: float  # wall time
    peak_mb: float
    output_mb: float
    html_files: int
    code_page_kb: float  # mean HTML size of a code page
    cpu_seconds: float = 0.0  # user + system time of the build process


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed_build(project: Path, output: Path, config: str = "mkdocs.yml", cpu: int | None = None) -> Build:
    """One build, timed; `cpu`: the processor it (and the Pagefind process it starts) runs on."""
    if output.exists():
        shutil.rmtree(output)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config, "-d", str(output)]
    use_time = Path("/usr/bin/time").exists()
    if use_time:
        command = ["/usr/bin/time", "-v"] + command
    if cpu is not None:  # taskset, not a preexec_fn: the pairs are started from two threads
        command = ["taskset", "--cpu-list", str(cpu)] + command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=build_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project} ({config}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    peak_kb = cpu = 0.0
    if use_time:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        peak_kb = float(found.group(1)) if found else 0.0
        cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", result.stderr))
    else:  # no /usr/bin/time: CPU from this process's children; peak is the largest child so far
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak_kb = float(after.ru_maxrss)
    code_pages = [p for p in (output / "codes").glob("*/index.html") if "http-equiv=\"refresh\"" not in p.read_text(errors="replace")[:3000]]
    return Build(seconds, peak_kb / 1024, dir_size(output) / 1e6, sum(1 for _ in output.rglob("*.html")),
                 statistics.mean(p.stat().st_size for p in code_pages) / 1024 if code_pages else 0.0, cpu)


def paired_cpus() -> tuple[int, int] | None:
    """Two processors this process may run on; None on a one-processor machine, without
    taskset (util-linux) to pin a build, or without /usr/bin/time (the fallback measure of
    CPU time, from this process's children, cannot tell two builds at once apart)."""
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    tools = shutil.which("taskset") and Path("/usr/bin/time").exists()
    return (allowed[0], allowed[1]) if len(allowed) >= 2 and tools else None


def timed_pair(generated: Path, static: Path, size_dir: Path, swap: bool) -> tuple[Build, Build]:
    """The generated and the static build of one size, run at the same time, each on a
    processor of its own (`swap`: trade processors, so that alternate pairs cancel any
    difference between them). Whatever else loads the machine during the pair (on a
    shared virtual machine, other guests) slows both builds alike, so the ratio of a
    pair compares the two builds under the same conditions. Where they cannot be pinned
    (paired_cpus), the two run one after the other."""
    cpus = paired_cpus()
    if cpus is None:
        return (timed_build(generated, size_dir / "site-generated"), timed_build(static, size_dir / "site-static"))
    first, second = reversed(cpus) if swap else cpus
    with ThreadPoolExecutor(max_workers=2) as pool:
        g = pool.submit(timed_build, generated, size_dir / "site-generated", cpu=first)
        s = pool.submit(timed_build, static, size_dir / "site-static", cpu=second)
        return g.result(), s.result()


DATA_LAYER = r"""
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, ".")
from macros.catalog import load_catalog
from macros.changes import atom_feed
from macros.export import export_files, export_schema_text
from macros.site import codes_nav, generated_pages
imported = time.perf_counter()
catalog = load_catalog("data/codes.yaml")
loaded = time.perf_counter()
pages = generated_pages(catalog)
codes_nav(catalog)
generated = time.perf_counter()
files = export_files(catalog); export_schema_text(); atom_feed(catalog, "/")
exported = time.perf_counter()
print(json.dumps({"import": imported - started, "load + validate": loaded - imported,
                  "generate pages": generated - loaded, "JSON API + feed": exported - generated,
                  "markdown_mb": sum(len(t) for t in pages.values()) / 1e6}))
"""


def data_layer_costs(project: Path) -> dict[str, float]:
    """What the generated build does that the static one does not, timed in a fresh process:
    importing the data layer, reading and validating the YAML, writing the pages' Markdown
    and the JSON API. (The macros plugin's own pass over the pages is not included.)"""
    result = subprocess.run([sys.executable, "-c", DATA_LAYER], cwd=project, env=build_env(),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"data layer timing failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def make_static_baseline(generated: Path, work: Path) -> Path:
    """The same pages as plain Markdown (see the module docstring); returns the project."""
    capture = generated / "_capture_hook.py"
    capture.write_text(CAPTURE_HOOK, encoding="utf-8")
    config = read_config(generated / "mkdocs.yml")
    write_config(generated / "mkdocs.capture.yml",
                 {**config, "hooks": list(config.get("hooks") or []) + ["_capture_hook.py"]})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.capture.yml",
                             "-d", str(work / "capture-site")], cwd=generated, env=build_env(),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"capture build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    captured = generated / "_captured"

    static = work / "static"
    if static.exists():
        shutil.rmtree(static)
    static.mkdir(parents=True)
    shutil.copytree(generated / "docs", static / "docs")
    shutil.copytree(generated / "overrides", static / "overrides")
    for page in (captured / "docs").rglob("*.md"):
        target = static / "docs" / page.relative_to(captured / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    # What the data hooks write once the pages are built (the JSON API, its schema, the feed,
    # each code's short address and embeddable card), as static files: the baseline site
    # holds the same files. The search index and the declared redirects' stubs are left
    # out, as the static build writes them itself (it keeps the search hook and the
    # redirects plugin).
    capture_site = work / "capture-site"
    redirects = next((p["redirects"].get("redirect_maps", {}) for p in config["plugins"]
                      if isinstance(p, dict) and "redirects" in p), {})
    stubs = {built_file(old) for old in redirects}
    for relative in json.loads((captured / "written_after_pages.json").read_text(encoding="utf-8")):
        if relative.startswith("pagefind/") or relative in stubs:
            continue
        target = static / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(capture_site / relative, target)

    # Both builds index the site for search and join the site's stylesheets the same way:
    # the static project keeps the search hook (and the code and synonyms file it reads)
    # and the stylesheet hook, which read no data; nothing else of macros/.
    shutil.copytree(generated / "macros", static / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    (static / "data").mkdir(exist_ok=True)
    shutil.copy2(generated / SYNONYMS_FILE, static / SYNONYMS_FILE)
    config["hooks"] = [hook for hook in config.get("hooks") or [] if hook.endswith(DATA_FREE_HOOKS)]
    config["plugins"] = [p for p in config["plugins"]
                         if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    config["nav"] = json.loads((captured / "nav.json").read_text(encoding="utf-8"))
    write_config(static / "mkdocs.yml", config)
    shutil.rmtree(captured)
    shutil.rmtree(capture_site)
    return static


# --- Page weight and Lighthouse ----------------------------------------------------------

def kind_of(served) -> str:
    path, kind = served.path, served.content_type
    if path.endswith("search_index.json") or "/pagefind/" in path:
        return "search index"
    if "html" in kind:
        return "html"
    if "css" in kind:
        return "css"
    if "javascript" in kind:
        return "js"
    return "other"


def page_transfer(site: Path, url_path: str) -> dict[str, int]:
    """Bytes on the wire (gzip) by kind for one page load in Chromium, search index included."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    totals: dict[str, int] = {}
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        server.reset_log()
        page.goto(server.url + url_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        for served in server.log:
            totals[kind_of(served)] = totals.get(kind_of(served), 0) + served.body_bytes
        browser.close()
    return totals


# --- Search ------------------------------------------------------------------------------

# Queries whose transfer is measured: a modifier, a yearly figure, a code number, a long
# question, and a word from many entries.
SEARCH_QUERIES = ["modifier 59", "KX threshold 2024", "97140", "how many units for 38 minutes", "documentation"]


def search_kind(path: str) -> str:
    if "/pagefind/fragment/" in path:
        return "fragments"
    if "/pagefind/index/" in path or path.endswith((".pf_meta", "pagefind-entry.json", "site-synonyms.json")):
        return "index"
    return "engine"  # pagefind.js, its worker and WebAssembly


def search_transfer(site: Path, queries: list[str]) -> dict[str, dict[str, int]]:
    """Bytes on the wire (gzip) for one search of each query, each from a fresh page with an
    empty cache: what opening the search and running that query fetches. Also the page load
    itself, with the search never opened ("(page load)")."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    measured: dict[str, dict[str, int]] = {}
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for query in [None, *queries]:
            context = browser.new_context()
            page = context.new_page()
            server.reset_log()
            page.goto(server.url + "codes/97140/", wait_until="load")
            page.wait_for_load_state("networkidle")
            if query is None:
                search = [e for e in server.log if "/pagefind/" in e.path or "search_index" in e.path]
                measured["(page load)"] = {"requests": len(search), "total": sum(e.body_bytes for e in search)}
                context.close()
                continue
            server.reset_log()
            page.wait_for_function("() => typeof window.siteSearch === 'object'")
            page.evaluate("async (q) => { await window.siteSearch.search(q); }", query)
            page.wait_for_load_state("networkidle")
            kinds = {"engine": 0, "index": 0, "fragments": 0}
            for entry in server.log:
                kinds[search_kind(entry.path)] += entry.body_bytes
            kinds["requests"] = len(server.log)
            kinds["total"] = kinds["engine"] + kinds["index"] + kinds["fragments"]
            measured[query] = kinds
            context.close()
        browser.close()
    return measured


def search_quality(site: Path, copies_of: list[str] | None = None) -> dict:
    """Top-1 and top-3 rates of tests/search/queries.yaml on a built site, and the misses.
    For a synthetic site, `copies_of` (the real code numbers) makes a copy count as what it
    copies: codes/50031/ as the code it was made from, faq/#x-b3 as faq/#x."""
    import dataclasses

    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium
    from tests.search.benchmark import Outcome, describe, load_queries, run_queries

    def original(path: str) -> str:
        path = re.sub(r"-b\d+$", "", path)
        found = re.match(r"codes/(\d{5})/", path)
        if copies_of and found and found.group(1) not in copies_of and int(found.group(1)) >= SYNTHETIC_BASE:
            number = copies_of[(int(found.group(1)) - SYNTHETIC_BASE) % len(copies_of)]
            path = f"codes/{number}/" + path[found.end():]
        return path

    queries = load_queries()
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(server.url, wait_until="load")
        outcome = run_queries(page, queries, server.url)
        browser.close()
    if copies_of:
        outcome = Outcome(tuple(dataclasses.replace(a, results=tuple(dataclasses.replace(r, path=original(r.path))
                                                                     for r in a.results))
                                for a in outcome.answered))
    misses = [describe(a, shown=0) for a in outcome.misses(3)]
    return {"queries": len(queries), "top1": outcome.rate(1), "top3": outcome.rate(3), "misses": misses}


def search_section(transfers: dict[int, dict[str, dict[str, int]]], quality: dict[str, dict]) -> list[str]:
    lines = ["## Search", "",
             "The site search is Pagefind's index, built after each build (macros/search_hook.py), in "
             "Material's search dialog (docs/assets/javascripts/search.js). A page fetches nothing of it "
             "until the reader opens the search. What one search transfers, gzip, from a fresh page with "
             "an empty cache (engine: Pagefind's script, worker and WebAssembly; index: the entry file, "
             "the page list and the index chunks of the query's words; fragments: the records the search "
             "ranks, at most 18):", "",
             "| Codes | Query | Engine | Index | Fragments | Total | Requests |", "|---:|---|---:|---:|---:|---:|---:|"]
    for n, measured in sorted(transfers.items()):
        for query, kinds in measured.items():
            if query == "(page load)":
                continue
            lines.append(f"| {n} | {query} | {kinds['engine'] / 1024:.1f} KB | {kinds['index'] / 1024:.1f} KB | "
                         f"{kinds['fragments'] / 1024:.1f} KB | **{kinds['total'] / 1024:.1f} KB** | "
                         f"{kinds['requests']} |")
    lines += ["", "A code page loaded without opening the search fetches " + ", ".join(
        f"{m['(page load)']['total'] / 1024:.1f} KB in {m['(page load)']['requests']} requests at {n} codes"
        for n, m in sorted(transfers.items()) if "(page load)" in m) + " of the search.", ""]
    if quality:
        lines += ["Query benchmark (tests/search/queries.yaml, run through the same script in Chromium): "
                  "the share of queries whose answer is the first result, or among the first three.", "",
                  "| Site | Queries | Top 1 | Top 3 |", "|---|---:|---:|---:|"]
        for label, q in quality.items():
            lines.append(f"| {label} | {q['queries']} | {q['top1']:.1%} | {q['top3']:.1%} |")
        lines.append("")
        for label, q in quality.items():
            if q["misses"]:
                lines.append(f"Not in the top three ({label}):")
                lines.append("")
                lines += [f"- {miss}" for miss in q["misses"]]
                lines.append("")
    return lines


def search_checks(transfers: dict[int, dict[str, dict[str, int]]], quality: dict[str, dict]):
    checks = []
    if 3000 in transfers:
        worst = max(k["total"] for q, k in transfers[3000].items() if q != "(page load)")
        checks.append((f"One search at 3000 codes (index + fragments + engine, gzip) ≤ {TARGETS['search_kb']} KB "
                       "(largest of the measured queries)", worst / 1024 <= TARGETS["search_kb"],
                       f"{worst / 1024:.1f} KB"))
        page_load = transfers[3000].get("(page load)", {}).get("total", 0)
        checks.append(("A page that never opens the search fetches none of it (3000 codes)", page_load == 0,
                       f"{page_load / 1024:.1f} KB"))
    real = quality.get("Real site")
    if real:
        checks.append((f"Query benchmark: answer in the top 3 ≥ {TARGETS['search_top3']:.0%}",
                       real["top3"] >= TARGETS["search_top3"], f"{real['top3']:.1%}"))
    return checks


def replace_section(text: str, section: list[str], checks) -> str:
    """BENCHMARKS.md with its search section (and the search rows of its targets) replaced."""
    block = "\n".join(["<!-- search:start -->", *section, "<!-- search:end -->"])
    if "<!-- search:start -->" in text:
        head, rest = text.split("<!-- search:start -->", 1)
        text = head + block + rest.split("<!-- search:end -->", 1)[1]
    else:
        text = text.replace("## Targets", block + "\n\n## Targets", 1)
    rows = [f"| {name} | {value} | {verdict(ok)} |" for name, ok, value in checks]
    lines = [line for line in text.split("\n") if not line.startswith(("| One search at", "| A page that never opens",
                                                                       "| Query benchmark:"))]
    marker = lines.index("<!-- analysis -->") if "<!-- analysis -->" in lines else len(lines)
    while marker > 0 and not lines[marker - 1].startswith("|"):
        marker -= 1
    return "\n".join(lines[:marker] + rows + lines[marker:])


def lighthouse(site: Path, pages: dict[str, str], runs: int, out_dir: Path) -> dict[str, dict[str, float]]:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks` (Lighthouse 12.2.3)")
    scores: dict[str, dict[str, float]] = {}
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with StaticServer(site) as server:
        for label, url_path in pages.items():
            runs_scores = []
            for run in range(runs):
                report = out_dir / f"lighthouse-{label.replace(' ', '-').replace('/', '')}-{run}.json"
                command = ["node", str(LIGHTHOUSE), server.url + url_path, "--output=json",
                           f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}", "--quiet",
                           "--only-categories=performance,accessibility,best-practices,seo"]
                result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
                if result.returncode != 0 or not report.exists():
                    raise SystemExit(f"lighthouse failed on {url_path}:\n{result.stderr[-3000:]}")
                data = json.loads(report.read_text(encoding="utf-8"))
                cats = {name: round(cat["score"] * 100) for name, cat in data["categories"].items()}
                audits = data["audits"]
                cats["FCP s"] = audits["first-contentful-paint"]["numericValue"] / 1000
                cats["LCP s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
                cats["TBT ms"] = audits["total-blocking-time"]["numericValue"]
                cats["benchmark index"] = data.get("environment", {}).get("benchmarkIndex", 0)
                cats["failing"] = {
                    key: str(audit.get("displayValue", "") or audit["score"]).replace("\u00a0", " ")
                    for key, audit in audits.items()
                    if audit.get("score") is not None and audit["score"] < 0.9
                    and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")}
                runs_scores.append(cats)
            median = {key: statistics.median(r[key] for r in runs_scores)
                      for key in runs_scores[0] if key != "failing"}
            median["runs"] = [r["performance"] for r in runs_scores]
            median["indexes"] = [round(r["benchmark index"]) for r in runs_scores]
            failing: dict[str, list[str]] = {}
            for r in runs_scores:
                for key, value in r["failing"].items():
                    failing.setdefault(key, []).append(value)
            median["failing"] = [f"{key} ({len(values)}/{len(runs_scores)} runs: {', '.join(dict.fromkeys(values))})"
                                 for key, values in sorted(failing.items())]
            scores[label] = median
    return scores


# --- Report ------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "n/a"

    memory = "n/a"
    cpu = platform.processor() or "n/a"
    try:
        meminfo = Path("/proc/meminfo").read_text()
        total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1).strip()
    except (OSError, AttributeError):
        pass
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical CPUs (nproc {run('nproc')})",
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()} ({run('sh', '-c', '. /etc/os-release; echo $PRETTY_NAME')})",
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
        "mkdocs-macros-plugin": metadata.version("mkdocs-macros-plugin"),
        "PyYAML": f"{metadata.version('PyYAML')} (C loader: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})",
        "Node": run("node", "--version"),
        "Chromium": run(CHROMIUM, "--version"),
        "Lighthouse": run("node", str(LIGHTHOUSE), "--version") if LIGHTHOUSE.exists() else "not installed",
    }


@dataclass
class SizeResult:
    n: int
    data_lines: int
    pages: int
    generated: list[Build] = field(default_factory=list)
    static: list[Build] = field(default_factory=list)
    data_layer: dict[str, float] = field(default_factory=dict)

    def best(self, builds: list[Build]) -> Build:
        return min(builds, key=lambda b: b.seconds)


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(results: list[SizeResult], transfers: dict[str, dict[str, int]], scores, info, command, repeat) -> str:
    lines = ["# Benchmarks", "",
             "Build cost of the generated site against the same pages written as static Markdown, "
             "page weight, and Lighthouse scores. Measured by `benchmarks/run.py`; this file is its output.", "",
             f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} (local time of the machine).", "",
             "## Machine", ""]
    lines += [f"- **{key}:** {value}" for key, value in info.items()]
    lines += ["", "## Reproduce", "", "```sh", "make setup                      # Python venv, npm ci (root)",
              "npm ci --prefix benchmarks      # Lighthouse 12.2.3 for the benchmark only",
              "python benchmarks/run.py        # 100, 300 and 3000 codes; about 35 minutes on this machine",
              "```", "", f"This file was written by `{command}`.", "",
              "The machine is a shared virtual machine: the same build takes up to 20% longer from one "
              "run to the next, as the load of other guests changes, so every figure carries noise. The "
              "builds of a size run in pairs, a generated and a static build at the same time, each pinned "
              "to a processor of its own (swapped from one pair to the next), so that both builds of a pair "
              "meet the same load; the table gives the median and the fastest wall time, and the CPU time "
              "(user + system, from /usr/bin/time -v) of the build process and the Pagefind process it "
              "starts. The target is checked on the median of the CPU ratios of the pairs; the ratio of the "
              "fastest run of each kind is given too. Peak memory, output and page sizes are from the "
              "fastest run (they do not vary between runs).", "",
              "## Build cost", "",
              "| Codes | Pages | Data file | Generated build: wall, median (fastest) | Static build: wall, median "
              "(fastest) | Ratio gen/static: wall medians (fastest) | CPU ratio, median of the pairs "
              "| CPU time gen / static, fastest runs (ratio) "
              "| Peak memory gen / static | Output gen / static | Mean code page HTML |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    by_n = {r.n: r for r in results}

    def median(builds: list[Build]) -> float:
        return statistics.median(b.seconds for b in builds)

    def cpu(builds: list[Build]) -> float:
        """The fastest run's CPU time."""
        return min(b.cpu_seconds for b in builds)

    def pair_ratio(r: SizeResult) -> float:
        """The median of the CPU ratios of the pairs (a generated and a static build run together)."""
        return statistics.median(g.cpu_seconds / s.cpu_seconds for g, s in zip(r.generated, r.static))

    def fastest_ratio(r: SizeResult) -> str:
        """The CPU ratio of the fastest run of each kind."""
        return f"{cpu(r.generated) / cpu(r.static):.2f}" if cpu(r.static) else "n/a"

    for r in results:
        g, s = r.best(r.generated), r.best(r.static)
        lines.append(f"| {r.n} | {r.pages} | {r.data_lines:,} lines | {median(r.generated):.1f} s ({g.seconds:.1f} s) | "
                     f"{median(r.static):.1f} s ({s.seconds:.1f} s) | {median(r.generated) / median(r.static):.2f} "
                     f"({g.seconds / s.seconds:.2f}) | {pair_ratio(r):.2f} | "
                     f"{cpu(r.generated):.1f} / {cpu(r.static):.1f} s ({fastest_ratio(r)}) | "
                     f"{g.peak_mb:.0f} / {s.peak_mb:.0f} MB | {g.output_mb:.1f} / {s.output_mb:.1f} MB | "
                     f"{g.code_page_kb:.0f} KB |")
    lines += ["", "All pairs, in the order they ran (generated / static CPU seconds, and their ratio): " + "; ".join(
        f"{r.n} codes: " + ", ".join(f"{g.cpu_seconds:.1f} / {s.cpu_seconds:.1f} ({g.cpu_seconds / s.cpu_seconds:.2f})"
                                     for g, s in zip(r.generated, r.static)) for r in results) + ".", ""]

    if any(r.data_layer for r in results):
        lines += ["What only the generated build does, timed on its own in a fresh process (the data layer "
                  "of `macros/`, without MkDocs):", "",
                  "| Codes | Import | Load + validate YAML | Generate pages' Markdown | JSON API + feed | Total "
                  "| Share of the static build |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for r in results:
            d = r.data_layer
            if not d:
                continue
            parts = [d["import"], d["load + validate"], d["generate pages"], d["JSON API + feed"]]
            lines.append(f"| {r.n} | " + " | ".join(f"{x:.2f} s" for x in parts) +
                         f" | {sum(parts):.2f} s | {sum(parts) / median(r.static):.0%} |")
        lines.append("")

    checks: list[tuple[str, bool, str]] = []
    for n in (300, 3000):
        if n in by_n:
            r = by_n[n]
            if cpu(r.static):
                ratio = pair_ratio(r)
                checks.append((f"Build cost ratio generated/static at {n} codes ≤ {TARGETS['ratio']:.2f} "
                               "(CPU time, median of the pairs)", ratio <= TARGETS["ratio"],
                               f"{ratio:.2f} (fastest runs: {fastest_ratio(r)})"))
    if 300 in by_n and 3000 in by_n:
        small, large = by_n[300], by_n[3000]
        growth = median(large.generated) / median(small.generated)
        checks.append((f"Growth of the generated build time from 300 to 3000 codes ≤ {TARGETS['growth']:.0f}×",
                       growth <= TARGETS["growth"], f"{growth:.1f}×"))
        growth = large.best(large.generated).output_mb / small.best(small.generated).output_mb
        checks.append((f"Growth of the generated output size from 300 to 3000 codes ≤ {TARGETS['growth']:.0f}×",
                       growth <= TARGETS["growth"], f"{growth:.1f}×"))
        growth_static = median(large.static) / median(small.static)
        page_growth = large.best(large.generated).code_page_kb / small.best(small.generated).code_page_kb
        lines += [f"From 300 to 3000 codes the static build time grows {growth_static:.1f}× "
                  f"(pages: {large.pages / small.pages:.1f}×), and the mean HTML of a code page "
                  f"{page_growth:.2f}× (a constant page size means the navigation does not grow with the site).", ""]

    lines += ["## Page weight", "",
              "Bytes transferred for one page load in Chromium from a local server that gzips text "
              "(tests/static_server.py), empty cache.", "",
              "| Page | HTML | CSS | JS | Other | HTML + CSS + JS | Search index fetched on page load | Total |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, t in transfers.items():
        core = t.get("html", 0) + t.get("css", 0) + t.get("js", 0)
        total = sum(t.values())
        lines.append(f"| {label} | {t.get('html', 0) / 1024:.1f} KB | {t.get('css', 0) / 1024:.1f} KB | "
                     f"{t.get('js', 0) / 1024:.1f} KB | {t.get('other', 0) / 1024:.1f} KB | **{core / 1024:.1f} KB** | "
                     f"{t.get('search index', 0) / 1024:.1f} KB | {total / 1024:.1f} KB |")
        if label.startswith("Real site: /codes/"):
            checks.append((f"One code page (HTML + CSS + JS, gzip) ≤ {TARGETS['transfer_kb']} KB",
                           core / 1024 <= TARGETS["transfer_kb"], f"{core / 1024:.1f} KB"))
    lines.append("")

    if scores:
        lines += ["## Lighthouse", "",
                  "Lighthouse 12.2.3, default (mobile, simulated throttling), real site served locally with gzip; "
                  "median of the runs. "
                  "Simulated throttling still scales the CPU time it observes, so a busy machine lowers the "
                  "performance score: the runs are listed.", "",
                  "| Page | Performance (runs) | Accessibility | Best practices | SEO | FCP | LCP | TBT |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for label, s in scores.items():
            lines.append(f"| {label} | {s['performance']:.0f} ({', '.join(str(x) for x in s['runs'])}) | "
                         f"{s['accessibility']:.0f} | {s['best-practices']:.0f} | {s['seo']:.0f} | {s['FCP s']:.2f} s | "
                         f"{s['LCP s']:.2f} s | {s['TBT ms']:.0f} ms |")
            checks.append((f"Lighthouse performance ≥ {TARGETS['performance']} ({label})",
                           s["performance"] >= TARGETS["performance"], f"{s['performance']:.0f}"))
            checks.append((f"Lighthouse accessibility = {TARGETS['accessibility']} ({label})",
                           s["accessibility"] >= TARGETS["accessibility"], f"{s['accessibility']:.0f}"))
        lines.append("")
        lines += ["Lighthouse's own measure of the machine's speed in each run (its benchmark index; higher is "
                  "faster), run by run: " + "; ".join(f"{label}: {', '.join(str(i) for i in s.get('indexes', []))}"
                                                     for label, s in scores.items()) + ".", ""]
        for label, s in scores.items():
            if s["failing"]:
                lines.append(f"- Audits below 0.9 on {label}: " + ", ".join(s["failing"]) + ".")
        lines.append("")

    lines += ["## Targets", "", "| Target | Measured | Result |", "|---|---:|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, ok, value in checks]
    lines += ["", "<!-- analysis -->", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 3000],
                        help="numbers of codes to build (none: only page weight and Lighthouse, with --reuse)")
    parser.add_argument("--repeat", type=int, default=5, help="builds of each kind per size")
    parser.add_argument("--repeat-large", type=int, default=5,
                        help="builds of each kind at 1000 codes and more (each takes minutes)")
    parser.add_argument("--lighthouse-runs", type=int, default=5)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--work", type=Path, default=None, help="working directory (default: a temporary one)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures as JSON")
    parser.add_argument("--reuse", type=Path, default=None,
                        help="a JSON file from an earlier --json run: its sizes not listed in --sizes are "
                             "reported again without rebuilding")
    parser.add_argument("--reuse-builds", action="store_true",
                        help="with --search-only: measure the sites already built in --work instead of building")
    parser.add_argument("--search-only", action="store_true",
                        help="build each size once and measure only the search (transfer per query at each "
                             "size, query benchmark); replaces the Search section of --output")
    args = parser.parse_args()
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:]) if sys.argv[1:] else "python benchmarks/run.py"

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"working in {work}", flush=True)
    real = load_real_data()
    results: list[SizeResult] = []
    transfers: dict[str, dict[str, int]] = {}
    searches: dict[int, dict[str, dict[str, int]]] = {}
    quality: dict[str, dict] = {}

    if args.search_only:
        for n in sorted(args.sizes):
            size_dir = work / f"n{n}"
            if not (args.reuse_builds and (size_dir / "site-generated" / "index.html").exists()):
                if size_dir.exists():
                    shutil.rmtree(size_dir)
                project = copy_project(size_dir / "generated")
                write_data(project, synthetic_data(real, n))
                build = timed_build(project, size_dir / "site-generated")
                print(f"{n} codes: built in {build.seconds:.0f} s", flush=True)
            searches[n] = search_transfer(size_dir / "site-generated", SEARCH_QUERIES)
            print(f"{n} codes: search {json.dumps(searches[n])}", flush=True)
            if n == max(args.sizes):
                quality[f"{n} codes (synthetic; a copy counts as its original)"] = search_quality(
                    size_dir / "site-generated", copies_of=[code["code"] for code in real["codes"]])
        real_site = work / "real-site"
        if not (args.reuse_builds and (real_site / "index.html").exists()):
            for stale in (work / "real", real_site):
                if stale.exists():
                    shutil.rmtree(stale)
            timed_build(copy_project(work / "real"), real_site)
        quality = {"Real site": search_quality(real_site), **quality}
        print(json.dumps(quality, indent=1), flush=True)
        previous = args.output.read_text(encoding="utf-8")
        section = [f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} by `{command}`.", "",
                   *search_section(searches, quality)[2:]]
        args.output.write_text(replace_section(previous, ["## Search", "", *section],
                                               search_checks(searches, quality)), encoding="utf-8")
        print(f"wrote {args.output}", flush=True)
        return

    for n in sorted(args.sizes):
        size_dir = work / f"n{n}"
        if size_dir.exists():
            shutil.rmtree(size_dir)
        project = copy_project(size_dir / "generated")
        data = synthetic_data(real, n)
        write_data(project, data)
        static = make_static_baseline(project, size_dir)
        pages = sum(1 for _ in (static / "docs").rglob("*.md"))
        result = SizeResult(n, len((project / "data" / "codes.yaml").read_text().splitlines()), pages)
        for run in range(args.repeat if n < 1000 else args.repeat_large):
            g, s = timed_pair(project, static, size_dir, swap=run % 2 == 1)
            result.generated.append(g)
            result.static.append(s)
            print(f"{n} codes, run {run + 1}: generated {g.seconds:.1f} s {g.peak_mb:.0f} MB {g.output_mb:.1f} MB; "
                  f"static {s.seconds:.1f} s {s.peak_mb:.0f} MB {s.output_mb:.1f} MB", flush=True)
        searches[n] = search_transfer(size_dir / "site-generated", SEARCH_QUERIES)
        result.data_layer = data_layer_costs(project)
        print(f"{n} codes, data layer: {json.dumps(result.data_layer)}", flush=True)
        results.append(result)

    if args.reuse:
        for old in json.loads(args.reuse.read_text(encoding="utf-8"))["sizes"]:
            if old["n"] not in args.sizes:
                results.append(SizeResult(old["n"], old.get("data_lines", 0), old["pages"],
                                          [Build(**b) for b in old["generated"]], [Build(**b) for b in old["static"]],
                                          old.get("data_layer", {})))
        results.sort(key=lambda r: r.n)

    # The real site: page weight and Lighthouse.
    for stale in (work / "real", work / "real-site"):
        if stale.exists():
            shutil.rmtree(stale)
    real_project = copy_project(work / "real")
    real_site = work / "real-site"
    timed_build(real_project, real_site)
    first_code = real["codes"][0]["code"]
    transfers[f"Real site: /codes/{first_code}/"] = page_transfer(real_site, f"codes/{first_code}/")
    transfers["Real site: / (home)"] = page_transfer(real_site, "")
    if results:  # the largest synthetic site, when its build is still in the working directory
        biggest = max(r.n for r in results)
        largest_site = work / f"n{biggest}" / "site-generated"
        if (largest_site / "index.html").exists():
            transfers[f"{biggest} codes: /codes/{first_code}/"] = page_transfer(largest_site, f"codes/{first_code}/")
    print(json.dumps(transfers), flush=True)

    scores = {}
    if not args.no_lighthouse:
        pages = {"/ (home)": "", f"/codes/{first_code}/": f"codes/{first_code}/", "/calculator/": "calculator/"}
        scores = lighthouse(real_site, pages, args.lighthouse_runs, work)
        print(json.dumps(scores), flush=True)

    quality["Real site"] = search_quality(real_site)
    text = report(results, transfers, scores, machine(), command, args.repeat)
    text = replace_section(text, search_section(searches, quality), search_checks(searches, quality))
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if "<!-- analysis -->" in previous:  # keep the hand-written analysis below the marker
        text += previous.split("<!-- analysis -->", 1)[1].lstrip("\n")
    args.output.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({
            "sizes": [{"n": r.n, "pages": r.pages, "data_lines": r.data_lines, "data_layer": r.data_layer,
                       "generated": [b.__dict__ for b in r.generated],
                       "static": [b.__dict__ for b in r.static]} for r in results],
            "transfers": transfers, "lighthouse": scores}, indent=1), encoding="utf-8")
    print(f"wrote {args.output}", flush=True)


if __name__ == "__main__":
    main()
