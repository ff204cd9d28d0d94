"""Without pyarrow (the batch extra), batch says what to install, before any work and without a traceback."""

from __future__ import annotations

import pytest

from rrweb_py import batch
from rrweb_py.cli import example_path, main
from rrweb_py.errors import MissingDependency


def _no_pyarrow() -> None:
    msg = "rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'"
    raise ImportError(msg)


def test_batch_without_pyarrow_says_what_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(batch, "arrow", _no_pyarrow)
    with pytest.raises(MissingDependency, match=r"pip install 'rrweb_py\[batch\]'"):
        batch.analyze([str(example_path())], workers=1)
    assert main(["batch", str(example_path()), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "rrweb-py: rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'"
    assert not (tmp_path / "out").exists()
