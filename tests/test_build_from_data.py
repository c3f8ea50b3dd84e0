"""Changing data/codes.yaml, and nothing else, changes the site; bad data stops the build."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import NEW_CODE, build_site, read_page, visible_text


def test_a_new_code_record_alone_adds_its_page_nav_entry_and_table_rows(edited_build):
    """NEW_CODE added to the data file, and nothing else for it: the edited build's other
    edits (tests/conftest.py) are about other codes, and no file of the project but the
    data file names it."""
    code = yaml.safe_load(NEW_CODE)[0]["code"]
    naming = [str(file.relative_to(edited_build.project)) for file in edited_build.project.rglob("*")
              if file.is_file() and code.encode() in file.read_bytes()]
    assert naming == ["data/codes.yaml"], naming
    site = edited_build.site
    page = read_page(site, f"codes/{code}/")
    assert visible_text(page.find("h1")).startswith(f"{code} Cognitive function training")
    # Navigation: the family section of the sidebar lists it, and so does the family page.
    family = read_page(site, "families/therapeutic-procedures/")
    nav_links = [a.get("href", "") for a in family.select("nav.md-nav--primary a")]
    assert any(h.rstrip("/").endswith(f"codes/{code}") for h in nav_links), f"no nav entry for {code}"
    assert code in visible_text(family.find("article"))
    # Tables: the code index and the at-a-glance comparison have a row for it.
    index_rows = [visible_text(tr.find("td")) for tr in
                  read_page(site, "codes/").find(id="all-codes").find_next("table").select("tbody tr")]
    assert code in index_rows
    glance_rows = [visible_text(tr.find("td")) for tr in
                   read_page(site, "compare/").find(id="at-a-glance").find_next("table").select("tbody tr")]
    assert code in glance_rows
    # The export has its record.
    assert (site / "api" / "v1" / "codes" / f"{code}.json").exists()


def test_bad_data_stops_the_build_naming_file_line_and_field_and_writes_nothing(project_copy, tmp_path):
    project = project_copy
    data_file = project / "data" / "codes.yaml"
    lines = data_file.read_text(encoding="utf-8").splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("basis: timed_15"))
    lines[line_number - 1] = lines[line_number - 1].replace("timed_15", "hourly")
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(rf"data/codes\.yaml:{line_number}:\d+: codes\[\d+\] \(\d+\)\.billing\.basis", output), output
    assert not site.exists() or not any(site.rglob("*.html")), "a failed build left pages behind"


# Bad edits of different kinds: each stops the build before the output folder is touched,
# with the located message a contributor needs and never a Python traceback.
BAD_EDITS = {
    "look-alike digits in a code": ('code: "97140"', 'code: "９７１４０"', "a code is 5 digits"),
    "a direction override in a title": ("title: Manual therapy techniques", "title: \"Manual therapy \u202e04179\"",
                                        "U+202E"),
    "an infinite yearly figure": ("value: 2330", "value: .inf", "expected an ordinary number"),
    "bytes that are not UTF-8": ("title: Manual therapy techniques", "title: Manual th\udcffrapy", "not valid UTF-8"),
}


@pytest.mark.parametrize("case", BAD_EDITS, ids=list(BAD_EDITS))
def test_bad_input_is_located_and_leaves_the_previous_build_alone(project_copy, tmp_path, case):
    old, new, message = BAD_EDITS[case]
    data_file = project_copy / "data" / "codes.yaml"
    text = data_file.read_text(encoding="utf-8")
    assert old in text
    line_number = text[:text.index(old)].count("\n") + 1
    data_file.write_bytes(text.replace(old, new, 1).encode("utf-8", errors="surrogateescape"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    result = build_site(project_copy, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(rf"data/codes\.yaml:{line_number}:\d+: .*{re.escape(message)}", output), output
    assert "Traceback" not in output
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_under_github_actions_errors_are_annotations_on_the_right_line(project_copy, tmp_path):
    project = project_copy
    data_file = project / "data" / "codes.yaml"
    lines = data_file.read_text(encoding="utf-8").splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("family: "))
    lines[line_number - 1] = lines[line_number - 1].split(":")[0] + ": no-such-family"
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", extra_env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    assert re.search(rf"^::error file=data/codes\.yaml,line={line_number},col=\d+::codes\[\d+\] \(\d+\)\.family: "
                     "unknown family 'no-such-family'", result.stderr, flags=re.M), result.stderr


def test_a_macro_error_in_a_hand_written_page_fails_the_build(project_copy, tmp_path):
    project = project_copy
    (project / "docs" / "how-to-use.md").write_text("# Oops\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no_such_macro" in result.stdout + result.stderr


def test_a_broken_internal_link_fails_the_build(project_copy, tmp_path):
    project = project_copy
    page = project / "docs" / "how-to-use.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a page that does not exist](nowhere.md).\n",
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "nowhere.md" in result.stdout + result.stderr


def test_data_file_is_parsed_once_per_build(edited_build):
    """The hooks and the macros share one catalog: the YAML is read once per build."""
    assert edited_build.parses == 1
    # The build keeps the catalog away from the garbage collector only while it runs: a
    # frozen heap left behind would grow with every rebuild of `mkdocs serve`.
    assert edited_build.frozen == 0
