"""Second accessibility checker: HTML_CodeSniffer (Squiz's engine, the one pa11y runs) finds no WCAG2AA error on the
pages axe checks, in both languages, at phone width (its rules read the markup, which is the same at every width; axe
checks what the layout shows at both), and with search results open at both widths. Its warnings and notices ask for
human judgement: they are counted, not failed."""

from __future__ import annotations

from collections import Counter

import pytest

from quality.built_site import PAGE_TYPES, WIDTHS
from quality.gate_fixtures import Visit
from quality.page_tour import (HTMLCS, HTMLCS_STANDARD, HTMLCS_WIDTH, SEARCH, Finding, checker_scripts,
                                htmlcs_findings)
from lce_platform.content.model import LANGUAGES

ERROR, WARNING, NOTICE = 1, 2, 3


def _htmlcs_tab(open_tab, width: int) -> Visit:
    return open_tab(width=width, init_scripts=checker_scripts(HTMLCS))


def _report(findings: list[Finding], where: str) -> list[str]:
    """The errors as lines to read, after printing how many warnings and notices were left to human judgement."""
    counts = {name: sum(finding.type == kind for finding in findings)
              for name, kind in (("errors", ERROR), ("warnings", WARNING), ("notices", NOTICE))}
    print(f"HTMLCS {HTMLCS_STANDARD} {where}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    common = Counter(finding.code.split(".", 3)[-1] for finding in findings if finding.type == WARNING)
    print("  most frequent warnings: " + ", ".join(f"{code} ×{count}" for code, count in common.most_common(6)))
    return [str(finding) for finding in findings if finding.type == ERROR]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_htmlcs_errors(page_tour, language):
    """Check that HTMLCS finds no WCAG2AA error on one page of each type and URL shape, and on the 404 page."""
    tour = page_tour(language, HTMLCS_WIDTH)
    assert tour.not_found_status == 404
    findings = [finding for label, found in tour.htmlcs.items() if label != SEARCH for finding in found]
    pages = len(tour.htmlcs) - 1
    assert pages > len(PAGE_TYPES)
    errors = _report(findings, f"{language} at {WIDTHS[HTMLCS_WIDTH]}px, {pages} pages")
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_with_results_has_no_htmlcs_errors(page_tour, language, width_name):
    """Check that HTMLCS finds no WCAG2AA error while Material's search shows results."""
    tour = page_tour(language, width_name)
    assert tour.search_results > 0
    errors = _report(tour.htmlcs[SEARCH], f"{language} search")
    assert not errors, "\n".join(errors)


UNNAMED_FORM = """<!doctype html><html lang="en"><head><title>Forms</title></head><body><main>
<form action="/search/"><input type="text" name="query"></form><input type="checkbox" id="__toc">
<p style="color: #999; background: #fff">Faint text</p></main></body></html>"""


def test_the_checker_reports_what_it_is_run_for(open_tab):
    """Check that the injected HTMLCS reports, as errors, a form without a submit button, controls without a name
    and text of too little contrast (so a gate that finds nothing has looked)."""
    visit = _htmlcs_tab(open_tab, WIDTHS["desktop"])
    visit.page.route("http://checker.test/", lambda route: route.fulfill(body=UNNAMED_FORM, content_type="text/html"))
    visit.open("http://checker.test/")
    codes = {finding.code.split(".", 3)[-1] for finding in htmlcs_findings(visit, "sample") if finding.type == ERROR}
    assert {"3_2_2.H32.2", "4_1_2.H91.InputText.Name", "4_1_2.H91.InputCheckbox.Name", "1_4_3.G18.Fail"} <= codes
