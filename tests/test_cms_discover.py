"""Finding the current CMS archives from the CMS pages (saved fixture pages, no network):
the newest quarter or release is picked from the links, never from a hard-coded name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cms.discover import MUE_PAGE, PFS_PAGE, PTP_PAGE, discover, quarter_of, release_of
from macros.cms.download import download_plan, fetch_file
from macros.cms.errors import CmsFileError

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "cms" / "pages"
ZIP = "https://www.cms.gov/files/zip/"


class SavedPages:
    """Serves the saved pages by the last part of their address; records what was asked."""

    def __init__(self, folder: Path = PAGES):
        self.folder, self.asked = folder, []

    def __call__(self, url: str) -> str:
        self.asked.append(url)
        return (self.folder / (url.rstrip("/").rsplit("/", 1)[-1] + ".html")).read_text(encoding="utf-8")


def test_the_practitioner_ptp_archives_of_the_newest_quarter():
    fetch = SavedPages()
    plan = discover("ptp", fetch)
    assert plan == {"quarter": "2027-Q1", "urls": [
        ZIP + "medicare-ncci-2027-q1-practitioner-ptp-edits-ccipra-v330r0-f1.zip",
        ZIP + "medicare-ncci-2027-q1-practitioner-ptp-edits-ccipra-v330r0-f2.zip"]}
    # The hospital page is not read; the other host's archive is never considered.
    assert fetch.asked == [PTP_PAGE, PTP_PAGE + "/practitioner-ptp-edits"]


def test_the_practitioner_mue_table_of_the_newest_quarter():
    assert discover("mue", SavedPages()) == {
        "quarter": "2027-Q1", "urls": [ZIP + "medicare-ncci-2027-q1-practitioner-services-mue-table.zip"]}


def test_the_newest_pfs_release_is_followed_to_its_archive():
    fetch = SavedPages()
    assert discover("pfs", fetch) == {"year": 2027, "release": "a", "urls": [ZIP + "rvu27a.zip"]}
    assert fetch.asked[0] == PFS_PAGE


def test_a_page_without_archives_is_refused_plainly(tmp_path):
    (tmp_path / "medicare-ncci-medically-unlikely-edits.html").write_text(
        "<html><body><p>This page was redesigned.</p><a href='/files/zip/other.zip'>Other</a></body></html>",
        encoding="utf-8")
    with pytest.raises(CmsFileError) as caught:
        discover("mue", SavedPages(tmp_path))
    assert str(caught.value).startswith(MUE_PAGE + ": no MUE archive with a recognisable quarter was found")


@pytest.mark.parametrize("text, expected", [
    ("medicare-ncci-2027-q1-practitioner", (2027, 1)),
    ("Medicare NCCI 2026 Q4 Practitioner", (2026, 4)),
    ("q3-2026-ptp", (2026, 3)),
    ("october-2026-practitioner-mue-table.zip", (2026, 4)),
    ("January 1, 2027 edits", (2027, 1)),
    ("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", (2026, 3)),
    ("ccipra-v330r0-f1.zip", None),
])
def test_quarters_are_read_from_the_ways_cms_writes_them(text, expected):
    assert quarter_of(text) == expected


def test_releases_are_read_from_rvu_names():
    assert release_of("/files/zip/rvu27a.zip") == (2027, "a")
    assert release_of("/pfs-relative-value-files/rvu26d") == (2026, "d")
    assert release_of("/files/zip/rvu27a-updated.zip") == (2027, "a")
    assert release_of("/files/zip/prvu27.zip") is None


def test_the_discover_command_writes_a_plan_from_saved_pages(tmp_path):
    out = tmp_path / "plan.json"
    result = subprocess.run([sys.executable, "-m", "macros.cms", "discover", "--pages-from", str(PAGES),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert set(plan) == {"ptp", "mue", "pfs"}
    assert plan["ptp"]["quarter"] == "2027-Q1" and plan["pfs"]["urls"] == [ZIP + "rvu27a.zip"]


def test_download_writes_the_manifest_the_import_reads(tmp_path):
    plan = {"ptp": {"quarter": "2027-Q1", "urls": [ZIP + "a-f1.zip", ZIP + "a-f2.zip"]},
            "pfs": {"year": 2027, "release": "a", "urls": [ZIP + "rvu27a.zip"]}}

    def fake(url, destination):
        target = destination / url.rsplit("/", 1)[-1]
        target.write_bytes(b"zip")
        return target

    manifest = download_plan(plan, tmp_path, fetch=fake)
    assert manifest == {"ptp": {"quarter": "2027-Q1", "files": ["a-f1.zip", "a-f2.zip"]},
                        "pfs": {"year": 2027, "release": "a", "files": ["rvu27a.zip"]}}
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8")) == manifest


@pytest.mark.parametrize("url", ["https://example.org/files/zip/rvu27a.zip", "http://www.cms.gov/files/zip/rvu27a.zip"])
def test_nothing_is_fetched_from_another_host_or_without_https(url, tmp_path):
    with pytest.raises(CmsFileError, match="only https://www.cms.gov/ addresses are fetched"):
        fetch_file(url, tmp_path)
