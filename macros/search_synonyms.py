"""The search synonyms (data/search-synonyms.yaml): read, checked, written for the browser.

The list is applied at query time by docs/assets/javascripts/search.js, which rewrites a
typed phrase ("neuro re-ed") into the words the pages use ("neuromuscular
re-education") before searching. Query time rather than index time, because:

- a rewritten query finds every page that uses the site's words (all the e-stim codes,
  the FAQ entries and the comparison for "TENS"), where keywords added to the index
  reach only the pages they were attached to;
- the rest of the query still narrows the results ("e-stim medicare");
- the pages and the index carry no invisible text, and a change to the list needs no
  change to any page.

A bad file stops the build with file:line:column messages, like the data file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .yaml_source import Problem, YamlDocument, YamlSyntaxError, format_path, read_yaml_file

SYNONYMS_FILE = "data/search-synonyms.yaml"
# Where the build writes the list for the search script, relative to the site root.
SYNONYMS_URL = "pagefind/site-synonyms.json"
MAX_PHRASE = 60
_WORDS = re.compile(r"[a-z0-9$]+")


class SynonymsError(Exception):
    """The synonyms file is invalid; the message lists every problem with its position."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        super().__init__("\n".join([f"{count} problem{'s' if count != 1 else ''} in the search synonyms file:",
                                    *(f"  {p}" for p in problems)]))


@dataclass(frozen=True)
class Synonym:
    means: str
    say: tuple[str, ...]
    alone: bool = False


def phrase_key(phrase: str) -> str:
    """The words of a phrase, lower-case, without the spaces, hyphens and dots between them:
    what search.js compares ("E-stim", "e stim" and "estim" are one phrase)."""
    return "".join(_WORDS.findall(phrase.lower()))


def parse_synonyms(document: YamlDocument) -> list[Synonym]:
    """Check the parsed file; raise SynonymsError listing every problem."""
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        line, column = document.position(path)
        problems.append(Problem(document.file, line, column, format_path(path), message))

    data = document.data
    if not isinstance(data, dict) or set(data) != {"synonyms"} or not isinstance(data["synonyms"], list):
        problem((), "expected one key, 'synonyms', holding a list of entries")
        raise SynonymsError(problems)

    entries: list[Synonym] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(data["synonyms"]):
        path = ("synonyms", index)
        if not isinstance(entry, dict):
            problem(path, "expected an entry with 'means' and 'say'")
            continue
        unknown = sorted(set(entry) - {"means", "say", "alone"})
        if unknown:
            problem(path + (unknown[0],), f"unknown field '{unknown[0]}'; expected means, say and alone")
        means, say, alone = entry.get("means"), entry.get("say"), entry.get("alone", False)
        if not isinstance(means, str) or not phrase_key(means) or len(means) > MAX_PHRASE:
            problem(path + ("means",), f"expected the site's words, 1 to {MAX_PHRASE} characters with a letter or digit")
            continue
        if not isinstance(say, list) or not say:
            problem(path + ("say",), "expected a list of phrases people type")
            continue
        if not isinstance(alone, bool):
            problem(path + ("alone",), "expected true or false")
            continue
        phrases = []
        for position, phrase in enumerate(say):
            where = path + ("say", position)
            if isinstance(phrase, (int, float)) and not isinstance(phrase, bool):
                phrase = str(phrase)
            if not isinstance(phrase, str) or not phrase_key(phrase) or len(phrase) > MAX_PHRASE:
                problem(where, f"expected a phrase of 1 to {MAX_PHRASE} characters with a letter or digit")
                continue
            key = phrase_key(phrase)
            if key == phrase_key(means):
                problem(where, f"'{phrase}' is the same as what it means")
            elif key in seen:
                problem(where, f"'{phrase}' is already listed for '{seen[key]}'; a phrase can mean one thing only")
            else:
                seen[key] = means
                phrases.append(" ".join(phrase.split()))
        entries.append(Synonym(" ".join(means.split()), tuple(phrases), alone))
    if problems:
        raise SynonymsError(problems)
    return entries


def load_synonyms(path: Path, display_name: str | None = None) -> list[Synonym]:
    try:
        document = read_yaml_file(path, display_name)
    except FileNotFoundError:
        raise SynonymsError([Problem(display_name or str(path), 1, 1, "", "the file is missing")]) from None
    except YamlSyntaxError as error:
        raise SynonymsError(error.problems) from None
    return parse_synonyms(document)


def synonyms_json(entries: list[Synonym]) -> str:
    """The list as the search script reads it."""
    return json.dumps({"synonyms": [{"means": e.means, "say": list(e.say), "alone": e.alone} for e in entries]},
                      ensure_ascii=False, separators=(",", ":"))
