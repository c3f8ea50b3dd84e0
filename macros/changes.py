"""The change history of the records: the 'What changed' page and its Atom feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .catalog import Catalog
from .render.markup import escape, file_url, front_matter, long_date, relative, text
from .render.paths import code_page_path

CHANGES_PAGE = "changes.md"
FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class ChangeEntry:
    date: dt.date
    code: str
    title: str
    text: str
    sequence: int  # position within the record's history, for a stable id


def change_entries(catalog: Catalog) -> list[ChangeEntry]:
    """Every recorded change, newest first (ties: data order)."""
    entries = [ChangeEntry(change.date, code.code, code.title, " ".join(change.text.split()), index)
               for code in catalog.data.codes for index, change in enumerate(code.changes)]
    return sorted(entries, key=lambda e: e.date, reverse=True)


def changes_page(catalog: Catalog) -> str:
    page = CHANGES_PAGE
    out = [front_matter("What changed", "Changes to the code records, newest first.", catalog.last_reviewed),
           "# What changed", "",
           "Changes to the code records, newest first. Subscribe to the "
           f'<a href="{file_url(page, FEED_PATH)}" type="application/atom+xml">Atom feed</a> to hear about new ones.', ""]
    entries = change_entries(catalog)
    if not entries:
        out.append("No change has been recorded yet.")
    # Each entry is also on its code's page (#changes), where the search finds it; here it
    # is left out of the search index so that a search leads to the code.
    out += ['<div class="change-log" data-pagefind-ignore markdown>', ""]
    current = None
    for entry in entries:
        if entry.date != current:
            current = entry.date
            out += ["", f"## {long_date(entry.date)} {{#{entry.date.isoformat()}}}", ""]
        link = relative(page, code_page_path(entry.code), "changes")
        out.append(f"- [{entry.code} {escape(entry.title)}]({link}): {text(entry.text)}")
    return "\n".join(out + ["", "</div>", ""])


def atom_feed(catalog: Catalog, site_url: str) -> str:
    """An Atom 1.0 feed of the change entries (site_url must end with '/')."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    entries = change_entries(catalog)
    updated = (entries[0].date if entries else catalog.last_reviewed)

    def add(parent, tag, value=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if value is not None:
            element.text = value
        return element

    add(feed, "title", "Therapy Billing Code Reference: what changed")
    add(feed, "id", site_url + FEED_PATH)
    add(feed, "updated", _timestamp(updated))
    add(feed, "link", href=site_url + FEED_PATH, rel="self", type="application/atom+xml")
    add(feed, "link", href=site_url + "changes/", rel="alternate", type="text/html")
    author = add(feed, "author")
    add(author, "name", "Therapy Billing Code Reference contributors")
    for entry in entries:
        item = add(feed, "entry")
        add(item, "title", f"{entry.code} {entry.title}: {entry.text[:80]}")
        add(item, "id", f"{site_url}codes/{entry.code}/#change-{entry.date.isoformat()}-{entry.sequence}")
        add(item, "updated", _timestamp(entry.date))
        add(item, "link", href=f"{site_url}codes/{entry.code}/#changes", rel="alternate", type="text/html")
        add(item, "summary", entry.text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
