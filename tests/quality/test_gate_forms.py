"""Forms gate: on every built page of both languages, every form has a submit button and every control an
accessible name, as a second, markup-reading WCAG 2.1 AA checker demands beside axe (tests/quality/form_names.py)."""

from __future__ import annotations

from quality.built_site import html_files
from quality.form_names import form_problems


def test_every_form_has_a_submit_button_and_every_control_a_name(served_site):
    """Check that no built page has a form without a submit button or a control without an accessible name."""
    files = html_files(served_site.root)
    assert len(files) > 5
    found = {}
    for path in files:
        problems = form_problems(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(served_site.root).as_posix()] = problems
    assert found == {}


def test_the_checker_finds_what_the_second_checker_reported():
    """Check that the checker reports a search form without a submit button and a toc toggle without a name (as
    Material writes them), and accepts them once given a button and a name."""
    before = ('<form class="md-search__form"><input type="text" name="query" aria-label="Search">'
              '<button type="reset" aria-label="Clear"></button></form>'
              '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
              '<label class="md-nav__link" for="__toc"><span class="md-nav__icon md-icon"></span></label>')
    assert [problem.split(":")[0] for problem in form_problems(before)] == [
        "form without a submit button", "input without an accessible name"]
    after = before.replace('<button type="reset"', '<button type="submit" aria-label="Search"></button><button type="reset"')
    after = after.replace('id="__toc"', 'id="__toc" aria-label="Table of contents"')
    assert form_problems(after) == []
    assert form_problems('<label>Sector <select><option>Any</option></select></label>') == []
    assert form_problems('<select><option>Any</option></select>') != []
