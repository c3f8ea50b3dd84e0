"""The search query benchmark (queries.yaml), run through the site's own search in Chromium.

Used by tests/search/test_search_queries.py and by benchmarks/run.py:

    queries = load_queries()
    outcome = run_queries(page, queries)   # a page of the served site, already loaded
    outcome.top(3), outcome.misses(3)

All queries go to window.siteSearch.search (docs/assets/javascripts/search.js, the code
the search dialog runs, over Pagefind's own script and the built index) in one
page.evaluate. Run as a script to print every query's results:

    python -m tests.search.benchmark SITE_DIR [QUERY ...]
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from tests.browser import SEARCH_READY

QUERIES_FILE = Path(__file__).with_name("queries.yaml")

# `parallel` searches at once, as when a reader types faster than a search runs. The tests
# measure one search at a time: Pagefind's scores of overlapping searches can differ in
# their last digits, enough to swap two results that tie.
RUN_ALL = """
async ([queries, parallel]) => {
  const answers = new Array(queries.length);
  let next = 0;
  async function worker() {
    while (next < queries.length) {
      const i = next++;
      const found = await window.siteSearch.search(queries[i]);
      answers[i] = {searched: found.searched, total: found.total,
                    results: found.results.map(r => ({url: r.url, title: r.title, page: r.pageTitle,
                                                      why: (r.why || '') + ' score ' + r.score.toFixed(3)}))};
    }
  }
  await Promise.all(Array.from({length: parallel}, worker));
  return answers;
}
"""


@dataclass(frozen=True)
class Query:
    text: str
    answers: tuple[str, ...]  # site paths: 'faq/#kx-threshold-by-year', 'codes/97140/'


@dataclass(frozen=True)
class Result:
    path: str    # site path of the result, as in queries.yaml
    title: str
    page: str
    why: str = ""  # how search.js scored it (for tuning by hand)


@dataclass(frozen=True)
class Answered:
    query: Query
    searched: str           # the query after synonyms and number clean-up
    results: tuple[Result, ...]

    @property
    def rank(self) -> int | None:
        """1-based position of the first result that answers, or None."""
        for position, result in enumerate(self.results, start=1):
            if any(answers(answer, result.path) for answer in self.query.answers):
                return position
        return None


@dataclass(frozen=True)
class Outcome:
    answered: tuple[Answered, ...]

    def within(self, n: int) -> list[Answered]:
        return [a for a in self.answered if a.rank is not None and a.rank <= n]

    def rate(self, n: int) -> float:
        return len(self.within(n)) / len(self.answered)

    def misses(self, n: int) -> list[Answered]:
        return [a for a in self.answered if a.rank is None or a.rank > n]


def answers(answer: str, result_path: str) -> bool:
    """A page answer ('codes/97140/') is met by any result on that page; a section answer
    ('faq/#x') only by that section."""
    if "#" in answer:
        return result_path == answer
    return result_path.split("#")[0] == answer


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for entry in data["queries"]:
        answer = entry["answer"]
        queries.append(Query(str(entry["q"]), tuple(answer) if isinstance(answer, list) else (answer,)))
    return queries


def site_path(url: str, site_url: str) -> str:
    """'http://127.0.0.1:8000/repo/faq/#x' -> 'faq/#x' for a site served at site_url."""
    base = urlsplit(site_url).path
    parts = urlsplit(url)
    path = parts.path[len(base):] if parts.path.startswith(base) else parts.path.lstrip("/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def search_site(browser, site_url: str, queries: list[Query], parallel: int = 1) -> Outcome:
    """Open the site's home page in a new page, run `queries` there (run_queries) and
    close it; a script error on the page fails the caller."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site_url, wait_until="load")
        result = run_queries(page, queries, site_url, parallel)
    finally:
        page.close()
    assert not errors, f"script errors while searching: {errors}"
    return result


def run_queries(page, queries: list[Query], site_url: str, parallel: int = 1) -> Outcome:
    """Run every query in the loaded page (one evaluate), `parallel` at a time; results as
    site paths."""
    page.wait_for_function(SEARCH_READY)  # the search script is deferred
    raw = page.evaluate(RUN_ALL, [[q.text for q in queries], parallel])
    answered = []
    for query, found in zip(queries, raw):
        results = tuple(Result(site_path(_absolute(r["url"], page.url), site_url), r["title"], r["page"], r["why"])
                        for r in found["results"])
        answered.append(Answered(query, found["searched"], results))
    return Outcome(tuple(answered))


def _absolute(url: str, base: str) -> str:
    return urljoin(base, url)


def describe(a: Answered, shown: int = 5) -> str:
    lines = [f"{a.query.text!r} (searched {a.searched!r}): answer {' or '.join(a.query.answers)}, "
             f"{'not found' if a.rank is None else f'rank {a.rank}'}"]
    for position, result in enumerate(a.results[:shown], start=1):
        lines.append(f"    {position}. {result.path}  [{result.title}]")
        if os.environ.get("SEARCH_EXPLAIN"):
            lines.append(f"         {result.why}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:  # pragma: no cover - a tool for tuning by hand
    from playwright.sync_api import sync_playwright

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    from tests.browser import launch_chromium
    from tests.static_server import StaticServer

    site, texts = Path(argv[0]), argv[1:]
    queries = load_queries()
    if texts:
        known = {q.text: q for q in queries}
        queries = [known.get(text, Query(text, ("?",))) for text in texts]
    with sync_playwright() as playwright, StaticServer(site) as server:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(server.url)
        outcome = run_queries(page, queries, server.url)
        browser.close()
    for a in outcome.answered:
        if texts or a.rank is None or a.rank > 3:
            print(describe(a))
    print(f"{len(queries)} queries: top-1 {outcome.rate(1):.1%}, top-3 {outcome.rate(3):.1%}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
