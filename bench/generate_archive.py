"""A synthetic archive in our content model, seeded and deterministic: what `make bench` builds.

    python bench/generate_archive.py OUTPUT --items 10000 [--seed 2024] [--today 2025-03-15] [--base content]

OUTPUT becomes a copy of --base (the repo's content: vocabularies, programmes, pages, its own items) with
`--items` activities and resources added as staff write them: every activity type of the vocabulary, single
days, timed events, multi-day and multi-session activities, dates known only to the month or year, every
status, venues and online, registration links, facilitators and contacts, sectors (some 'all'); every kind of
resource, recordings with a playable video and a transcript; Swedish and English files; bodies with headings,
lists, tables now and then and links between items that resolve. The activities spread over the periods of
the programmes, so as of `--today` some are past, some ongoing and some upcoming. A few venues and people
are added to the copied vocabularies. The same base, items, seed and today give the same bytes.

Where the content model meets the generator: `SHAPE` says how often each field and value is written;
`Planner.activity` and `Planner.resource` write the fields of an activity and a resource in the model's order
(the summary and transcript are added as the files are written: `data_fields`), `translation_fields` those of
an English file, and `UNWRITTEN` names the model's fields the generator leaves out (a test compares it with the
model, so a new field shows up there).
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES, RESOURCES
from lce_platform.content.links import anchor_ids
from lce_platform.content.loader import load_site
from lce_platform.content.model import ALL_SECTORS, ONLINE, License, ResourceKind, Status
from lce_platform.content.site import Site
from lce_platform.content.moments import SEASONS, parse_moment

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEED = 2024
DEFAULT_TODAY = date(2025, 3, 15)
"""The bench's pinned today (bench/run.py builds with it): phases are spread around it."""
MARKER = ".generated-archive"
"""A file in OUTPUT that says how it was made; only a folder holding it is ever replaced."""

# The archive's shape: which fields are written and how often. ------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """Shares and weights of what the archive holds (weights are relative; shares are fractions of 1)."""

    activity_share: float = 0.6
    """Of the items, activities; the rest are resources (as in the shared benchmark corpus)."""
    languages: tuple[tuple[str, int], ...] = (("sv+en", 75), ("sv", 25))
    """Files of an item: x.md (Swedish, holding the data) and its translation x.en.md, or x.md alone (the English
    pages show it with a notice). The repo's content translates every item; the shared corpus wrote each item
    in one language only."""
    main_programme_share: float = 0.9
    """Of the activities, those of the platform's own programme; the rest go to the sister programmes with areas."""
    type_weights: tuple[tuple[str, int], ...] = (
        ("class", 10), ("course", 14), ("seminar", 18), ("workshop", 16), ("peer-learning", 5), ("mentoring", 6),
        ("conference", 4), ("hackathon", 3), ("public-discussion", 5), ("study-visit", 3), ("mobility", 2),
        ("creative-camp", 2), ("training", 6), ("procurement", 3), ("book-launch", 2), ("seminar-and-book-launch", 1),
    )
    """Activity types; a type of the vocabulary not named here gets weight 2, so every type occurs."""
    when_by_type: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
        ("course", (("sessions", 75), ("multi-day", 15), ("month", 10))),
        ("peer-learning", (("sessions", 85), ("month", 15))),
        ("mentoring", (("sessions", 80), ("multi-day", 20))),
        ("training", (("sessions", 60), ("timed", 30), ("multi-day", 10))),
        ("conference", (("day", 50), ("multi-day", 40), ("timed", 10))),
        ("hackathon", (("multi-day", 90), ("day", 10))),
        ("mobility", (("multi-day", 90), ("year", 10))),
        ("creative-camp", (("multi-day", 100),)),
        ("study-visit", (("day", 70), ("timed", 30))),
        ("procurement", (("day", 50), ("month", 35), ("year", 15))),
    )
    default_when: tuple[tuple[str, int], ...] = (
        ("timed", 80), ("day", 10), ("month", 4), ("year", 2), ("season", 1), ("undated-past", 2),
        ("undated-upcoming", 1),
    )
    """How an activity's date is written: a day, a day with times, several days, sessions, only the month, season or
    year (with a date_note), or no date at all but a bound (before a past day, after a coming one), by type."""
    ongoing_every: int = 60
    """Every so many activities, one course running over today, so each size has ongoing activities."""
    statuses: tuple[tuple[str, int], ...] = (
        ("scheduled", 70), ("full", 11), ("waitlist", 5), ("cancelled", 6), ("postponed", 4), ("moved-online", 4),
    )
    online_share: float = 0.3
    registration_share: float = 0.8
    mail_registration_share: float = 0.15
    all_sectors_share: float = 0.15
    facilitator_share: float = 0.7
    contact_share: float = 0.5
    language_field_share: float = 0.8
    updated_share: float = 0.1
    reported_share: float = 0.4
    """Activities that have ended and report how many took part."""
    moved_share: float = 0.01
    """Items that were renamed once (redirect_from)."""
    kind_weights: tuple[tuple[str, int], ...] = (
        ("material", 35), ("recording", 25), ("case-study", 15), ("tutorial", 15), ("report", 10),
    )
    resource_of_activity_share: float = 0.8
    """Resources that belong to an activity; the others name a programme."""
    video_forms: tuple[tuple[str, int], ...] = (
        ("youtube-watch", 45), ("youtu.be", 15), ("vimeo", 20), ("vimeo-unlisted", 5), ("mp4", 10), ("webm", 5),
    )
    captions_share: float = 0.3
    body_words: tuple[tuple[str, int, int], ...] = (
        ("activity", 150, 700), ("material", 200, 800), ("recording", 150, 500), ("case-study", 500, 1500),
        ("tutorial", 400, 1200), ("report", 600, 1800),
    )
    """Words of a body, by collection or kind (the repo's bodies hold 60–350; the shared corpus 300–900)."""
    transcript_words: tuple[int, int] = (400, 2500)
    table_share: float = 0.25
    see_also_share: float = 0.5


SHAPE = Shape()
UNWRITTEN = {
    "activities": {},
    "resources": {"thumbnail": "a still from another host; YouTube's come with the video address"},
}
"""Fields of the model the generator never writes, and why."""
WHENS = tuple((when, 1) for when in ("sessions", "timed", "day", "multi-day", "month", "year", "season",
                                     "undated-past", "undated-upcoming"))

# Words. ----------------------------------------------------------------------------------------------------------

SV_FUNCTION_WORDS = """
och att det som en på är av för med till den har de inte om ett men vi ni kan ska vill får också
""".split()
SV_CONTENT_WORDS = """
kultur kreativ näring företag företagare affärsmodell finansiering ansökan bidrag stöd nätverk samverkan
kunskap erfarenhet utveckling hållbarhet digital publik marknad kund intäkter prissättning upphovsrätt avtal
projekt process idé skiss prototyp test utvärdering uppföljning region kommun förening verksamhet konstnär
formgivare musiker författare fotograf regissör producent scen utställning festival turné bransch arbete tid
plan mål strategi budget ekonomi redovisning moms faktura lokal studio ateljé verkstad samtal föreläsning
övning grupp deltagare handledare mentor framtid möjlighet utmaning lösning resultat verktyg metod data
viktig ny stor liten enkel tydlig praktisk gemensam internationell hållbar kreativ konstnärlig ekonomisk
juridisk social öppen skapa bygga utveckla testa lära dela visa planera söka ansöka arbeta samarbeta
presentera diskutera analysera förstå pröva genomföra därför sedan ofta alltid tillsammans mycket mer
bättre snabbt omställning entreprenörskap kompetens målgrupp institution kommunikation varumärke
berättelse innehåll kanal plattform användare upplevelse tjänst produkt erbjudande sektor yrkesverksam
frilansare nätverkande dialog reflektion inspiration insikt frågeställning underlag rapport sammanställning
""".split()
SV_COMPOUND_HEADS = "kultur konst musik film spel design mode scen publik affärs kompetens data hållbarhets".split()
SV_COMPOUND_TAILS = "projekt utveckling strategi arbete nätverk verktyg modell plan frågor område insatser".split()
SV_COMPOUNDS = [head + tail for head in SV_COMPOUND_HEADS for tail in SV_COMPOUND_TAILS]

EN_FUNCTION_WORDS = """
the and of to in for with on that is as by from at this are be it an we you can will may also
""".split()
EN_CONTENT_WORDS = """
creative industry business model funding grant application network collaboration knowledge experience
development sustainability digital audience market customer revenue pricing copyright contract licence
project process idea sketch prototype testing evaluation follow-up region municipality association artist
designer musician writer photographer director producer stage exhibition festival tour sector work time
plan goal strategy budget finance accounting invoice studio workshop lecture exercise group participant
facilitator mentor future opportunity challenge solution outcome tool method data important new large small
simple clear practical shared local international sustainable artistic economic legal social open create
build develop test learn share show apply collaborate present discuss analyse understand try deliver
therefore then often always together more better quickly platform community portfolio pitch transition
entrepreneurship competence institution communication brand story content channel user service product
offer professional freelancer networking dialogue reflection inspiration insight question report summary
""".split()


@dataclass(frozen=True)
class Topic:
    """What an item is about, in both languages."""

    sv: str
    en: str


TOPICS = tuple(Topic(sv, en) for sv, en in (
    ("affärsutveckling för kreatörer", "business development for creatives"),
    ("prissättning av konstnärligt arbete", "pricing artistic work"),
    ("upphovsrätt och licenser", "copyright and licences"),
    ("finansiering och bidrag", "funding and grants"),
    ("hållbar produktion", "sustainable production"),
    ("digital distribution", "digital distribution"),
    ("internationella marknader", "international markets"),
    ("publikutveckling", "audience development"),
    ("avtal och förhandling", "contracts and negotiation"),
    ("berättande och pitch", "storytelling and pitching"),
    ("ansökningsskrivande", "grant writing"),
    ("hållbara leverantörskedjor i modebranschen", "sustainable supply chains in fashion"),
    ("affärsmodeller för spelstudior", "business models for game studios"),
    ("filmfinansiering i Norden", "film financing in the Nordics"),
    ("musikrättigheter och royalties", "music rights and royalties"),
    ("portfolio för fotografer", "portfolios for photographers"),
    ("utställningsproduktion", "exhibition production"),
    ("designtänkande", "design thinking"),
    ("gräsrotsfinansiering", "crowdfunding"),
    ("sociala medier för konstnärer", "social media for artists"),
    ("exportmognad", "export readiness"),
    ("samproduktionsavtal", "co-production agreements"),
    ("skatt och moms för frilansare", "tax and VAT for freelancers"),
    ("cirkulär design", "circular design"),
    ("publikdata och analys", "audience data and analytics"),
    ("AI-verktyg i kreativt arbete", "AI tools in creative work"),
    ("turnélogistik", "touring logistics"),
    ("marknader för litterär översättning", "literary translation markets"),
    ("arkitekturtävlingar", "architecture competitions"),
    ("varumärkesbyggande", "brand building"),
    ("generativ AI i den kreativa processen", "generative AI in the creative process"),
    ("3D-utskrift för kreatörer", "3D printing for creatives"),
    ("datadrivna metoder för kulturorganisationer", "data-driven methods for cultural organisations"),
    ("kommunikationsstrategi i digitala kanaler", "communication strategy in digital channels"),
    ("att mäta kulturell påverkan", "measuring cultural impact"),
    ("ljud och sång i framtiden", "the future of sound and song"),
    ("energi, materia och den digitala världen", "energy, matter and the digital world"),
    ("kollegialt lärande med AI", "peer learning with AI"),
    ("social påverkan för yrkesverksamma kreatörer", "social impact for professional creators"),
    ("tillgänglighet i kulturverksamhet", "accessibility in cultural work"),
))
TITLE_FORMS = {
    "sv": ("Introduktion till {}", "Fördjupning i {}", "Grundkurs i {}", "Masterclass: {}", "Seminarium om {}",
           "Verkstad: {}", "Samtal om {}", "Praktisk guide till {}", "Nya perspektiv på {}", "{} i praktiken"),
    "en": ("Introduction to {}", "Deep dive into {}", "Basics of {}", "Masterclass: {}", "Seminar on {}",
           "Workshop: {}", "Conversations on {}", "A practical guide to {}", "New perspectives on {}",
           "{} in practice"),
}
KIND_TITLE = {
    "sv": {"recording": "Inspelning: {}", "case-study": "Fallstudie: {}", "report": "Rapport: {}",
           "tutorial": "Guide: {}", "material": "Material om {}"},
    "en": {"recording": "Recording: {}", "case-study": "Case study: {}", "report": "Report: {}",
           "tutorial": "Guide: {}", "material": "Material on {}"},
}
RECORDING_OF = {"sv": "{} – inspelning", "en": "{} – recording"}
PLACES = ("Malmö", "Lund", "Helsingborg", "Kristianstad", "Ystad", "Landskrona", "Hässleholm", "Trelleborg")
HEADINGS = {
    ("activity", "sv"): ("Om aktiviteten", "Bakgrund", "Program", "Vem passar det för?", "Praktisk information",
                         "Förkunskaper", "Upplägg", "Medverkande", "Efteråt", "Kostnad och anmälan"),
    ("activity", "en"): ("About", "Background", "Programme", "Who is it for?", "Practical details",
                         "Prerequisites", "Format", "Speakers", "Afterwards", "Cost and registration"),
    ("resource", "sv"): ("Sammanfattning", "Bakgrund", "Resultat", "Lärdomar", "Utmaningar", "Nästa steg",
                         "Metod", "Så använder du materialet", "Om upphovspersonerna", "Vidare läsning"),
    ("resource", "en"): ("Summary", "Background", "Outcomes", "Lessons learned", "Challenges", "Next steps",
                         "Method", "How to use it", "About the authors", "Further reading"),
}
# Function words are frequent, compounds (Swedish's long tail of words) rare, as in real text.
WORDS_OF = {"sv": SV_FUNCTION_WORDS * 8 + SV_CONTENT_WORDS * 2 + SV_COMPOUNDS,
            "en": EN_FUNCTION_WORDS * 8 + EN_CONTENT_WORDS * 2}
SEE_ALSO = {"sv": "Se även", "en": "See also"}
AREA_LINK = {"sv": "Aktiviteten hör till fokusområdet [{}]({}).", "en": "It belongs to the key area [{}]({})."}
ACTIVITY_LINK = {"sv": "Det kommer från [{}]({}).", "en": "It comes from [{}]({})."}
PROGRAMME_LINK = {"sv": "Det hör till programmet [{}]({}).", "en": "It belongs to the programme [{}]({})."}
TABLE_COLUMNS = {"sv": ("Datum", "Tid", "Moment", "Ansvarig"), "en": ("Date", "Time", "Session", "Lead")}
DATE_NOTE = {
    "month": {"sv": "Dagen är inte känd, bara månaden.", "en": "The day is not known, only the month."},
    "year": {"sv": "Datumet är inte känt, bara året.", "en": "The date is not known, only the year."},
}
SESSION_TITLES = {"sv": ("Uppstart", "Fysisk träff", "Digital träff", "Avslutning"),
                  "en": ("Kick-off", "In-person meeting", "Online meeting", "Closing")}

BENCH_VENUES = (
    ("moriska-paviljongen", "Moriska Paviljongen", "Norra Parkgatan 2", "214 22", "Malmö"),
    ("kulturhuset-mazetti", "Kulturhuset Mazetti", "Bergsgatan 29", "211 54", "Malmö"),
    ("dunkers-kulturhus", "Dunkers kulturhus", "Kungsgatan 11", "252 21", "Helsingborg"),
    ("lunds-konsthall", "Lunds konsthall", "Mårtenstorget 3", "223 51", "Lund"),
    ("ystad-studios", "Ystad Studios", "Surbrunnsvägen 12", "271 35", "Ystad"),
    ("kulturhuset-kristianstad", "Kulturhuset Kristianstad", "Västra Storgatan 20", "291 32", "Kristianstad"),
    ("stpln", "STPLN", "Stapelbäddsgatan 3", "211 19", "Malmö"),
    ("landskrona-konsthall", "Landskrona konsthall", "Slottsgatan", "261 31", "Landskrona"),
    ("trelleborgs-museum", "Trelleborgs museum", "Östergatan 58", "231 64", "Trelleborg"),
    ("hassleholms-kulturhus", "Hässleholms kulturhus", "Hantverkaregatan 1", "281 31", "Hässleholm"),
)
GIVEN_NAMES = ("Anna", "Erik", "Sara", "Johan", "Maria", "Karin", "Ali", "Lena", "Mikael", "Elin", "Noah", "Fatima",
               "Olof", "Ida", "Jonas", "Amira", "Pontus", "Sofia", "Emil", "Leyla")
FAMILY_NAMES = ("Lindqvist", "Johansson", "Nilsson", "Berg", "Ek", "Holm", "Hassan", "Strand", "Öberg", "Åberg",
                "Persson", "Khalil", "Sandberg", "Fors", "Wik")
BENCH_PEOPLE = 40


def bench_person_names() -> list[tuple[str, str]]:
    """The people added to the vocabulary (fixed: they do not depend on the seed)."""
    return [(GIVEN_NAMES[number % len(GIVEN_NAMES)], FAMILY_NAMES[(number * 7) % len(FAMILY_NAMES)])
            for number in range(BENCH_PEOPLE)]
ROLES = (("Kursledare", "Course leader"), ("Mentor", "Mentor"), ("Föreläsare", "Lecturer"),
         ("Producent", "Producer"), ("Processledare", "Facilitator"))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_TRANSLITERATION = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u",
                                  "Å": "a", "Ä": "a", "Ö": "o"})


def slug_of(text: str) -> str:
    """A file name from a title: lowercase ASCII words joined by '-'."""
    return _NOT_SLUG.sub("-", text.translate(_TRANSLITERATION).lower()).strip("-")[:60].rstrip("-")


class Prose:
    """Synthetic text of the rng (word lists, no real text): sentences, paragraphs, phrases.

    Sentences and phrases are drawn from pools made once per language, so that 10,000 items take seconds, not a
    minute; a page of forty sentences rarely repeats one, and the archive's words are those of the lists either way."""

    POOL = 8192

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pools = {language: [self._sentence(language) for _ in range(self.POOL)] for language in WORDS_OF}
        self.phrases: dict[tuple[str, int, int], list[str]] = {}

    def _sentence(self, language: str) -> str:
        text = " ".join(self.rng.choices(WORDS_OF[language], k=self.rng.randint(6, 16)))
        return text[0].upper() + text[1:] + (".", ".", ".", ".", "?", "!")[self.rng.randrange(6)]

    def sentence(self, language: str) -> str:
        return self.pools[language][int(self.rng.random() * self.POOL)]

    def paragraph(self, language: str) -> str:
        return " ".join(self.rng.choices(self.pools[language], k=self.rng.randint(2, 6)))

    def phrase(self, language: str, low: int = 3, high: int = 8) -> str:
        """A few words (a list item, a subheading, a table cell), from a pool of its own lengths."""
        key = (language, low, high)
        if key not in self.phrases:
            self.phrases[key] = [self._phrase(language, low, high) for _ in range(self.POOL // 4)]
        return self.phrases[key][int(self.rng.random() * (self.POOL // 4))]

    def _phrase(self, language: str, low: int, high: int) -> str:
        text = " ".join(self.rng.choices(WORDS_OF[language], k=self.rng.randint(low, high)))
        return text[0].upper() + text[1:]

    def summary(self, language: str) -> str:
        """One sentence of 10–300 characters."""
        return self.sentence(language)[:290]


# What the base content offers. ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Where a programme's activities fall: its first and last day."""

    programme: str
    first: date
    last: date
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Base:
    """The ids of the base content's vocabularies and programmes the generated items refer to."""

    sectors: tuple[str, ...]
    types: tuple[str, ...]
    people: tuple[str, ...]
    venues: tuple[str, ...]
    main: Period
    sisters: tuple[Period, ...]
    programmes: tuple[str, ...]
    programme_titles: dict[str, dict[str, str]]
    area_labels: dict[str, dict[str, str]]
    area_anchors: dict[str, str]
    """Area id -> the anchor of its heading on its programme's page, when both languages have it."""
    programme_venues: dict[str, tuple[str, ...]]
    """Programme -> the venues its activities in the base meet at."""
    taken: frozenset[str]
    """Stems of the base's activity and resource files."""


def read_base(base: Path, today: date) -> Base:
    """The base content, loaded and validated as the build does."""
    site: Site = load_site(base, today)
    vocabularies = site.vocabularies
    periods = []
    titles = {}
    anchors = {}
    for entry in site.collection(PROGRAMMES):
        programme = entry.data
        titles[entry.id] = {language: entry.title(language) for language in ("sv", "en")}
        areas = tuple(area for area, value in vocabularies["areas"].items() if value.programme == entry.id)
        ids = [anchor_ids(entry.variant(language).body) for language in ("sv", "en")]
        anchors.update({area: area for area in areas if all(area in found for found in ids)})
        if areas and programme.start is not None:
            last = (programme.end or programme.start).last_day
            periods.append(Period(entry.id, programme.start.first_day, last, areas))
    periods.sort(key=lambda period: period.last)
    taken = frozenset(entry.id.rsplit("/", 1)[1] for entry in site.entries.values()
                      if entry.collection in (ACTIVITIES, RESOURCES))
    venues: dict[str, list[str]] = {}
    for entry in site.collection(ACTIVITIES):
        if entry.data.venue not in (None, ONLINE) and entry.data.venue not in venues.get(entry.data.programme, []):
            venues.setdefault(entry.data.programme, []).append(entry.data.venue)
    return Base(
        sectors=tuple(vocabularies["sectors"]), types=tuple(vocabularies["activity-types"]),
        people=tuple(vocabularies["people"]), venues=tuple(vocabularies["venues"]),
        main=periods[-1], sisters=tuple(periods[:-1]), programmes=tuple(titles), programme_titles=titles,
        area_labels={area: {"sv": value.label.sv, "en": value.label.en}
                     for area, value in vocabularies["areas"].items()},
        area_anchors=anchors, programme_venues={key: tuple(value) for key, value in venues.items()}, taken=taken,
    )


# Planning: every item's path and fields, before any body (bodies link to other items). ------------------------


@dataclass(frozen=True)
class Raw:
    """A YAML value written as it is (dates, ids)."""

    text: str


@dataclass(frozen=True)
class Block:
    """A multi-line text written as a YAML literal block."""

    text: str


@dataclass
class Item:
    """One generated content item: where its files go, its frontmatter and what its bodies are made of."""

    collection: str
    folder: str
    slug: str
    languages: tuple[str, ...]
    """Its files: ('sv', 'en') or ('sv',); the Swedish one holds the data."""
    kind: str
    topic: Topic
    titles: dict[str, str]
    fields: dict[str, Any] = field(default_factory=dict)
    """The data file's fields in the order written; None where the prose is drawn as the file is written."""
    sessions: list[tuple[datetime, datetime]] = field(default_factory=list)
    links: list[Item] = field(default_factory=list)
    activity: Item | None = None
    area: str | None = None

    @property
    def path(self) -> str:
        """Its src_uri: the Swedish file's path under content/."""
        return f"{self.collection}/{self.folder}/{self.slug}.md"

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.slug}"

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles[self.languages[0]]


def weighted(rng: random.Random, pairs: Iterable[tuple[str, int]], number: int | None = None) -> str:
    """A value by its weight; the `number`th of a series takes each value once first, so even a small archive
    holds every one."""
    values, weights = zip(*pairs)
    choice = rng.choices(values, weights)[0]
    return values[number] if number is not None and number < len(values) else choice


def stockholm_text(moment: datetime | date) -> str:
    """A date or a Stockholm wall-clock time as staff write it."""
    return moment.strftime("%Y-%m-%dT%H:%M") if isinstance(moment, datetime) else moment.isoformat()


def first_day(fields: dict[str, Any]) -> date:
    """The first day an item's written date covers (its start, or a resource's date); an undated one's bound."""
    written = fields.get("start") or fields.get("date")
    if written is None:
        return date.fromisoformat((fields.get("before") or fields["after"]).text)
    return parse_moment(written.text).first_day


def last_day(fields: dict[str, Any]) -> date:
    """The last day an activity's written date covers (its end, else its start); an undated one's bound."""
    written = fields.get("end") or fields.get("start")
    if written is None:
        return date.fromisoformat((fields.get("before") or fields["after"]).text)
    return parse_moment(written.text).last_day


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    # Naive: the loader reads a written time as Stockholm time; generated hours never fall in a clock change.
    return datetime(day.year, day.month, day.day, hour, minute)


class Planner:
    """Decides every item from one rng, in a fixed order."""

    def __init__(self, rng: random.Random, base: Base, today: date, shape: Shape = SHAPE):
        self.rng, self.base, self.today, self.shape = rng, base, today, shape
        self.used = set(base.taken)
        self.next_number: dict[str, int] = {}
        self.videos = 0
        types = dict(shape.type_weights)
        self.type_weights = [(name, types.get(name, 2)) for name in base.types]
        self.when = dict(shape.when_by_type)
        self.bench_people = [f"{slug_of(given)}-{slug_of(family)}" for given, family in bench_person_names()]
        self.people = list(base.people) + self.bench_people
        bench_venues = [venue[0] for venue in BENCH_VENUES if venue[0] not in base.venues]
        # The platform's programme meets at the bench's venues too; the sister programmes where the base's say.
        self.venues = {period.programme: list(base.programme_venues.get(period.programme, ())) or list(base.venues)
                       for period in base.sisters}
        self.venues[base.main.programme] = bench_venues + list(base.programme_venues.get(base.main.programme, ()))

    def unique_slug(self, title: str) -> str:
        base = slug_of(title)
        slug, number = base, self.next_number.get(base, 2)
        while slug in self.used:
            slug, number = f"{base}-{number}", number + 1
        self.next_number[base] = number
        self.used.add(slug)
        return slug

    def languages(self) -> tuple[str, ...]:
        return {"sv+en": ("sv", "en"), "sv": ("sv",)}[weighted(self.rng, self.shape.languages)]

    def sectors(self) -> Raw:
        if self.rng.random() < self.shape.all_sectors_share:
            return Raw(ALL_SECTORS)
        chosen = self.rng.sample(self.base.sectors, self.rng.randint(1, 3))
        return Raw("[" + ", ".join(sorted(chosen)) + "]")

    def some_people(self, pool: list[str], most: int) -> Raw:
        return Raw("[" + ", ".join(self.rng.sample(pool, self.rng.randint(1, most))) + "]")

    def plan(self, items: int) -> list[Item]:
        count = round(items * self.shape.activity_share)
        activities = [self.activity(number) for number in range(count)]
        # Resources are what remains after an activity: they belong to activities that have ended.
        ended = [item for item in activities if last_day(item.fields) < self.today]
        resources = [self.resource(number, ended) for number in range(items - count)]
        everything = activities + resources
        for item in everything:
            if self.rng.random() < self.shape.see_also_share:
                item.links = [other for other in self.rng.sample(everything, min(4, len(everything)))
                              if other is not item][: self.rng.randint(1, 3)]
        return everything

    def activity(self, number: int) -> Item:
        rng, shape = self.rng, self.shape
        kind = weighted(rng, self.type_weights, number)
        period = self.base.main
        if self.base.sisters and rng.random() >= shape.main_programme_share:
            period = rng.choice(self.base.sisters)
        when = weighted(rng, self.when.get(kind, shape.default_when))
        when = weighted(rng, WHENS, number) if number < len(WHENS) else when
        start_day = random_day(rng, period.first, period.last)
        main = self.base.main
        ongoing = number % shape.ongoing_every == 0 and main.first <= self.today <= main.last
        if ongoing:
            period = main
            when, start_day = "sessions", self.today - timedelta(days=rng.randint(7, 40))
        languages = self.languages()
        topic = rng.choice(TOPICS)
        form = rng.randrange(len(TITLE_FORMS["sv"]))
        place = rng.choice(PLACES) if rng.random() < 0.3 else None
        titles = {}
        for language in languages:
            title = TITLE_FORMS[language][form].format(getattr(topic, language))
            titles[language] = title[0].upper() + title[1:] + (f" – {place}" if place else "")
        item = Item("activities", str(start_day.year), "", languages, kind, topic, titles)
        item.slug = self.unique_slug(titles[languages[0]])
        item.area = rng.choice(period.areas)
        fields = item.fields
        fields["title"] = titles[languages[0]]
        fields["type"] = Raw(kind)
        fields["programme"] = Raw(period.programme)
        fields["area"] = Raw(item.area)
        fields.update(self.dates(item, when, start_day, ongoing))
        status = weighted(rng, shape.statuses, number)
        online = status == Status.moved_online.value or rng.random() < shape.online_share
        if kind != "procurement":
            fields["venue"] = Raw(ONLINE if online else rng.choice(self.venues[period.programme]))
        if item.sessions:
            fields["sessions"] = self.session_list(item, online)
        if status != Status.scheduled.value or rng.random() < 0.3:
            fields["status"] = Raw(status)
        if rng.random() < shape.registration_share:
            fields["registration"] = (f"mailto:anmalan+{item.slug[:30]}@example.org"
                                      if rng.random() < shape.mail_registration_share
                                      else f"https://example.org/anmalan/{item.slug}")
        fields["sectors"] = self.sectors()
        if rng.random() < shape.language_field_share:
            fields["language"] = Raw(rng.choice(languages))
        fields["summary"] = None
        if kind != "procurement" and rng.random() < shape.facilitator_share:
            fields["facilitators"] = self.some_people(self.people, 3)
        if rng.random() < shape.contact_share:
            fields["contact"] = self.some_people(list(self.base.people), 1)
        if kind != "procurement" and last_day(fields) < self.today and rng.random() < shape.reported_share:
            fields["reported_participants"] = Raw(str(rng.randint(4, 120)))
            # Held activities with a reported number get an account; written from the number, not drawn, so the
            # rest of the archive (each draw of rng) stays as it was.
            fields["account"] = Block(ACCOUNT["sv"].format(count=fields["reported_participants"].text))
        if kind == "procurement" and when == "day":
            fields["deadline"] = Raw((start_day + timedelta(days=rng.randint(14, 40))).isoformat())
        self.common_tail(item, start_day, number)
        return item

    def dates(self, item: Item, when: str, start_day: date, ongoing: bool) -> dict[str, Any]:
        """start, end and date_note of an activity by how its date is known; its sessions in item.sessions."""
        rng = self.rng
        if when == "undated-past":
            item.folder = "undated"
            return {"before": Raw(min(start_day + timedelta(days=rng.randint(1, 60)), self.today).isoformat())}
        if when == "undated-upcoming":
            item.folder = "undated"
            return {"after": Raw((self.today + timedelta(days=rng.randint(1, 200))).isoformat())}
        if when == "season":
            return {"start": Raw(f"{start_day.year}-{rng.choice(sorted(SEASONS))}")}
        if when in ("year", "month"):
            written = str(start_day.year) if when == "year" else start_day.strftime("%Y-%m")
            return {"start": Raw(written), "date_note": DATE_NOTE[when][item.languages[0]]}
        if when == "day":
            return {"start": Raw(start_day.isoformat())}
        if when == "multi-day":
            return {"start": Raw(start_day.isoformat()),
                    "end": Raw((start_day + timedelta(days=rng.choice((1, 1, 2, 3, 6, 13, 20)))).isoformat())}
        start = at(start_day, rng.choice((9, 10, 13, 14, 17, 18)), rng.choice((0, 0, 30)))
        if when == "timed":
            return {"start": Raw(stockholm_text(start)),
                    "end": Raw(stockholm_text(start + timedelta(minutes=rng.choice((60, 90, 120, 180, 240, 360)))))}
        length = timedelta(minutes=rng.choice((90, 120, 180)))
        gap = rng.choice((7, 7, 14))
        count = rng.randint(2, 8)
        if ongoing:
            count = (self.today - start_day).days // gap + rng.randint(2, 5)
        item.sessions = [(start + timedelta(days=gap * number), start + timedelta(days=gap * number) + length)
                         for number in range(count)]
        return {"start": Raw(start_day.isoformat()), "end": Raw(item.sessions[-1][1].date().isoformat())}

    def session_list(self, item: Item, online: bool) -> list[dict[str, Any]]:
        sessions = []
        language = item.languages[0]
        for number, (start, end) in enumerate(item.sessions):
            session: dict[str, Any] = {"start": Raw(stockholm_text(start)), "end": Raw(stockholm_text(end))}
            if not online and self.rng.random() < 0.3:
                session["venue"] = Raw(ONLINE)
            if number in (0, len(item.sessions) - 1) and self.rng.random() < 0.5:
                session["title"] = SESSION_TITLES[language][0 if number == 0 else -1]
            sessions.append(session)
        return sessions

    def common_tail(self, item: Item, day: date, number: int) -> None:
        """updated and redirect_from, the last fields of every item (the second of each collection was moved)."""
        if self.rng.random() < self.shape.updated_share:
            item.fields["updated"] = Raw(min(day + timedelta(days=self.rng.randint(1, 90)), self.today).isoformat())
        if self.rng.random() < self.shape.moved_share or number == 1:
            item.fields["redirect_from"] = Raw(f"[{item.collection}/{item.folder}/{item.slug}-utkast.md]")

    def resource(self, number: int, activities: list[Item]) -> Item:
        rng, shape = self.rng, self.shape
        kind = weighted(rng, shape.kind_weights, number)
        activity = rng.choice(activities) if activities and rng.random() < shape.resource_of_activity_share else None
        languages = self.languages()
        topic = activity.topic if activity else rng.choice(TOPICS)
        titles = {}
        for language in languages:
            if kind == ResourceKind.recording.value and activity:
                titles[language] = RECORDING_OF[language].format(activity.title(language))
            else:
                about = getattr(topic, language)
                titles[language] = KIND_TITLE[language][kind].format(about[0].upper() + about[1:])
        item = Item("resources", kind, "", languages, kind, topic, titles, activity=activity)
        item.slug = self.unique_slug(titles[languages[0]])
        if activity:
            day = last_day(activity.fields)
            later = 0 if kind == ResourceKind.recording.value else rng.randint(1, 60)
            day = min(day + timedelta(days=later), self.today)
        else:
            period = rng.choice((self.base.main, *self.base.sisters))
            day = random_day(rng, period.first, min(period.last, self.today))
        fields = item.fields
        fields["title"] = titles[languages[0]]
        fields["kind"] = Raw(kind)
        fields["date"] = Raw(day.isoformat())
        fields["sectors"] = activity.fields["sectors"] if activity else self.sectors()
        fields["summary"] = None
        if activity:
            fields["activity"] = Raw(activity.id)
        else:
            fields["programme"] = Raw(rng.choice(self.base.programmes))
        if rng.random() < 0.6:
            fields["authors"] = self.some_people(self.people, 2)
        if rng.random() < 0.7:
            fields["license"] = Raw(rng.choice([licence.value for licence in License]))
        if rng.random() < shape.language_field_share:
            fields["language"] = Raw(rng.choice(languages))
        if kind in (ResourceKind.material.value, ResourceKind.report.value) and rng.random() < 0.7:
            fields["url"] = f"https://media.example.org/{kind}/{item.slug}.pdf"
        if kind == ResourceKind.recording.value:
            fields["video"] = self.video()
            hours, minutes = rng.randint(0, 2), rng.randint(1, 59)
            fields["duration"] = Raw(f"PT{hours}H{minutes}M" if hours else f"PT{minutes}M")
            if rng.random() < shape.captions_share:
                fields["captions"] = [{"language": Raw(language),
                                       "src": f"https://media.example.org/captions/{item.slug}.{language}.vtt"}
                                      for language in languages]
            fields["transcript"] = None
        self.common_tail(item, day, number)
        return item

    def video(self) -> str:
        """A video address of one of the forms the player knows (lce_platform/outputs/video.py)."""
        rng = self.rng
        form = weighted(rng, self.shape.video_forms, self.videos)
        self.videos += 1
        youtube = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", k=11))
        vimeo = str(rng.randint(10_000_000, 999_999_999))
        return {
            "youtube-watch": f"https://www.youtube.com/watch?v={youtube}",
            "youtu.be": f"https://youtu.be/{youtube}",
            "vimeo": f"https://vimeo.com/{vimeo}",
            "vimeo-unlisted": f"https://vimeo.com/{vimeo}/{rng.getrandbits(40):010x}",
            "mp4": f"https://media.example.org/video/{youtube}.mp4",
            "webm": f"https://media.example.org/video/{youtube}.webm",
        }[form]


# Writing: the fields of each file, their YAML, the bodies. ------------------------------------------------------


def data_fields(item: Item, language: str, prose: Prose) -> dict[str, Any]:
    """The frontmatter of the file holding an item's data: the planned fields with its summary (and transcript)."""
    fields = {**item.fields, "summary": prose.summary(language)}
    if "transcript" in fields:
        fields["transcript"] = transcript(prose, language)
    return fields


ACCOUNT = {
    "sv": "{count} personer deltog.\n\n## Vad vi gjorde\n\n- Arbete i grupper\n- En *gemensam* genomgång på slutet",
    "en": "{count} people took part.\n\n## What we did\n\n- Work in groups\n- A *shared* review at the end",
}
"""The account of a held activity in the bench archive: a paragraph, a heading and a list, as staff write them."""


def translation_fields(item: Item, data: dict[str, Any], prose: Prose) -> dict[str, Any]:
    """The English file's fields: the translatable ones of the model (title, summary, date_note, account,
    transcript)."""
    fields: dict[str, Any] = {"title": item.titles["en"], "summary": prose.summary("en")}
    if "account" in data:
        fields["account"] = Block(ACCOUNT["en"].format(count=data["reported_participants"].text))
    if "date_note" in data:
        fields["date_note"] = DATE_NOTE[("month" if len(data["start"].text) == 7 else "year")]["en"]
    if "transcript" in data and prose.rng.random() < 0.8:
        fields["transcript"] = transcript(prose, "en")
    return fields


def transcript(prose: Prose, language: str) -> Block:
    low, high = SHAPE.transcript_words
    return Block("\n\n".join(paragraphs(prose, language, prose.rng.randint(low, high))))


def paragraphs(prose: Prose, language: str, words: int) -> Iterator[str]:
    while words > 0:
        text = prose.paragraph(language)
        words -= text.count(" ") + 1
        yield text


def yaml_value(value: Any, indent: str = "") -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    if isinstance(value, Block):
        inner = indent + "  "
        return "|\n" + "\n".join(inner + line if line else "" for line in value.text.split("\n"))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_value(inner)}" for key, inner in value.items()) + "}"
    if isinstance(value, list):
        return "".join(f"\n{indent}  - {yaml_value(inner, indent + '    ')}" for inner in value)
    raise TypeError(f"no YAML for {value!r}")


def frontmatter(fields: dict[str, Any]) -> str:
    # A list starts on the next line, so its key takes no space after the colon.
    return "".join(f"{name}:{'' if isinstance(value, list) else ' '}{yaml_value(value)}\n"
                   for name, value in fields.items())


FROM_ITEM = "../../"
"""A link's way from an item's file to content/: every item is two folders deep (activities/2025/x.md)."""


class Bodies:
    """The Markdown bodies of items: lead, headings, paragraphs, lists, a table now and then, links."""

    def __init__(self, prose: Prose, base: Base):
        self.prose, self.rng, self.base = prose, prose.rng, base
        self.words = {name: (low, high) for name, low, high in SHAPE.body_words}

    def body(self, item: Item, language: str) -> str:
        rng, prose = self.rng, self.prose
        group = "activity" if item.collection == "activities" else "resource"
        low, high = self.words[group if group == "activity" else item.kind]
        target = rng.randint(low, high)
        headings = rng.sample(HEADINGS[(group, language)], len(HEADINGS[(group, language)]))
        blocks = [prose.paragraph(language), *self.fixed_links(item, language)]
        table = rng.random() < SHAPE.table_share
        words = sum(block.count(" ") + 1 for block in blocks)
        for heading in headings:
            if words >= target:
                break
            counted = len(blocks)
            blocks.append(f"## {heading}")
            blocks += [prose.paragraph(language) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.45:
                marker = "1." if rng.random() < 0.3 else "-"
                blocks.append("\n".join(f"{marker} {prose.phrase(language)}" for _ in range(rng.randint(3, 7))))
            if rng.random() < 0.3:
                blocks += [f"### {prose.phrase(language, 2, 4)}", prose.paragraph(language)]
            if table:
                table = False
                blocks.append(self.table(item, language))
            words += sum(block.count(" ") + 1 for block in blocks[counted:])
        if item.links:
            blocks.append(f"**{SEE_ALSO[language]}:**\n\n" + "\n".join(
                f"- [{other.title(language)}]({FROM_ITEM + other.path})" for other in item.links))
        return "\n\n".join(blocks) + "\n"

    def fixed_links(self, item: Item, language: str) -> list[str]:
        """The links the repo's items have: an activity to its area on its programme's page, a resource to its
        activity or programme."""
        if item.area:
            programme = item.fields["programme"].text
            anchor = self.base.area_anchors.get(item.area)
            target = f"programmes/{programme}.md" + (f"#{anchor}" if anchor else "")
            return [AREA_LINK[language].format(self.base.area_labels[item.area][language], FROM_ITEM + target)]
        if item.activity:
            return [ACTIVITY_LINK[language].format(item.activity.title(language), FROM_ITEM + item.activity.path)]
        programme = item.fields["programme"].text
        return [PROGRAMME_LINK[language].format(self.base.programme_titles[programme][language],
                                                f"{FROM_ITEM}programmes/{programme}.md")]

    def table(self, item: Item, language: str) -> str:
        columns = TABLE_COLUMNS[language]
        rows = ["| " + " | ".join(columns) + " |", "|" + "|".join(["---"] * len(columns)) + "|"]
        first = first_day(item.fields)
        times = item.sessions or [(at(first + timedelta(days=7 * number), self.rng.choice((9, 10, 13, 14, 17))), None)
                                  for number in range(self.rng.randint(3, 6))]
        for start, _end in times:
            rows.append(f"| {start.date().isoformat()} | {start:%H:%M} | {self.prose.phrase(language, 2, 4)} "
                        f"| {self.rng.choice(GIVEN_NAMES)} {self.rng.choice(FAMILY_NAMES)} |")
        return "\n".join(rows)


def write_item(output: Path, item: Item, prose: Prose, bodies: Bodies) -> int:
    """Write an item's files; return the words of their bodies."""
    data_language = item.languages[0]
    data = data_fields(item, data_language, prose)
    folder = output / item.collection / item.folder
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for language in item.languages:
        fields = data if language == data_language else translation_fields(item, data, prose)
        body = bodies.body(item, language)
        words += body.count(" ")
        name = item.slug + (".en.md" if language == "en" else ".md")
        (folder / name).write_text(f"---\n{frontmatter(fields)}---\n\n{body}", encoding="utf-8")
    return words


def vocabulary_additions(planner: Planner) -> dict[str, str]:
    """YAML appended to the copied vocabularies: the bench's venues and people."""
    venues = ["# Venues of the benchmark archive."]
    for venue_id, name, street, postal_code, locality in BENCH_VENUES:
        if venue_id not in planner.base.venues:
            venues.append(f"{venue_id}:\n  name: {json.dumps(name, ensure_ascii=False)}\n  address: "
                          f"{{street: {json.dumps(street, ensure_ascii=False)}, postal_code: \"{postal_code}\", "
                          f"locality: {json.dumps(locality, ensure_ascii=False)}, country: SE}}")
    people = ["# People of the benchmark archive."]
    for number, ((given, family), person) in enumerate(zip(bench_person_names(), planner.bench_people)):
        role_sv, role_en = ROLES[number % len(ROLES)]
        people.append(f"{person}:\n  name: {given} {family}\n  role: {{sv: {role_sv}, en: {role_en}}}\n"
                      f"  email: {person}@example.org")
    return {"venues.yml": "\n".join(venues) + "\n", "people.yml": "\n".join(people) + "\n"}


def generate(output: Path, items: int, seed: int = DEFAULT_SEED, today: date = DEFAULT_TODAY,
             base: Path = REPO / "content") -> dict[str, int]:
    """Write the archive into `output` (replacing an archive written there before); return what it holds."""
    if output.exists():
        if any(output.iterdir()) and not (output / MARKER).is_file():
            raise SystemExit(f"generate_archive: {output} is not empty and holds no {MARKER}; not replacing it")
        shutil.rmtree(output)
    shutil.copytree(base, output)
    rng = random.Random(seed)
    planner = Planner(rng, read_base(base, today), today)
    planned = planner.plan(items)
    for name, text in vocabulary_additions(planner).items():
        with (output / "vocabularies" / name).open("a", encoding="utf-8") as stream:
            stream.write(text)
    prose = Prose(rng)
    bodies = Bodies(prose, planner.base)
    words = sum(write_item(output, item, prose, bodies) for item in planned)
    (output / MARKER).write_text(f"items {items}\nseed {seed}\ntoday {today.isoformat()}\n", encoding="utf-8")
    files = sum(len(item.languages) for item in planned)
    return {"items": len(planned), "files": files, "words": words}


def main(argv: list[str] | None = None) -> int:
    """Command line: generate_archive.py OUTPUT --items N [--seed S] [--today D] [--base content]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder to write (a copy of --base plus the items)")
    parser.add_argument("--items", type=int, required=True, help="activities and resources to add")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY,
                        help="the day the bench builds as of (activities are spread around it)")
    parser.add_argument("--base", type=Path, default=REPO / "content", help="content to start from")
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    held = generate(arguments.output, arguments.items, arguments.seed, arguments.today, arguments.base)
    print(f"wrote {held['items']:,} items ({held['files']:,} files, {held['words'] // max(1, held['files']):,} body "
          f"words a file) into {arguments.output} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
