"""Hostile and careless edits to the data file: each gets a located, plain message and no
traceback; look-alike codes cannot build; messages cannot forge log lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.validate import DataError, load_code_data

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def problems_for(tmp_path: Path, text: str | bytes) -> list:
    path = tmp_path / "codes.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_code_data(path, display_name="data/codes.yaml")
    return caught.value.problems


@pytest.mark.parametrize("lookalike", ["𝟗𝟕𝟓𝟑𝟎", "９７５３０", "٩٧٥٣٠", "९७५३०"],
                         ids=["math-bold", "fullwidth", "arabic-indic", "devanagari"])
def test_look_alike_digits_are_not_a_code(tmp_path, lookalike):
    text = MINIMAL.replace('code: "97530"\n    title: Activities', f'code: "{lookalike}"\n    title: Activities')
    found = problems_for(tmp_path, text)
    assert any(p.field.endswith(".code") and "a code is 5 digits" in p.message for p in found), found


def test_a_reference_in_look_alike_digits_names_nothing(tmp_path):
    text = MINIMAL.replace('- code: "97530"\n          when:', '- code: "９７５３０"\n          when:')
    assert text != MINIMAL
    found = problems_for(tmp_path, text)
    assert any(re.search(r"neighbours\[0\].*\.code$", p.field) and "a code is 5 digits" in p.message
               for p in found), found


def test_alias_bomb_is_refused_within_seconds():
    started = time.monotonic()
    with pytest.raises(DataError) as caught:
        load_code_data(FIXTURES / "invalid" / "alias-bomb.yaml")
    assert time.monotonic() - started < 5
    assert all("anchor" in p.message for p in caught.value.problems)


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    data = MINIMAL.encode("utf-8").replace(b"title: Activities", b"title: Activit\xe9s")
    found = problems_for(tmp_path, data)
    line = MINIMAL.split("title: Activities")[0].count("\n") + 1
    assert [(p.line, p.column) for p in found] == [(line, len("    title: Activit") + 1)]
    assert "not valid UTF-8" in found[0].message and "save the file as UTF-8" in found[0].message


def test_a_key_cannot_write_its_own_log_lines(tmp_path):
    text = MINIMAL.replace("    title: Activities\n", '    title: Activities\n    "x\\n::error file=a,line=1::forged": 1\n')
    with pytest.raises(DataError) as caught:
        load_code_data(_write(tmp_path, text), display_name="data/codes.yaml")
    error = caught.value
    for output in (str(error), error.github_annotations()):
        assert not any(line.startswith("::error file=a") for line in output.splitlines()), output
    assert len(error.github_annotations().splitlines()) == len(error.problems)
    assert "\\n::error" in str(error)  # shown, escaped


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_messages_never_show_a_regular_expression(fixture):
    with pytest.raises(DataError) as caught:
        load_code_data(fixture)
    for problem in caught.value.problems:
        assert not re.search(r"\^\(|\\d|\[0-9\]|\(\?:|\$'", problem.message), problem


def test_one_mistyped_code_is_reported_once_not_once_per_use(tmp_path):
    # The definition is mistyped; every reference to the real number is then unknown.
    text = MINIMAL.replace('code: "97530"\n    title: Activities', 'code: "97531"\n    title: Activities')
    text = text.replace('codes: ["97110", "97530"]', 'codes: ["97110", "97530"]')
    found = problems_for(tmp_path, text)
    unknown = [p for p in found if "unknown code '97530'" in p.message]
    assert len(unknown) == 1, found
    assert "also used in" in unknown[0].message and "closest one defined is '97531'" in unknown[0].message


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])
def test_future_dates_are_judged_in_utc_wherever_the_build_runs(tmp_path, zone):
    """The same file gives the same answer in the earliest and latest time zones on Earth."""
    import datetime as dt
    today = dt.datetime.now(dt.timezone.utc).date()
    script = (
        "import datetime as dt, sys\n"
        "from macros.validate import DataError, load_code_data\n"
        "from pathlib import Path\n"
        "minimal = Path(sys.argv[1]).read_text()\n"
        "out = []\n"
        "for offset in (0, 1):\n"
        "    day = dt.date.fromisoformat(sys.argv[2]) + dt.timedelta(days=offset)\n"
        "    path = Path(sys.argv[3]) / f'c{offset}.yaml'\n"
        "    path.write_text(minimal.replace('checked: 2026-01-15', f'checked: {day}'))\n"
        "    try:\n"
        "        load_code_data(path); out.append('ok')\n"
        "    except DataError as e:\n"
        "        out.append('future' if 'in the future' in str(e) else str(e))\n"
        "print(','.join(out))\n")
    env = dict(os.environ, TZ=zone)
    result = subprocess.run([sys.executable, "-c", script, str(FIXTURES / "valid-minimal.yaml"), today.isoformat(),
                             str(tmp_path)], env=env, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    # Around midnight UTC the date may roll between the two calls; the answer is still one of these.
    assert result.stdout.strip() in ("ok,future", "ok,ok"), result.stdout + result.stderr
    assert "(today is" in _future_message(tmp_path) and "in UTC" in _future_message(tmp_path)


def _future_message(tmp_path: Path) -> str:
    text = MINIMAL.replace("checked: 2026-01-15", "checked: 2999-01-01")
    return " ".join(p.message for p in problems_for(tmp_path, text))


def test_a_refused_file_is_read_once_until_it_changes(tmp_path, monkeypatch):
    """A build asks for the catalog from every hook and page; a refused file must not be
    parsed again each time (the preview showing a bad edit took 73 s instead of 9)."""
    import macros.catalog as catalog_module

    calls = []
    original = catalog_module.load_code_data
    monkeypatch.setattr(catalog_module, "load_code_data", lambda *a, **k: calls.append(a) or original(*a, **k))
    path = tmp_path / "codes.yaml"
    path.write_text("sources: [\n", encoding="utf-8")
    for _ in range(3):
        with pytest.raises(DataError):
            catalog_module.load_catalog(path)
    assert len(calls) == 1
    path.write_text("sources: [\n\n", encoding="utf-8")  # an edit is read again
    with pytest.raises(DataError):
        catalog_module.load_catalog(path)
    assert len(calls) == 2
