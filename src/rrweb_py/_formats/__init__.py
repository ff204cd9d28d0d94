"""Decoding: bytes, containers and formats in; windows of raw events out.

Every real-world container of rrweb events, recognised by content and decoded into windows of events
(docs/formats.md has the sources):

* a JSON array of events; ``{"events": [...]}``, ``{"rrweb_data": [...]}``, ``{"session": ..., "events": [...]}``
  and similar wrappers; a list of Sentry segments (``[[events], [events]]``); JSON Lines; gzip and zlib files;
* rrweb's packer (``@rrweb/packer`` v1: each event a zlib-compressed latin-1 string);
* Sentry Session Replay: envelopes, recording segments (a ``{"segment_id": N}`` header line, then zlib or raw
  JSON, optionally Sentry's packed rrweb+video blob), several segments stitched by segment id; Sentry's custom
  events keep their tags, and their outer timestamps given in seconds (``performanceSpan``) become milliseconds;
  error ``event`` items sent with the replay are kept in ``meta["errors"]`` (id, replay id, ms timestamp, level,
  message, URL) and the replay events' ``error_ids`` in ``meta["error_ids"]``;
* PostHog: ``[windowId, event]`` lines, ``{"windowId": ...}`` events, legacy ``{"window_id", "data": [...]}``
  lines, ``$snapshot`` capture events, ``cv: "2024-10"`` compressed events (gzip as a latin-1 or base64 string),
  length-prefixed or raw snappy blocks (with the optional ``cramjam`` package), "Export to file" JSON (versions
  ``2022-12-02`` and ``2023-04-28``), form-encoded capture bodies (``data=`` base64 or lz64);
* UTF-16 text and UTF-8 text with a byte-order mark, read as UTF-8.

The modules, each importing only those below it:

* :mod:`.detect`: what the input is (paths, directories, files, bytes, streams, line formats, the top-level array)
  and where each part goes; :func:`decode` is the entry point;
* :mod:`.wrappers`: JSON values to events (plain wrapper objects, segment lists, each element to its family);
* :mod:`.sentry`, :mod:`.posthog`, :mod:`.packer`: one container family each;
* :mod:`.framing`: where each element of a top-level JSON array ends, and whether text ends inside a value;
* :mod:`.transport`: chunked reading, inflation, the caps, and :class:`Decoded`, the result.
"""

from .detect import FORMATS, decode, looks_like_path
from .transport import DEFAULT_WINDOW, Decoded, InputIssue, front_tab, inflate, iter_events

# the caps are read as transport.NAME when decoding runs: set them there (rrweb_py._formats.transport)
__all__ = ["DEFAULT_WINDOW", "FORMATS", "Decoded", "InputIssue", "decode", "front_tab", "inflate", "iter_events",
           "looks_like_path"]
