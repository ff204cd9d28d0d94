"""The public names of ``rrweb_py`` are pinned: adding, removing or reshaping one is a decision, made here too."""

from __future__ import annotations

import inspect
import re
import tomllib
import types
from pathlib import Path

import rrweb_py

ROOT = Path(__file__).resolve().parents[2]

#: name -> (defining module, kind, direct bases): "class" names a class, "function" a plain function
PUBLIC = {
    "Anomaly": ("rrweb_py.errors", "class", ("object",)),
    "AnomalyError": ("rrweb_py.errors", "class", ("RrwebPyError",)),
    "DataLossWarning": ("rrweb_py.errors", "class", ("ReplayWarning",)),
    "DecodeError": ("rrweb_py.errors", "class", ("RrwebPyError", "ValueError")),
    "EventStore": ("rrweb_py._store", "class", ("Sequence",)),
    "Frame": ("rrweb_py._api", "class", ("Frame",)),  # the read side's Frame, which can also draw itself
    "InvalidArgument": ("rrweb_py.errors", "class", ("RrwebPyError", "ValueError")),
    "RenderError": ("rrweb_py.errors", "class", ("RrwebPyError",)),
    "Replay": ("rrweb_py._api", "class", ("ReplayCore",)),
    "ReplayWarning": ("rrweb_py.errors", "class", ("UserWarning",)),
    "RrwebPyError": ("rrweb_py.errors", "class", ("Exception",)),
    "StoreError": ("rrweb_py.errors", "class", ("RrwebPyError", "OSError")),
    "load": ("rrweb_py._api", "function", ()),
}


def test_all_is_pinned():
    assert sorted(rrweb_py.__all__) == sorted(PUBLIC)
    assert len(set(rrweb_py.__all__)) == len(rrweb_py.__all__)


def test_each_public_name_is_what_it_was():
    for name, (module, kind, bases) in PUBLIC.items():
        obj = getattr(rrweb_py, name)
        assert obj.__module__ == module, name
        if kind == "class":
            assert inspect.isclass(obj), name
            assert tuple(b.__name__ for b in obj.__bases__) == bases, name
        else:
            assert inspect.isfunction(obj), name


def test_star_import_gives_exactly_all():
    namespace: dict[str, object] = {}
    exec("from rrweb_py import *", namespace)  # noqa: S102 - the import statement under test
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(PUBLIC)


def test_nothing_else_public_but_submodules():
    """A name without underscore at the top is in ``__all__`` or is a submodule (``rrweb_py.analysis``...)."""
    extra = [k for k, v in vars(rrweb_py).items()
             if not k.startswith("_") and k not in PUBLIC and not isinstance(v, types.ModuleType)]
    assert extra == []


def test_load_signature():
    params = inspect.signature(rrweb_py.load).parameters
    assert [(p.name, p.kind.name) for p in params.values()] == [
        ("source", "POSITIONAL_OR_KEYWORD"),
        ("on_anomaly", "KEYWORD_ONLY"),
        ("store", "KEYWORD_ONLY"),
        ("progress", "KEYWORD_ONLY"),
        ("checkpoints", "VAR_KEYWORD"),
    ]
    assert params["on_anomaly"].default == "collect"
    assert params["store"].default == "auto"
    assert params["progress"].default is None


def test_render_signature():
    params = inspect.signature(rrweb_py.Replay.render).parameters
    assert [(p.name, p.kind.name, p.default) for p in list(params.values())[1:]] == [
        ("path", "POSITIONAL_OR_KEYWORD", inspect.Parameter.empty),
        ("start_ms", "KEYWORD_ONLY", 0), ("end_ms", "KEYWORD_ONLY", None), ("fps", "KEYWORD_ONLY", 10),
        ("speed", "KEYWORD_ONLY", 1.0), ("skip_inactive", "KEYWORD_ONLY", False), ("width", "KEYWORD_ONLY", None),
        ("height", "KEYWORD_ONLY", None), ("progress", "KEYWORD_ONLY", None),
    ]


def test_version_has_one_home():
    """``rrweb_py.__version__`` is the version; pyproject.toml reads it from there and does not repeat it."""
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.dev\d+)?", rrweb_py.__version__)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "rrweb_py.__version__"}
