"""The funder credits printed in the footer of every page, from the platform programme's own data."""

from __future__ import annotations


from babel.lists import format_list
from lce_platform.content.collections import PROGRAMMES
from lce_platform.outputs.edition import Edition


PLATFORM_PROGRAMME = "learn-create-engage"
"""The programme this site is the platform of (content/programmes/<id>.md)."""


def funder_credits(edition: Edition) -> dict[str, object] | None:
    """Heading and sentence crediting the platform programme's funders in the build's language, if it has any."""
    entry = edition.site.by_id(PROGRAMMES, PLATFORM_PROGRAMME)
    if entry is None or not entry.data.funders:
        return None
    organisations = edition.site.vocabularies["organisations"]
    funders = [organisations[funder].name(edition.language) for funder in entry.data.funders]
    return {
        "heading": edition.t("credits.heading"),
        "text": edition.t("credits.funded_by").format(programme=entry.title(edition.language),
                                                     funders=format_list(funders, locale=edition.language)),
        "funders": funders,
    }
