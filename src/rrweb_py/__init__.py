"""rrweb_py: rebuild, seek and query the DOM of rrweb session recordings, in pure Python."""

from ._api import Frame, Replay, load
from ._store import EventStore
from .errors import (
    Anomaly,
    AnomalyError,
    DataLossWarning,
    DecodeError,
    InvalidArgument,
    RenderError,
    ReplayWarning,
    RrwebPyError,
    StoreError,
)

__all__ = [
    "Anomaly",
    "AnomalyError",
    "DataLossWarning",
    "DecodeError",
    "EventStore",
    "Frame",
    "InvalidArgument",
    "RenderError",
    "Replay",
    "ReplayWarning",
    "RrwebPyError",
    "StoreError",
    "load",
]
__version__ = "0.1.0"
