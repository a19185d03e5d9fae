"""One visit of the served site per language and width, shared by the gates that judge the same pages: the privacy
gate (what the tab requested), axe and HTML_CodeSniffer (what they find on each page). The tab goes through one page
of every type and URL shape, the 404 page and the home page with search results open, as a visitor goes from page to
page; each gate then asserts on what the tour recorded. Visiting the pages once for the three gates, not once each,
is about a third of the browser's work in the suite (a page load and a new tab cost more than axe on the page)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from quality.built_site import NODE_MODULES, PAGE_TYPES, WIDTHS, ServedSite, example_pages, no_example
from quality.gate_fixtures import SETTLED, Visit, recorded_tab, search_term

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HTMLCS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
HTMLCS_STANDARD = "WCAG2AA"
HTMLCS_WIDTH = "phone"
"""HTMLCS's rules read the markup, which is the same at every width; axe checks what the layout shows, at both."""
SNIPPET = 200

HTMLCS_FALSE_POSITIVES: tuple[tuple[str, str], ...] = ()
"""(message code, CSS selector) pairs HTMLCS reports wrongly on this site; each says why above it. A rule is never
excluded whole: only its code on the elements named."""

# Runs HTMLCS on the page and hands back its messages as data (the elements themselves cannot cross to Python).
RUN_HTMLCS = """([standard, exclusions]) => new Promise((resolve, reject) => {
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

NOT_FOUND, SEARCH = "404", "search"
"""The tour's labels of the 404 page and of the home page with search results open."""


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


def checker_scripts(*scripts) -> tuple[str, ...]:
    """The checkers' sources as init scripts (from disk: no request leaves the machine; an init script is not subject
    to the pages' Content-Security-Policy, so they run on the site as published), with the settled page."""
    for script in scripts:
        if not script.exists():
            pytest.fail(f"{script} is missing: run `make node` (it installs the npm packages with npm ci)")
    return (*(script.read_text(encoding="utf-8") for script in scripts), SETTLED)


def axe_violations(visit: Visit) -> list[str]:
    """Every WCAG A/AA violation axe finds on the current page, one line per rule with its first elements."""
    # Violations only: every rule still runs, and axe spends nothing on listing what passed.
    result = visit.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def htmlcs_findings(visit: Visit, page: str) -> list[Finding]:
    """Every message HTMLCS gives on the current page under WCAG2AA, the known false positives left out."""
    messages = visit.page.evaluate(RUN_HTMLCS, [HTMLCS_STANDARD, [list(pair) for pair in HTMLCS_FALSE_POSITIVES]])
    return [Finding(page, message["type"], message["code"], message["msg"], message["html"])
            for message in messages if not message["excluded"]]


@dataclass
class Tour:
    """What one tab recorded going through the pages of one language at one width."""

    pages: dict[str, str]
    """Label (a page type, a URL shape, NOT_FOUND, SEARCH) → the page's address."""
    requests: list[str]
    axe: dict[str, list[str]] = field(default_factory=dict)
    htmlcs: dict[str, list[Finding]] = field(default_factory=dict)
    """Only at HTMLCS_WIDTH, and for search results at every width."""
    not_found_status: int | None = None
    search_results: int = 0


def take_tour(site: ServedSite, browser, language: str, width_name: str) -> Tour:
    """Visit one page of every type and URL shape, the 404 page and search with results, running the checkers on
    each; fail at once if the site lacks a page type the gates must see."""
    missing = [page_type.description for page_type in PAGE_TYPES if page_type.find(site.root, language) is None]
    if missing:
        no_example(", ".join(missing))
    visit = recorded_tab(browser, width=WIDTHS[width_name], init_scripts=checker_scripts(AXE, HTMLCS))
    tour = Tour(pages={}, requests=visit.requests)

    def judge(label: str, every_checker: bool) -> None:
        tour.axe[label] = axe_violations(visit)
        if every_checker:
            tour.htmlcs[label] = htmlcs_findings(visit, f"{language} /{tour.pages[label]} ({label})")

    try:
        for label, url in example_pages(site.root, language).items():
            tour.pages[label] = url
            visit.open(site.url(language, url))
            judge(label, width_name == HTMLCS_WIDTH)
        tour.pages[NOT_FOUND] = "no-such-page/"
        response = visit.page.goto(site.url(language, tour.pages[NOT_FOUND]))
        tour.not_found_status = response.status if response is not None else None
        visit.page.wait_for_load_state("networkidle")
        judge(NOT_FOUND, width_name == HTMLCS_WIDTH)
        tour.pages[SEARCH] = ""
        visit.open(site.url(language, ""))
        tour.search_results = visit.open_search(search_term(site.root, language))
        visit.page.wait_for_load_state("networkidle")
        judge(SEARCH, True)
    finally:
        visit.context.close()
    return tour


@pytest.fixture(scope="session")
def page_tour(served_site, browser):
    """The tour of the served site in a language at a width (`page_tour(language, width_name)`), taken once per
    worker: the tests that use it run on one worker (tests/conftest.py)."""
    tours: dict[tuple[str, str], Tour] = {}

    def tour_of(language: str, width_name: str) -> Tour:
        if (language, width_name) not in tours:
            tours[language, width_name] = take_tour(served_site, browser, language, width_name)
        return tours[language, width_name]

    return tour_of
