"""Forms and their controls as a markup-reading WCAG checker sees them: every form has a submit button (H32), every
control has an accessible name (label, aria-label, aria-labelledby or title; F68, H91). It reads the HTML, not
the rendered page, so a name that only a visible label at some widths gives does not count as missing or present
by chance."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

CONTROLS = ("input", "select", "textarea", "button")
UNNAMED_INPUTS = ("hidden",)
SUBMIT_INPUTS = ("submit", "image")


def _text(element: Tag, skip_controls: bool = False) -> str:
    """An element's text, the text of form controls inside it left out when `skip_controls`."""
    parts = []
    for text in element.find_all(string=True):
        if skip_controls and any(parent.name in ("select", "textarea") for parent in text.parents):
            continue
        parts.append(str(text))
    return " ".join("".join(parts).split())


def accessible_name(control: Tag, soup: BeautifulSoup) -> str:
    """The name a control gets from the markup (the accessible-name rules, without CSS)."""
    labelled_by = control.get("aria-labelledby", "")
    if labelled_by:
        names = [_text(found) for found in (soup.find(id=ref) for ref in labelled_by.split()) if found is not None]
        if any(names):
            return " ".join(names)
    if (control.get("aria-label") or "").strip():
        return control["aria-label"].strip()
    kind = (control.get("type") or "").lower()
    if control.name == "input" and kind in ("submit", "reset", "button"):
        return (control.get("value") or {"submit": "Submit", "reset": "Reset"}.get(kind, "")).strip()
    if control.name == "input" and kind == "image":
        return (control.get("alt") or "").strip()
    names = []
    if control.get("id"):
        names += [_text(label, skip_controls=True) for label in soup.find_all("label", attrs={"for": control["id"]})]
    wrapping = control.find_parent("label")
    if wrapping is not None and not wrapping.get("for"):
        names.append(_text(wrapping, skip_controls=True))
    if control.name == "button":
        names.append(_text(control))
    name = " ".join(name for name in names if name)
    return name or (control.get("title") or "").strip()


def _has_submit(form: Tag, soup: BeautifulSoup) -> bool:
    owned = form.find_all(["button", "input"])
    if form.get("id"):
        owned += soup.find_all(["button", "input"], attrs={"form": form["id"]})
    return any((element.name == "button" and (element.get("type") or "submit").lower() == "submit")
               or (element.name == "input" and (element.get("type") or "").lower() in SUBMIT_INPUTS)
               for element in owned)


def form_problems(html: str) -> list[str]:
    """Every form without a submit button and every control without an accessible name, one line each."""
    soup = BeautifulSoup(html, "html.parser")
    problems = [f"form without a submit button: {str(form)[:100]}"
                for form in soup.find_all("form") if not _has_submit(form, soup)]
    for control in soup.find_all(CONTROLS):
        if control.name == "input" and (control.get("type") or "").lower() in UNNAMED_INPUTS:
            continue
        if not accessible_name(control, soup):
            problems.append(f"{control.name} without an accessible name: {str(control)[:100]}")
    return problems
