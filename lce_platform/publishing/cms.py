"""The git-based CMS for staff without git (Sveltia CMS under /admin/), configured from the content model.

Every collection of the model becomes a CMS collection, every field a widget, every reference or enum a
select whose options come from the content; one configuration per language of the editor, its hints and labels in
that language. The editorial workflow turns each edit into a pull request; the build then checks it like any other.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin
from urllib.parse import urlsplit

from lce_platform.content.collections import COLLECTIONS, Collection
from lce_platform.outputs.choices import Choice, field_choices, nested_model
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATABLE, StrictModel
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import SiteFile
from lce_platform.outputs.render import render
from lce_platform.content.site import Site

ADMIN_DIR = "admin"
NODE_MODULES = Path("node_modules")
CMS_PACKAGE = NODE_MODULES / "@sveltia" / "cms" / "dist"
CMS_LOCALES = NODE_MODULES / "@sveltia" / "cms" / "locales"
CMS_SCRIPT = "sveltia-cms.js"
CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/[^)'\"`\s]+")
CDN_FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
}
"""The fonts and icons the CMS's own stylesheet names on a CDN, and the same files of the Fontsource packages that
package-lock.json pins (the versions the addresses name), which the site serves under admin/fonts/."""
CDN_REWRITES = {
    # Its interface in another language than American English comes from unpkg.com; from the site instead.
    "`${iP}@${rP}/locales`": "`locales`",
    # Its GitHub backend asks www.githubstatus.com for GitHub's health every few minutes, before any sign-in;
    # "unknown" is what it says when that fails, and it then shows nothing.
    # It asks unpkg.com for its newest version every hour, to tell a site that loads it from there; ours is pinned.
    "`${iP}/package.json`": "`data:application/json,{}`",
    "`https://www.githubstatus.com/api/v2/status.json`": '`data:application/json,{"status":{"indicator":"unknown"}}`',
}
"""Other hosts the CMS script reaches before anyone signs in, and what the site's copy of it does instead (the
script's names are of the pinned version: an upgrade that changes them stops the build, see `cms_script`)."""
REPO_PLACEHOLDER = "OWNER/REPOSITORY"
_ALTERNATIVES = re.compile(r"^\^\(([a-z|-]+)\)\$$")



def repository(environ: dict[str, str], repo_url: str | None) -> str:
    """The GitHub repository the CMS commits to: CMS_REPO, else the one GitHub Actions builds, else repo_url."""
    for name in ("CMS_REPO", "GITHUB_REPOSITORY"):
        if environ.get(name):
            return environ[name]
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc == "github.com" and path.count("/") == 1:
        return path
    return REPO_PLACEHOLDER




def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is tuple:
        return True
    return any(_is_list(argument) for argument in get_args(annotation) if argument is not type(None))


@cache
def _properties(model: type[StrictModel]) -> dict[str, Any]:
    return model.model_json_schema()["properties"]


def _value_schema(model: type[StrictModel], name: str) -> dict[str, Any]:
    """The JSON Schema of one value of a field (inside an optional or a list)."""
    value = _properties(model)[name]
    for branch in value.get("anyOf", []):
        if branch.get("type") != "null":
            value = branch
    if value.get("type") == "array":
        value = value.get("items", {})
    return value


def _hint(info: Any, language: str) -> str:
    """The field's description in `language` (the model's `described(en, sv)`)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return (info.description if language == "en" else extra.get(language)) or ""


EXAMPLE_WORD = {"sv": "t.ex.", "en": "e.g."}
"""How the message of a field whose value has a form introduces an example of it."""


def cms_field(site: Site, model: type[StrictModel], name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The CMS widget of one model field, its hint and option labels in `language` (the editor's); its label is the
    field's name as the files, `make check` and the staff reference write it."""
    info = model.model_fields[name]
    many = _is_list(info.annotation)
    field: dict[str, Any] = {"name": name, "label": name, "hint": _hint(info, language), "required": info.is_required()}
    if name in TRANSLATABLE.get(model, ()):
        field["i18n"] = True
    choices = field_choices(site, info)
    value = _value_schema(model, name)
    nested = nested_model(info.annotation)
    if choices is None and _ALTERNATIVES.match(value.get("pattern", "")):
        words = _ALTERNATIVES.match(value["pattern"]).group(1).split("|")
        choices = [Choice(word, {each: word for each in LANGUAGES}) for word in words]
    if choices is not None:
        field |= {"widget": "select", "options": [{"label": c.label(language), "value": c.value} for c in choices]}
        if many:
            field["multiple"] = True
            if info.is_required():
                field["min"] = 1
        if info.default not in (None, (), ...) and hasattr(info.default, "value"):
            field["default"] = info.default.value
        return field
    if nested is not None:
        subfields = [cms_field(site, nested, sub, language) for sub in nested.model_fields]
        if many:
            return field | {"widget": "list", "fields": subfields, "required": False}
        return field | {"widget": "object", "fields": subfields}
    if many:
        single = {"name": "item", "label": name, "widget": "string"}
        if value.get("maxLength", 0) > 140:
            single["widget"] = "text"
        return field | {"widget": "list", "field": single}
    if value.get("format") == "date":
        return field | {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if value.get("type") == "integer":
        field |= {"widget": "number", "value_type": "int"}
        for key, option in (("minimum", "min"), ("maximum", "max")):
            if key in value:
                field[option] = value[key]
        return field
    if value.get("contentMediaType") == "text/markdown":
        return field | {"widget": "markdown"}
    field["widget"] = "text" if value.get("maxLength", 0) > 140 else "string"
    if "pattern" in value:
        example = ", ".join(value.get("examples", [])) or value["pattern"]
        field["pattern"] = [value["pattern"], f"{EXAMPLE_WORD[language]} {example}"]
    for key, option in (("minLength", "minlength"), ("maxLength", "maxlength")):
        if key in value and field["widget"] == "string":
            field[option] = value[key]
    if value.get("format") == "uri":
        # The editor's preview plays a YouTube link in an embedded player, from YouTube, while the staff member types.
        field |= {"type": "url", "preview": False}
    return field


def _collection(site: Site, collection: Collection[Any], language: str) -> dict[str, Any]:
    model = collection.model
    config: dict[str, Any] = {
        "name": collection.name,
        "label": collection.plural(language).capitalize(),
        "label_singular": collection.singular(language).capitalize(),
        "description": f"{COLLECTION_PLACE[language]} {collection.place.replace('<', '‹').replace('>', '›')}",
        "folder": f"content/{collection.folder}" if collection.folder else "content",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "i18n": True,
        "fields": [cms_field(site, model, field, language) for field in model.model_fields]
        + [{"name": "body", "label": "body", "widget": "markdown", "required": False, "i18n": True}],
    }
    if collection.level:
        # The CMS names the folder between the collection's and the file as the folder rule does.
        config["path"] = f"{collection.level.cms_path}/{{{{slug}}}}"
    return config


COLLECTION_PLACE = {"sv": "Filerna ligger i", "en": "Its files are in"}
"""How a collection's description says where its files are."""
CONFIG_FILES = {"sv": "config.yml", "en": "config.en.yml"}
"""The configuration of each language of the editor under admin/ (the CMS reads config.yml unless told otherwise;
admin/editor-language.js tells it the one of the language its interface is in)."""
LANGUAGE_SCRIPT = "editor-language.js"


def cms_config(site: Site, repo: str, site_url: str, auth_url: str | None = None,
               language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The whole CMS configuration (admin/config.yml) for this content, its labels and hints in `language`."""
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": "main"}
    if auth_url:
        backend["base_url"] = auth_url
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/media",
        "public_folder": "/media",
        "slug": {"encoding": "ascii", "clean_accents": True},
        # A field left empty is left out of the file, as the model reads it (it refuses before: '' and venue: '').
        "output": {"omit_empty_optional_fields": True},
        "i18n": {
            "structure": "multiple_files",
            "locales": list(LANGUAGES),
            "default_locale": DEFAULT_LANGUAGE,
            # Our convention: x.md is Swedish and holds every field, x.en.md only the translated ones.
            "omit_default_locale_from_file_path": True,
            # A new entry is Swedish only: an English translation is added from the language menu when there is one
            # (with every language on, the editor refused to save until the English title and summary were written).
            "initial_locales": "default",
        },
        "collections": [_collection(site, collection, language) for collection in COLLECTIONS.values()],
    }


def config_text(config: dict[str, Any]) -> str:
    """The configuration as the YAML file the CMS reads, written in JSON (which YAML reads as it is): its choice
    lists name every activity, and PyYAML's pure-Python writer took seconds for a large archive."""
    head = "# Generated at every build from the content model (lce_platform/publishing/cms.py); do not edit.\n"
    return head + json.dumps(config, ensure_ascii=False, indent=1) + "\n"


def font_file(url: str) -> str:
    """The address under admin/ of a font the CMS names on a CDN."""
    return f"fonts/{Path(CDN_FONTS[url]).name}"


def cms_script(bundle: str) -> str:
    """The CMS script as the site serves it: its fonts, icons, interface texts and status check from the site, none
    from another host."""
    unknown = sorted(set(CDN_FONT.findall(bundle)) - set(CDN_FONTS))
    if unknown:
        raise ValueError(f"{CMS_PACKAGE / CMS_SCRIPT} names fonts the site does not serve: {', '.join(unknown)}; "
                         "add their Fontsource packages (package.json) and list them in cms.CDN_FONTS")
    for url in CDN_FONTS:
        bundle = bundle.replace(url, font_file(url))
    for old, new in CDN_REWRITES.items():
        if bundle.count(old) != 1:
            raise ValueError(f"{CMS_PACKAGE / CMS_SCRIPT} no longer holds {old} once (another version of the CMS?): "
                             "find what it fetches from another host now and update cms.CDN_REWRITES")
        bundle = bundle.replace(old, new)
    return bundle


def admin_files(edition: Edition, project_dir: Path, environ: dict[str, str], repo_url: str | None) -> list[SiteFile]:
    """The files of /admin/ (in the Swedish edition, at the site root): the page, the generated configuration of
    each language of the editor and the script that picks one, and the CMS with its fonts, icons and interface
    texts, copied from node_modules."""
    if edition.language != DEFAULT_LANGUAGE:
        return []
    site_url = edition.roots[DEFAULT_LANGUAGE]
    bundle = project_dir / CMS_PACKAGE
    for needed in (CMS_PACKAGE / CMS_SCRIPT, *(NODE_MODULES / package_file for package_file in CDN_FONTS.values())):
        if not (project_dir / needed).is_file():
            raise FileNotFoundError(f"{needed} is missing: run `make node` (npm ci) first")
    repo, auth_url = repository(environ, repo_url), environ.get("CMS_AUTH_URL") or None
    configs = [SiteFile(f"{ADMIN_DIR}/{name}", content=config_text(cms_config(edition.site, repo, site_url, auth_url,
                                                                              language)))
               for language, name in CONFIG_FILES.items()]
    files = [
        SiteFile(f"{ADMIN_DIR}/index.html", content=render("admin_index.html", DEFAULT_LANGUAGE, script=CMS_SCRIPT,
                                                           language_script=LANGUAGE_SCRIPT)),
        *configs,
        SiteFile(f"{ADMIN_DIR}/{LANGUAGE_SCRIPT}", source=Path(__file__).with_name(LANGUAGE_SCRIPT)),
        SiteFile(f"{ADMIN_DIR}/{CMS_SCRIPT}", content=cms_script((bundle / CMS_SCRIPT).read_text(encoding="utf-8"))),
    ]
    files += [SiteFile(f"{ADMIN_DIR}/{font_file(url)}", source=project_dir / NODE_MODULES / package_file)
              for url, package_file in CDN_FONTS.items()]
    # The interface texts of the site's languages (American English is in the script); another language asks the
    # site, finds nothing and shows American English.
    files += [SiteFile(f"{ADMIN_DIR}/locales/{texts.name}", source=texts)
              for texts in sorted((project_dir / CMS_LOCALES).glob("*.json"))
              if texts.stem.split("-")[0] in LANGUAGES]
    # The CMS loads these chunks next to its script before trying a CDN; serve them ourselves.
    files += [SiteFile(f"{ADMIN_DIR}/chunks/{chunk.name}", source=chunk)
              for chunk in sorted((bundle / "chunks").glob("*.js"))]
    return files
