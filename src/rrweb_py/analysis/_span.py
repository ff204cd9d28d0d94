"""What every time interval of the analysis results shares."""

from __future__ import annotations


class Span:
    """A mixin for results with ``start_ms`` and ``end_ms`` (offsets from the replay's first event; ``end_ms`` is
    ``None`` while it still holds at the end)."""

    __slots__ = ()
    start_ms: float
    end_ms: float | None

    @property
    def duration_ms(self) -> float | None:
        """How long it held (``None`` if it still did at the end)."""
        return None if self.end_ms is None else self.end_ms - self.start_ms

    def contains(self, offset_ms: float) -> bool:
        """True when it held at ``offset_ms``."""
        return self.start_ms <= offset_ms and (self.end_ms is None or offset_ms < self.end_ms)


def clock(ms: float) -> str:
    """An offset as people read it: ``mm:ss.mmm`` (``h:mm:ss.mmm`` past an hour; ``-`` before the start)."""
    sign = "-" if ms < 0 else ""
    total = round(abs(ms))
    h, rest = divmod(total, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{sign}{h}:{m:02d}:{s:02d}.{milli:03d}" if h else f"{sign}{m:02d}:{s:02d}.{milli:03d}"
