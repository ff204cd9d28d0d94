"""Screenshots of a frame: its inert HTML in headless Chromium at the recorded viewport, the window and element
scroll restored, the mouse cursor drawn where the pointer was and a mark where a click just happened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .._protocol import MouseInteraction
from ..errors import InvalidArgument, RenderError
from ._browser import Browser

if TYPE_CHECKING:
    from .._read.frame import Frame
    from .._replay.replay import ReplayCore

#: the viewport when the recording has no Meta event
DEFAULT_SIZE = (1280, 800)
#: how long after a click its mark is drawn (ms)
CLICK_MARK_MS = 600
_CLICKS = frozenset({int(MouseInteraction.CLICK), int(MouseInteraction.DBL_CLICK)})  # drawn as a click

# The one script a picture's page is prepared with (screenshots and videos), run through the DevTools protocol (the
# page's own CSP forbids its scripts, not this): elements written anew (outerHTML) when given, all or none (false,
# and nothing done, when one is not in the page as a plain element); then the scroll offsets restored when given and
# the overlay (pointer and click mark, made once per page load) placed.
#
# Videos (``video`` given: ``{measure, size}``, ``size`` the picture's) also hide the text caret with a style sheet
# put into the page once (a screenshot's ``caret="hide"`` does that on every picture), and say what the call changed
# on the screen: ``{region, sx, sy, why}``, ``region`` being ``[x, y, width, height]`` in the viewport on multiples
# of 16 (``[]``: nothing visible changed; ``null``: not known, take the whole picture, ``why`` says why), ``sx, sy``
# the window's scroll. The region is the union of the boxes,
# before and after, of the elements written anew (with their descendants and text) and of the overlay's marks; it is
# known only when ``measure`` is true and nothing could have changed elsewhere: the page's scroll and the elements'
# own boxes stayed as they were, and neither the page (at its load: frames, media, animated images or SVG, lazy
# images, ``:has()``) nor a written element (floats, shadows, filters, counters, pseudo-elements, media, SVG, form
# radios, autofocus, style sheets, a rule's sibling combinator that matches it) reaches outside its box; no
# animation runs and no font is loading.
STEP = """
async ([patch, scroll, elements, pointer, click, video]) => {
  const HTML = 'http://www.w3.org/1999/xhtml';
  let layer = document.getElementById('__rrweb_py_overlay');
  const check = video && video.measure && layer && window.__rrweb_py_clip;
  let sure = !!check;
  let why = check ? '' : 'not measured';  // why the region is not known
  const boxes = [];
  const add = (r) => { if (r.width > 0 && r.height > 0) boxes.push([r.left, r.top, r.right, r.bottom]); };
  const NOT = new Set(['style', 'link', 'meta', 'base', 'title', 'col', 'colgroup', 'area', 'map', 'source',
    'track', 'slot', 'iframe', 'frame', 'frameset', 'object', 'embed', 'img', 'picture', 'video', 'audio',
    'canvas', 'marquee', 'progress', 'option', 'optgroup', 'select', 'datalist', 'dialog', 'portal',
    'fencedframe', 'script', 'noscript', 'template']);
  const none = (v) => v === 'none' || v === 'normal' || v === '' || v === '0px';
  // the boxes of an element, its descendants and its text; false: it may reach outside them
  const extent = (el) => {
    const all = [el, ...el.querySelectorAll('*')];
    if (all.length > 500) { why = 'large'; return false; }
    for (const e of all) {
      if (e.namespaceURI !== HTML || NOT.has(e.localName) || e.shadowRoot || e.hasAttribute('autofocus')
          || (e.localName === 'input' && e.type === 'radio')) { why = 'element ' + e.localName; return false; }
      const cs = getComputedStyle(e);
      if (cs.float !== 'none' || !none(cs.boxShadow) || !none(cs.textShadow) || !none(cs.filter)
          || !none(cs.backdropFilter) || (cs.outlineStyle !== 'none' && !none(cs.outlineWidth))
          || !none(cs.counterIncrement) || !none(cs.counterReset) || !none(cs.counterSet)
          || cs.mixBlendMode !== 'normal' || cs.display === 'list-item') { why = 'style'; return false; }
      for (const pseudo of ['::before', '::after']) {
        if (!none(getComputedStyle(e, pseudo).content)) { why = 'pseudo-element'; return false; }
      }
      add(e.getBoundingClientRect());
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    add(range.getBoundingClientRect());
    return true;
  };
  const own = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(); };
  const scrolls = () => JSON.stringify([window.scrollX, window.scrollY, ...(elements || []).map(([id]) => {
    const el = document.querySelector(`[data-rrweb-id="${id}"]`);
    return el ? [el.scrollLeft, el.scrollTop] : null;
  })]);
  const siblings = window.__rrweb_py_siblings || [];
  const touches = (el) => siblings.some((s) => { try { return el.matches(s); } catch (e) { return true; } });
  const before = sure ? scrolls() : '';
  const marked = sure ? [...layer.children].slice(0, 2).map((mark) => mark.getBoundingClientRect()) : [];
  if (patch) {
    const found = [];
    for (const [id, html] of patch) {
      const el = document.querySelector(`[data-rrweb-id="${id}"]`);
      if (!el || !el.parentNode || el.parentNode.nodeType !== 1) return false;
      found.push([el, html]);
    }
    const olds = [];
    if (sure) {
      for (const [el] of found) {
        const inside = el.closest('select, datalist, svg, math');
        if (inside) why = 'inside ' + inside.localName;
        else if (touches(el)) why = 'sibling rule';
        if (why || !extent(el)) { sure = false; break; }
        olds.push([el.getAttribute('data-rrweb-id'), el.parentNode, el.parentNode.children.length, own(el)]);
      }
    }
    for (const [el, html] of found) el.outerHTML = html;
    for (const [id, parent, count, box] of sure ? olds : []) {
      const el = document.querySelector(`[data-rrweb-id="${id}"]`);
      if (!el || el.parentNode !== parent || parent.children.length !== count) why = 'structure';
      else if (own(el) !== box) why = 'box';
      else if (touches(el)) why = 'sibling rule';
      if (why || !extent(el)) { sure = false; break; }
    }
  }
  if (!layer) {
    layer = document.createElement('div');
    layer.id = '__rrweb_py_overlay';
    layer.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483647;overflow:hidden';
    const c = document.createElement('div');
    c.style.cssText = 'position:absolute;display:none;width:28px;height:28px;border-radius:50%;'
      + 'border:3px solid rgba(230,40,40,.9);background:rgba(230,40,40,.25);box-sizing:border-box';
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    p.setAttribute('width', '20'); p.setAttribute('height', '24'); p.setAttribute('viewBox', '0 0 20 24');
    p.style.cssText = 'position:absolute;display:none';
    p.innerHTML = '<path d="M1 1 L1 19 L6 14 L9.5 22 L12.5 20.6 L9 13 L16 13 Z" fill="#111" stroke="#fff" '
      + 'stroke-width="1.5" stroke-linejoin="round"/>';
    layer.append(c, p);
    (document.body || document.documentElement).appendChild(layer);
    if (video) {
      // the text caret is never drawn (as playwright's caret="hide", once for the page)
      const hide = document.createElement('style');
      hide.textContent = '*:not(#__rrweb_py_a.__rrweb_py_b.__rrweb_py_c.__rrweb_py_d) '
        + '{ caret-color: transparent !important; }';
      layer.append(hide);
      // can a region of this page change alone? (see above)
      let clip = !document.querySelector('iframe, frame, object, embed, video, audio, marquee, progress, '
        + 'img[loading=lazy], img[decoding=async], animate, animateMotion, animateTransform, set, [autofocus]');
      const found = [];
      const rules = (list) => {
        for (const rule of list) {
          if (rule.cssRules) rules(rule.cssRules);
          const text = rule.selectorText;
          if (!text) continue;
          if (text.includes(':has(')) clip = false;
          // every part before a sibling combinator (+, ~) outside brackets and strings
          let depth = 0, quote = '';
          for (let i = 0; i < text.length; i++) {
            const ch = text[i];
            if (quote) { if (ch === quote) quote = ''; else if (ch === '\\\\') i++; continue; }
            if (ch === '"' || ch === "'") quote = ch;
            else if (ch === '\\\\') i++;
            else if (ch === '(' || ch === '[') depth++;
            else if (ch === ')' || ch === ']') depth--;
            else if (depth === 0 && (ch === '+' || ch === '~')) {
              const head = text.slice(0, i);
              const start = Math.max(head.lastIndexOf(',') + 1, 0);
              found.push(head.slice(start).trim() || '*');
            }
          }
        }
      };
      try { for (const sheet of document.styleSheets) rules(sheet.cssRules); } catch (e) { clip = false; }
      window.__rrweb_py_clip = clip;
      window.__rrweb_py_siblings = found;
    }
  }
  if (scroll) {
    for (const [id, x, y] of elements) {
      const el = document.querySelector(`[data-rrweb-id="${id}"]`);
      if (el) { el.scrollLeft = x; el.scrollTop = y; }
    }
    window.scrollTo(scroll[0], scroll[1]);
  }
  const [c, p] = layer.children;
  c.style.display = click ? 'block' : 'none';
  if (click) { c.style.left = (click[0] - 14) + 'px'; c.style.top = (click[1] - 14) + 'px'; }
  p.style.display = pointer ? 'block' : 'none';
  if (pointer) { p.style.left = pointer[0] + 'px'; p.style.top = pointer[1] + 'px'; }
  if (!video) return true;
  if (sure) {
    [c, p].forEach((mark, i) => {  // a mark that moved, appeared or went
      const [was, now] = [marked[i], mark.getBoundingClientRect()];
      if ([was.left, was.top, was.width, was.height].join() !== [now.left, now.top, now.width, now.height].join()) {
        add(was);
        add(now);
      }
    });
    if (scrolls() !== before) why = 'scroll';
    else if (document.fonts.status !== 'loaded') why = 'fonts';
    else if (document.getAnimations().some((a) => a.pending || a.playState === 'running')) why = 'animation';
    sure = !why;
  }
  await document.fonts.ready;
  let region = null;
  if (sure) {
    region = [];
    if (boxes.length) {
      const [w, h] = video.size;  // the picture's (with playwright 1.40 the window can be smaller)
      // whole pixels around the boxes and one more on each side (antialiased edges), on multiples of 16 (the
      // blocks of a JPEG of the whole viewport), within the viewport
      const grid = (v, up) => 16 * (up ? Math.ceil(v / 16) : Math.floor(v / 16));
      const x0 = Math.max(0, grid(Math.floor(Math.min(...boxes.map((b) => b[0]))) - 1, false));
      const y0 = Math.max(0, grid(Math.floor(Math.min(...boxes.map((b) => b[1]))) - 1, false));
      const x1 = Math.min(w, grid(Math.ceil(Math.max(...boxes.map((b) => b[2]))) + 1, true));
      const y1 = Math.min(h, grid(Math.ceil(Math.max(...boxes.map((b) => b[3]))) + 1, true));
      if (x1 > x0 && y1 > y0) region = [x0, y0, x1 - x0, y1 - y0];
    }
  }
  return {region, sx: window.scrollX, sy: window.scrollY, why: window.__rrweb_py_clip === false ? 'page' : why};
}
"""


def _size(frame: Frame, width: int | None, height: int | None) -> tuple[int, int]:
    vw, vh = frame.viewport
    w = width if width is not None else int(vw) if vw else DEFAULT_SIZE[0]
    h = height if height is not None else int(vh) if vh else DEFAULT_SIZE[1]
    for name, value in (("width", w), ("height", h)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 16384:
            msg = f"{name} must be an int of pixels in 1..16384, got {value!r}"
            raise InvalidArgument(msg)
    return w, h


def _element_scrolls(frame: Frame) -> list[list[float]]:
    out: list[list[float]] = []
    for node in frame.state.tree.nodes.values():
        scroll = node.props.get("scroll") if node.props else None
        if scroll and (scroll[0] or scroll[1]):
            out.append([node.id, scroll[0], scroll[1]])  # lists: older playwright sends no tuples
    return out


def marks(frame: Frame) -> tuple[list[float] | None, list[float] | None]:
    """Where to draw the pointer and the mark of a click of the last :data:`CLICK_MARK_MS` (``None``: not)."""
    pointer = frame.pointer
    click = None
    last = frame.last_interaction
    if (last is not None and last.get("type") in _CLICKS and isinstance(last.get("x"), (int, float))
            and isinstance(last.get("y"), (int, float)) and 0 <= frame.timestamp_ms - last["timestamp"] <= CLICK_MARK_MS):
        click = [last["x"], last["y"]]
    return ([pointer["x"], pointer["y"]] if pointer is not None else None), click


def dress(frame: Frame, *, cursor: bool = True) -> list[Any]:
    """The arguments of :data:`STEP` that restore the scroll offsets and draw the pointer and a recent click."""
    pointer, click = marks(frame) if cursor else (None, None)
    return [None, list(frame.scroll), _element_scrolls(frame), pointer, click]


def _check_scale(scale: float) -> None:
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 4:
        msg = f"scale must be a number in (0, 4], got {scale!r}"
        raise InvalidArgument(msg)


def shoot(browser: Browser, frame: Frame, *, width: int | None = None, height: int | None = None,
          cursor: bool = True, full_page: bool = False) -> bytes:
    """A PNG of ``frame`` taken with an open :class:`Browser` (whose ``scale`` applies)."""
    w, h = _size(frame, width, height)
    html = frame.to_html(node_ids=True, allow_fetch=browser.allow_network)
    extras = dress(frame, cursor=cursor)

    def take(page: Any) -> bytes:
        browser.resize(page, w, h)
        page.set_content(html, wait_until="load")
        page.evaluate(STEP, extras)
        png: bytes = page.screenshot(type="png", full_page=full_page, animations="disabled", caret="hide")
        return png

    return browser.run(take)


def screenshot_png(frame: Frame, path: str | Path | None = None, *, width: int | None = None,
                   height: int | None = None, scale: float = 1.0, cursor: bool = True, full_page: bool = False,
                   allow_network: bool = False) -> bytes:
    """A PNG of ``frame`` (see :meth:`rrweb_py.Frame.screenshot`), written to ``path`` when given."""
    _check_scale(scale)
    _size(frame, width, height)  # bad sizes are refused before a browser starts
    with Browser(allow_network=allow_network, scale=scale) as browser:
        png = shoot(browser, frame, width=width, height=height, cursor=cursor, full_page=full_page)
    if path is not None:
        Path(path).write_bytes(png)
    return png


class Thumbnails:
    """``thumbnails(offset_ms)``: a PNG of the replay at that moment, at ``scale`` (half size by default), all taken
    with one browser (started at the first picture; ``close()`` or ``with`` stops it). After a failure (no
    browser) ``error`` says why, ``on_error`` is told once, and every later call gives ``None``."""

    def __init__(self, replay: ReplayCore, *, scale: float = 0.5,
                 on_error: Callable[[RenderError], None] | None = None) -> None:
        _check_scale(scale)
        self.replay = replay
        self.scale = scale
        self.on_error = on_error
        self.error: str | None = None
        self._browser: Browser | None = None

    def __call__(self, offset_ms: float) -> bytes | None:
        if self.error is not None:
            return None
        try:
            if self._browser is None:
                self._browser = Browser(scale=self.scale)
            return shoot(self._browser, self.replay.at(offset_ms))
        except RenderError as exc:
            self.error = str(exc)
            if self.on_error is not None:
                self.on_error(exc)
            return None

    def close(self) -> None:
        """Stop the browser, if one was started."""
        if self._browser is not None:
            browser, self._browser = self._browser, None
            browser.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
