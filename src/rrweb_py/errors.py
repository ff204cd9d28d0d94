"""Errors, warnings and the anomaly record.

Policy (see docs/errors.md):

1. API misuse raises :class:`InvalidArgument`.
2. Unusable input (not JSON, not a list of events, an event without ``type``/``timestamp``) raises
   :class:`DecodeError` with a JSON path such as ``$[1234].timestamp``.
3. Dangling but normal cases (an id that is already gone, a parent that never arrived, an unknown event type,
   a malformed entry inside an event) are skipped and recorded as an :class:`Anomaly` on the replay.
   ``on_anomaly="raise"`` turns them into :class:`AnomalyError` (tests use it), ``"warn"`` also emits a
   :class:`ReplayWarning`.
"""

from __future__ import annotations

from typing import Any

import attrs


class RrwebPyError(Exception):
    """Base class of every error the library raises on purpose."""


class InvalidArgument(RrwebPyError, ValueError):
    """A call was made with arguments that cannot work."""


class DecodeError(RrwebPyError, ValueError):
    """The input is not a usable rrweb event stream. ``path`` is a JSON path into the input."""

    def __init__(self, message: str, path: str = "$") -> None:
        super().__init__(f"{message} - at {path}")
        self.path = path
        self.reason = message


class StoreError(RrwebPyError, OSError):
    """The temporary file that keeps a big recording's events (:mod:`rrweb_py._store`) could not be made, written
    or read (no writable ``$TMPDIR``, a full disk)."""


class MissingDependency(RrwebPyError, ImportError):
    """An optional part is asked for without its extra installed (the message says which: ``pip install
    'rrweb_py[batch]'``...)."""


class RenderError(RrwebPyError):
    """Pictures cannot be made here: playwright (``pip install 'rrweb_py[render]'``) or a Chromium is missing, or
    the browser failed."""


class ReplayWarning(UserWarning):
    """Something in the recording was skipped (emitted with ``on_anomaly="warn"``)."""


class DataLossWarning(ReplayWarning):
    """An export had to change a name or value that the target format cannot hold."""


@attrs.frozen
class Anomaly:
    """A dangling-but-normal problem met while applying an event; the event's other parts still apply.

    ``kind`` is a short stable name (``missing-node``, ``missing-parent``, ``malformed``, ...), ``path`` the JSON
    path of the offending part of the event within the loaded (time-sorted) stream.
    """

    kind: str
    event_index: int
    timestamp_ms: float
    node_id: int | None
    detail: str
    path: str = ""

    def __str__(self) -> str:
        where = f" node {self.node_id}" if self.node_id is not None else ""
        return f"{self.kind} at event {self.event_index} (t={self.timestamp_ms}){where}: {self.detail} [{self.path}]"


class AnomalyError(RrwebPyError):
    """Raised instead of recording an anomaly when ``on_anomaly="raise"``."""

    def __init__(self, anomaly: Anomaly) -> None:
        super().__init__(str(anomaly))
        self.anomaly = anomaly


def describe_type(value: Any) -> str:
    """Name a JSON value's type the way messages here do (``str``, ``int``, ``null``...)."""
    if value is None:
        return "null"
    return type(value).__name__
