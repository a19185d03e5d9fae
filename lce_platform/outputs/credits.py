"""The funder credits printed in the footer of every page, from the platform programme's own data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.lists import format_list

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild

PLATFORM_PROGRAMME = "learn-create-engage"
"""The programme this site is the platform of (content/programmes/<id>.md)."""


def funder_credits(build: SiteBuild) -> dict[str, object] | None:
    """Heading and sentence crediting the platform programme's funders in the build's language, if it has any."""
    entry = build.site.by_id("programmes", PLATFORM_PROGRAMME)
    if entry is None or not entry.data.funders:
        return None
    organisations = build.site.vocabularies["organisations"]
    funders = [organisations[funder].name(build.language) for funder in entry.data.funders]
    return {
        "heading": build.t("credits.heading"),
        "text": build.t("credits.funded_by").format(programme=entry.title(build.language),
                                                     funders=format_list(funders, locale=build.language)),
        "funders": funders,
    }
