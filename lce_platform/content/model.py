"""The content model: every collection and vocabulary, defined once.

Validation, the staff documentation, the editor JSON Schema and the CMS configuration all derive
from these classes. Each field carries an English description and a Swedish one (`sv`).
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lce_platform.content.characters import invisible_problem
from lce_platform.content.errors import allowed_list, closest
from lce_platform.content.moments import Moment, ends_before, parse_moment

Day = date
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
ALL_SECTORS = "all"
ONLINE = "online"


def described(en: str, sv: str, **extra: Any) -> dict[str, Any]:
    """Field keyword arguments carrying the English and Swedish description of a field."""
    schema_extra = {"sv": sv, **extra}
    return {"description": en, "json_schema_extra": schema_extra}


class StrictModel(BaseModel):
    """Base of every model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# Plain value types ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _single_line(value: str) -> str:
    if "\n" in value or _CONTROL.search(value):
        raise PydanticCustomError("single_line", "must be one line of text without control characters")
    return value


def _plain_text(value: str) -> str:
    if _CONTROL.sub("", value.replace("\n", "").replace("\t", "")) != value.replace("\n", "").replace("\t", ""):
        raise PydanticCustomError("plain_text", "must be text without control characters")
    return " ".join(value.split())


def _visible(value: str) -> str:
    problem = invisible_problem(value)
    if problem:
        # Two titles that look the same must be the same (search, lists, links by title).
        raise PydanticCustomError("invisible", problem)
    return value


Title = Annotated[str, Field(min_length=3, max_length=140), AfterValidator(_single_line), AfterValidator(_visible)]
Summary = Annotated[str, Field(min_length=10, max_length=300), AfterValidator(_plain_text)]
Text = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_plain_text)]
Name = Annotated[str, Field(min_length=1, max_length=140), AfterValidator(_single_line)]


def _markdown(value: str) -> str:
    if _CONTROL.search(value.replace("\t", "")):
        raise PydanticCustomError("markdown", "must be Markdown text without control characters")
    return value


Markdown = Annotated[str, Field(min_length=10, max_length=20_000, json_schema_extra={"contentMediaType": "text/markdown"}),
                     AfterValidator(_markdown)]


def _moment(value: object) -> Moment:
    try:
        return parse_moment(value)
    except ValueError as error:
        raise PydanticCustomError("moment", "{reason}", {"reason": str(error)}) from None


MomentValue = Annotated[
    Moment,
    PlainValidator(_moment),
    PlainSerializer(lambda moment: moment.iso(), return_type=str),
    WithJsonSchema(
        {
            # A bare year is an integer to YAML (start: 2024), so both forms are allowed.
            "type": ["string", "integer"],
            "minimum": 1900,
            "maximum": 2999,
            "pattern": r"^\d{4}(-(spring|summer|autumn)|-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?)?)?$",
            "examples": ["2025-03-19", "2025-03-19T18:00", "2024-11", "2024-autumn", "2024"],
        }
    ),
]


def _full_day(moment: Moment) -> Moment:
    if not moment.has_day:
        raise PydanticCustomError("needs_day", "needs a day, like 2025-03-19 or 2025-03-19T18:00")
    return moment


DayMoment = Annotated[MomentValue, AfterValidator(_full_day)]


_SPACE = re.compile(r"\s")
"""Any character str.isspace() takes for a space (the same test, in one search instead of one call a character)."""


def _url(value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    ok = parts.scheme in schemes and (parts.netloc if parts.scheme == "https" else parts.path)
    if not ok or _SPACE.search(value) or '"' in value or "<" in value:
        raise PydanticCustomError(
            "url", "'{value}' is not a web address; allowed: {allowed}",
            {"value": value, "allowed": " or ".join(f"{scheme}:…" for scheme in schemes)},
        )
    return value


HttpsUrl = Annotated[
    str, AfterValidator(lambda value: _url(value, ("https",))),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]
LinkUrl = Annotated[
    str, AfterValidator(lambda value: _url(value, ("https", "mailto"))),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^(https://|mailto:)"}),
]

_DURATION = re.compile(r"^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise PydanticCustomError("duration", "'{value}' is not an ISO 8601 duration like PT1H25M", {"value": value})
    return value


Duration = Annotated[str, AfterValidator(_duration), WithJsonSchema({"type": "string", "pattern": _DURATION.pattern})]


def _count(value: object) -> int:
    # Strict: YAML's true, 12.5 or "about 40" is not a count, and a count is never guessed from one.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError("count", "must be a whole number, 0 or more, not {value}", {"value": repr(value)})
    return value


Count = Annotated[int, PlainValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]

_OLD_PATH = re.compile(r"^(?:content/)?([a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_.-]*)*)\.md$")


def _old_path(value: str) -> str:
    match = _OLD_PATH.match(value)
    if not match or value.endswith(".en.md"):
        raise PydanticCustomError(
            "old_path", "'{value}' is not the path of a content file; write it like activities/2024/old-name.md",
            {"value": value},
        )
    return match.group(1) + ".md"


OldPath = Annotated[str, AfterValidator(_old_path), WithJsonSchema({"type": "string", "pattern": _OLD_PATH.pattern})]


def redirect_from_field() -> Any:
    """The field listing where a moved or renamed file used to be, so its old addresses keep working."""
    return Field((), **described(
        "Old paths of this file under content/ (e.g. activities/2024/old-name.md) after moving or renaming it: "
        "their addresses lead here.",
        "Tidigare sökvägar för filen under content/ (t.ex. activities/2024/gammalt-namn.md) efter att den flyttats "
        "eller bytt namn: deras adresser leder hit.",
    ))


class Ref:
    """Marks a field whose value is the id of an entry elsewhere (a vocabulary or another file)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"Ref({self.kind!r})"


def _check_ref(kind: str):
    def check(value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("known", {}).get(kind)
        if known is None or value in known:
            return value
        raise PydanticCustomError(
            "unknown_ref",
            "'{value}' is not one of the {kind}",
            {"value": value, "kind": kind, "allowed": allowed_list(known), "suggestion": closest(value, known)},
        )

    return check


def ref(kind: str) -> Any:
    """A field type holding an id of `kind` (checked against what the build knows)."""
    return Annotated[str, Field(pattern=ID_PATTERN if kind != "activities" else r"^(\d{4}|undated)/[a-z0-9-]+$"),
                     AfterValidator(_check_ref(kind)), Ref(kind)]


def _as_tuple(value: object) -> object:
    if isinstance(value, str):
        return (value,)
    return value


SectorRef = ref("sectors")
PersonRef = ref("people")
VenueRef = ref("venues")
OrganisationRef = ref("organisations")


def _sectors(value: tuple[str, ...]) -> tuple[str, ...]:
    if ALL_SECTORS in value and len(value) > 1:
        raise PydanticCustomError("all_alone", "'all' stands alone: write either 'all' or a list of sectors")
    if len(set(value)) != len(value):
        raise PydanticCustomError("repeated", "names a sector twice")
    return value


Sectors = Annotated[tuple[SectorRef, ...], BeforeValidator(_as_tuple), Field(min_length=1), AfterValidator(_sectors)]
People = Annotated[tuple[PersonRef, ...], BeforeValidator(_as_tuple)]


class Language(str, Enum):
    """Language of an activity or resource."""

    sv = "sv"
    en = "en"


class Status(str, Enum):
    """Where an activity stands."""

    scheduled = "scheduled"
    full = "full"
    waitlist = "waitlist"
    cancelled = "cancelled"
    postponed = "postponed"
    moved_online = "moved-online"


class ResourceKind(str, Enum):
    """What a resource is."""

    material = "material"
    recording = "recording"
    case_study = "case-study"
    tutorial = "tutorial"
    report = "report"


class License(str, Enum):
    """Licence of a resource."""

    cc_by = "CC-BY-4.0"
    cc_by_sa = "CC-BY-SA-4.0"
    cc_by_nc = "CC-BY-NC-4.0"
    cc0 = "CC0-1.0"
    reserved = "all-rights-reserved"


# Collections ---------------------------------------------------------------------------------


class Session(StrictModel):
    """One meeting of an activity that meets several times."""

    start: DayMoment = Field(**described("When the meeting starts.", "När mötet börjar."))
    end: MomentValue | None = Field(None, **described("When the meeting ends.", "När mötet slutar."))
    venue: VenueRef | None = Field(
        None, **described("Where it meets: a venue id or 'online'; default the activity's venue.",
                          "Var mötet hålls: ett plats-id eller 'online'; annars aktivitetens plats.")
    )
    title: Annotated[Name, AfterValidator(_visible)] | None = Field(
        None, **described("A name for the meeting.", "Mötets namn.")
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Session:
        if self.end is not None and ends_before(self.end, self.start):
            raise PydanticCustomError("end_before_start", "end: is before start")
        return self


class Activity(StrictModel):
    """One activity of a programme: a class, course, seminar, meeting, procurement…"""

    title: Title = Field(**described("Name of the activity, 3–140 characters.", "Aktivitetens namn, 3–140 tecken."))
    type: ref("activity-types") = Field(**described("Kind of activity.", "Typ av aktivitet."))
    programme: ref("programmes") = Field(
        **described("The programme it belongs to (a file in content/programmes/).",
                    "Programmet den hör till (en fil i content/programmes/).")
    )
    area: ref("areas") = Field(**described("Area of its programme.", "Område inom programmet."))
    start: MomentValue | None = Field(
        None, **described(
            "First day, or date and time (Stockholm time). When only the month, the season or the year is known, write "
            "only that: 2024-11, 2024-autumn (spring, summer, autumn) or 2024. When no date has been announced, leave it "
            "out and give before and/or after instead; lists then say 'date not announced'.",
            "Första dag, eller datum och tid (svensk tid). När bara månaden, årstiden eller året är känt skriver du bara "
            "det: 2024-11, 2024-autumn (spring, summer, autumn) eller 2024. När inget datum har angetts utelämnar du "
            "fältet och anger before och/eller after i stället; listorna visar då 'datum ej angivet'.",
        )
    )
    before: Day | None = Field(
        None, **described(
            "Only without start: a day by which it had begun (and, without end, ended), e.g. the day an announcement "
            "lists it as past. Lists it as past from that day.",
            "Bara utan start: en dag då den redan hade börjat (och, utan end, slutat), t.ex. dagen då ett utskick anger "
            "den som genomförd. Den listas som genomförd från den dagen.",
        )
    )
    after: Day | None = Field(
        None, **described(
            "Only without start: the first day it can take place, e.g. the programme's first day or the day it was "
            "announced for later.",
            "Bara utan start: första dagen den kan äga rum, t.ex. programmets första dag eller dagen då den aviserades.",
        )
    )
    end: MomentValue | None = Field(
        None, **described("Last day or end time; never before start.", "Sista dag eller sluttid; aldrig före start.")
    )
    date_note: Text | None = Field(
        None, **described("When the date is not exactly known: what is known, shown instead of the date on its page "
                          "(e.g. 'between November 2024 and March 2025; exact date not known').",
                          "När datumet inte är känt exakt: det som är känt, visas i stället för datumet på sidan "
                          "(t.ex. 'mellan november 2024 och mars 2025; exakt datum saknas').")
    )
    sessions: tuple[Session, ...] = Field(
        (), **described("Meetings of an activity that meets several times.", "Möten för en aktivitet med flera träffar.")
    )
    venue: VenueRef | None = Field(
        None, **described("Where it takes place: a venue id or 'online'.", "Var den hålls: ett plats-id eller 'online'.")
    )
    status: Status = Field(Status.scheduled, **described("Booking status.", "Bokningsläge."))
    registration: LinkUrl | None = Field(
        None, **described("Registration link (https:// or mailto:).", "Länk för anmälan (https:// eller mailto:).")
    )
    reported_participants: Count | None = Field(
        None, **described("Number of people who took part, as reported afterwards (attendance list or the report to the "
                          "funder). Leave it out when no number is reported: the impact pages then say 'not reported'.",
                          "Antal personer som deltog, enligt rapporteringen i efterhand (deltagarlista eller rapporten "
                          "till finansiären). Utelämna det när inget antal rapporterats: resultatsidorna skriver då "
                          "'ej rapporterat'.")
    )
    account: Markdown | None = Field(
        None, **described(
            "Written after it took place: what happened, in Markdown (paragraphs, lists, emphasis, https links); the "
            "English one goes in the translation file. Its page then leads with it, with the reported participants and "
            "the resources that name the activity, and keeps the announcement below it. Never write one without a "
            "source (notes, the report to the funder).",
            "Skrivs efter att den genomförts: vad som hände, i Markdown (stycken, listor, betoning, https-länkar); den "
            "engelska skrivs i översättningsfilen. Sidan inleds då med den, med rapporterat antal deltagare och de "
            "resurser som hör till aktiviteten, och behåller annonsen under. Skriv aldrig en utan källa "
            "(anteckningar, rapporten till finansiären).",
        )
    )
    sectors: Sectors = Field(**described("Sectors it is for, or 'all'.", "Sektorer den riktar sig till, eller 'all'."))
    language: Language | None = Field(None, **described("Language it is held in.", "Språk den hålls på."))
    summary: Summary | None = Field(
        None, **described(
            "Plain-text summary, 10–300 characters (lists, search, feeds): what the title does not say (for whom, what "
            "one learns, when). Leave it out when nothing more than the title is known; it is then shown nowhere, "
            "never filled in.",
            "Sammanfattning i ren text, 10–300 tecken (listor, sök, flöden): det som titeln inte säger (för vem, vad "
            "man lär sig, när). Utelämna den när inget mer än titeln är känt; då visas ingen, den fylls aldrig ut.",
        )
    )
    facilitators: People = Field((), **described("People who lead it.", "Personer som leder den."))
    contact: People = Field((), **described("People to contact.", "Kontaktpersoner."))
    deadline: MomentValue | None = Field(
        None, **described("Last day to apply or tender (procurements).", "Sista dag för ansökan eller anbud (upphandlingar).")
    )
    updated: Day | None = Field(None, **described("Day of the last real change.", "Dag för senaste ändringen."))
    redirect_from: tuple[OldPath, ...] = redirect_from_field()

    @property
    def date_known(self) -> bool:
        """True when its start is known (at least its year); False when no date has been announced."""
        return self.start is not None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Activity:
        self._check_dates()
        if self.end is not None and self.start is not None and ends_before(self.end, self.start):
            raise PydanticCustomError("end_before_start", "end: {end} is before start {start}",
                                      {"end": self.end.iso(), "start": self.start.iso()})
        area_programme = (info.context or {}).get("area_programme", {}).get(self.area)
        if area_programme is not None and area_programme != self.programme:
            raise PydanticCustomError(
                "area_programme", "area: '{area}' belongs to programme '{owner}', not '{programme}'",
                {"area": self.area, "owner": area_programme, "programme": self.programme},
            )
        return self

    def _check_dates(self) -> None:
        bounds = "before: (a day by which it had begun) and/or after: (the first day it can take place)"
        if self.start is None:
            if self.before is None and self.after is None:
                raise PydanticCustomError(
                    "no_date", "start: is missing; write when it starts (2025-03-19, 2025-03, 2025-autumn or 2025) "
                    "or, when no date has been announced, leave start out and give {bounds}", {"bounds": bounds})
            if self.sessions:
                raise PydanticCustomError(
                    "sessions_without_start", "sessions: an activity with dated meetings needs its start; write the "
                    "first meeting's day as start")
        elif self.before is not None or self.after is not None:
            field = "before" if self.before is not None else "after"
            raise PydanticCustomError(
                "bound_with_start", "{field}: is only for an activity without start; remove it (start {start} says "
                "when) or remove start when no date has been announced", {"field": field, "start": self.start.iso()})
        if self.before is not None and self.after is not None and self.after >= self.before:
            raise PydanticCustomError(
                "bounds_crossed", "after: {after} is not before before: {before}; after is the first possible day, "
                "before a day by which it had begun", {"after": self.after.isoformat(), "before": self.before.isoformat()})
        if self.end is not None and self.after is not None and self.end.last_day < self.after:
            raise PydanticCustomError(
                "end_before_after", "end: {end} is before after: {after}",
                {"end": self.end.iso(), "after": self.after.isoformat()})


class Caption(StrictModel):
    """A captions track of a recording."""

    language: Language = Field(**described("Language of the captions.", "Textningens språk."))
    src: HttpsUrl = Field(**described("WebVTT file (https://).", "WebVTT-fil (https://)."))


class Resource(StrictModel):
    """What remains after an activity: material, recording, case study, tutorial or report."""

    title: Title = Field(**described("Name of the resource.", "Resursens namn."))
    kind: ResourceKind = Field(**described("Kind of resource; also its folder.", "Typ av resurs; även dess mapp."))
    date: MomentValue = Field(**described("Date it was published or recorded.", "Datum då den publicerades eller spelades in."))
    sectors: Sectors = Field(**described("Sectors it is for, or 'all'.", "Sektorer den riktar sig till, eller 'all'."))
    summary: Summary = Field(**described("Plain-text summary, 10–300 characters.", "Sammanfattning i ren text, 10–300 tecken."))
    activity: ref("activities") | None = Field(
        None, **described("The activity it belongs to: its path under content/activities/ without .md, e.g. 2024/ai-and-creativity.",
                          "Aktiviteten den hör till: sökväg under content/activities/ utan .md, t.ex. 2024/ai-and-creativity.")
    )
    programme: ref("programmes") | None = Field(
        None, **described("The programme it belongs to, when not through an activity.",
                          "Programmet den hör till, om inte via en aktivitet.")
    )
    authors: People = Field((), **described("People who made it.", "Personer som gjort den."))
    license: License | None = Field(None, **described("Licence.", "Licens."))
    language: Language | None = Field(None, **described("Language of the resource.", "Resursens språk."))
    url: HttpsUrl | None = Field(None, **described("Link to the file or page (https://).", "Länk till filen eller sidan (https://)."))
    video: HttpsUrl | None = Field(
        None, **described("Recordings: https link to the video file or its YouTube/Vimeo page.",
                          "Inspelningar: https-länk till videofilen eller dess YouTube/Vimeo-sida.")
    )
    duration: Duration | None = Field(None, **described("Recordings: length, e.g. PT1H25M.", "Inspelningar: längd, t.ex. PT1H25M."))
    captions: tuple[Caption, ...] = Field((), **described("Recordings: caption tracks.", "Inspelningar: textningsspår."))
    transcript: str | None = Field(
        None, **described("Recordings: the transcript as text.", "Inspelningar: transkriberingen som text."), max_length=100_000
    )
    thumbnail: HttpsUrl | None = Field(None, **described("Recordings: preview image (https://).", "Inspelningar: förhandsbild (https://)."))
    updated: Day | None = Field(None, **described("Day of the last real change.", "Dag för senaste ändringen."))
    redirect_from: tuple[OldPath, ...] = redirect_from_field()

    @model_validator(mode="after")
    def _recording_fields(self) -> Resource:
        if self.kind is ResourceKind.recording:
            if self.video is None:
                raise PydanticCustomError("video_required", "video: a recording needs its video (an https link)")
        else:
            for name in ("video", "duration", "thumbnail"):
                if getattr(self, name):
                    raise PydanticCustomError("recording_only", "{field}: only recordings have it", {"field": name})
            if self.captions or self.transcript:
                raise PydanticCustomError("recording_only", "captions/transcript: only recordings have them")
        return self


class Programme(StrictModel):
    """A programme: Learn, Create, Engage or one of its sister programmes."""

    title: Title = Field(**described("Name of the programme.", "Programmets namn."))
    summary: Summary = Field(**described("Plain-text summary, 10–300 characters.", "Sammanfattning i ren text, 10–300 tecken."))
    owner: OrganisationRef | None = Field(None, **described("Organisation that runs it.", "Organisationen som driver det."))
    funders: tuple[OrganisationRef, ...] = Field((), **described("Organisations that fund it.", "Organisationer som finansierar det."))
    partners: tuple[OrganisationRef, ...] = Field((), **described("Partner organisations.", "Samarbetsorganisationer."))
    fund: Name | None = Field(None, **described("Fund it is financed from, e.g. ESF+.", "Fond det finansieras ur, t.ex. ESF+."))
    co_financing: int | None = Field(
        None, ge=0, le=100, **described("EU co-financing rate in per cent.", "EU:s medfinansieringsgrad i procent.")
    )
    reference: Name | None = Field(None, **described("Reference (diary) number.", "Diarienummer."))
    start: MomentValue | None = Field(
        None, **described("Start of the programme period; leave it out when no source gives it.",
                          "Programperiodens start; utelämna den när ingen källa anger den.")
    )
    end: MomentValue | None = Field(None, **described("End of the programme period.", "Programperiodens slut."))
    region: Name | None = Field(None, **described("Region it works in.", "Region det verkar i."))
    region_code: Name | None = Field(None, **described("NUTS code of the region.", "NUTS-kod för regionen."))
    places: tuple[Name, ...] = Field((), **described("Places it works in.", "Orter det verkar på."))
    target_groups: tuple[Text, ...] = Field((), **described("Who it is for.", "Vilka det riktar sig till."))
    goals: tuple[Text, ...] = Field((), **described("What it aims for.", "Vad det syftar till."))
    participants: int | None = Field(None, ge=0, **described("Planned number of participants.", "Planerat antal deltagare."))
    contacts: People = Field((), **described("People to contact.", "Kontaktpersoner."))
    website: HttpsUrl | None = Field(None, **described("Its own website (https://).", "Egen webbplats (https://)."))
    updated: Day | None = Field(None, **described("Day of the last real change.", "Dag för senaste ändringen."))
    redirect_from: tuple[OldPath, ...] = redirect_from_field()


class Page(StrictModel):
    """Any other page of the site: home, about, guides."""

    title: Title = Field(**described("Title of the page.", "Sidans titel."))
    summary: Summary | None = Field(None, **described("Plain-text summary for search engines.", "Sammanfattning för sökmotorer."))
    hide: tuple[Annotated[str, Field(pattern="^(navigation|toc|footer)$")], ...] = Field(
        (), **described("Parts of the layout to hide: navigation, toc.", "Delar av sidlayouten att dölja: navigation, toc.")
    )
    updated: Day | None = Field(None, **described("Day of the last real change.", "Dag för senaste ändringen."))
    redirect_from: tuple[OldPath, ...] = redirect_from_field()


TRANSLATABLE: dict[type[StrictModel], tuple[str, ...]] = {
    Activity: ("title", "summary", "date_note", "account"),
    Resource: ("title", "summary", "transcript"),
    Programme: ("title", "summary", "target_groups", "goals", "region", "places"),
    Page: ("title", "summary", "hide"),
}


def translation_model(model: type[StrictModel]) -> type[StrictModel]:
    """The model of a translation file (`x.en.md`): only the translatable fields, title required."""
    fields: dict[str, Any] = {}
    for name in TRANSLATABLE[model]:
        info = model.model_fields[name]
        annotation = info.annotation if name == "title" else info.annotation | None
        fields[name] = (annotation, info if name == "title" else Field(None, description=info.description,
                                                                         json_schema_extra=info.json_schema_extra))
    return create_model(f"{model.__name__}Translation", __base__=StrictModel, __doc__=f"Translation of {model.__name__}.",
                        **fields)


TRANSLATIONS = {model: translation_model(model) for model in TRANSLATABLE}


# Vocabularies --------------------------------------------------------------------------------


class Labels(StrictModel):
    """A text in Swedish and English."""

    sv: Name
    en: Name

    def __call__(self, language: str) -> str:
        return getattr(self, language)


class LongLabels(StrictModel):
    """A longer text in Swedish and English."""

    sv: Text
    en: Text

    def __call__(self, language: str) -> str:
        return getattr(self, language)


class Sector(StrictModel):
    """A sector of the cultural and creative industries."""

    label: Labels


class ActivityType(StrictModel):
    """A type of activity."""

    label: Labels
    plural: Labels
    schema_type: str = Field("Event", pattern="^(Event|Course|EducationEvent|BusinessEvent|SocialEvent)$")


class Area(StrictModel):
    """An area of a programme (for Learn, Create, Engage: its four key areas)."""

    programme: ref("programmes")
    label: Labels
    summary: LongLabels | None = None


class Address(StrictModel):
    """A postal address."""

    street: Name | None = None
    postal_code: Name | None = None
    locality: Name | None = None
    country: str = Field("SE", pattern="^[A-Z]{2}$")


class Venue(StrictModel):
    """A place where activities happen."""

    name: Name
    address: Address
    url: HttpsUrl | None = None


class Person(StrictModel):
    """A facilitator, author or contact person."""

    name: Name
    role: Labels | None = None
    organisation: OrganisationRef | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$")] | None = None
    phone: Annotated[str, Field(pattern=r"^\+?[0-9 ()-]{6,20}$")] | None = None


class Organisation(StrictModel):
    """An organisation: programme owner, funder or partner."""

    name: Labels
    url: HttpsUrl | None = None
    org_number: Name | None = None
    locality: Name | None = None
    country: str = Field("SE", pattern="^[A-Z]{2}$")


VOCABULARIES: dict[str, type[StrictModel]] = {
    "sectors": Sector,
    "activity-types": ActivityType,
    "areas": Area,
    "venues": Venue,
    "people": Person,
    "organisations": Organisation,
}
"""Vocabulary files (content/vocabularies/<name>.yml) and the model of their entries."""


def ref_kind(annotation: Any) -> str | None:
    """The kind of id a field annotation refers to, if it is a reference (also inside tuples and optionals)."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Ref):
            return item.kind
    for argument in getattr(annotation, "__args__", ()) or ():
        kind = ref_kind(argument)
        if kind:
            return kind
    return None
