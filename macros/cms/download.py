"""Fetch CMS pages and archives over HTTPS from www.cms.gov only (the refresh workflow's
network access; the site itself never contacts CMS)."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .discover import HOST
from .errors import CmsFileError

TIMEOUT = 120
MAX_BYTES = 500 * 1024 * 1024
USER_AGENT = "therapy-billing-code-reference CMS table refresh (python urllib)"


def _checked(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname != HOST:
        raise CmsFileError(url, f"only https://{HOST}/ addresses are fetched")
    return url


def fetch_text(url: str) -> str:
    request = urllib.request.Request(_checked(url), headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - https, one host
            return response.read(MAX_BYTES).decode(response.headers.get_content_charset() or "utf-8", "replace")
    except OSError as error:
        raise CmsFileError(url, f"could not be fetched: {error}") from None


def file_name(url: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    if not name or name in (".", ".."):
        raise CmsFileError(url, "has no file name")
    return name


def fetch_file(url: str, destination: Path) -> Path:
    target = destination / file_name(url)
    request = urllib.request.Request(_checked(url), headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response, target.open("wb") as out:  # noqa: S310
            shutil.copyfileobj(response, out)
    except OSError as error:
        raise CmsFileError(url, f"could not be downloaded: {error}") from None
    if target.stat().st_size > MAX_BYTES:
        raise CmsFileError(url, "is larger than any CMS table archive")
    return target


def download_plan(plan: dict, destination: Path, fetch=fetch_file) -> dict:
    """Download every archive of a discovery plan; returns (and writes) the import manifest."""
    destination.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for kind, entry in plan.items():
        files = [fetch(url, destination).name for url in entry["urls"]]
        manifest[kind] = {key: value for key, value in entry.items() if key != "urls"} | {"files": files}
    (destination / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest
