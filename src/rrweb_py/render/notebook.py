"""Notebook display (Jupyter's ``_repr_html_`` / ``_repr_png_``): a frame as its inert page in a sandboxed iframe
scaled to fit the cell, or as a screenshot where a browser is available."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..errors import RenderError
from .screenshot import DEFAULT_SIZE

if TYPE_CHECKING:
    from .._read.frame import Frame
    from .._replay.replay import ReplayCore as Replay

#: the widest a frame is shown in a notebook cell (CSS px); wider pages are scaled down
CELL_WIDTH = 960


def frame_html(frame: Frame) -> str:
    """The page in an ``<iframe sandbox srcdoc>`` (no script, no form, no navigation) at its recorded viewport,
    scaled down to :data:`CELL_WIDTH`, under a caption with the time and URL."""
    vw, vh = frame.viewport
    width, height = int(vw or DEFAULT_SIZE[0]), int(vh or DEFAULT_SIZE[1])
    scale = min(1.0, CELL_WIDTH / width)
    offset = frame.offset_ms
    caption = f"{offset / 1000:.3f} s" if offset is not None else f"{frame.timestamp_ms:.0f}"
    caption += f" · {frame.href}" if frame.href else ""
    doc = html.escape(frame.to_html(), quote=True)
    return (f'<div style="font:12px sans-serif;color:#555">{html.escape(caption)}</div>'
            f'<div style="width:{width * scale:.0f}px;height:{height * scale:.0f}px;overflow:hidden;'
            f'border:1px solid #ccc">'
            f'<iframe sandbox="" srcdoc="{doc}" style="width:{width}px;height:{height}px;border:0;'
            f'transform:scale({scale:.4f});transform-origin:0 0"></iframe></div>')


def frame_png(frame: Frame) -> bytes | None:
    """A screenshot of the frame, or ``None`` where pictures cannot be made (no playwright, no Chromium)."""
    from .screenshot import screenshot_png

    try:
        return screenshot_png(frame)
    except RenderError:
        return None


def replay_html(replay: Replay, *, preset: str = "sentry") -> str:
    """The report's summary and timeline strip (:mod:`rrweb_py.render.report`) in a sandboxed iframe, so that its
    styles stay out of the notebook's."""
    from . import report

    facts = report.gather(replay, preset)
    doc = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
           f'<meta http-equiv="Content-Security-Policy" content="{html.escape(report.CSP)}">'
           f"<style>{report.STYLE}</style></head><body>"
           f"{report.summary_section(facts)}{report.timeline_section(facts)}</body></html>")
    return (f'<iframe sandbox="" srcdoc="{html.escape(doc, quote=True)}" '
            'style="width:100%;height:560px;border:1px solid #ccc"></iframe>')
