"""Bar charts as static SVG, drawn at build time with matplotlib's SVG backend.

Byte-identical between builds: no date or version in the file, fixed ids (`svg.hashsalt`), text kept as text
(`svg.fonttype: none`, so no font is embedded or fetched) and laid out with the DejaVu Sans that matplotlib ships.
No pyplot: a Figure of its own per chart, so nothing global is left between charts.
"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap
from functools import cache
from importlib.metadata import version
from pathlib import Path
from xml.sax.saxutils import escape

from lce_platform.reuse import kept_between_builds

WIDTH_INCHES = 4.0
"""288 user units (points), drawn at 384 px: a 390 px phone shows it at about its own size."""
FONT_SIZE = 11
LABEL_CHARACTERS = 22
"""Where a long label (a programme's or an area's name) wraps, so the bars keep most of a phone's width."""
BAR_COLOUR = "#1f5b87"
"""7:1 against white, so the bars pass the 3:1 contrast of graphics (WCAG 1.4.11) with room to spare."""
TEXT_COLOUR = "#1a1a1a"
_GAP = 6.0
"""Points between a label and its bar, and around the chart."""

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "lce-impact",
    "svg.id": None,
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": FONT_SIZE,
    "text.color": TEXT_COLOUR,
    "axes.edgecolor": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "path.simplify": False,
}
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_SIZE = re.compile(r'<svg ([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"')


def _wrapped(labels: tuple[str, ...]) -> list[str]:
    return [textwrap.fill(label, LABEL_CHARACTERS, break_long_words=False) for label in labels]


def _size_inches(wrapped: list[str]) -> tuple[float, float]:
    lines = max((label.count("\n") + 1 for label in wrapped), default=1)
    return WIDTH_INCHES, 0.25 + (0.16 + 0.19 * lines) * max(len(wrapped), 1)


def chart_size(labels: tuple[str, ...]) -> tuple[int, int]:
    """Width and height in CSS pixels of the chart of `labels` (known without drawing it: a check plans the pages
    that show the charts but never draws them)."""
    width, height = _size_inches(_wrapped(labels))
    return round(width * 96), round(height * 96)


def chart_digest(title: str, description: str, labels: tuple[str, ...], values: tuple[int, ...],
                 value_texts: tuple[str, ...]) -> str:
    """A digest of what a chart shows and of how it is drawn (this module and matplotlib's version): its name in a
    folder of charts drawn before, found without importing matplotlib (which takes most of a small build's chart
    time)."""
    shown = repr((title, description, labels, values, value_texts)).encode("utf-8")
    return hashlib.sha256(_drawing_fingerprint() + shown).hexdigest()


@cache
def _drawing_fingerprint() -> bytes:
    return hashlib.sha256(Path(__file__).read_bytes() + version("matplotlib").encode()).digest()


def bar_chart(title: str, description: str, labels: tuple[str, ...], values: tuple[int, ...],
              value_texts: tuple[str, ...]) -> str:
    """A horizontal bar chart (one bar per label, top to bottom, `value_texts` at their ends) as an SVG document with
    its `title` and `description` (the text alternative) inside; its size is in its viewBox only, so it scales."""
    return _drawn(title, description, tuple(labels), tuple(values), tuple(value_texts))


@kept_between_builds
def _drawn(title: str, description: str, labels: tuple[str, ...], values: tuple[int, ...],
           value_texts: tuple[str, ...]) -> str:
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    wrapped = _wrapped(labels)
    width, height = _size_inches(wrapped)
    with matplotlib.rc_context(_RC):
        font = FontProperties(family=_RC["font.family"], size=FONT_SIZE)
        # The labels' width is measured, not laid out by matplotlib: its layout engines and tick labels take most
        # of a chart's time.
        label_points = max((text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
                            for label in wrapped for line in label.split("\n")), default=0)
        value_points = max((text_to_path.get_text_width_height_descent(text, font, ismath=False)[0]
                            for text in value_texts), default=0)
        figure = Figure(figsize=(width, height))
        FigureCanvasSVG(figure)
        width_points, height_points = width * 72, height * 72
        figure.subplots_adjust(left=(label_points + 2 * _GAP) / width_points,
                               right=1 - (value_points + 2 * _GAP) / width_points,
                               top=1 - _GAP / height_points, bottom=_GAP / height_points)
        axes = figure.add_subplot()
        positions = list(range(len(values)))
        bars = axes.barh(positions, values, color=BAR_COLOUR, height=0.7)
        axes.bar_label(bars, labels=list(value_texts), padding=_GAP / 2)
        for position, label in zip(positions, wrapped, strict=True):
            axes.annotate(label, xy=(0, position), xycoords=("axes fraction", "data"), xytext=(-_GAP / 2, 0),
                          textcoords="offset points", ha="right", va="center", linespacing=1.1)
        axes.set_ylim(len(values) - 0.5, -0.5)
        axes.set_xlim(0, max(values, default=0) or 1)
        axes.set_xticks([])
        axes.set_yticks([])
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        output = io.StringIO()
        figure.savefig(output, format="svg", metadata=_NO_METADATA, facecolor="white")
    return _accessible(output.getvalue(), title, description)


def _accessible(svg: str, title: str, description: str) -> str:
    """The drawn SVG as a standalone file that scales and names itself: no DOCTYPE, size in the viewBox only."""
    svg = _PROLOGUE.sub('<?xml version="1.0" encoding="utf-8"?>\n', svg, count=1)
    match = _SIZE.search(svg)
    if match is None:
        raise ValueError("matplotlib's SVG has no width and height in points: its output changed")
    opening = f'<svg {match.group(1)}role="img" aria-labelledby="chart-title chart-desc"'
    svg = svg[:match.start()] + opening + svg[match.end():]
    heading = (f'<title id="chart-title">{escape(title)}</title>\n'
               f'<desc id="chart-desc">{escape(description)}</desc>\n')
    end_of_tag = svg.index(">", svg.index("<svg ")) + 1
    return svg[:end_of_tag] + "\n" + heading + svg[end_of_tag:]

