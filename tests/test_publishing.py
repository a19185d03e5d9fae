"""Publishing by pull request: scaffolding, the fast check, editor schemas, the CMS and the CI workflows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from prepared_python import run_python_module
from conftest import PINNED_TODAY, REPO, build_site, make_content
from lce_platform.publishing import cli
from lce_platform.outputs.choices import field_choices, field_ref_kind, nested_model
from lce_platform.publishing.cms import CDN_FONTS, CDN_REWRITES, cms_config, cms_script, font_file, repository
from lce_platform.publishing.editor_schema import editor_schemas, stale_schema_files
from lce_platform.content.loader import load_site
from lce_platform.content.model import LANGUAGES, TRANSLATABLE, VOCABULARIES
from lce_platform.publishing.scaffold import clean_slug
from lce_platform.content.collections import ACTIVITIES, COLLECTIONS
from lce_platform.content.source import read_source

TODAY = __import__("datetime").date.fromisoformat(PINNED_TODAY)


def run_lce(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the lce command as staff do, without a terminal."""
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY}
    return run_python_module("lce_platform.publishing.cli", list(arguments), cwd=cwd, env=env, timeout=120)


NEW_ACTIVITY = ["new", "activity", "--title", "Hållbar scenkonst: Ödmjukhet & café-samtal!", "--type", "seminar",
                "--area", "outreach-events", "--start", "2025-05-14T13:00", "--end", "2025-05-14T16:00",
                "--venue", "online", "--sectors", "music,design", "--summary",
                "Ett seminarium om hållbar scenkonst för frilansare.", "--title-en", "Sustainable performing arts",
                "--summary-en", "A seminar on sustainable performing arts."]


def test_clean_slug_transliterates():
    """Check that file names lose å ä ö é, capitals and punctuation."""
    assert clean_slug("Ödmjukhet & café-samtal på Åland: del 2!") == "odmjukhet-cafe-samtal-pa-aland-del-2"


@pytest.mark.build
def test_new_activity_builds(tmp_path):
    """Check that `lce new activity` writes both language files in the year folder and the site builds with them."""
    content = make_content(tmp_path)
    result = run_lce(*NEW_ACTIVITY, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = content / "activities" / "2025" / "hallbar-scenkonst-odmjukhet-cafe-samtal.md"
    assert written.is_file() and written.with_suffix(".en.md").is_file()
    for language, title in (("sv", "Hållbar scenkonst"), ("en", "Sustainable performing arts")):
        build = build_site(content, language)
        assert build.returncode == 0, build.output
        assert title in build.page("activities/2025/hallbar-scenkonst-odmjukhet-cafe-samtal")


def test_new_refuses_to_overwrite(tmp_path):
    """Check that a second file with the same title is refused and the first is left as it was."""
    content = make_content(tmp_path)
    assert run_lce(*NEW_ACTIVITY, cwd=tmp_path).returncode == 0
    written = content / "activities" / "2025" / "hallbar-scenkonst-odmjukhet-cafe-samtal.md"
    before = written.read_text(encoding="utf-8")
    again = run_lce(*NEW_ACTIVITY[:-4], "--summary", "Ett annat seminarium om något annat.", cwd=tmp_path)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert written.read_text(encoding="utf-8") == before


def test_new_reports_mistakes_and_writes_nothing(tmp_path):
    """Check that a typo in a vocabulary id gives the build's message with a suggestion and leaves no file."""
    content = make_content(tmp_path)
    result = run_lce("new", "activity", "--title", "Musikdag", "--type", "seminr", "--area", "outreach-events",
                     "--start", "2025-06-01", "--sectors", "musik", "--summary", "En dag om musik och teknik.",
                     cwd=tmp_path)
    assert result.returncode == 1
    assert "content/activities/2025/musikdag.md:" in result.stderr
    assert "did you mean 'seminar'?" in result.stderr and "did you mean 'music'?" in result.stderr
    assert not (content / "activities" / "2025" / "musikdag.md").exists()


def test_new_without_terminal_names_missing_options(tmp_path):
    """Check that without a terminal the command lists the options it still needs instead of asking."""
    make_content(tmp_path)
    result = run_lce("new", "resource", "--title", "Inspelning", cwd=tmp_path)
    assert result.returncode == 2
    assert "--kind" in result.stderr and "--date" in result.stderr and "--summary" in result.stderr


def test_new_activity_without_an_announced_date_goes_to_undated(tmp_path):
    """Check that an activity given --after instead of --start is written to activities/undated/ and validates, and
    that one given neither names both ways of saying when."""
    content = make_content(tmp_path)
    undated = [*NEW_ACTIVITY[:NEW_ACTIVITY.index("--start")], *NEW_ACTIVITY[NEW_ACTIVITY.index("--venue"):]]
    result = run_lce(*undated, "--after", "2025-09-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = content / "activities" / "undated" / "hallbar-scenkonst-odmjukhet-cafe-samtal.md"
    data = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert str(data["after"]) == "2025-09-01" and "start" not in data
    assert written.with_suffix(".en.md").is_file()
    load_site(content, TODAY)

    missing = run_lce(*undated[:-4], "--title", "Ett annat seminarium", cwd=tmp_path)
    assert missing.returncode == 2
    assert "--start" in missing.stderr and "--after" in missing.stderr and "--before" in missing.stderr


def test_new_activity_that_took_place_carries_its_account(tmp_path):
    """Check that `lce new activity` writes the reported participants and the account in the Swedish file and the
    English account in the translation, and that the content then loads."""
    content = make_content(tmp_path)
    past = [part if part not in ("2025-05-14T13:00", "2025-05-14T16:00") else part.replace("05-14", "02-14")
            for part in NEW_ACTIVITY]
    result = run_lce(*past, "--reported-participants", "12", "--account", "Tolv deltog. Vi *lyssnade*.",
                     "--account-en", "Twelve took part.", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = content / "activities" / "2025" / "hallbar-scenkonst-odmjukhet-cafe-samtal.md"
    data = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert data["reported_participants"] == 12 and data["account"] == "Tolv deltog. Vi *lyssnade*."
    english = yaml.safe_load(written.with_suffix(".en.md").read_text(encoding="utf-8").split("---")[1])
    assert english["account"] == "Twelve took part."
    load_site(content, TODAY)
    wrong = run_lce(*past, "--title", "Ett annat seminarium", "--reported-participants", "about 40", cwd=tmp_path)
    assert wrong.returncode == 2 and "--reported-participants must be a whole number" in wrong.stderr


def test_new_asks_an_activity_that_took_place_for_its_account(tmp_path, monkeypatch):
    """Check that on a terminal an activity whose start is before today is also asked the reported participants
    and the account (one still to come is not: see test_new_asks_on_a_terminal)."""
    data = _new_activity_on_a_terminal(tmp_path, monkeypatch, [
        "Kurs i ljuddesign", "2", "1", "2025-02-03", "", "online", "music",
        "En kurs i ljuddesign för spel och film.", "", "12", "Tolv deltog och lärde sig mycket.", ""], "2025")
    assert data["reported_participants"] == 12 and data["account"] == "Tolv deltog och lärde sig mycket."


def _new_activity_on_a_terminal(tmp_path: Path, monkeypatch, answers: list[str], folder: str) -> dict:
    """Run `lce new activity` as on a terminal, giving `answers` in turn; the frontmatter it wrote in `folder`."""
    content = make_content(tmp_path)
    replies = iter(answers)
    monkeypatch.setattr("builtins.input", lambda prompt: next(replies))
    monkeypatch.setenv("SITE_TODAY", PINNED_TODAY)
    arguments = cli._parser().parse_args(["new", "activity", "--content", str(content)])
    assert cli.new(arguments, interactive=True) == 0
    text = (content / "activities" / folder / "kurs-i-ljuddesign.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def test_new_asks_on_a_terminal(tmp_path, monkeypatch, capsys):
    """Check that on a terminal the missing values are asked, with vocabulary choices given by number."""
    data = _new_activity_on_a_terminal(tmp_path, monkeypatch, [
        "Kurs i ljuddesign", "2", "1", "2025-09-02", "", "online", "music, games",
        "En kurs i ljuddesign för spel och film.", "", ""], "2025")
    assert data["sectors"] == ["music", "games"] and data["venue"] == "online"
    assert data["programme"] == "learn-create-engage"
    assert "Wrote" in capsys.readouterr().out


def test_new_asks_an_activity_without_a_start_for_its_bounds(tmp_path, monkeypatch):
    """Check that on a terminal an empty start is accepted for an activity, which is then asked its bounds and
    written to activities/undated/."""
    data = _new_activity_on_a_terminal(tmp_path, monkeypatch, [
        "Kurs i ljuddesign", "2", "1", "", "2025-09-01", "", "", "online", "music",
        "En kurs i ljuddesign för spel och film.", "", ""], "undated")
    assert str(data["after"]) == "2025-09-01" and "start" not in data and "before" not in data


def test_new_lets_an_activity_leave_its_summary_out_on_a_terminal(tmp_path, monkeypatch):
    """Check that on a terminal an empty summary is accepted for an activity (its sources may give only its title),
    which is then written without one."""
    data = _new_activity_on_a_terminal(tmp_path, monkeypatch, [
        "Kurs i ljuddesign", "2", "1", "2025-09-02", "", "online", "music", "", "", ""], "2025")
    assert "summary" not in data and data["title"] == "Kurs i ljuddesign"


BROKEN = {
    "activities/2025/broken.md": "---\ntitle: Trasig\ntype: seminr\nprogramme: learn-create-engage\n"
                                 "area: outreach-events\nstart: 2024-03-01\nsectors: [musik]\n"
                                 "summary: Kort text om något.\ncolour: red\n---\n\nText.\n",
    "activities/2025/bad-yaml.md": "---\ntitle: [unclosed\n---\n",
    "activities/2025/Stora Bokstäver.md": "---\ntitle: x\n---\n",
}


@pytest.mark.build
def test_check_reports_exactly_the_builds_messages(tmp_path):
    """Check that `lce check` prints the same content errors, line for line, as a failing build logs."""
    content = make_content(tmp_path, files=BROKEN)
    checked = run_lce("check", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 1
    check_lines = [line.strip() for line in checked.stderr.splitlines()]
    build = build_site(content, "sv")
    assert build.returncode != 0
    build_lines = [match.group(1).strip() for match in re.finditer(r"ERROR\s+-\s+(.*)", build.output)]
    assert len(check_lines) >= 6
    assert [line for line in build_lines if line in check_lines] == check_lines


def test_check_passes_the_repo_content():
    """Check that `make check`'s command accepts the repo's own content."""
    result = run_lce("check", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "content files are valid" in result.stdout


def test_committed_schemas_are_current():
    """Check that schemas/ holds exactly what the model and the repo's vocabularies give (run `make schema`)."""
    site = load_site(REPO / "content", TODAY)
    assert stale_schema_files(site, REPO / "schemas") == []


def test_schemas_accept_the_content_and_reject_mistakes(tmp_path):
    """Check that every content file's frontmatter and vocabulary validates against its schema, and typos do not."""
    site = load_site(REPO / "content", TODAY)
    schemas = editor_schemas(site)
    checked = 0
    for entry in site.entries.values():
        for language, variant in entry.variants.items():
            name = entry.collection.singular("en") + (".en" if language == "en" else "")
            data = read_source(REPO / variant.path, variant.path).data
            jsonschema.validate(data, schemas[f"{name}.schema.json"])
            checked += 1
    for name in VOCABULARIES:
        data = yaml.safe_load((REPO / "content" / "vocabularies" / f"{name}.yml").read_text(encoding="utf-8"))
        jsonschema.validate(data, schemas[f"vocabularies/{name}.schema.json"])
    assert checked >= len(site.entries)
    activity = schemas["activity.schema.json"]
    good = read_source(REPO / "content/activities/2025/widen-your-vision-clarify-your-brand.md", "x").data
    for wrong in ({"sectors": ["musik"]}, {"type": "seminr"}, {"venue": "nowhere"}, {"colour": "red"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, **wrong}, activity)
    jsonschema.validate({**good, "sectors": "all"}, activity)


def test_vscode_maps_every_vocabulary_schema():
    """Check that the VS Code settings point the YAML extension at an existing schema for every vocabulary file."""
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for name in VOCABULARIES:
        schema = f"./schemas/vocabularies/{name}.schema.json"
        assert mapped[schema] == f"content/vocabularies/{name}.yml"
        assert (REPO / schema).is_file()


def _cms_fields(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def test_cms_config_has_every_field_with_its_options():
    """Check that every model field is a CMS field, references and enums as selects with the content's values."""
    site = load_site(REPO / "content", TODAY)
    config = cms_config(site, "owner/repo", "https://lce.test/")
    collections = {collection["name"]: collection for collection in config["collections"]}
    assert set(collections) == set(COLLECTIONS)
    for name, collection in COLLECTIONS.items():
        model = collection.model
        fields = _cms_fields(collections[name]["fields"])
        assert set(model.model_fields) <= set(fields), name
        for field_name, info in model.model_fields.items():
            field = fields[field_name]
            assert field.get("i18n", False) == (field_name in TRANSLATABLE[model])
            assert field["required"] == info.is_required()
            choices = field_choices(site, info)
            if choices is not None:
                assert field["widget"] == "select"
                assert [option["value"] for option in field["options"]] == [choice.value for choice in choices]
                assert [option["label"] for option in field["options"]] == [choice.label("sv") for choice in choices]
    activity = _cms_fields(collections["activities"]["fields"])
    assert {option["value"] for option in activity["sectors"]["options"]} == set(site.vocabularies["sectors"]) | {"all"}
    assert activity["sectors"]["multiple"] is True
    assert any(option["label"] == "Musik" for option in activity["sectors"]["options"])
    assert field_ref_kind(ACTIVITIES.model.model_fields["type"]) == "activity-types"
    session = _cms_fields(activity["sessions"]["fields"])
    assert session["venue"]["widget"] == "select"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["i18n"]["omit_default_locale_from_file_path"] is True
    assert collections["activities"]["path"].startswith("{{fields.start")


def _fields_with_their_model_field(fields: list[dict], model):
    """Each CMS field (nested ones too) with the model field it is made from."""
    for field in fields:
        info = model.model_fields.get(field["name"])
        if info is None:
            continue
        yield field, info
        nested = nested_model(info.annotation)
        if nested is not None and "fields" in field:
            yield from _fields_with_their_model_field(field["fields"], nested)


def test_cms_config_speaks_one_language_at_a_time():
    """Check that each language's configuration gives every hint, option label, collection name and form message in
    that language only: the model's description in it, never the other language's."""
    site = load_site(REPO / "content", TODAY)
    configs = {language: cms_config(site, "owner/repo", "https://lce.test/", language=language)
               for language in LANGUAGES}
    for language, config in configs.items():
        other = "en" if language == "sv" else "sv"
        for collection, configured in zip(COLLECTIONS.values(), config["collections"]):
            assert configured["label"] == collection.plural(language).capitalize()
            for field, info in _fields_with_their_model_field(configured["fields"], collection.model):
                words = {"en": info.description, "sv": info.json_schema_extra["sv"]}
                assert field["hint"] == words[language], (collection.name, field["name"])
                assert words[other] not in field["hint"] or words[other] == words[language]
                assert " / " not in field.get("pattern", ["", ""])[1]
                for option in field.get("options", []):
                    assert " / " not in option["label"], option
    english = _cms_fields(configs["en"]["collections"][0]["fields"])
    assert english["start"]["hint"].startswith("First day, or date and time")
    assert any(option["label"] == "Music" for option in english["sectors"]["options"])
    assert english["start"]["pattern"][1].startswith("e.g. ")
    swedish = _cms_fields(configs["sv"]["collections"][0]["fields"])
    assert swedish["start"]["hint"].startswith("Första dag, eller datum och tid")
    assert swedish["start"]["pattern"][1].startswith("t.ex. ")
    for language, recording in (("sv", "Inspelning"), ("en", "Recording")):
        resources = next(configured for configured in configs[language]["collections"]
                         if configured["name"] == "resources")
        kinds = {option["value"]: option["label"] for option in _cms_fields(resources["fields"])["kind"]["options"]}
        assert kinds["recording"] == recording  # the kind as the library names it, not the folder's word
        assert all(label != value for value, label in kinds.items() if value != "material"), kinds


def test_cms_config_is_valid_for_the_pinned_cms():
    """Check that the generated configuration validates against the JSON Schema shipped with the pinned CMS."""
    schema_file = REPO / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        config = cms_config(load_site(REPO / "content", TODAY), "owner/repo", "https://lce.test/", language=language)
        jsonschema.Draft7Validator(schema).validate(config)


def test_cms_script_names_no_other_host_it_would_reach_before_sign_in():
    """Check that the site's copy of the pinned CMS script takes its fonts, interface texts, version and GitHub status
    from the site: no CDN address is left, and every font it names is a file of a pinned package."""
    bundle = (REPO / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    served = cms_script(bundle)
    assert "https://cdn.jsdelivr.net/fontsource/" in bundle and "https://cdn.jsdelivr.net/fontsource/" not in served
    assert "githubstatus.com/api" in bundle and "githubstatus.com/api" not in served
    assert all(old in bundle and old not in served for old in CDN_REWRITES)
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for url, package_file in CDN_FONTS.items():
        package = "/".join(package_file.split("/")[:2])
        assert f"@{lock[f'node_modules/{package}']['version']}/" in url, (url, package)
        assert font_file(url) in served
    with pytest.raises(ValueError, match="names fonts the site does not serve: https://cdn.jsdelivr.net/fontsource/"):
        cms_script(bundle + "url(https://cdn.jsdelivr.net/fontsource/fonts/new@1.0/latin.woff2)")
    with pytest.raises(ValueError, match="no longer holds"):
        cms_script(bundle.replace("`${iP}/package.json`", "`${xP}/package.json`"))


def test_cms_repository_comes_from_the_environment_or_repo_url():
    """Check that the CMS commits to CMS_REPO, else the Actions repository, else a GitHub repo_url, else a placeholder."""
    assert repository({"CMS_REPO": "a/b", "GITHUB_REPOSITORY": "c/d"}, None) == "a/b"
    assert repository({"GITHUB_REPOSITORY": "c/d"}, "https://github.com/e/f") == "c/d"
    assert repository({}, "https://github.com/e/f.git") == "e/f"
    assert repository({}, None) == "OWNER/REPOSITORY"


def test_admin_is_served_from_the_site_and_kept_out_of_sitemap_and_search(minimal_sites):
    """Check that /admin/ holds the page, config and CMS script from node_modules, and no sitemap or search entry."""
    swedish = minimal_sites["sv"].site
    admin = swedish / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts == ["editor-language.js", "sveltia-cms.js"]  # the language's configuration, then the CMS
    for name in ("config.yml", "config.en.yml", "editor-language.js"):
        assert (admin / name).is_file(), name
    assert 'name="robots" content="noindex, nofollow"' in page
    bundled = REPO / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    assert (admin / "sveltia-cms.js").read_text(encoding="utf-8") == cms_script(bundled.read_text(encoding="utf-8"))
    for url, package_file in CDN_FONTS.items():
        assert (admin / font_file(url)).read_bytes() == (REPO / "node_modules" / package_file).read_bytes()
    assert sorted(path.name for path in (admin / "locales").iterdir()) == ["en-CA.json", "en-GB.json", "en-US.json",
                                                                          "sv.json"]
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github"
    assert "admin" not in (swedish / "sitemap.xml").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in page  # the search indexes only pages that carry it
    assert not (minimal_sites["en"].site / "admin").exists()


def test_workflows_lint_clean():
    """Check that actionlint finds nothing in the GitHub Actions workflows."""
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-no-color", *map(str, workflows)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_run_the_publishing_steps():
    """Check that pull requests check, build, test and upload a preview, and main deploys to Pages daily too."""
    pull_request = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    steps = pull_request["jobs"]["check-build-test"]["steps"]
    commands = [step.get("run", "") for step in steps]
    for command in ("make check", "make build", "make test"):
        assert any(command in run for run in commands), command
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert any("GITHUB_STEP_SUMMARY" in run for run in commands)
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    triggers = deploy[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"]
    uses = [step.get("uses", "") for job in deploy["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@v") for use in uses)
    assert any(use.startswith("actions/deploy-pages@v") for use in uses)


def test_pre_commit_runs_the_check():
    """Check that the pre-commit configuration runs `lce check` on content changes."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["lce-check"]["entry"].endswith("lce check")
    assert re.match(hooks["lce-check"]["files"], "content/activities/2025/x.md")



def test_pull_requests_check_the_content_first_with_limits_and_nightly_runs_more_examples():
    """Check that the content verdict runs before Node or a build, under a time and memory limit, and that a
    scheduled workflow runs the loader's property tests with the nightly profile."""
    steps = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))[
        "jobs"]["check-build-test"]["steps"]
    check = next(number for number, step in enumerate(steps) if "make check" in step.get("run", ""))
    later = [number for number, step in enumerate(steps)
             if step.get("uses", "").startswith("actions/setup-node@") or "make build" in step.get("run", "")
             or "make node" in step.get("run", "")]
    assert later and check < min(later)
    assert steps[check]["timeout-minutes"] <= 10 and "ulimit -v" in steps[check]["run"]
    nightly = yaml.safe_load((REPO / ".github/workflows/nightly.yml").read_text(encoding="utf-8"))
    assert nightly[True]["schedule"]
    runs = [step for job in nightly["jobs"].values() for step in job["steps"] if "make test" in step.get("run", "")]
    assert runs and nightly["env"]["LCE_HYPOTHESIS_PROFILE"] == "nightly"
