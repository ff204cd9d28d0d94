"""Pictures of a replay: screenshots of a frame, videos, a self-contained report page, notebook display.

Pictures come from headless Chromium (the system's, driven by ``playwright``: ``pip install 'rrweb_py[render]'``),
which opens the frame's inert HTML (:meth:`rrweb_py.Frame.to_html`); the report page itself needs no browser unless
it carries thumbnails. This layer sits on top: it reads replays, frames and analyses, and nothing below imports it.
"""
