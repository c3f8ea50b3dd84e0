#!/usr/bin/env python3
"""Check that every source URL cited in data/codes.yaml still answers.

Reads each `url` under the top-level `sources` list of the data file (each
source is a mapping with at least `id` and `url`), requests it with HEAD and
falls back to GET when HEAD fails (many servers refuse or mishandle HEAD), with
a timeout, a browser-like User-Agent and a bounded number of requests at once.

A link is dead when its final status is >= 400 or the request fails (DNS,
TLS, timeout, refused connection, a scheme other than http/https). Dead links
are reported
  * as a Markdown table appended to $GITHUB_STEP_SUMMARY when that is set,
  * as `::warning` workflow commands on stdout (annotations in GitHub Actions),
and the script exits 1 if any link is dead, 2 if the data file is unusable.

The network code is one function, `urllib_fetch`; everything else takes the
fetch function as a parameter, so tests can run it offline with a fake.

Usage: check_links.py [--data data/codes.yaml] [--timeout 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "codes.yaml"
DEFAULT_TIMEOUT = 20.0
DEFAULT_CONCURRENCY = 8
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
REQUEST_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
}

# fetch(method, url, timeout) -> HTTP status code of the final response
# (after redirects). It raises OSError (urllib.error.URLError is one) or
# ValueError when no response could be had.
Fetch = Callable[[str, str, float], int]


@dataclass(frozen=True)
class Source:
    id: str
    url: str


@dataclass(frozen=True)
class LinkResult:
    source: Source
    status: int | None  # final HTTP status, None when no response was had
    method: str  # the method whose answer decided the result
    error: str | None = None  # why no response was had

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def outcome(self) -> str:
        if self.status is not None:
            return f"HTTP {self.status}"
        return f"error: {self.error}"


class DataError(Exception):
    """The data file is missing, unreadable or lacks a usable `sources` list."""


def load_sources(path: Path) -> list[Source]:
    """Return the sources listed under the top-level `sources` key."""
    import yaml  # PyYAML, from requirements.txt

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise DataError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or "sources" not in data:
        raise DataError(f"{path} has no top-level `sources` list")
    raw = data["sources"]
    if not isinstance(raw, list):
        raise DataError(f"`sources` in {path} is not a list")
    sources: list[Source] = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("url"):
            raise DataError(f"sources[{index}] in {path} needs an `id` and a `url`")
        sources.append(Source(id=str(entry["id"]), url=str(entry["url"]).strip()))
    return sources


def urllib_fetch(method: str, url: str, timeout: float) -> int:
    """Request `url` with the standard library; return the final status."""
    request = urllib.request.Request(url, method=method, headers=REQUEST_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code


def _describe(exc: BaseException) -> str:
    """A one-line reason for a failed request."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(
        exc, urllib.error.HTTPError
    ):
        if not isinstance(exc.reason, BaseException):
            return f"URLError: {exc.reason}"
        exc = exc.reason  # e.g. the socket.gaierror or TimeoutError inside
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def check_url(source: Source, fetch: Fetch, timeout: float) -> LinkResult:
    """HEAD the URL; if that fails or errors, GET it; report the outcome."""
    scheme = urllib.parse.urlsplit(source.url).scheme.lower()
    if scheme not in ("http", "https"):
        return LinkResult(source, None, "-", f"unsupported URL scheme {scheme!r}")
    result: LinkResult | None = None
    for method in ("HEAD", "GET"):
        try:
            status = fetch(method, source.url, timeout)
        except Exception as exc:  # noqa: BLE001 - any failure is a dead link
            result = LinkResult(source, None, method, _describe(exc))
        else:
            result = LinkResult(source, status, method)
        if not result.dead:
            break
    assert result is not None
    return result


def check_sources(
    sources: Sequence[Source],
    fetch: Fetch = urllib_fetch,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> list[LinkResult]:
    """Check every source, at most `concurrency` at a time, in input order."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if not sources:
        return []
    with ThreadPoolExecutor(max_workers=min(concurrency, len(sources))) as pool:
        return list(pool.map(lambda s: check_url(s, fetch, timeout), sources))


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def markdown_report(results: Sequence[LinkResult]) -> str:
    """A Markdown section for the job summary: a table of the dead links."""
    dead = [r for r in results if r.dead]
    lines = ["## Source link check", ""]
    if not dead:
        lines.append(f"All {len(results)} source links answered.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(dead)} of {len(results)} source links are dead.")
    lines.append("")
    lines.append("| Source | URL | Result |")
    lines.append("| --- | --- | --- |")
    for r in dead:
        url = _cell(r.source.url)
        lines.append(f"| `{_cell(r.source.id)}` | <{url}> | {_cell(r.outcome)} |")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def warning_lines(results: Iterable[LinkResult]) -> list[str]:
    """GitHub Actions `::warning` workflow commands, one per dead link."""
    lines = []
    for r in results:
        if r.dead:
            title = _escape_property(f"Dead source link: {r.source.id}")
            message = _escape_data(f"{r.source.id}: {r.source.url} -> {r.outcome}")
            lines.append(f"::warning title={title}::{message}")
    return lines


def report(results: Sequence[LinkResult], summary_path: str | None, out=None) -> int:
    """Write the summary and warnings; return the exit status (1 if dead)."""
    out = sys.stdout if out is None else out
    for line in warning_lines(results):
        print(line, file=out)
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(markdown_report(results))
    dead = sum(r.dead for r in results)
    print(f"checked {len(results)} source links: {len(results) - dead} ok, {dead} dead", file=out)
    return 1 if dead else 0


def main(argv: Sequence[str] | None = None, fetch: Fetch = urllib_fetch) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    args = parser.parse_args(argv)
    if args.concurrency < 1 or args.timeout <= 0:
        parser.error("--concurrency must be >= 1 and --timeout > 0")
    try:
        sources = load_sources(args.data)
    except DataError as exc:
        print(f"::error::{_escape_data(str(exc))}")
        return 2
    results = check_sources(
        sources, fetch, timeout=args.timeout, concurrency=args.concurrency
    )
    return report(results, os.environ.get("GITHUB_STEP_SUMMARY"))


if __name__ == "__main__":
    sys.exit(main())
