"""A staff member's session in the web editor (Sveltia CMS under /admin/), driven in Chromium: the built /admin/ served
on 127.0.0.1 with a working copy of the content behind it, through the editor's own local-repository mode.

The editor asks the browser for a folder (the File System Access API's showDirectoryPicker); the session answers
with a folder of the origin-private file system that holds a copy of the content, and reads the files the editor
wrote back out of it. Only the browser's folder picker is replaced, never the editor's code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError, Locator, Page, TimeoutError as PlaywrightTimeoutError

from conftest import REPO, build_site
from lce_platform.publishing.cms import CMS_LOCALES, EXAMPLE_WORD
from quality.built_site import ServedSite, serve
from quality.gate_fixtures import Visit

REPOSITORY_FOLDER = "repo"

# The folder the staff member "picks": a folder of the origin-private file system, filled by `fill_repository`.
PICK_REPOSITORY = f"""window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("{REPOSITORY_FOLDER}");"""

FILL_REPOSITORY = f"""async (files) => {{
  const top = await navigator.storage.getDirectory();
  for await (const name of top.keys()) await top.removeEntry(name, {{recursive: true}});
  const repository = await top.getDirectoryHandle("{REPOSITORY_FOLDER}", {{create: true}});
  await repository.getDirectoryHandle(".git", {{create: true}});  // the editor checks that it is a repository
  for (const [path, text] of Object.entries(files)) {{
    const parts = path.split("/");
    let folder = repository;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {{create: true}});
    const writable = await (await folder.getFileHandle(parts.at(-1), {{create: true}})).createWritable();
    await writable.write(text);
    await writable.close();
  }}
}}"""

READ_REPOSITORY = f"""async () => {{
  const files = {{}};
  async function walk(folder, prefix) {{
    for await (const [name, handle] of folder.entries()) {{
      if (handle.kind === "directory") await walk(handle, prefix + name + "/");
      else files[prefix + name] = await (await handle.getFile()).text();
    }}
  }}
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("{REPOSITORY_FOLDER}"), "");
  return files;
}}"""

SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))"
"""Two frames and a task: what the page has queued for the layout it has drawn (observers' notices) has run."""

EDITOR_LOCALES = {"sv": "sv", "en": "en-GB"}
"""A language of the site as a staff member picks it in the editor's settings (Sveltia CMS's locales)."""

# The editor's words a session acts on, in each language of its interface.
WORDS = {
    "sv": {"local": "Arbeta med lokalt repository", "new": "Skapa ny post", "save": "Spara", "field": "Fält “{name}”",
           "edit": "Redigera .*{language}.*-innehåll", "add": "Lägg till", "errors": "fält har (ett )?fel",
           "enable": "Aktivera", "sv": "Svenska", "en": "Engelska", "validation": "Validering"},
    "en": {"local": "Work with Local Repository", "new": "Create New Entry", "save": "Save", "field": "“{name}” Field",
           "edit": "Edit .*{language}.* Content", "add": "Add", "errors": "fields? ha(s|ve) (an )?errors?",
           "enable": "Enable", "sv": "Swedish", "en": "English", "validation": "Validation"},
}


def editor_language(language: str) -> str:
    """An init script that sets the editor's language as its settings store it (Sveltia CMS's preferences)."""
    return f"localStorage.setItem('sveltia-cms.prefs', JSON.stringify({{locale: '{EDITOR_LOCALES[language]}'}}));"


def validation_messages(language: str) -> list[re.Pattern[str]]:
    """The forms of the editor's own validation messages in `language` (its interface texts, node_modules), and our
    pattern fields' message (cms.EXAMPLE_WORD)."""
    texts = json.loads((REPO / CMS_LOCALES / f"{EDITOR_LOCALES[language]}.json").read_text(encoding="utf-8"))
    variants = []
    for text in _leaves(texts["validation"]):
        variants += re.findall(r"\{\{(.*?)\}\}", text) if text.startswith(".input") else [text]
    forms = [re.sub(r"\\\{\\\$\w+\\\}", ".+", re.escape(variant)) for variant in variants]  # {$min} is any value
    return [re.compile(f"^{form}$") for form in forms] + [re.compile(f"^{re.escape(EXAMPLE_WORD[language])} .+$")]


def _leaves(texts: dict | str) -> Iterator[str]:
    if isinstance(texts, str):
        yield texts
    else:
        for value in texts.values():
            yield from _leaves(value)


def content_files(content: Path) -> dict[str, str]:
    """Every file of a content tree, by its path in the repository (content/…)."""
    return {f"content/{path.relative_to(content).as_posix()}": path.read_text(encoding="utf-8")
            for path in sorted(content.rglob("*")) if path.is_file()}


def served_editor(content: Path) -> Iterator[ServedSite]:
    """The Swedish site built from `content` (it holds /admin/) and served on 127.0.0.1."""
    root = content.parent / "site-sv"  # where build_site writes the Swedish site
    root.mkdir()
    server = serve(root)
    site = next(server)
    build = build_site(content, "sv", extra_env={"SITE_URL": site.base_url + "/"}, finish=False)
    assert build.returncode == 0, build.output
    yield site
    server.close()


@dataclass
class Editor:
    """The editor open in a tab, signed in to the local repository, in one language."""

    visit: Visit
    language: str

    @property
    def page(self) -> Page:
        """The tab."""
        return self.visit.page

    @property
    def words(self) -> dict[str, str]:
        """The editor's words in the session's language."""
        return WORDS[self.language]

    def pane(self, language: str = "sv") -> Locator:
        """The pane of the entry's fields in `language` (Swedish: every field)."""
        name = self.words["edit"].format(language=self.words[language])
        return self.page.get_by_role("group", name=re.compile(f"^{name}$"))

    def add_translation(self, language: str) -> Locator:
        """Switch the entry to `language`, turn that language on for it, and return the pane of its fields."""
        self.page.get_by_role("radio", name=re.compile(f"^{self.words[language]}")).first.click()
        self.page.get_by_role("button", name=f"{self.words['enable']} \u2068{self.words[language]}\u2069").click()
        return self.pane(language)

    def field(self, name: str, scope: Locator | None = None) -> Locator:
        """The first field called `name` in `scope` (the pane), scrolled into view: the editor draws a long form's
        fields as they come into view."""
        scope = scope or self.pane()
        label = "^" + re.escape(self.words["field"]).replace(r"\{name\}", "\u2068{name}\u2069") + "$"
        target = scope.get_by_role("group", name=re.compile(label.format(name=re.escape(name)))).first
        any_field = scope.get_by_role("group", name=re.compile(label.format(name="[^\u2069]+")))
        for _ in range(60):
            if target.count():
                target.scroll_into_view_if_needed()
                return target
            any_field.last.scroll_into_view_if_needed()
            self.page.mouse.wheel(0, 500)
            self.page.wait_for_timeout(50)
        raise AssertionError(f"the editor shows no field {name}")

    def write(self, name: str, value: str, scope: Locator | None = None) -> None:
        """Type a value into a text, date or number field."""
        field = self.field(name, scope)
        box = field.get_by_role("textbox").or_(field.get_by_role("spinbutton")).first
        box.fill(value)

    def choose(self, name: str, *labels: str, scope: Locator | None = None) -> None:
        """Pick options of a select field by their labels, as shown (radio buttons, check boxes or a list)."""
        field = self.field(name, scope)
        for label in labels:
            choice = field.get_by_role("radio", name=label, exact=True).or_(
                field.get_by_role("checkbox", name=label, exact=True))
            if choice.count():
                choice.first.check()
                continue
            self.pick_from_list(field.get_by_role("combobox").first, label)

    def pick_from_list(self, combobox: Locator, label: str) -> None:
        """Open a combobox's list and click the option `label`. The editor closes an open list whose combobox it sees
        out of view, and a list has closed by itself before its option could be clicked (3 times in 11 runs; the
        likely cause, not caught in a trace, is that notice arriving late for a field just drawn and scrolled into
        view). So the page settles first, and a list that closed by itself is opened again, as a person would; a
        list that stays open without the option still fails."""
        option = self.page.get_by_role("option", name=label, exact=True)
        for _ in range(3):
            self.page.evaluate(SETTLE)
            combobox.click()
            try:
                option.click(timeout=5_000)
                return
            except PlaywrightTimeoutError:
                if combobox.get_attribute("aria-expanded") == "true":
                    raise
        raise AssertionError(f"the list of {label!r} closed by itself three times")

    def new_entry(self, collection_label: str) -> None:
        """Open the collection and start a new entry."""
        self.page.get_by_role("treeitem", name=re.compile(f"^{collection_label}")).click()
        self.page.get_by_role("button", name=self.words["new"]).click()
        self.pane().wait_for()

    def open_entry(self, collection_label: str, title: str) -> None:
        """Open an entry of a collection by its title."""
        self.page.get_by_role("treeitem", name=re.compile(f"^{collection_label}")).click()
        self.page.get_by_role("row", name=title).get_by_role("gridcell", name=title, exact=True).click()
        self.pane().wait_for()

    def save(self) -> None:
        """Press Save and wait until the editor has written the entry (it leaves the form)."""
        self.page.get_by_role("button", name=self.words["save"], exact=True).click()
        self.page.get_by_role("button", name=self.words["save"], exact=True).wait_for(state="detached", timeout=15_000)

    def validation_messages(self) -> dict[str, list[str]]:
        """Press Save on a form the editor refuses, open its list of errors: each field's message, by field name."""
        self.page.get_by_role("button", name=self.words["save"], exact=True).click()
        alert = self.page.get_by_role("alert").filter(has_text=re.compile(self.words["errors"]))
        alert.get_by_role("button").click()  # "Show Errors": the validation panel lists them
        panel = self.page.get_by_role("group", name=self.words["validation"])
        panel.get_by_role("alert").first.wait_for()
        return {button.inner_text().split("\n")[0].strip():
                [alert.inner_text().strip().split("\n")[-1] for alert in button.get_by_role("alert").all()]
                for button in panel.get_by_role("button").all() if button.get_by_role("alert").count()}

    def repository(self) -> dict[str, str]:
        """Every file of the repository as the editor left it: read until two reads agree, since a save's writes may
        go on after its form has closed (a file being replaced is briefly missing: NotFoundError)."""
        last = None
        for _ in range(100):
            try:
                files = self.page.evaluate(READ_REPOSITORY)
            except PlaywrightError as error:
                if "NotFoundError" not in str(error):
                    raise
                files = None
            if files is not None and files == last:
                return files
            last = files
            self.page.wait_for_timeout(100)
        raise AssertionError("the editor's repository was still changing after 10 s")


def open_editor(open_tab, site: ServedSite, content: Path, language: str = "sv") -> Editor:
    """A tab with a copy of `content` as the repository, the editor open on it in `language`."""
    visit = open_tab(init_scripts=(PICK_REPOSITORY, editor_language(language)))
    visit.open(site.url("sv", ""), until_network_idle=False)
    visit.page.evaluate(FILL_REPOSITORY, content_files(content))
    visit.page.goto(site.url("sv", "admin/"))
    editor = Editor(visit, language)
    visit.page.get_by_role("button", name=editor.words["local"]).click()
    visit.page.get_by_role("button", name=editor.words["new"]).wait_for(timeout=20_000)
    return editor


def write_back(files: dict[str, str], content: Path) -> list[str]:
    """Write the repository's content files over a content tree; the paths that differ from it."""
    changed = []
    for path, text in files.items():
        if not path.startswith("content/"):
            continue
        target = content / path.removeprefix("content/")
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(path)
    return sorted(changed)
