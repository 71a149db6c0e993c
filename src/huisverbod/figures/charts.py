"""Charts of the published figures, drawn on the server by matplotlib (Agg) as inline SVG.

Only protected values are drawn: a suppressed value is a gap in a line and a missing bar, never a
number. The SVG carries no inline CSS (the Content-Security-Policy allows none): matplotlib's
``style`` attributes are rewritten as SVG presentation attributes, and its ``<style>`` element
and metadata are dropped, so the same figures give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

matplotlib.use("Agg")
# Set once: text stays text in the SVG (searchable, scalable), in the beschikking's font.
matplotlib.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9})

COLOURS = ("#1d4e89", "#d1495b", "#00798c", "#edae49", "#66a182", "#8d6a9f")
_STYLE = re.compile(r'style="([^"]*)"')
_FONT = re.compile(r"^(?:(?P<weight>bold|normal)\s+)?(?P<size>[\d.]+px)\s+(?P<family>.+)$")


def _attributes(style: str) -> str:
    parts = []
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (s.strip() for s in declaration.split(":", 1))
        if name == "font":
            match = _FONT.match(value)
            if match:
                if match["weight"]:
                    parts.append(f'font-weight="{match["weight"]}"')
                parts.append(f'font-size="{match["size"]}"')
                parts.append(f'font-family="{match["family"].replace(chr(39), "").replace(chr(34), "")}"')
            continue
        parts.append(f'{name}="{value}"')
    return " ".join(parts)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r"<style[^>]*>.*?</style>", "", text, flags=re.S)
    return _STYLE.sub(lambda m: _attributes(m.group(1)), text)


def _figure(width: float = 7.5, height: float = 3.0) -> tuple[Figure, Axes]:
    """A figure of its own (no pyplot state: safe in a threaded server)."""
    figure = Figure(figsize=(width, height))
    axes = figure.subplots()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def trend(labels: Sequence[str], series: Mapping[str, Sequence[float | int | None]], title: str) -> str:
    """Lines per period; a suppressed value (None) is a gap."""
    figure, axes = _figure()
    positions = list(range(len(labels)))
    for colour, (name, values) in zip(COLOURS, series.items(), strict=False):
        ys = [float("nan") if v is None else v for v in values]
        axes.plot(positions, ys, marker="o", markersize=3, linewidth=1.6, color=colour, label=name)
    step = max(1, len(labels) // 12)
    axes.set_xticks(positions[::step], [labels[i] for i in positions[::step]], rotation=45, ha="right")
    axes.set_title(title, loc="left", fontsize=10)
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(figure)


def bars(labels: Sequence[str], series: Mapping[str, Sequence[float | int | None]], title: str) -> str:
    """Bars per region side by side; a suppressed value is a missing bar marked "x"."""
    figure, axes = _figure(7.5, max(2.4, 0.32 * len(labels) * max(1, len(series)) + 0.8))
    count = max(1, len(series))
    height = 0.8 / count
    for index, (colour, (name, values)) in enumerate(zip(COLOURS, series.items(), strict=False)):
        ys = [i + (index - (count - 1) / 2) * height for i in range(len(labels))]
        shown = [0.0 if v is None else v for v in values]
        axes.barh(ys, shown, height=height * 0.9, color=colour, label=name)
        for y, v in zip(ys, values, strict=True):
            if v is None:
                axes.text(0, y, " x", va="center", fontsize=7, color="#555555")
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.grid(axis="y", visible=False)
    axes.set_title(title, loc="left", fontsize=10)
    axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(figure)


def funnel(steps: Sequence[tuple[str, int | None]], title: str) -> str:
    """From assessment to order to extension: one bar per step, widest first."""
    figure, axes = _figure(7.5, 0.55 * len(steps) + 0.9)
    known = [v for _, v in steps if v is not None]
    widest = max(known) if known else 1
    for i, (label, value) in enumerate(steps):
        width = value if value is not None else 0
        axes.barh(i, width, left=(widest - width) / 2, color=COLOURS[i % len(COLOURS)], height=0.7)
        text = f"{label}: {value}" if value is not None else f"{label}: x"
        axes.text(
            widest / 2,
            i,
            text,
            ha="center",
            va="center",
            fontsize=8,
            color="#ffffff" if width > widest * 0.35 else "#111111",
        )
    axes.set_yticks([])
    axes.set_xticks([])
    axes.spines[["left", "bottom"]].set_visible(False)
    axes.grid(False)
    axes.invert_yaxis()
    axes.set_title(title, loc="left", fontsize=10)
    return _svg(figure)
