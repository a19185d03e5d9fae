"""Turn the synthetic benchmark corpus into content of our model, beside a copy of the repo's own content.

The generator (../shared/bench/gen_corpus.py) writes a generic archive: statuses 'open', areas of its
own, locations as free text, folders materials/recordings/case-studies. This maps each file to our
content model without changing the generator, so the benchmark builds what staff would write. `make bench`
builds its own archive (bench/generate_archive.py); this conversion is only for `bench/run.py --cross-check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import shutil
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PROGRAMME = "learn-create-engage"
AREAS = {
    "business-development": "tailored-competence-development",
    "digital-skills": "data-driven-methods",
    "sustainability": "peer-learning-programme",
    "internationalisation": "outreach-events",
}
STATUSES = {"open": "scheduled", "full": "full", "cancelled": "cancelled"}
RESOURCE_FOLDERS = {"materials": "material", "recordings": "recording", "case-studies": "case-study"}
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_TRANSLITERATION = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def venue_id(location: str) -> str:
    """A venue id for a free-text location like 'Malmö, Moriska Paviljongen'."""
    city, _, place = location.partition(",")
    text = f"{place} {city}".translate(_TRANSLITERATION).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def moment_text(value: dt.date | dt.datetime) -> str:
    """A date as staff write it: a day, or a Stockholm wall-clock time without offset."""
    if isinstance(value, dt.datetime):
        return value.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def split_file(path: Path) -> tuple[dict, str]:
    """Frontmatter and body of a generated file."""
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def activity_fields(data: dict, venues: dict[str, dict]) -> dict:
    """Our activity frontmatter from a generated one."""
    location = data["location"]
    if data.get("online"):
        venue = "online"
    else:
        venue = venue_id(location)
        city, _, place = location.partition(",")
        venues[venue] = {"name": place.strip(), "address": {"locality": city.strip(), "country": "SE"}}
    return {
        "title": data["title"],
        "type": data["type"],
        "programme": PROGRAMME,
        "area": AREAS[data["area"]],
        "start": moment_text(data["start"]),
        "end": moment_text(data["end"]),
        "venue": venue,
        "status": STATUSES[data["status"]],
        "registration": data["registration"],
        "sectors": data["sectors"],
        "language": data["language"],
        "summary": data["summary"],
    }


def resource_fields(data: dict, kind: str, activity_paths: dict[str, str]) -> dict:
    """Our resource frontmatter from a generated one."""
    fields = {
        "title": data["title"],
        "kind": kind,
        "date": moment_text(data["date"]),
        "sectors": data["sectors"],
        "summary": data["summary"],
        "language": data["language"],
    }
    if data.get("activity"):
        fields["activity"] = activity_paths[data["activity"]]
    else:
        fields["programme"] = PROGRAMME
    if kind == "recording":
        # The generator's video pages are on a host no player knows: give each a file the page can play,
        # and its summary as the transcript, so the archive passes the strict build's recording rules.
        fields["video"] = data["video"].rstrip("/") + ".mp4"
        fields["duration"] = data["duration"]
        fields["transcript"] = data["summary"]
    return fields


def renamed_link(target: str) -> str:
    """A relative link with the generator's resource folders renamed to our kinds."""
    return "/".join(RESOURCE_FOLDERS.get(part, part) for part in target.split("/"))


def people_vocabularies(count: int) -> tuple[dict, dict]:
    """`count` synthetic people in count // 5 + 1 organisations, for measuring the people pages."""
    organisations = {f"bench-organisation-{number:03d}": {"name": {"sv": f"Organisation {number}", "en": f"Organisation {number}"}}
                     for number in range(count // 5 + 1)}
    keys = list(organisations)
    people = {f"bench-person-{number:03d}": {"name": f"Person {number}", "organisation": keys[number % len(keys)],
                                              **({"email": f"person{number}@example.org"} if number % 4 == 0 else {})}
              for number in range(count)}
    return people, organisations


def pick(path: Path, what: str, choices: list[str], amount: int) -> list[str]:
    """`amount` of `choices` for one file, the same on every run (by a digest of its path)."""
    digest = int(hashlib.sha256(f"{path.as_posix()}:{what}".encode()).hexdigest(), 16)
    return [choices[(digest >> (8 * step)) % len(choices)] for step in range(amount)]


def named_people(fields: dict, path: Path, people: list[str]) -> dict:
    """Facilitators and a contact for an activity, an author for every other resource (none without people)."""
    if not people:
        return fields
    if "area" in fields:  # an activity
        facilitators = list(dict.fromkeys(pick(path, "facilitators", people, 1 + len(path.stem) % 2)))
        return {**fields, "facilitators": facilitators, "contact": pick(path, "contact", people[::4], 1)}
    return {**fields, "authors": pick(path, "authors", people, 1)} if len(path.stem) % 2 else fields


def write_entry(path: Path, fields: dict, body: str) -> None:
    """Write one content file: our frontmatter and the body with links to the renamed folders."""
    body = _LINK_TARGET.sub(lambda match: f"]({renamed_link(match.group(1))})", body)
    frontmatter = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{frontmatter}---\n\n{body}", encoding="utf-8")


def convert(corpus: Path, base_content: Path, output: Path, people: int = 0) -> int:
    """Write output/ = base_content plus the corpus in our model (with `people` synthetic people named as
    facilitators, contacts and authors); return the number of items converted."""
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(base_content, output)
    activity_paths = {path.stem: f"{path.parent.name}/{path.stem}" for path in (corpus / "activities").glob("*/*.md")}
    venues: dict[str, dict] = {}
    people_vocabulary, organisations = people_vocabularies(people) if people else ({}, {})
    person_ids = list(people_vocabulary)
    count = 0
    for path in sorted((corpus / "activities").glob("*/*.md")):
        data, body = split_file(path)
        fields = named_people(activity_fields(data, venues), path.relative_to(corpus), person_ids)
        write_entry(output / "activities" / path.parent.name / path.name, fields, body)
        count += 1
    for folder, kind in RESOURCE_FOLDERS.items():
        for path in sorted((corpus / "resources" / folder).glob("*.md")):
            data, body = split_file(path)
            fields = named_people(resource_fields(data, kind, activity_paths), path.relative_to(corpus), person_ids)
            write_entry(output / "resources" / kind / path.name, fields, body)
            count += 1
    venues_file = output / "vocabularies" / "venues.yml"
    known = yaml.safe_load(venues_file.read_text(encoding="utf-8")) or {}
    added = {key: value for key, value in sorted(venues.items()) if key not in known}
    with venues_file.open("a", encoding="utf-8") as stream:
        stream.write("# Venues of the benchmark archive.\n")
        stream.write(yaml.safe_dump(added, sort_keys=False, allow_unicode=True))
    for name, entries in (("people", people_vocabulary), ("organisations", organisations)):
        if entries:
            with (output / "vocabularies" / f"{name}.yml").open("a", encoding="utf-8") as stream:
                stream.write(f"# {name.capitalize()} of the benchmark archive.\n")
                stream.write(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True))
    return count


def main(argv: list[str] | None = None) -> int:
    """Command line: convert_corpus.py CORPUS OUTPUT [--base content]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder written by gen_corpus.py")
    parser.add_argument("output", type=Path, help="content folder to write (replaced)")
    parser.add_argument("--base", type=Path, default=Path("content"), help="content to start from (vocabularies, pages)")
    parser.add_argument("--people", type=int, default=0,
                        help="synthetic people to name as facilitators, contacts and authors (default none)")
    arguments = parser.parse_args(argv)
    count = convert(arguments.corpus, arguments.base, arguments.output, arguments.people)
    print(f"converted {count} items into {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
