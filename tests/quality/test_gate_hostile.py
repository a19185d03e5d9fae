"""Hostile-content gate: a content tree full of script payloads builds into pages where nothing runs, with or
without the Content-Security-Policy; URL fields take only https (and mailto for registration)."""

from __future__ import annotations

from datetime import date

import pytest

from quality.built_site import html_files, page_tree, page_urls
from quality.gate_fixtures import HOSTILE, Visit
from conftest import make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.model import LANGUAGES

SCRIPT_DIRECTIVES = ("script-src", "script-src-elem", "script-src-attr")


def _every_page(site, language: str) -> list[str]:
    return [site.url(language, url) for url in page_urls(site.root, language)] + [site.url(language, "no-such-page/")]


def _hover_and_focus_everything(visit: Visit) -> None:
    """Fire the events an attribute payload would wait for (mouseover, focus, click is left out: it navigates)."""
    visit.page.evaluate("""() => {
        for (const element of document.querySelectorAll('body *')) {
            for (const type of ['mouseover', 'focus', 'toggle', 'load', 'error']) {
                element.dispatchEvent(new Event(type));
            }
        }
    }""")


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_content_runs_nothing_without_the_policy(served_hostile_site, open_tab, language):
    """Check that no payload runs on any hostile page even with the Content-Security-Policy switched off."""
    visit = open_tab(bypass_csp=True)
    ran = {}
    for url in _every_page(served_hostile_site, language):
        visit.open(url, until_network_idle=False)
        _hover_and_focus_everything(visit)
        if visit.executions():
            ran[url] = visit.executions()
        visit.dialogs.clear()
    assert ran == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_content_runs_nothing_and_breaks_no_policy(served_hostile_site, open_tab, language):
    """Check that no payload runs and no script is refused by the policy on any hostile page (nothing got in)."""
    visit = open_tab()
    problems = {}
    for url in _every_page(served_hostile_site, language):
        visit.open(url, until_network_idle=False)
        _hover_and_focus_everything(visit)
        refused = [violation for violation in visit.policy_violations() if violation.startswith(SCRIPT_DIRECTIVES)
                   or "script" in violation]
        if visit.executions() or refused:
            problems[url] = visit.executions() + refused
        visit.dialogs.clear()
        visit.console_errors.clear()
    assert problems == {}


def test_the_gate_sees_a_payload_that_runs(open_tab, tmp_path):
    """Check that a page opened as the checks above open them records a payload run inline, at load, on an error
    and by an event, so that their empty findings mean nothing ran."""
    page = tmp_path / "payloads.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>Payloads</title><img src="missing.png" onerror="lce_pwned(\'error\')">'
        '<script>lce_pwned("inline")</script><svg onload="lce_pwned(\'load\')"></svg>'
        '<p onmouseover="lce_pwned(\'event\')">Text</p>', encoding="utf-8")
    visit = open_tab(bypass_csp=True)
    visit.open(page.as_uri(), until_network_idle=False)
    _hover_and_focus_everything(visit)
    assert set(visit.executions()) == {"error", "event", "inline", "load"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_titles_in_search_results_run_nothing(served_hostile_site, open_tab, language):
    """Check that search results listing the hostile titles and summaries run nothing."""
    visit = open_tab(bypass_csp=True)
    visit.open(served_hostile_site.url(language, ""))
    assert visit.open_search("hostile") >= 3
    visit.page.wait_for_timeout(300)
    _hover_and_focus_everything(visit)
    assert visit.executions() == []
    assert "<script>" in visit.page.locator(".md-search-result").inner_text(), "the payloads are shown as text"


@pytest.mark.parametrize("language", LANGUAGES)
def test_material_works_under_the_policy(served_site, open_tab, language):
    """Check that search, the language menu and the theme's script work under the policy without a violation."""
    visit = open_tab()
    visit.open(served_site.url(language, ""))
    assert visit.page.evaluate("document.documentElement.classList.contains('js')")
    assert visit.open_search("learn") > 0
    visit.page.locator("a.md-select__link").first.wait_for(state="attached")
    assert visit.policy_violations() == []
    assert [error for error in visit.console_errors if "uncaught" in error] == []


def test_every_page_carries_the_script_policy(served_hostile_site, served_site):
    """Check that every built page declares, before any script, a policy allowing scripts only from the site (a
    redirect page, which has none, allows none)."""
    wrong = {}
    for root in (served_site.root, served_hostile_site.root):
        for path in html_files(root):
            html = path.read_text(encoding="utf-8")
            policy = page_tree(html).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
            directives = dict(
                (part.split(None, 1) + [""])[:2] for part in (policy[0] if policy else "").split(";") if part.strip())
            first_script = html.find("<script")
            # The site's own files only; WebAssembly may be compiled (the search), never text run as code.
            if directives.get("script-src") not in ("'self' 'wasm-unsafe-eval'", "'none'") or \
                    html.find("Content-Security-Policy") > first_script >= 0:
                wrong[path.relative_to(root).as_posix()] = directives.get("script-src")
            if directives.get("script-src") == "'none'":
                assert first_script == -1 and 'http-equiv="refresh"' in html, path
    assert wrong == {}


URL_FIELDS = [
    ("resources/report/r.md", "url"),
    ("resources/recording/r.md", "video"),
    ("resources/recording/r.md", "thumbnail"),
    ("activities/2025/a.md", "registration"),
    ("programmes/learn-create-engage.md", "website"),
]
BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "http://example.org/plain-http",
    "//example.org/protocol-relative",
    "https://example.org/\"><script>alert(1)</script>",
    "https:///no-host",
    "file:///etc/passwd",
]


def _file_with_url(relative: str, field: str, value: str) -> str:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    if relative.startswith("resources/report/"):
        head = "title: Report\nkind: report\ndate: 2025-01-01\nsectors: all\nsummary: A report about something.\n"
    elif relative.startswith("resources/recording/"):
        head = ("title: Recording\nkind: recording\ndate: 2025-01-01\nsectors: all\nsummary: A recording of something.\n"
                + ("" if field == "video" else "video: https://example.org/video.mp4\n"))
    elif relative.startswith("activities/"):
        head = ("title: Activity\ntype: class\nprogramme: learn-create-engage\narea: tailored-competence-development\n"
                "start: 2025-04-01\nsectors: all\nsummary: An activity about something.\n")
    else:
        head = "title: Programme\nsummary: A programme about something.\nstart: 2024-01-01\n"
    return f'---\n{head}{field}: "{quoted}"\n---\n\nBody.\n'


@pytest.mark.parametrize("value", BAD_URLS)
@pytest.mark.parametrize(("relative", "field"), URL_FIELDS)
def test_url_fields_take_only_https(tmp_path, relative, field, value):
    """Check that every URL field refuses script, data, plain-http and malformed addresses, naming file and field."""
    content = make_content(tmp_path, base=HOSTILE, files={relative: _file_with_url(relative, field, value)})
    with pytest.raises(ContentErrors) as raised:
        load_site(content, date(2025, 3, 15))
    assert any(error.path == f"content/{relative}" and error.field == field for error in raised.value.errors), \
        raised.value.report()


@pytest.mark.parametrize(("relative", "field", "value"), [
    ("resources/report/r.md", "url", "https://example.org/report.pdf"),
    ("activities/2025/a.md", "registration", "https://example.org/register"),
    ("activities/2025/a.md", "registration", "mailto:register@example.org?subject=Anm%C3%A4lan"),
    ("programmes/learn-create-engage.md", "website", "https://example.org/"),
])
def test_url_fields_take_https_and_registration_mailto(tmp_path, relative, field, value):
    """Check that https addresses, and a mailto address for registration, are accepted."""
    content = make_content(tmp_path, base=HOSTILE, files={relative: _file_with_url(relative, field, value)})
    site = load_site(content, date(2025, 3, 15))
    entry = site.entries[relative]
    assert getattr(entry.data, field) == value


@pytest.mark.parametrize(("relative", "field"), [("resources/report/r.md", "url"), ("programmes/learn-create-engage.md", "website")])
def test_mailto_only_where_it_fits(tmp_path, relative, field):
    """Check that a mailto address is refused in a field that must link to a web page."""
    content = make_content(tmp_path, base=HOSTILE, files={relative: _file_with_url(relative, field, "mailto:a@example.org")})
    with pytest.raises(ContentErrors) as raised:
        load_site(content, date(2025, 3, 15))
    assert any(error.field == field for error in raised.value.errors)
