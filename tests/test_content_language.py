"""The repo's content and interface text speak to visitors: no talk of "our sources", and the Swedish words of the staff guide's list."""

from __future__ import annotations

import re

import pytest

from conftest import REPO

CONTENT = REPO / "content"
PUBLIC_FILES = sorted(path for path in CONTENT.rglob("*") if path.suffix in (".md", ".yml")
                      and path.relative_to(CONTENT).parts[0] not in ("staff", "checks"))
PUBLIC_FILES += sorted((REPO / "lce_platform" / "outputs" / "locales").glob("*.yml"))

SOURCE_TALK = re.compile(r"\b(våra källor|vår källa|källan anger|källorna anger|anges inte i|saknas i (?:våra )?källor"
                         r"|our sources?\b|the sources? do(?:es)? not|not given in)", re.IGNORECASE)
"""How a page talks about where its facts came from; a visitor does not know those sources (staff guide rule)."""

AVOIDED_SWEDISH = re.compile(r"\b(klass|klasser|klassen|klasserna|videohandledning\w*|gruppkonstprojekt\w*|kreativ ungdom"
                             r"|kulturförvaltare|folkhögskoleförbundet|närings- och/eller|bokrelease\w*|den enskildas"
                             r"|lär unga initiativ|fungerar den som)\b", re.IGNORECASE)
"""Calques and anglicisms the staff guide's word list replaces (a one-off class is an utbildningstillfälle), and those
a Swedish review found (boksläpp, not bokrelease)."""

STORED_CONTENT = sorted(path for path in PUBLIC_FILES if path.suffix == ".md"
                        and path.relative_to(REPO).parts[1] in ("activities", "resources", "programmes"))
"""The files whose text is read long after its day: activities, resources and programmes."""

FUTURE_ON_THE_DAY = re.compile(r"\b(är inplanerad|inplanerad den|pågår|hålls den|kommer att hållas|is planned for"
                               r"|are planned|is running|takes place on|will take place|will be held)\b", re.IGNORECASE)
"""Tenses that are true only until the day: the staff guide's rule is the past tense, a plan as a plan, or no tense."""


def test_public_content_has_files_to_check():
    """Check that the scan below finds the content (a moved folder must not make it pass vacuously)."""
    assert len(PUBLIC_FILES) > 30


@pytest.mark.parametrize("pattern", [SOURCE_TALK, AVOIDED_SWEDISH], ids=["source-talk", "avoided-swedish"])
def test_public_content_avoids(pattern):
    """Check that no public content file talks about our sources or uses a word the staff guide's list replaces."""
    found = []
    for path in PUBLIC_FILES:
        text = path.read_text(encoding="utf-8")
        if pattern is AVOIDED_SWEDISH and (path.name.endswith(".en.md") or path.name == "en.yml"):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if pattern is AVOIDED_SWEDISH:
                line = re.sub(r"\ben: [^,}]*", "", line)  # the English label of a vocabulary entry
            if match := pattern.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {match.group(0)!r}")
    assert found == []


def test_activities_resources_and_programmes_read_true_after_their_day():
    """Check that no activity, resource or programme is written in a tense that stops being true after its day."""
    assert len(STORED_CONTENT) > 30
    found = [f"{path.relative_to(REPO)}:{number}: {match.group(0)!r}"
             for path in STORED_CONTENT
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if (match := FUTURE_ON_THE_DAY.search(line))]
    assert found == []


def test_the_checks_catch_what_they_name():
    """Check that the patterns catch the phrases the issue found."""
    for sentence in ("Plats och klockslag anges inte i våra källor.", "Exact date not given in our sources.",
                     "Källan anger staden (Minsk) men inte adressen.", "Our source does not give the venue."):
        assert SOURCE_TALK.search(sentence), sentence
    for sentence in ("Klass om 3D-utskrift.", "åtta videohandledningar", "kreativ ungdom", "Seminarium med bokrelease",
                     "På lång sikt fungerar den som en strukturell omställning", "den enskildas behov",
                     "Utbildningsprogrammet lär unga initiativ affärsmässiga arbetssätt"):
        assert AVOIDED_SWEDISH.search(sentence), sentence
    for sentence in ("En slutkonferens är inplanerad den 13 juni 2017.", "Kursen pågår från den 28 mars",
                     "Seminariet hålls den 20 mars 2025.", "A final conference is planned for 13 June 2017."):
        assert FUTURE_ON_THE_DAY.search(sentence), sentence
