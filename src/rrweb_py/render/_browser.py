"""Headless Chromium for pictures: the system's browser, driven by playwright, one page reused for many pictures.

The browser is found, never downloaded: ``RRWEB_PY_CHROMIUM`` (a path), else ``chromium``, ``chromium-browser``,
``google-chrome`` or ``google-chrome-stable`` on ``PATH``. Pages are the inert HTML of :meth:`Frame.to_html`
(recorded scripts never run: a Content-Security-Policy forbids them); on top of that every request the page makes
is refused unless the caller allows the network, so a picture shows the recording and nothing fetched from
elsewhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, Self, TypeVar

from ..errors import RenderError

T = TypeVar("T")
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    """The path of the Chromium to drive (see the module doc)."""
    given = os.environ.get("RRWEB_PY_CHROMIUM")
    if given:
        if not os.path.isfile(given):
            msg = f"RRWEB_PY_CHROMIUM names {given!r}, which is not a file"
            raise RenderError(msg)
        return given
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    msg = ("no Chromium found for pictures: install one (Debian/Ubuntu: apt-get install chromium) or set "
           "RRWEB_PY_CHROMIUM to its path")
    raise RenderError(msg)


class Browser:
    """One headless Chromium with one page, for many pictures (``with Browser() as b: b.run(fn)``).

    Playwright's synchronous API refuses to run in a thread that has an asyncio loop (a notebook's), and two of
    it cannot share a thread: each browser therefore lives in a thread of its own, and :meth:`run` hands it work."""

    def __init__(self, *, allow_network: bool = False, scale: float = 1.0) -> None:
        try:
            import playwright.sync_api  # noqa: F401 - only to say clearly when it is missing
        except ImportError:
            msg = "pictures need playwright: pip install 'rrweb_py[render]'"
            raise RenderError(msg) from None
        self.allow_network = allow_network
        self._size: tuple[int, int] | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rrweb-py-browser")
        try:
            self._thread.submit(self._start, find_chromium(), scale).result()
        except BaseException:
            self._thread.shutdown()
            raise

    def _start(self, executable: str, scale: float) -> None:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, headless=True,
                args=["--disable-gpu", "--hide-scrollbars", "--mute-audio", "--no-first-run"])
        except PlaywrightError as exc:
            self._playwright.stop()
            msg = f"could not start Chromium ({executable}): {str(exc).splitlines()[0]}"
            raise RenderError(msg) from None
        self._page = self._browser.new_context(device_scale_factor=scale).new_page()
        if not self.allow_network:
            self._page.route("**/*", lambda route: route.abort())

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(page, *args)`` in the browser's thread (``page``: playwright's sync Page); a failure of the browser
        is a :class:`RenderError`."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return self._thread.submit(fn, self._page, *args).result()
        except PlaywrightError as exc:
            msg = f"the browser failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            raise RenderError(msg) from exc

    def evaluate(self, expression: str, arg: Any = None) -> Any:
        """Evaluate JavaScript in the page (through the DevTools protocol: the page's CSP does not apply)."""
        return self.run(lambda page: page.evaluate(expression, arg))

    def resize(self, page: Any, width: int, height: int) -> None:
        """Set the viewport (skipped when it already has that size); call it in the browser's thread."""
        if self._size != (width, height):
            page.set_viewport_size({"width": width, "height": height})
            self._size = (width, height)

    def close(self) -> None:
        """Close the browser, stop playwright and its thread."""
        def stop(_: Any) -> None:
            try:
                self._browser.close()
            finally:
                self._playwright.stop()

        try:
            self.run(stop)
        finally:
            self._thread.shutdown()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
