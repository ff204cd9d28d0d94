"""rrweb_py: rebuild, seek and query the DOM of rrweb session recordings, in pure Python."""

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
from .frame import Frame
from .store import EventStore
from .timeline import Replay, load

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
