"""What outside tools rely on: permanent URLs, redirects, the JSON API and its schema,
the authoring schema, the Atom feed and the edit links."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml

from macros.changes import atom_feed
from macros.export import API_FILES, API_ROOT, api_file_names, model_for_file
from macros.schema import AUTHORING_SCHEMA_FILE, authoring_schema_text
from macros.site import generated_pages
from macros.urls import public_urls, read_url_list
from macros.yaml_source import parse_yaml_text
from tests.conftest import REPOSITORY_URL, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def redirects_of(project: Path) -> dict[str, str]:
    """The redirect_maps declared in a project's mkdocs.yml (old page -> new page)."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            return dict(plugin["redirects"].get("redirect_maps", {}))
    return {}


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def _url_of(page: str) -> str:
    """'codes/97001.md' -> 'codes/97001/' (directory URLs)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


class _Ids(HTMLParser):
    """The id attributes of a page (the standard library's parser: several times faster
    than building a BeautifulSoup tree, for one attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def page_ids(file: Path) -> set[str]:
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parser.ids


def broken_public_urls(site: Path, urls: list[str], redirects: dict[str, str]) -> list[str]:
    """Listed URLs that neither resolve (file and anchor) nor are covered by a redirect."""
    redirected = {_url_of(old) for old in redirects}
    ids: dict[Path, set[str]] = {}
    broken = []
    for url in urls:
        parts = urlsplit(url)
        path = parts.path.lstrip("/")
        target = site / path / "index.html" if path.endswith("/") or path == "" else site / path
        if path in redirected:
            continue  # the redirect page carries the anchor on to the new page (tested separately)
        if not target.exists():
            broken.append(url)
            continue
        if parts.fragment:
            if target not in ids:
                ids[target] = page_ids(target)
            if parts.fragment not in ids[target]:
                broken.append(url)
    return broken


def test_every_listed_public_url_and_anchor_resolves(site):
    listed = read_url_list()
    assert len(listed) > 100
    assert not broken_public_urls(site, listed, redirects_of(ROOT)), "public URLs that stopped resolving"


def test_the_url_list_includes_every_current_public_url(catalog):
    listed = set(read_url_list())
    missing = [f"/{url}" for url in public_urls(catalog) if f"/{url}" not in listed]
    assert not missing, ("public-urls.txt lacks these URLs; run `python -m macros.urls` to add them:\n"
                         + "\n".join(missing[:20]))


def test_removing_a_code_breaks_its_urls_until_a_redirect_is_declared_and_the_redirect_lands(edited_build):
    """The edited build (tests/conftest.py) removed a code and declared a redirect for its
    page, none for its printable checklist: the checklist's listed address is reported
    broken; the page's are not (with its sections'), and it lands on the family page."""
    listed = read_url_list()
    removed = edited_build.removed
    page, checklist = f"/codes/{removed}/", f"/checklist/{removed}/"
    assert page in listed and checklist in listed
    broken = broken_public_urls(edited_build.site, listed, redirects_of(edited_build.project))
    assert checklist in broken, broken
    assert not [url for url in broken if url.startswith(page)], broken  # nor any of its sections
    assert_redirect_lands(edited_build.site, page.strip("/") + "/", f"families/{edited_build.removed_family}/")


def assert_redirect_lands(site: Path, old: str, new: str) -> None:
    html = (site / old / "index.html").read_text(encoding="utf-8")
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
    assert match, f"/{old} is not a redirect page"
    landed = (site / old / match.group(1)).resolve()
    assert landed == (site / new).resolve(), f"/{old} redirects to {match.group(1)}, not /{new}"
    assert (landed / "index.html").exists(), f"/{old} redirects to a page that does not exist"


def test_declared_redirects_land(site):
    redirects = redirects_of(ROOT)
    assert redirects, "mkdocs.yml declares no redirect"
    for old, new in redirects.items():
        assert_redirect_lands(site, _url_of(old), _url_of(new))


# --- JSON API ------------------------------------------------------------------------

def validator_for(schema: dict, format_checker=None):
    """A validator for `schema`, the schema itself checked first (once, not per document:
    `jsonschema.validate` checks the schema again on every call)."""
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=format_checker)


def test_every_export_file_validates_against_the_published_schema(site, catalog):
    files = sorted((site / API_ROOT).rglob("*.json"))
    files = [f for f in files if f.name != "schema.json"]
    assert sorted(f.relative_to(site / API_ROOT).as_posix() for f in files) == \
        sorted(name for name in api_file_names(list(catalog.codes)) if name != "schema.json")
    schema = json.loads((site / API_ROOT / "schema.json").read_text(encoding="utf-8"))
    whole = validator_for(schema)
    narrowed: dict[str, object] = {}  # the schema narrowed to one kind of file's definition
    for file in files:
        relative = file.relative_to(site).as_posix()
        definition = model_for_file(relative.removeprefix(API_ROOT + "/")).__name__
        if definition not in narrowed:
            narrowed[definition] = validator_for({**schema, "oneOf": [{"$ref": f"#/$defs/{definition}"}]})
        document = json.loads(file.read_text(encoding="utf-8"))
        narrowed[definition].validate(document)
        whole.validate(document)


def test_export_agrees_with_the_data(site, catalog):
    codes = json.loads((site / API_ROOT / "codes.json").read_text(encoding="utf-8"))
    assert [c["code"] for c in codes["codes"]] == list(catalog.codes)
    for record in codes["codes"]:
        code = catalog.codes[record["code"]]
        assert record["title"] == code.title and record["billing_basis"] == code.billing.basis
        assert record["last_reviewed"] == code.last_reviewed.isoformat()
        single = json.loads((site / API_ROOT / "codes" / f"{code.code}.json").read_text(encoding="utf-8"))
        assert single == record
        assert (site / record["url"] / "index.html").exists()
    examples = json.loads((site / API_ROOT / "examples.json").read_text(encoding="utf-8"))["examples"]
    assert len(examples) == len(catalog.data.examples)


def test_api_index_lists_files_version_and_changelog(site):
    index = json.loads((site / API_ROOT / "index.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"1\.\d+\.\d+", index["api_version"])
    assert index["changelog"] and index["changelog"][0]["version"] == index["api_version"]
    for name in index["files"]:
        assert (site / API_ROOT / name).exists(), name


def test_the_api_page_documents_every_file(built_page):
    text = built_page("api/").get_text(" ")
    for name in API_FILES:
        assert f"{API_ROOT}/{name}" in text, name


# --- Authoring schema -----------------------------------------------------------------

def _as_json_data(path: Path):
    """YAML data as JSON would carry it (dates become ISO strings), as an editor sees it."""
    data = parse_yaml_text(path.read_text(encoding="utf-8"), path.name).data
    return json.loads(json.dumps(data, default=str))


def test_committed_authoring_schema_is_generated_from_the_model():
    assert AUTHORING_SCHEMA_FILE.read_text(encoding="utf-8") == authoring_schema_text(), \
        "docs/schema/codes-authoring.schema.json is stale: run `python -m macros.schema`"


def test_data_file_names_the_authoring_schema_for_editors():
    first = (ROOT / "data" / "codes.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/codes-authoring.schema.json"


@pytest.fixture(scope="module")
def authoring_validator():
    schema = json.loads(AUTHORING_SCHEMA_FILE.read_text(encoding="utf-8"))
    return validator_for(schema, format_checker=jsonschema.FormatChecker())


def test_authoring_schema_accepts_the_real_data(authoring_validator):
    authoring_validator.validate(_as_json_data(ROOT / "data" / "codes.yaml"))


# Defects that need the whole file to see (references, uniqueness, dates against today,
# cross-field rules) or that break YAML itself: the build's validator catches these.
NOT_SCHEMA_DETECTABLE = {
    "yaml-syntax", "duplicate-key-in-record", "duplicate-top-level-key", "unknown-source", "unknown-family",
    "dangling-neighbour", "dangling-faq-id", "dangling-checklist-id", "duplicate-code", "duplicate-source-id",
    "future-date", "region-code-without-regions", "edit-column-not-in-pair", "raw-html-in-text",
    "template-in-answer", "script-link", "empty-file",
    # YAML features refused before any value is read (an alias bomb must never be expanded)
    "alias-bomb", "merge-key", "complex-key", "deep-nesting", "key-read-as-boolean", "tab-indentation",
    "bad-indentation", "colon-in-unquoted-text",
    # character and cross-field rules of the validator
    "bidi-override-in-title", "zero-width-in-text", "percent-over-100", "copy-without-in",
    "quotation-without-via", "via-unknown-source", "via-a-quotation", "read-date-in-future",
    "verified-without-qualifying-source", "verified-on-a-quotation", "retired-code-still-current",
    "retired-replaced-by-unknown", "technique-alias-taken", "technique-unknown-code",
    "payee-paid-and-not-paid", "faq-unknown-figure",
}


INVALID_FIXTURES = sorted((ROOT / "tests/fixtures/invalid").glob("*.yaml"))
# The others are refused by the validator only (tests/test_data_validation.py).
STRUCTURAL_FIXTURES = [fixture for fixture in INVALID_FIXTURES if fixture.stem not in NOT_SCHEMA_DETECTABLE]


def test_the_schema_exceptions_name_existing_fixtures():
    """A renamed fixture must not silently leave the list of exceptions, or join it."""
    assert NOT_SCHEMA_DETECTABLE <= {fixture.stem for fixture in INVALID_FIXTURES}
    assert len(STRUCTURAL_FIXTURES) >= 5


@pytest.mark.parametrize("fixture", STRUCTURAL_FIXTURES, ids=lambda p: p.stem)
def test_authoring_schema_rejects_the_structural_invalid_fixtures(fixture, authoring_validator):
    with pytest.raises(jsonschema.ValidationError):
        authoring_validator.validate(_as_json_data(fixture))


# --- Edit links ----------------------------------------------------------------------
# (The Atom feed and the edit link's line number are pure functions: tests/test_render.py.
# This build checks the glue: REPOSITORY_URL reaches the pages through mkdocs.yml and the hook.)

def test_the_build_publishes_the_feed_and_the_changes_page(site, catalog, built_page):
    """The build writes the feed the function makes (for the build's site address) and links it."""
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    site_url = feed.find(f"{ATOM}id").text.removesuffix("feed.xml")
    assert (site / "feed.xml").read_text(encoding="utf-8") == atom_feed(catalog, site_url)
    link = built_page("changes/").select_one('a[type="application/atom+xml"]')
    assert link is not None and link["href"].endswith("feed.xml")


def test_code_page_links_to_its_record_in_the_data_file(built_page, catalog):
    """The session's build sets REPOSITORY_URL, as the deploy workflow does."""
    lines = (ROOT / "data" / "codes.yaml").read_text(encoding="utf-8").splitlines()
    for code in list(catalog.codes)[:5]:
        line = lines.index(f'  - code: "{code}"') + 1
        link = built_page(f"codes/{code}/").select_one("a.edit-record")
        assert link is not None, f"/codes/{code}/ has no edit link"
        assert link["href"] == f"{REPOSITORY_URL}/blob/main/data/codes.yaml#L{line}"


def test_without_a_repository_address_there_is_no_edit_link(catalog):
    pages = generated_pages(catalog, "")
    assert pages and not any("edit-record" in markdown for markdown in pages.values())
