"""Macros for hand-written pages (mkdocs-macros-plugin): anything that comes from data.

The catalog is looked up when a macro runs, not when the plugin starts, so a data error
is reported once, by the build hook, with every problem listed.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import load_catalog
from .export import API_CHANGELOG, API_ROOT, API_VERSION, FILE_DESCRIPTIONS
from .render.examples import worked_examples as render_worked_examples
from .render.listings import codes_table as render_codes_table
from .render.listings import not_searched
from .render.markup import escape, file_url, long_date, relative
from .render.paths import family_page_path
from .render.sources_page import sources_table as render_sources_table


def define_env(env) -> None:
    data_file = Path(env.project_dir) / "data" / "codes.yaml"

    def catalog():
        return load_catalog(data_file)

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
    def codes_table() -> str:
        """Every code in one table, linked to its page."""
        return render_codes_table(catalog(), page_path())

    @env.macro
    def families_list() -> str:
        """Each family, linked to its page, with its codes."""
        data = catalog()
        lines = []
        for family_id, codes in data.codes_by_family.items():
            family = data.families[family_id]
            numbers = ", ".join(code.code for code in codes)
            lines.append(f"- [{escape(family.name)}]({relative(page_path(), family_page_path(family_id))}): {numbers}")
        return not_searched("\n".join(lines))

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
    def worked_examples() -> str:
        """Every worked example, with units computed by macros.units under both methods."""
        return render_worked_examples(catalog(), page_path())

    @env.macro
    def api_version() -> str:
        return API_VERSION

    @env.macro
    def api_file_rows() -> str:
        """Table rows (after a header written in the page) of every kind of API file."""
        example = next(iter(catalog().codes))
        rows = []
        for name, description in FILE_DESCRIPTIONS.items():
            target = f"{API_ROOT}/" + name.replace("<code>", example)
            link = f'<a href="{file_url(page_path(), target)}"><code>{API_ROOT}/{escape(name)}</code></a>'
            rows.append(f"| {link} | {escape(description)} |")
        return "\n".join(rows)

    @env.macro
    def api_changelog() -> str:
        return "\n".join(f"- **{version}** ({long_date(day)}): {escape(text)}" for version, day, text in API_CHANGELOG)

    @env.macro
    def site_file(path: str, label: str = "") -> str:
        """A raw link to a file written into the built site (not a page), e.g. the API schema."""
        return f'<a href="{file_url(page_path(), path)}"><code>{escape(label or path)}</code></a>'
