"""rrweb_py: rebuild, seek and query the DOM of rrweb session recordings, in pure Python."""

from ._api import Replay, load
from ._read.frame import Frame
from ._store import EventStore
from .errors import (
    Anomaly,
    AnomalyError,
    DataLossWarning,
    DecodeError,
    InvalidArgument,
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
    "Replay",
    "ReplayWarning",
    "RrwebPyError",
    "StoreError",
    "load",
]
__version__ = "0.1.0"
