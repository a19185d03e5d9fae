"""Share images of activities and resources, drawn from in-memory build plans: what they show, that they are
reproducible, that they change with what they show, and how long titles are laid out."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date

from PIL import Image, ImageDraw

from conftest import FIXTURES, REPO, make_content
from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.outputs.sharing import (_ACCENT_INDEX, _TEXT_WIDTH, _WHITE_LEVELS, CARD_SIZE, _font, _one_line,
                                          _place, card_bytes, draw_card, entry_card, share_cards, title_layout)
from lce_platform.plan import BuildPlan

SPRING_2025 = FIXTURES / "spring-2025" / "content"
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TODAY = date(2025, 3, 15)
DISRUPT = "activities/2025/disrupt-for-success.md"


def edition_of(content, language: str = "sv"):
    """The edition of a content tree in one language."""
    return BuildPlan.start(content, language, TODAY, ROOTS, site_name="Learn, Create, Engage").edition


def test_an_activity_card_shows_its_type_title_date_and_status_in_each_language():
    """Check that a fully booked class's card says so, with its title and date, in Swedish and in English."""
    for language, expected in (("sv", ("Klass", "19 mars 2025, 13:00–16:00", "Fullbokad")),
                               ("en", ("Class", "March 19, 2025, 13:00\u2009–\u200916:00", "Fully booked"))):
        edition = edition_of(SPRING_2025, language)
        card = entry_card(edition, edition.entry(DISRUPT))
        assert (card.label, card.when, card.status) == expected
        assert card.title == edition.entry(DISRUPT).title(language)
        assert card.path.startswith("assets/share/activities/2025/disrupt-for-success-")
        assert card.alt.startswith(f"{expected[0]}: {card.title}. {expected[1]}. {expected[2]}")


def test_every_activity_and_resource_has_its_own_card():
    """Check that the cards of a language are one per activity and resource plus one per other kind of page,
    each a 1200×630 PNG at its own address."""
    edition = edition_of(SPRING_2025)
    files = list(share_cards(edition))
    entries = [*edition.site.collection(ACTIVITIES), *edition.site.collection(RESOURCES)]
    assert len(files) == len({file.path for file in files}) == len(entries) + 2
    with Image.open(io.BytesIO(files[-1].data())) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_card_changes_name_and_pixels_when_the_status_changes(tmp_path):
    """Check that a class that becomes fully booked gets another card, at another address."""
    source = (SPRING_2025 / DISRUPT).read_text(encoding="utf-8")
    scheduled = make_content(tmp_path / "scheduled", base=SPRING_2025,
                             files={DISRUPT: source.replace("status: full\n", "")})
    before = entry_card(edition_of(scheduled), edition_of(scheduled).entry(DISRUPT))
    after = entry_card(edition_of(SPRING_2025), edition_of(SPRING_2025).entry(DISRUPT))
    assert (before.status, after.status) == ("", "Fullbokad")
    assert before.path != after.path
    assert card_bytes(before, None).data() != card_bytes(after, None).data()


CARDS_OF_A_BUILD = """
import hashlib, json, sys
from datetime import date
from pathlib import Path
from lce_platform.outputs.sharing import share_cards
from lce_platform.plan import BuildPlan
plan = BuildPlan.start(Path(sys.argv[1]), sys.argv[2], date(2025, 3, 15),
                       {"sv": "https://lce.test/", "en": "https://lce.test/en/"}, site_name="Learn, Create, Engage")
print(json.dumps({file.path: hashlib.sha256(file.data()).hexdigest() for file in share_cards(plan.edition)}))
"""


def test_two_builds_draw_byte_identical_cards_and_the_cache_gives_the_same_bytes(tmp_path):
    """Check that two processes (other hash seeds) draw the same cards byte for byte, and that a build copying
    them from the cache of an earlier build writes those same bytes."""
    digests = []
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", CARDS_OF_A_BUILD, str(SPRING_2025), "en"], cwd=REPO,
                                capture_output=True, text=True, check=True,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        digests.append(json.loads(result.stdout))
    assert digests[0] == digests[1] and len(digests[0]) > 20
    edition = edition_of(SPRING_2025, "en")
    edition.share_card_cache = tmp_path / "cache"
    drawn = {file.path: file.data() for file in share_cards(edition)}
    stored = {path: path.stat().st_mtime_ns for path in (tmp_path / "cache").glob("*.png")}
    copied = {file.path: file.data() for file in share_cards(edition)}
    assert copied == drawn
    assert len(stored) == len(drawn)
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "cache").glob("*.png")} == stored, \
        "a card in the cache was drawn and stored again instead of copied"


def test_long_titles_wrap_in_three_lines_and_end_in_an_ellipsis():
    """Check that a long title takes at most three lines within the card, the last cut with an ellipsis, that a
    word wider than the card is broken, and that a short title is not cut."""
    title = ("Hållbarhet, återbruk och öppna data för Skånes kulturella och kreativa näringar i en föränderlig "
             "värld – en kurs i åtta delar med övningar, studiebesök och ett avslutande seminarium")
    font, lines = title_layout(title)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= _TEXT_WIDTH for line in lines)
    assert " ".join(lines).removesuffix("…").split()[:-1] == title.split()[:len(" ".join(lines).split()) - 1]
    font, lines = title_layout("Ö" * 80)
    assert all(font.getlength(line) <= _TEXT_WIDTH for line in lines) and len(lines) == 3
    assert title_layout("Kort titel")[1] == ["Kort titel"]


def test_swedish_letters_are_drawn():
    """Check that å, ä and ö have glyphs of their own in the card's font (not a missing-glyph box)."""
    font = _font("bold", 72)
    masks = {letter: bytes(font.getmask(letter)) for letter in "aåäöo□"}
    assert len({masks[letter] for letter in "aåä"}) == 3 and masks["ö"] != masks["o"]
    assert draw_card("Kurs", "Måla på ön") != draw_card("Kurs", "Mala pa on")


def test_a_recurring_text_drawn_once_lands_as_pillow_draws_it_each_time():
    """Check that a label, status or footer placed from the coverage drawn once has the pixels Pillow's own drawing
    of it gives (white text blended over what is there, accent text mapped from full coverage), at two places, for
    texts with accents and descenders and one cut short with an ellipsis."""
    texts = ("GENOMFÖRD", "Kunskapsdelning för Skånes kulturella och kreativa sektorer", "Ågy jp" * 30)
    for text, weight, size in ((text, weight, size) for text in texts for weight, size in (("bold", 36), ("regular", 32))):
        font = _font(weight, size)
        fitted = _one_line(text, font)
        for xy in ((80, 64), (83, 541)):
            drawn = Image.new("L", CARD_SIZE, 3)
            ImageDraw.Draw(drawn).text(xy, fitted, font=font, fill=_WHITE_LEVELS)
            placed = Image.new("L", CARD_SIZE, 3)
            _place(placed, xy, text, weight, size)
            assert placed.tobytes() == drawn.tobytes(), (text, weight, size, xy)

            drawn = Image.new("L", CARD_SIZE, 0)
            ImageDraw.Draw(drawn).text(xy, fitted, font=font, fill=255)
            drawn = drawn.point(_ACCENT_INDEX)
            placed = Image.new("L", CARD_SIZE, 0)
            _place(placed, xy, text, weight, size, accent=True)
            assert placed.tobytes() == drawn.tobytes(), (text, weight, size, xy)
