"""Characters a content file may not hold: invisible ones that change what a reader sees, and control characters.

Refused everywhere (fields, vocabularies and body): C0 and C1 control characters but tab, line feed and
carriage return (line breaks of every editor); DEL; the bidirectional embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069), which show the text after them in another order than it is written (the
"Trojan Source" trick); and the noncharacters U+FFFE and U+FFFF. The directional marks (U+200E, U+200F,
U+061C) only set the direction of punctuation next to them and are needed in Arabic or Hebrew text, so the
body and descriptions may hold them.

Refused in ids (file names, vocabulary keys, references) and titles besides: zero-width and other invisible
characters and the directional marks, so that two titles or ids that look the same are the same.
"""

from __future__ import annotations

import re
import unicodedata

REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u2060-\u2064\ufeff]")

# unicodedata has no names for control characters; these are their Unicode name aliases.
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
}


def character_name(character: str) -> str:
    """The code point and name of a character, e.g. 'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    code = ord(character)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(character, None)
    if name is None:
        name = "control character" if unicodedata.category(character) == "Cc" else "noncharacter"
    return f"U+{code:04X} {name}"


def refused_problem(character: str) -> str:
    """What is wrong with a refused character, for a content error."""
    if "\u202a" <= character <= "\u202e" or "\u2066" <= character <= "\u2069":
        why = "an invisible character that shows the text after it in another order than it is written"
    else:
        why = "a control character that shows as nothing or breaks the page"
    return f"contains {character_name(character)}, {why}; delete it (retype the text around it if needed)"


def invisible_problem(value: str) -> str | None:
    """What is wrong with a title or id holding an invisible character, or None when it holds none."""
    found = INVISIBLE.search(value)
    if found is None:
        return None
    return (f"contains {character_name(found.group())}, an invisible character, after "
            f"'{value[:found.start()][-20:]}'; delete it (retype the text around it if needed)")
