"""Macros for hand-written pages (mkdocs-macros-plugin): anything that comes from data.

The catalog is looked up when a macro runs, not when the plugin starts, so a data error
is reported once, by the build hook, with every problem listed.
"""

from __future__ import annotations

from .catalog import project_data_file
from .export import API_CHANGELOG, API_FILES, API_ROOT, API_VERSION
from .model import AUTHORITIES, CONFIDENCE_RULE, DIRECT_READINGS, OFFICIAL_AUTHORITIES, READINGS
from .preview import build_catalog
from .render.code_page import SECTION_ANCHORS
from .render.examples import worked_examples as render_worked_examples
from .render.labels import AUTHORITY_SCOPES, CONFIDENCE_MARKS
from .render.markup import confidence_mark, escape, file_url, long_date, page_url, relative
from .render.paths import code_page_path, family_page_path
from .render.sources_page import sources_table as render_sources_table
from .units import TIE_RULE
from .render.search_marks import not_searched


def define_env(env) -> None:
    data_file = project_data_file(env.project_dir)

    def catalog():
        return build_catalog(data_file)

    def page_path() -> str:
        return env.page.file.src_uri

    @env.macro
    def code_count() -> int:
        """How many codes the site covers."""
        return len(catalog().codes)

    @env.macro
    def newest_review() -> str:
        """The newest review date across all code records."""
        return long_date(catalog().last_reviewed)

    @env.macro
    def families_list() -> str:
        """Each family, linked to its page, with its codes, each linked to its page."""
        data = catalog()
        lines = []
        for family_id, codes in data.codes_by_family.items():
            family = data.families[family_id]
            numbers = ", ".join(f"[{code.code}]({relative(page_path(), code_page_path(code.code))})" for code in codes)
            lines.append(f"- [{escape(family.name)}]({relative(page_path(), family_page_path(family_id))}): {numbers}")
        return not_searched("\n".join(lines))

    @env.macro
    def code_page_sections() -> str:
        """The sections of every code page with their permanent anchors, in page order."""
        rows = "\n".join(f"| {escape(title)} | `#{anchor}` |" for anchor, title in SECTION_ANCHORS.items())
        return "| Section | Anchor |\n|---|---|\n" + rows

    @env.macro
    def sources_table() -> str:
        """Every source with where it is used."""
        return render_sources_table(catalog(), page_path())

    @env.macro
    def source_count() -> int:
        return len(catalog().sources)

    @env.macro
    def cite(*source_ids: str) -> str:
        """Citation marks for a hand-written claim, linking to the source list on the About page."""
        data = catalog()
        marks = []
        for source_id in source_ids:
            source = data.sources[source_id]  # an unknown id fails the build
            target = relative(page_path(), "about.md", f"source-{source_id}")
            marks.append(f'[{escape(source.publisher)}: {escape(source.title)}]({target})')
        return "(" + "; ".join(marks) + ")"

    @env.macro
    def confidence_marks() -> str:
        """Both confidence marks as the pages show them, each with what it means: the legend."""
        target = page_url(page_path(), "about.md") + "#confidence"
        items = "\n".join(f"- {confidence_mark(confidence, target)} **{name}**: {escape(meaning)}."
                          for confidence, (_, name, meaning) in CONFIDENCE_MARKS.items())
        return f'<div class="confidence-legend" markdown>\n\n{items}\n\n</div>'

    @env.macro
    def confidence_rule() -> str:
        """The rule the data check enforces, quoted from its one definition (model.CONFIDENCE_RULE)."""
        return f"> {escape(CONFIDENCE_RULE[:1].upper() + CONFIDENCE_RULE[1:])}."

    @env.macro
    def authority_classes() -> str:
        """Each kind of authority a source can be, with what it covers."""
        return "\n".join(f"- **{escape(label)}**: {escape(AUTHORITY_SCOPES[key])}."
                         + (" *Official: can support a verified statement.*" if key in OFFICIAL_AUTHORITIES else "")
                         for key, label in AUTHORITIES.items())

    @env.macro
    def readings() -> str:
        """The three ways a source's text can have been read."""
        return "\n".join(f"- **{escape(how.capitalize())}**: {escape(meaning)}."
                         + (" *A direct reading: can support a verified statement.*" if how in DIRECT_READINGS else "")
                         for how, meaning in READINGS.items())

    @env.macro
    def worked_examples() -> str:
        """Every worked example, with units computed by macros.units under both methods."""
        return render_worked_examples(catalog(), page_path())

    @env.macro
    def tie_rule() -> str:
        """The tie rule in words (macros/units.py), as the engine applies it."""
        return escape(TIE_RULE)

    @env.macro
    def api_version() -> str:
        return API_VERSION

    @env.macro
    def api_file_rows() -> str:
        """Table rows (after a header written in the page) of every kind of API file."""
        example = next(iter(catalog().codes))
        rows = []
        for name, api_file in API_FILES.items():
            target = f"{API_ROOT}/" + name.replace("<code>", example)
            link = f'<a href="{file_url(page_path(), target)}"><code>{API_ROOT}/{escape(name)}</code></a>'
            rows.append(f"| {link} | {escape(api_file.description)} |")
        return "\n".join(rows)

    @env.macro
    def api_changelog() -> str:
        return "\n".join(f"- **{version}** ({long_date(day)}): {escape(text)}" for version, day, text in API_CHANGELOG)

    @env.macro
    def site_file(path: str, label: str = "") -> str:
        """A raw link to a file written into the built site (not a page), e.g. the API schema."""
        return f'<a href="{file_url(page_path(), path)}"><code>{escape(label or path)}</code></a>'
