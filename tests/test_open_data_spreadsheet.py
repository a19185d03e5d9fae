"""The built open data read as a spreadsheet program reads it: LibreOffice, headless, opens the CSV and saves it as a
spreadsheet, with formulas evaluated on import (as Excel always does), and no cell became a formula."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_site, make_content

ACTIVITY = """\
---
title: "{title}"
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-0{day}
sectors: all
summary: "{summary}"
---
"""
FORMULAS = {
    "activities/2025/formler.md": ACTIVITY.format(title="=1+1", day=2, summary="=2*3 en sammanfattning som en formel"),
    "activities/2025/minus.md": ACTIVITY.format(title="+4+5", day=3, summary="@SUM(2;3) och -2+3"),
}
# LibreOffice's CSV import options: comma, double quote, UTF-8, from line 1, standard cells, en-US, quoted fields
# not forced to text, no special numbers, … and the 13th, "evaluate formulas", on.
CSV_IMPORT = "CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true"


def spreadsheet_cells(csv_file: Path, folder: Path) -> list[list[tuple[str | None, str]]]:
    """The cells LibreOffice makes of a CSV file, row by row, as (formula or None, text shown)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: install Debian's libreoffice-calc-nogui (make test-deps)")
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                           f"--infilter={CSV_IMPORT}", "--convert-to", "fods", "--outdir", str(folder / "out"),
                           str(csv_file)], capture_output=True, text=True, timeout=180)
    converted = folder / "out" / (csv_file.stem + ".fods")
    assert converted.is_file(), done.stdout + done.stderr
    sheet = converted.read_text(encoding="utf-8")
    rows = []
    for row in re.findall(r"<table:table-row\b.*?</table:table-row>", sheet, re.DOTALL):
        cells = []
        for cell in re.findall(r"<table:table-cell\b[^>]*?(?:/>|>.*?</table:table-cell>)", row, re.DOTALL):
            formula = re.search(r'table:formula="([^"]*)"', cell)
            text = "".join(re.findall(r"<text:p>(.*?)</text:p>", cell, re.DOTALL))
            repeated = re.search(r'table:number-columns-repeated="(\d+)"', cell)  # empty cells written once
            cells += [(formula and html.unescape(formula.group(1)), html.unescape(re.sub(r"<[^>]+>", "", text)))] * (
                min(int(repeated.group(1)), 100) if repeated else 1)
        rows.append(cells)
    return rows


@pytest.mark.build
def test_libreoffice_shows_formula_like_titles_as_text(tmp_path):
    """Check that titles and summaries starting with =, + and @ in the built activities.csv are text in LibreOffice,
    while the very same file without the quotes before them gives formulas (so the check can fail)."""
    build = build_site(make_content(tmp_path / "project", files=FORMULAS), "sv")
    assert build.returncode == 0, build.output
    written = build.site / "data" / "activities.csv"
    rows = spreadsheet_cells(written, tmp_path / "ours")
    header = [text for _formula, text in rows[0]]
    by_id = {row[header.index("id")][1]: row for row in rows[1:]}
    assert not [cell for row in rows for cell in row if cell[0]], "LibreOffice made formulas of the open data"
    assert by_id["2025/formler"][header.index("title")] == (None, "'=1+1")
    assert by_id["2025/formler"][header.index("summary")] == (None, "'=2*3 en sammanfattning som en formel")
    assert by_id["2025/minus"][header.index("title")] == (None, "'+4+5")

    # The control: the cells as staff typed them are formulas that LibreOffice evaluates (LibreOffice takes only '='
    # for a formula's start; Excel takes '+', '-' and '@' too, which the unit tests of the CSV cover).
    bare = tmp_path / "bare" / "activities.csv"
    bare.parent.mkdir()
    bare.write_bytes(re.sub(rb"(^|,)'([=+@-])", rb"\1\2", written.read_bytes(), flags=re.MULTILINE))
    evaluated = {row[header.index("id")][1]: row for row in spreadsheet_cells(bare, tmp_path / "bare")[1:]}
    assert evaluated["2025/formler"][header.index("title")] == ("of:=1+1", "2")
    assert "=, +, -, @" in build.page("data")
