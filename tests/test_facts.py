"""Facts staff keep about their content (content/checks/facts.yml): `lce facts` names what the content contradicts."""

from __future__ import annotations

from datetime import date

from conftest import PINNED_TODAY, make_content
from lce_platform.publishing import cli
from lce_platform.publishing.content_facts import FACTS_FILE, fact_problems, holds
from lce_platform.content.loader import load_site

TODAY = date.fromisoformat(PINNED_TODAY)
FACTS = """facts:
- file: activities/2025/disrupt-for-success.md
  title_en: Disrupt for Success – Brand Development of Cultural Institutions
  status: full
  start: '2025-03-19'
- file: programmes/learn-create-engage.md
  funders: [european-social-fund, media-evolution, region-skane]
"""


def test_facts_that_hold_pass(tmp_path, monkeypatch, capsys):
    """Check that `lce facts` passes when the content agrees with every fact."""
    content = make_content(tmp_path, files={FACTS_FILE.as_posix(): FACTS})
    monkeypatch.setenv("SITE_TODAY", PINNED_TODAY)
    assert cli.main(["facts", "--content", str(content)]) == 0
    assert "agrees with every fact" in capsys.readouterr().out


def test_a_contradicted_fact_names_the_content_file_and_field(tmp_path):
    """Check that a fact the content contradicts is reported at the content file's line and field."""
    content = make_content(tmp_path, files={FACTS_FILE.as_posix(): FACTS.replace("status: full", "status: cancelled")
                                            .replace("region-skane]", "region-skane, vinnova]")})
    problems = [str(problem) for problem in fact_problems(load_site(content, TODAY), content / FACTS_FILE)]
    assert len(problems) == 2
    assert problems[0].startswith("content/activities/2025/disrupt-for-success.md:")
    assert "status: is 'full', but content/checks/facts.yml says 'cancelled'" in problems[0]
    assert problems[1].startswith("content/programmes/learn-create-engage.md:5: funders:")


def test_a_fact_about_a_missing_file_is_reported(tmp_path):
    """Check that a fact about a file that no longer exists is a problem, not silently passed."""
    content = make_content(tmp_path, files={FACTS_FILE.as_posix(): "facts:\n- file: activities/2025/gone.md\n  status: full\n"})
    problems = fact_problems(load_site(content, TODAY), content / FACTS_FILE)
    assert [problem.problem for problem in problems] == ["content/activities/2025/gone.md does not exist, but a fact "
                                                         "is about it"]


def test_a_day_holds_for_any_time_on_it():
    """Check that a fact of a day agrees with a start time on that day, and not with another day."""
    assert holds("2025-03-19T13:00", "2025-03-19") and not holds("2025-03-20T13:00", "2025-03-19")
