"""What the layers above the read side (analysis) may use of the engine, and read only: the node kinds, the flag
of shadow children and of SVG elements, the ``Node`` and ``State`` types, and the form-state rules. Analysis imports these from here,
never from ``_engine``, so the engine's modules stay free to change behind this list."""

from __future__ import annotations

from .._engine.dom import DOCUMENT, ELEMENT, SVG, TEXT, Node
from .._engine.dom import SHADOW as SHADOW_CHILD
from .._engine.forms import current_value, input_type, is_checked
from .._engine.state import State

__all__ = ["DOCUMENT", "ELEMENT", "SHADOW_CHILD", "SVG", "TEXT", "Node", "State", "current_value", "input_type",
           "is_checked"]
