"""Redaction after the fact: a stored recording rewritten so that what people saw and typed is masked, and the
result still plays (same node ids, same structure, except what a ``block`` rule removes). See docs/redaction.md.

Rules are matched against the page at the moment of each event, so a text added under a masked element minutes
after the page loaded is masked too, and a node moved under a masked container is masked from then on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .rewrite import Redactor
from .rules import DEFAULT_MASK_ATTRIBUTES, Rules, mask_css, mask_text, mask_value, strip_url

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore

__all__ = ["DEFAULT_MASK_ATTRIBUTES", "Rules", "iter_redacted", "mask_css", "mask_text", "mask_value", "redact",
           "strip_url"]


def iter_redacted(replay: ReplayCore, rules: Rules) -> Iterator[dict[str, Any]]:
    """The redacted events of ``replay`` (one window), in order, one at a time: memory holds the page model, not
    the output. Events left unchanged are the replay's own objects (copy before changing them)."""
    state, advance = replay.stepper()
    return Redactor(rules).run(replay.events, advance, state)


def redact(replay: ReplayCore, *, mask_all_text: bool = False, mask_text: Sequence[str] | str = (),
           mask_all_inputs: bool = False, mask_inputs: Sequence[str] | str = (), block: Sequence[str] | str = (),
           mask_attributes: Sequence[str] = DEFAULT_MASK_ATTRIBUTES, strip_query: bool = False,
           drop_plugins: bool = False) -> list[dict[str, Any]]:
    """The events of ``replay`` redacted by these rules (see :meth:`rrweb_py.Replay.redact`)."""
    rules = Rules(mask_all_text=mask_all_text, mask_text=mask_text, mask_all_inputs=mask_all_inputs,
                  mask_inputs=mask_inputs, block=block, mask_attributes=mask_attributes, strip_query=strip_query,
                  drop_plugins=drop_plugins)
    return list(iter_redacted(replay, rules))
