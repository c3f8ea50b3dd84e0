"""The change history of the records: the 'What changed' page and its Atom feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .catalog import Catalog
from .cms.feed import change_notes
from .render.markup import escape, file_url, long_date
from .render.page import Page
from .render.paths import CHANGES_PAGE, code_page_path

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
    # Imported CMS tables: numbered after every hand-written change, so entry ids stay apart.
    entries += [ChangeEntry(date, code, catalog.codes[code].title, note, 1000 + index)
                for index, (date, code, note) in enumerate(change_notes(catalog.data.cms))]
    return sorted(entries, key=lambda e: e.date, reverse=True)


def changes_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, CHANGES_PAGE, today)
    body = ["Changes to the code records, newest first. Subscribe to the "
            f'<a href="{file_url(page.path, FEED_PATH)}" type="application/atom+xml">Atom feed</a> to hear about '
            "new ones.", ""]
    entries = change_entries(catalog)
    if not entries:
        body.append("No change has been recorded yet.")
    # Each entry is also on its code's page (#changes), where the search finds it; here it
    # is left out of the search index so that a search leads to the code.
    body += ['<div class="change-log" data-pagefind-ignore markdown>', ""]
    current = None
    for entry in entries:
        if entry.date != current:
            current = entry.date
            body += ["", f"## {long_date(entry.date)} {{#{entry.date.isoformat()}}}", ""]
        body.append(f"- [{entry.code} {escape(entry.title)}]({page.link(code_page_path(entry.code), 'changes')}): "
                    f"{escape(entry.text)}")
    body += ["", "</div>"]
    return page.render("What changed", "Changes to the code records, newest first.", catalog.last_reviewed,
                       body + [""], sources=False)


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
