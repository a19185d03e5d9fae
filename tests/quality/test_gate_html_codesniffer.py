"""Second accessibility checker: HTML_CodeSniffer (Squiz's engine, the one pa11y runs) finds no WCAG2AA error on the
pages axe checks, in both languages, at phone width (its rules read the markup, which is the same at every width; axe
checks what the layout shows at both), and with search results open at both widths. Its warnings and notices ask for
human judgement: they are counted, not failed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from quality.built_site import NODE_MODULES, WIDTHS, example_pages
from quality.gate_fixtures import SETTLED, Visit, search_term
from lce_platform.content.model import LANGUAGES

HTMLCS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
STANDARD = "WCAG2AA"
ERROR, WARNING, NOTICE = 1, 2, 3
SNIPPET = 200

FALSE_POSITIVES: tuple[tuple[str, str], ...] = ()
"""(message code, CSS selector) pairs HTMLCS reports wrongly on this site; each says why above it. A rule is never
excluded whole: only its code on the elements named."""

# Runs HTMLCS on the page and hands back its messages as data (the elements themselves cannot cross to Python).
RUN = """([standard, exclusions]) => new Promise((resolve, reject) => {
  HTMLCS.process(standard, document, () => resolve(HTMLCS.getMessages().map(message => {
    const element = message.element;
    const isElement = element && element.nodeType === Node.ELEMENT_NODE;
    return {
      type: message.type,
      code: message.code,
      msg: message.msg,
      html: isElement ? element.outerHTML : (element && element.nodeName) || "",
      excluded: isElement && exclusions.some(([code, selector]) => code === message.code && element.matches(selector)),
    };
  })), () => reject(new Error("HTMLCS could not load the standard " + standard)), "en");
})"""


@dataclass(frozen=True)
class Finding:
    """One HTMLCS message on one page."""

    page: str
    type: int
    code: str
    msg: str
    html: str

    def __str__(self) -> str:
        html = " ".join(self.html.split())
        html = html if len(html) <= SNIPPET else html[:SNIPPET] + "…"
        return f"{self.page}: {self.code}\n    {self.msg}\n    {html}"


def _htmlcs_tab(open_tab, width: int) -> Visit:
    if not HTMLCS.exists():
        pytest.fail(f"{HTMLCS} is missing: run `make node` (it installs the npm packages with npm ci)")
    # From disk, as an init script: no request leaves the machine and the pages' Content-Security-Policy stays on.
    return open_tab(width=width, init_scripts=(HTMLCS.read_text(encoding="utf-8"), SETTLED))


def htmlcs_findings(visit: Visit, page: str) -> list[Finding]:
    """Every message HTMLCS gives on the current page under WCAG2AA, the known false positives left out."""
    messages = visit.page.evaluate(RUN, [STANDARD, [list(pair) for pair in FALSE_POSITIVES]])
    return [Finding(page, message["type"], message["code"], message["msg"], message["html"])
            for message in messages if not message["excluded"]]


def _report(findings: list[Finding], where: str) -> list[str]:
    """The errors as lines to read, after printing how many warnings and notices were left to human judgement."""
    counts = {name: sum(finding.type == kind for finding in findings)
              for name, kind in (("errors", ERROR), ("warnings", WARNING), ("notices", NOTICE))}
    print(f"HTMLCS {STANDARD} {where}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    common = Counter(finding.code.split(".", 3)[-1] for finding in findings if finding.type == WARNING)
    print("  most frequent warnings: " + ", ".join(f"{code} ×{count}" for code, count in common.most_common(6)))
    return [str(finding) for finding in findings if finding.type == ERROR]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_htmlcs_errors(served_site, open_tab, language):
    """Check that HTMLCS finds no WCAG2AA error on one page of each type and URL shape, and on the 404 page."""
    width = WIDTHS["phone"]
    visit = _htmlcs_tab(open_tab, width)
    findings: list[Finding] = []
    pages = example_pages(served_site.root, language)
    for url in pages.values():
        visit.open(served_site.url(language, url))
        findings += htmlcs_findings(visit, f"{language} /{url}")
    response = visit.page.goto(served_site.url(language, "no-such-page/"))
    assert response is not None and response.status == 404
    visit.page.wait_for_load_state("networkidle")
    findings += htmlcs_findings(visit, f"{language} 404")
    errors = _report(findings, f"{language} at {width}px, {len(pages) + 1} pages")
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_with_results_has_no_htmlcs_errors(served_site, open_tab, language, width_name):
    """Check that HTMLCS finds no WCAG2AA error while Material's search shows results."""
    visit = _htmlcs_tab(open_tab, WIDTHS[width_name])
    visit.open(served_site.url(language, ""))
    assert visit.open_search(search_term(served_site.root, language)) > 0
    errors = _report(htmlcs_findings(visit, f"{language} / (search open)"), f"{language} search")
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
