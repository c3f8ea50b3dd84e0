"""Serve a built site on 127.0.0.1 in a background thread, gzip-compressed like a real host.

`python -m http.server` never compresses, so transferred sizes measured against it are
too large, and Lighthouse scores it lower than any real host. This server compresses
text responses when the client sends `Accept-Encoding: gzip`, answers HEAD, serves
`index.html` for directory URLs (redirecting `/codes/97140` to `/codes/97140/` as
static hosts do), answers unknown paths with the site's own `404.html`, and records
every response so a test or benchmark can add up what was transferred.

    with StaticServer(site_dir) as server:
        page.goto(server.url + "codes/97140/")
        print(server.transferred_bytes())

`site_pages(root)` lists every HTML page of a built site with the URL path to load it
by, and marks the redirect stubs (a meta refresh to another page).

Used by the privacy, accessibility and hostile-data tests and by benchmarks/run.py.
"""

from __future__ import annotations

import gzip
import mimetypes
import posixpath
import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Types worth compressing (images and fonts are compressed already).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/manifest+json")
EXTRA_TYPES = {".js": "application/javascript", ".mjs": "application/javascript",
               ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
               ".webmanifest": "application/manifest+json", ".map": "application/json"}


@dataclass(frozen=True)
class Served:
    """One response: request path, status, content type, bytes on the wire (body), gzip or not."""

    path: str
    status: int
    content_type: str
    body_bytes: int
    gzipped: bool


class StaticServer:
    """A context manager serving `root` at `self.url` (http://127.0.0.1:<port>/)."""

    def __init__(self, root: Path | str, host: str = "127.0.0.1", port: int = 0,
                 compress: bool = True, level: int = 6):
        self.root = Path(root).resolve()
        if not (self.root / "index.html").is_file():
            raise FileNotFoundError(f"{self.root} has no index.html: build the site first")
        self.host, self.port, self.compress, self.level = host, port, compress, level
        self.log: list[Served] = []
        self._lock = threading.Lock()
        self._gzip_cache: dict[Path, bytes] = {}
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---
    def __enter__(self) -> "StaticServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = _QuietServer((self.host, self.port), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="static-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # --- measurement ---
    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()

    def transferred_bytes(self) -> int:
        """Body bytes sent since the last reset (compressed size where gzip was used)."""
        with self._lock:
            return sum(entry.body_bytes for entry in self.log)

    def _record(self, entry: Served) -> None:
        with self._lock:
            self.log.append(entry)

    def gzipped(self, file: Path) -> bytes:
        with self._lock:
            cached = self._gzip_cache.get(file)
        if cached is None:
            cached = gzip.compress(file.read_bytes(), compresslevel=self.level, mtime=0)
            with self._lock:
                self._gzip_cache[file] = cached
        return cached


@dataclass(frozen=True)
class SitePage:
    """One HTML file of a built site: the URL path to load it by ('' for the home page,
    'codes/97140/', '404.html') and, for a redirect stub, where it sends the reader."""

    url: str
    file: Path
    redirect_to: str | None = None


_REFRESH = re.compile(r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']?\d+;\s*url=([^"'>]+)""", re.I)


def site_pages(root: Path | str) -> list[SitePage]:
    """Every *.html file under `root` (a built site), sorted by URL path."""
    root = Path(root)
    pages = []
    for file in sorted(root.rglob("*.html")):
        relative = file.relative_to(root).as_posix()
        if relative == "index.html":
            url = ""
        elif relative.endswith("/index.html"):
            url = relative.removesuffix("index.html")
        else:
            url = relative
        head = file.read_text(encoding="utf-8", errors="replace")[:4000]
        found = _REFRESH.search(head)
        pages.append(SitePage(url, file, found.group(1) if found else None))
    return sorted(pages, key=lambda page: page.url)


class _QuietServer(ThreadingHTTPServer):
    """Does not print a traceback when a browser drops a connection it no longer needs."""

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def content_type(file: Path) -> str:
    kind = EXTRA_TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
        kind += "; charset=utf-8"
    return kind


def compressible(kind: str) -> bool:
    return kind.startswith(COMPRESSIBLE)


class _Handler(BaseHTTPRequestHandler):
    owner: StaticServer
    protocol_version = "HTTP/1.1"
    server_version = "StaticServer"

    def log_message(self, format: str, *args) -> None:  # quiet: tests read `owner.log`
        pass

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file, redirect location): the file for a URL path, or where to redirect."""
        root = self.owner.root
        clean = posixpath.normpath(unquote(url_path))
        parts = [p for p in clean.split("/") if p not in ("", ".", "..")]
        target = root.joinpath(*parts) if parts else root
        try:
            target = target.resolve()
            target.relative_to(root)
        except (ValueError, OSError):
            return None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _respond(self, head: bool) -> None:
        split = urlsplit(self.path)
        file, redirect = self._resolve(split.path)
        if redirect:
            location = redirect + (f"?{split.query}" if split.query else "")
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.owner._record(Served(split.path, 301, "", 0, False))
            return
        status = HTTPStatus.OK
        if file is None:
            status = HTTPStatus.NOT_FOUND
            file = self.owner.root / "404.html"
            if not file.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        kind = content_type(file)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        use_gzip = self.owner.compress and accepts_gzip and compressible(kind)
        body = self.owner.gzipped(file) if use_gzip else file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if compressible(kind):
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the browser navigated away
                return
        self.owner._record(Served(split.path, int(status), kind, 0 if head else len(body), use_gzip))


def main() -> None:  # pragma: no cover - a convenience for looking at a built site by hand
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Serve a built site with gzip on 127.0.0.1.")
    parser.add_argument("root", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with StaticServer(args.root, port=args.port) as server:
        print(f"Serving {server.root} at {server.url} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":  # pragma: no cover
    main()
