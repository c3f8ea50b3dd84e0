"""Hostile data: every string in data/codes.yaml either is refused by the validator with a
message naming the field, or reaches the site as plain text and runs nothing.

The data file of a project copy is loaded with PyYAML and walked completely: every value
of every record (strings, and also dates, numbers, booleans and empty optional fields,
which must refuse a string) and every key of the two mappings keyed by data (comparison
cells and example visits). Each place is classified from the model (macros/model.py):

- text:       free text (Text, ShortText), a small Markdown subset, shown on pages;
- url:        a source's address (https:// only);
- identifier: ids, code numbers, modifiers, references to them (fixed patterns);
- choice:     a value from a fixed list (confidence, billing basis, status...);
- typed:      a date, number or yes/no.

OUTCOMES says, for each kind of place and each payload, which result is correct (the same
table is in CONTRIBUTING.md, "What each field may contain"):

- rejected: `macros.validate.load_code_data` raises DataError with a problem on the
  field's line that names the field. Each validation puts a payload into every place at
  once, rotating the payloads over the places (the validator reports every problem
  together), so 14 validations give every place every payload;
- shown as text: with the payload in every place that accepts it (but every second list
  item, see below), the site builds (`mkdocs build --strict`); every built page, read as
  HTML, shows the payload as text where the generator put it, has no event-handler
  attribute, no link or source with a javascript: address and no inline script naming the
  payload's marker; and in Chromium the pages show it as text too, no script runs
  (window.__xss stays undefined, no dialog opens, no console or page error), no element
  gains an event-handler attribute and no request leaves the local server. The search is
  used on each hostile build too, since it renders page text in the browser.

  Chromium loads the sample of tests/site_sample.py (a page of every kind, plus pages
  until every kind of element, nesting and referenced file of that build has been
  loaded), those of its pages that hold the payload, not all the pages: the payload sits
  in every place of the data, so every page
  kind carries it in every element kind the generators use, and what the browser adds to
  the markup (its scripts) is the same on every page of a kind. What can differ from page
  to page, the markup itself, is read on every page without a browser.

Everything some place accepts goes into one build: every accepted payload, and legitimate
text that looks like markup (`a < b`, `5 > 3`, a lone `{`), joined into one string per
place, which must build, show as typed and run nothing (a payload that acts only at the
end of a block, the attribute list, comes last, where it would act). The same build holds
the two kinds of Markdown that once reached beyond their field: a reference to a
javascript: link defined elsewhere and an image from another host join that string, and
the definition stands alone (as it must, to act) in every second item of each list.

A hole these tests find is marked xfail(strict=True) with the reason (KNOWN_HOLES: the
payload then leaves the joint build for a build of its own) until it is fixed; an
unexpected pass then fails the run, so the marker is removed with the fix. The holes
found so far are closed and their tests kept: the page description (escaped in
overrides/main.html), script links through source addresses and through reference-style
links, images from other hosts, and `a < b` being refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
import typing
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pydantic import BaseModel, StringConstraints

from macros.catalog import load_catalog
from macros.model import CodeData, Family
from macros.render.markup import escape, site_path
from macros.site import generated_pages
from macros.validate import DataError, validate_document
from macros.yaml_source import read_yaml_file
from tests.browser import SEARCH_READY, block_other_hosts, wait_until_ready
from tests.conftest import build_site
from tests.site_sample import Marks, choose_sample
from tests.static_server import SitePage, StaticServer, site_pages

PAYLOADS = {
    "script-tag": "<script>window.__xss=1</script>",
    "img-onerror": '<img src=x onerror="window.__xss=1">',
    "javascript-link": "[click](javascript:window.__xss=1)",
    "jinja-expression": "{{ config }}",
    "jinja-statement": "{% raw %}",
    "attr-list": '{: onclick="window.__xss=1" }',
    "attribute-breakout": '" onmouseover="window.__xss=1',
}

REJECTED, TEXT = "rejected", "shown as text"
KINDS = ("text", "url", "identifier", "choice", "typed")

# The correct outcome of each payload in each kind of place (see CONTRIBUTING.md).
OUTCOMES: dict[str, dict[str, str]] = {
    "text": {
        "script-tag": REJECTED,          # raw HTML
        "img-onerror": REJECTED,         # raw HTML
        "javascript-link": REJECTED,     # a link to anything but https:// or a site path
        "jinja-expression": REJECTED,    # template delimiters
        "jinja-statement": REJECTED,     # template delimiters
        "attr-list": TEXT,               # braces are escaped: never an attribute list
        "attribute-breakout": TEXT,      # quotes are escaped: never leave an attribute
    },
    "url": {name: REJECTED for name in PAYLOADS},
    "identifier": {name: REJECTED for name in PAYLOADS},
    "choice": {name: REJECTED for name in PAYLOADS},
    "typed": {name: REJECTED for name in PAYLOADS},
}
# A payload appended to a valid address ("https://example.org/" + payload): the URL
# pattern refuses spaces, quotes, angle and square brackets, braces and backslashes, so
# every payload is refused there too.
URL_PREFIX = "https://example.org/"
URL_SUFFIX_OUTCOMES = {name: REJECTED for name in PAYLOADS}

# Legitimate text that looks like markup: it must build and show exactly as typed.
BENIGN = ["a < b", "5 > 3", "a lone { brace", "fees & charges", "a back\\slash"]
# An address the pattern accepts that still holds a script scheme and an ampersand: the
# source lists must show it as typed and link to it as an https address.
ODD_ADDRESS = "https://example.org/(javascript:window.__xss=1)?a=1&b=2"

# The search dialog lists the results of `query` (typing searches each prefix on the way),
# or says nothing matched it; and what the dialog shows, for a search that never answers.
SEARCH_ANSWERED = """(query) => document.querySelector('[data-search="result"]')
  .getAttribute('data-query') === query"""
SEARCH_STATE = """() => ({
  typed: document.querySelector('input.md-search__input').value,
  open: document.getElementById('__search').checked,
  listed_for: document.querySelector('[data-search="result"]').getAttribute('data-query'),
  says: document.querySelector('.md-search-result__meta').textContent })"""

PAGE_SCAN = """() => {
  const onAttributes = [], scriptUrls = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) onAttributes.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(name)
          && /^\\s*(javascript|vbscript|data:text\\/html)/i.test(attr.value)) {
        scriptUrls.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
      }
    }
  }
  return {xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
          onAttributes, scriptUrls, text: document.body.innerText};
}"""


# --- Walking the data and classifying each place -----------------------------------------

@dataclass(frozen=True)
class KeyOf:
    """A path step naming a mapping's key itself (as a place that holds data)."""

    key: str


@dataclass(frozen=True)
class Place:
    path: tuple
    kind: str
    value: Any

    @property
    def label(self) -> str:
        return format_place(self.path)


def format_place(path: tuple) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, KeyOf):
            text += f".<key {part.key!r}>"
        else:
            text += f".{part}" if text else str(part)
    return text


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """Strip Annotated[...] (collecting its metadata) and Optional[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], metadata + list(args[1:])
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                raise TypeError(f"cannot classify a union of {options}")
            annotation = options[0]
        else:
            return annotation, metadata


def annotation_at(path: tuple) -> tuple[Any, list]:
    """The declared type (and its constraints) of the place at `path` in CodeData."""
    annotation, metadata = CodeData, []
    for part in path:
        annotation, metadata = _unwrap(annotation, metadata)
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if isinstance(part, KeyOf):
            assert origin is dict, f"{format_place(path)}: a key step into {annotation}"
            annotation, metadata = args[0], []
        elif isinstance(part, int):
            assert origin is list, f"{format_place(path)}: an index into {annotation}"
            annotation, metadata = args[0], []
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next(f for name, f in annotation.model_fields.items() if (f.alias or name) == part)
            annotation, metadata = field.annotation, list(field.metadata)
        elif origin is dict:
            annotation, metadata = args[1], []
        else:
            raise AssertionError(f"{format_place(path)}: the model has no place here ({annotation})")
    return _unwrap(annotation, metadata)


def classify(path: tuple) -> str:
    annotation, metadata = annotation_at(path)
    if typing.get_origin(annotation) is typing.Literal:
        return "choice"
    if annotation in (dt.date, int, float, bool):
        return "typed"
    if annotation is str:
        patterns = [m.pattern for m in metadata if isinstance(m, StringConstraints) and m.pattern]
        if not patterns:
            return "text"
        return "url" if patterns[0].startswith("^https://") else "identifier"
    raise AssertionError(f"{format_place(path)}: no declared outcome for a place of type {annotation} "
                         "(add its kind to OUTCOMES and CONTRIBUTING.md)")


def _is_keyed_mapping(path: tuple) -> bool:
    annotation, _ = annotation_at(path)
    return typing.get_origin(annotation) is dict


def walk(value: Any, path: tuple = ()) -> list[Place]:
    """Every place in the data: each scalar value (None included) and each data key."""
    places = []
    if isinstance(value, dict):
        keyed = bool(path) and _is_keyed_mapping(path)
        for key, item in value.items():
            if keyed:
                places.append(Place(path + (KeyOf(key),), classify(path + (KeyOf(key),)), key))
            places += walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += walk(item, path + (index,))
    else:
        places.append(Place(path, classify(path), value))
    return places


def model_places(model: type[BaseModel] = CodeData, prefix: str = "") -> set[str]:
    """Every place the model declares, as patterns like 'codes[*].summary.text'."""
    found = set()

    def visit(annotation: Any, where: str) -> None:
        annotation, _ = _unwrap(annotation, [])
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for name, field in annotation.model_fields.items():
                key = field.alias or name  # the key as written in the YAML file
                visit(field.annotation, f"{where}.{key}" if where else key)
        elif origin is list:
            visit(args[0], where + "[*]")
        elif origin is dict:
            found.add(where + ".<key>")
            visit(args[1], where + ".<value>")
        else:
            found.add(where)

    visit(model, prefix)
    return found


def pattern_of(path: tuple) -> str:
    text = ""
    for index, part in enumerate(path):
        if isinstance(part, int):
            text += "[*]"
        elif isinstance(part, KeyOf):
            text += ".<key>"
        elif index and _is_keyed_mapping(path[:index]):
            text += ".<value>"
        else:
            text += f".{part}" if text else str(part)
    return text


# --- Editing the data --------------------------------------------------------------------

def with_values(data: Any, values: dict[tuple, Any]) -> Any:
    """A deep copy of `data` with the value (or key, for KeyOf paths) at each path replaced."""
    result = copy.deepcopy(data)
    # Keys last and deepest first, so renaming a key does not break the paths of values.
    for path in sorted(values, key=lambda p: (isinstance(p[-1], KeyOf), -len(p))):
        parent = result
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if isinstance(last, KeyOf):
            renamed = {(values[path] if key == last.key else key): item for key, item in parent.items()}
            parent.clear()
            parent.update(renamed)
        else:
            parent[last] = values[path]
    return result


# libyaml's emitter when PyYAML has it: the pure-Python one took three quarters of the
# validator tests' time (one dump of the whole data file per validation).
_BASE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _DUMPER(_BASE_DUMPER):
    """Writes a value used in several places (one date object in the sample CMS section)
    out in full each time: the data file refuses anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def write_data(project: Path, data: Any) -> Path:
    file = project / "data" / "codes.yaml"
    file.write_text(yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1_000_000),
                    encoding="utf-8")
    return file


def ensure_every_optional_list(data: dict) -> dict:
    """Records the real data may not have yet, so each place of the model is exercised:
    a change note on the first code (codes[*].changes) when no code has one, and a small
    imported CMS section (cms) while the real one is empty."""
    data = copy.deepcopy(data)
    from tests.cms_fixtures import sample_section

    cms = data.setdefault("cms", {}) or {}
    for part, sample in sample_section().items():  # the CMS section is empty until the first import
        if not cms.get(part):
            cms[part] = sample
    data["cms"] = cms
    if not any(code.get("changes") for code in data["codes"]):
        first = data["codes"][0]
        first["changes"] = [{"date": first["last_reviewed"], "text": "A change note added by the hostile-data test.",
                             "sources": list(first["summary"]["sources"][:1])}]
    return data


# --- Fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory, project_factory) -> Path:
    return project_factory(tmp_path_factory.mktemp("hostile") / "project")


@pytest.fixture(scope="module")
def base_data(project) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((project / "data" / "codes.yaml").read_text(encoding="utf-8"), Loader=loader)
    return ensure_every_optional_list(data)


@pytest.fixture(scope="module")
def places(base_data) -> list[Place]:
    return walk(base_data)


# --- Classification and coverage ---------------------------------------------------------

def test_every_place_in_the_data_has_a_declared_outcome(base_data, places):
    kinds = {kind: sum(1 for p in places if p.kind == kind) for kind in KINDS}
    assert set(OUTCOMES) == set(KINDS)
    assert all(set(OUTCOMES[kind]) == set(PAYLOADS) for kind in KINDS)
    assert all(kinds.values()), f"the data has no place of some kind: {kinds}"
    assert len(places) > 1000, f"only {len(places)} places found in the data"
    # The walk must reach every place the model declares, or a kind of field goes untested.
    declared = model_places()
    present = {pattern_of(place.path) for place in places}
    missing = sorted(declared - present)
    assert not missing, ("places the model declares but the data (with the test's additions) never "
                         f"fills, so no payload reaches them: {missing}")


# --- Validator ---------------------------------------------------------------------------

def _problems_by_line(file: Path) -> tuple[list, Any]:
    """The validator's problems and the parsed document (for the line of each place). The
    file was written by yaml.dump, which quotes every payload: it always parses."""
    doc = read_yaml_file(file, "data/codes.yaml")
    try:
        validate_document(doc)
    except DataError as error:
        return error.problems, doc
    return [], doc


def _line_of(doc, path: tuple, value: Any) -> int:
    if isinstance(path[-1], KeyOf):
        return doc.position(path[:-1] + (value,))[0]
    return doc.position(path)[0]


def _last_step(path: tuple, value: Any) -> str:
    last = path[-1]
    if isinstance(last, int):
        return f"[{last}]"
    if isinstance(last, KeyOf):
        return str(value)
    return f".{last}"


def refusals(project: Path, data: Any, values: dict[tuple, Any]) -> dict[tuple, list]:
    """Validate `data` with `values` substituted; path -> the problems that name that place
    (on its line, with its last path step in the field label)."""
    file = write_data(project, with_values(data, values))
    problems, doc = _problems_by_line(file)
    by_line: dict[int, list] = {}
    for problem in problems:
        by_line.setdefault(problem.line, []).append(problem)
    found = {}
    for path, value in values.items():
        line = _line_of(doc, path, value)
        step = _last_step(path, value)
        found[path] = [p for p in by_line.get(line, []) if step in p.field and p.message.strip()]
    return found


def check_validation(project: Path, data: Any, values: dict[tuple, Any], expected: dict[tuple, str]) -> list[str]:
    """Validate `data` with `values` substituted; return what differs from `expected`
    (path -> REJECTED or TEXT, i.e. accepted)."""
    found = refusals(project, data, values)
    wrong = []
    for path, outcome in expected.items():
        if outcome == REJECTED and not found[path]:
            wrong.append(f"{format_place(path)} = {values[path]!r}: not rejected")
        if outcome == TEXT and found[path]:
            wrong.append(f"{format_place(path)} = {values[path]!r}: rejected, but it should be "
                         f"accepted and shown as text: {[str(p) for p in found[path]]}")
    return wrong


PAYLOAD_NAMES = list(PAYLOADS)
# Rounds of validation. In round r < 7 every value holds a payload: the i-th value of the
# walk payload (i + r) mod 7. In round r >= 7 the keys of keyed mappings (comparison
# cells, example visits) hold one: the j-th key of a mapping payload (j + r) mod 7, so two
# keys of one mapping never collapse into one; in the same rounds each address holds a
# payload appended to a valid https:// address (addresses and keys never share a record).
# Keys and values are never renamed in one validation: a value's line is found by its
# key. After the rounds every place has held every payload once, and every address every
# appended payload: 14 validations of the whole file instead of 63 (one payload at a
# time, keys one position at a time).
VALIDATION_ROUNDS = list(range(2 * len(PAYLOAD_NAMES)))


def round_values(places: list[Place], round_: int) -> dict[tuple, tuple[str, bool]]:
    """Place path -> (payload name, appended to an address?) for one round."""
    count = len(PAYLOAD_NAMES)
    chosen: dict[tuple, tuple[str, bool]] = {}
    if round_ < count:
        values = [p for p in places if not isinstance(p.path[-1], KeyOf)]
        return {p.path: (PAYLOAD_NAMES[(i + round_) % count], False) for i, p in enumerate(values)}
    key_position: dict[tuple, int] = {}
    for place in places:
        if isinstance(place.path[-1], KeyOf):
            parent = place.path[:-1]
            position = key_position[parent] = key_position.get(parent, -1) + 1
            assert position < count, f"{format_place(parent)} has more keys than there are payloads"
            chosen[place.path] = (PAYLOAD_NAMES[(position + round_) % count], False)
    urls = [p for p in places if p.kind == "url" and not isinstance(p.path[-1], KeyOf)]
    chosen.update({p.path: (PAYLOAD_NAMES[(i + round_) % count], True) for i, p in enumerate(urls)})
    return chosen


def test_every_place_gets_every_payload_over_the_rounds(places):
    seen: dict[tuple[tuple, bool], set[str]] = {}
    for round_ in VALIDATION_ROUNDS:
        for path, (name, appended) in round_values(places, round_).items():
            seen.setdefault((path, appended), set()).add(name)
    assert all(names == set(PAYLOADS) for names in seen.values())
    urls = {p.path for p in places if p.kind == "url"}
    assert urls and {path for path, appended in seen if appended} == urls
    assert {path for path, appended in seen if not appended} == {p.path for p in places}


@pytest.mark.parametrize("round_", VALIDATION_ROUNDS, ids=lambda r: f"round-{r}")
def test_validator_refuses_each_payload_wherever_it_must(round_, project, base_data, places):
    """Each place of the round holds a payload (see VALIDATION_ROUNDS); each is then refused
    (a problem on its line, naming it) or accepted, as OUTCOMES (or URL_SUFFIX_OUTCOMES for
    an appended payload) says for that kind of place and that payload."""
    kinds = {place.path: place.kind for place in places}
    chosen = round_values(places, round_)
    values = {path: (URL_PREFIX if appended else "") + PAYLOADS[name] for path, (name, appended) in chosen.items()}
    expected = {path: URL_SUFFIX_OUTCOMES[name] if appended else OUTCOMES[kinds[path]][name]
                for path, (name, appended) in chosen.items()}
    wrong = check_validation(project, base_data, values, expected)
    assert not wrong, f"{len(wrong)} places do not behave as declared:\n  " + "\n  ".join(wrong[:40])


def test_the_refusal_message_names_the_rule():
    """A contributor reads why: raw HTML, template delimiters or the link target."""
    cases = {"script-tag": "raw HTML", "jinja-expression": "template delimiters",
             "javascript-link": "link target"}
    for payload, words in cases.items():
        with pytest.raises(ValueError) as caught:
            Family.model_validate({"id": "f", "name": "Name", "summary": PAYLOADS[payload]})
        assert words in str(caught.value), f"{payload}: {caught.value}"


def test_validator_accepts_a_less_than_sign_before_a_word():
    """'a < b' is text: an HTML tag name follows '<' directly (refused until b9e3d21)."""
    Family.model_validate({"id": "f", "name": "a < b", "summary": "Use it when a < b."})


# --- Builds ------------------------------------------------------------------------------

@dataclass
class SiteReport:
    problems: list[str]
    text_by_page: dict[str, str]


SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}


class _MarkupScan(HTMLParser):
    """One page's markup as the browser receives it: event-handler attributes, script
    addresses, inline scripts that mention the payloads' marker, and the page's text
    (outside script, style and template elements), whitespace folded. The strings of a
    JSON data block (the calculator's rules) count as text too: the page's script shows
    them with textContent, which the browser check of that page kind confirms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.hidden = 0  # depth inside script, style or template
        self.json_block = False

    def handle_starttag(self, tag: str, attrs) -> None:
        for name, value in attrs:
            shown = f'<{tag} {name}="{value}">'
            if name.startswith("on"):
                self.problems.append(f"event-handler attribute in the page: {shown}")
            if name in URL_ATTRIBUTES and value and SCRIPT_URL.match(value):
                self.problems.append(f"script URL in the page: {shown}")
        if tag in ("script", "style", "template"):
            self.hidden += 1
            self.json_block = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1
            self.json_block = False

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.text.append(data)
        elif self.json_block:
            self.text.extend(f" {string} " for string in _json_strings(json.loads(data)))
        elif "__xss" in data:
            self.problems.append(f"inline script or style mentions the payload: {data.strip()[:120]!r}")


def _json_strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


class _Both(HTMLParser):
    """One parse of a page for both readers: the markup scan and the sample's signatures."""

    def __init__(self, *readers: HTMLParser) -> None:
        super().__init__(convert_charrefs=True)
        self.readers = readers

    def handle_starttag(self, tag: str, attrs) -> None:
        for reader in self.readers:
            reader.handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs) -> None:
        for reader in self.readers:
            reader.handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for reader in self.readers:
            reader.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        for reader in self.readers:
            reader.handle_data(data)


def read_markup(site: Path) -> tuple[SiteReport, tuple[SitePage, ...]]:
    """Every page of a built site (redirect stubs aside), read as HTML without a browser;
    and the browser sample of those pages (tests/site_sample.py), from the same reading."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    pages = [site_page for site_page in site_pages(site) if not site_page.redirect_to]
    marks = {}
    for site_page in pages:
        scan, signature = _MarkupScan(), Marks()
        parser = _Both(scan, signature)
        parser.feed(site_page.file.read_text(encoding="utf-8"))
        parser.close()
        problems += [f"/{site_page.url}: {problem}" for problem in scan.problems]
        texts[site_page.url] = " ".join("".join(scan.text).split())
        marks[site_page.url] = frozenset(signature.found)
    return SiteReport(problems, texts), choose_sample(pages, marks)


def browse(browser, site: Path, sample: tuple[SitePage, ...], words: list[str]) -> SiteReport:
    """Load the sample of a built site's pages (see the module docstring) that hold the
    payloads, found by `words`, a word of each; report script runs, injected handlers,
    script URLs, dialogs, console and page errors, requests to other hosts; collect each
    loaded page's text as the reader sees it; then search for each word."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    current = {"page": ""}
    with StaticServer(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800})

        block_other_hosts(context, lambda request: problems.append(
            f"/{current['page']}: request to another host: {request.url}"))
        page = context.new_page()

        def on_dialog(dialog) -> None:
            problems.append(f"/{current['page']}: a {dialog.type} dialog opened: {dialog.message!r}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: problems.append(f"/{current['page']}: page error: {error}"))
        page.on("console", lambda message: problems.append(
            f"/{current['page']}: console {message.type}: {message.text}") if message.type == "error" else None)

        def scan(label: str) -> dict:
            found = page.evaluate(PAGE_SCAN)
            if found["xss"] is not None:
                problems.append(f"/{label}: injected script ran (window.__xss = {found['xss']})")
            problems.extend(f"/{label}: event-handler attribute in the page: {item}" for item in found["onAttributes"])
            problems.extend(f"/{label}: script URL in the page: {item}" for item in found["scriptUrls"])
            return found

        # The sample's pages that hold the payload (its search word, in any case, anywhere in
        # the HTML, escaped or not): a page without it has nothing of the payload to run.
        # Redirect stubs are a meta refresh to a page that is itself loaded.
        holding = [site_page for site_page in sample
                   if any(word.lower() in site_page.file.read_text(encoding="utf-8").lower() for word in words)]
        assert holding, f"no page of the build holds any of {words}"
        for site_page in holding:
            current["page"] = site_page.url
            page.goto(server.url + site_page.url, wait_until="load")
            texts[site_page.url] = " ".join(scan(site_page.url)["text"].split())

        # The search renders page text in the browser: search for a word of each payload.
        for word in words:
            current["page"] = "(search)"
            page.goto(server.url, wait_until="load")
            wait_until_ready(page)
            page.wait_for_function(SEARCH_READY)
            page.locator("input.md-search__input").click()
            page.keyboard.type(word)
            try:  # the list shows the results of the whole word (typing searches each prefix too)
                page.wait_for_function(SEARCH_ANSWERED, arg=word, timeout=30000)
            except PlaywrightTimeoutError:
                problems.append(f"/(search for {word!r}): no answer within 30 s; the dialog shows "
                                f"{page.evaluate(SEARCH_STATE)}")
            scan(f"(search for {word!r})")
        context.close()
    return SiteReport(problems, texts)


def check_outputs(site: Path) -> list[str]:
    """The JSON and XML files written from data still parse."""
    problems = []
    for file in sorted(site.rglob("*.json")):
        try:
            json.loads(file.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"{file.relative_to(site)}: not valid JSON: {error}")
    for file in sorted(site.rglob("*.xml")):
        try:
            ET.parse(file)
        except ET.ParseError as error:
            problems.append(f"{file.relative_to(site)}: not valid XML: {error}")
    return problems


def build_and_browse(project: Path, tmp_path: Path, browser, data: Any, shown: list[str], words: list[str]) -> list[str]:
    """Build the project with `data`; return every problem: build failure, pages that do not
    show each string of `shown` where the generator put it, and what `browse` finds."""
    file = write_data(project, data)
    output = tmp_path / "site"
    result = build_site(project, output)
    if result.returncode != 0:
        return [f"the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"]
    markup, sample = read_markup(output)
    report = browse(browser, output, sample, words)
    problems = markup.problems + report.problems + check_outputs(output)
    pages = generated_pages(load_catalog(file))
    for source, markdown in pages.items():
        url = site_path(source)
        for string in shown:
            folded = " ".join(string.split())
            if escape(folded) in markdown or folded in markdown:
                if folded not in markup.text_by_page.get(url, ""):
                    problems.append(f"/{url}: the generator wrote {folded!r} into the page, "
                                    "but the page's HTML does not hold it as text")
                if url in report.text_by_page and folded not in report.text_by_page[url]:
                    problems.append(f"/{url}: the generator wrote {folded!r} into the page, "
                                    "but the reader does not see it as text")
    assert report.text_by_page, "the browser loaded no page"
    return problems


def distinct_technique_names(values: dict) -> None:
    """A technique's name and aliases must differ from every other technique's (they lead a
    search to one technique): number them, keeping the text itself intact."""
    values.update({path: f"{text} {index}" for index, (path, text) in enumerate(values.items())
                   if path[0] == "techniques" and ("aliases" in path or path[-1] == "name")})


def _word(payload: str) -> str:
    return max(re.findall(r"[A-Za-z]{3,}", payload), key=len)


# Holes found by these tests, to be fixed in the files named (then remove the entry):
# payload name -> reason. Such a payload leaves the joint build for one of its own, which
# pytest shows as an expected failure.
KNOWN_HOLES: dict[str, str] = {}


def accepted_in(name: str) -> set[str]:
    """The kinds of place that accept a payload: as their whole value, or ('url') appended
    to a valid address."""
    return ({kind for kind in KINDS if OUTCOMES[kind][name] == TEXT} |
            ({"url"} if URL_SUFFIX_OUTCOMES[name] == TEXT else set()))


# Every payload that some place accepts.
ACCEPTED_PAYLOADS = [name for name in PAYLOADS if accepted_in(name)]
# Payloads that act only at the end of a block (an attribute list): last in the joint string.
AT_BLOCK_END = {"attr-list"}


# Markdown that reached beyond the field it was typed in until square brackets were escaped
# (b9e3d21): a reference definition made a javascript: link of a reference in another field,
# and an image made every reader fetch from another host.
REFERENCE_DEFINITION = "[xss]: javascript:window.__xss=1"
REFERENCE_USE = "[click][xss]"
TRACKING_IMAGE = "![pixel](https://tracker.invalid/pixel.png)"


def holds_definition(path: tuple) -> bool:
    """Every second item of a list of text (never the first: each list keeps the joint text)."""
    return isinstance(path[-1], int) and path[-1] % 2 == 1


def joint_values(places: list[Place], payloads: list[str]) -> tuple[dict[tuple, str], list[str]]:
    """The value of each place for one build of everything it accepts, and the strings the
    pages must show as typed: in each text place the legitimate text that looks like markup
    followed by each accepted payload and the Markdown that once reached beyond its field
    (those acting at a block's end last), except that every second list item holds the
    reference definition alone; in each address the odd but valid address, with each
    payload the address pattern accepts appended."""
    ordered = sorted(payloads, key=lambda name: name in AT_BLOCK_END)
    in_text = [PAYLOADS[name] for name in ordered if "text" in accepted_in(name)]
    at_end = len([name for name in ordered if name in AT_BLOCK_END and "text" in accepted_in(name)])
    in_text[len(in_text) - at_end:len(in_text) - at_end] = [REFERENCE_USE, TRACKING_IMAGE]
    text = " ".join(["Ordinary text: " + "; ".join(BENIGN) + "."] + in_text)
    address = ODD_ADDRESS + "".join(PAYLOADS[name] for name in ordered if "url" in accepted_in(name))
    values = {p.path: REFERENCE_DEFINITION if holds_definition(p.path) else text
              for p in places if p.kind == "text"}
    distinct_technique_names(values)
    values.update({p.path: address for p in places if p.kind == "url"})
    return values, [text, address, REFERENCE_DEFINITION]


def _search_words(payloads: list[str]) -> list[str]:
    return ["ordinary", "click", "pixel"] + [_word(PAYLOADS[name]) for name in payloads]


def test_legitimate_text_that_looks_like_markup_is_accepted():
    """Comparisons, a lone brace, an ampersand, a backslash: each accepted as it is."""
    accepted = []
    for string in BENIGN:
        try:
            Family.model_validate({"id": "f", "name": string, "summary": string})
            accepted.append(string)
        except ValueError:
            pass
    assert accepted == BENIGN, f"the validator refuses legitimate text: {sorted(set(BENIGN) - set(accepted))}"


def test_accepted_text_builds_shows_as_typed_and_runs_nothing(project, base_data, places, browser, tmp_path):
    """One build with every place holding everything it accepts (joint_values; every second
    list item holds the reference definition instead): legitimate text that looks like
    markup, each accepted payload, and the Markdown that once reached beyond its field. The validator accepts each value (checked first); the site builds;
    every page shows each string where the generator put it, as typed, and runs nothing
    (no javascript: link made from the definition, no request for the image)."""
    payloads = [name for name in ACCEPTED_PAYLOADS if name not in KNOWN_HOLES]
    values, shown = joint_values(places, payloads)
    assert not check_validation(project, base_data, values, {path: TEXT for path in values})
    problems = build_and_browse(project, tmp_path, browser, with_values(base_data, values), shown,
                                _search_words(payloads))
    assert not problems, f"{len(problems)} problems with {shown[0]!r} in {len(values)} places:\n  " + \
        "\n  ".join(problems[:60])


if KNOWN_HOLES:  # defined only while a hole is open: an empty parametrization would be a skip
    @pytest.mark.parametrize("payload", [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason))
                                         for name, reason in KNOWN_HOLES.items()])
    def test_a_payload_with_a_known_hole_in_a_build_of_its_own(payload, project, base_data, places, browser,
                                                               tmp_path):
        values, shown = joint_values(places, [payload])
        problems = build_and_browse(project, tmp_path, browser, with_values(base_data, values), shown,
                                    _search_words([payload]))
        assert not problems, "\n  ".join(problems[:60])


def test_every_accepted_payload_goes_into_the_joint_build(places):
    """Each payload some place accepts is in the joint string of that kind of place, whole,
    and so are the reference and the image; the attribute list last, so it stands where it
    would act. The reference definition stands alone in every second list item, and every
    list's first item holds the joint string."""
    values, shown = joint_values(places, ACCEPTED_PAYLOADS)
    assert ACCEPTED_PAYLOADS, "no payload is accepted anywhere: the joint build would show only plain text"
    kind_of = {p.path: p.kind for p in places}
    joint = {path for path in values if not holds_definition(path) or kind_of[path] != "text"}
    for name in ACCEPTED_PAYLOADS:
        kinds = accepted_in(name)
        assert kinds <= {"text", "url"}, f"{name}: accepted in {kinds}, which the joint build does not fill"
        places_of_kinds = [path for path in joint if kind_of[path] in kinds]
        assert places_of_kinds and all(PAYLOADS[name] in values[path] for path in places_of_kinds), name
    assert all(f"{REFERENCE_USE} {TRACKING_IMAGE}" in values[path] for path in joint if kind_of[path] == "text")
    definitions = [path for path in values if kind_of[path] == "text" and holds_definition(path)]
    assert definitions and all(values[path].startswith(REFERENCE_DEFINITION) for path in definitions)
    assert all(path[:-1] + (0,) in joint for path in definitions)
    assert shown[0].endswith(PAYLOADS["attr-list"])
