"""HTML export: structure, form state, and that nothing of the recorded page can run or fetch."""

from __future__ import annotations

import lxml.html

import rrweb_py
from tests.builders import el, inc, meta, page, snapshot, text


def html_of(*body, head=None, events=()):
    """The HTML at the end of a page with the given body."""
    r = rrweb_py.load([meta(), snapshot(page(*body, head=head)), *events])
    return r.at(r.duration_ms).to_html()


def test_scripts_handlers_and_js_urls_are_removed():
    """No script element, on* attribute or javascript: URL survives."""
    out = html_of(
        el(10, "script", {"src": "http://evil.test/x.js"}, text(11, "SCRIPT_PLACEHOLDER")),
        el(12, "a", {"href": " JaVaScRiPt:alert(1)", "onclick": "alert(1)"}, text(13, "x")),
        el(14, "img", {"src": "x", "onerror": "alert(1)"}),
        el(15, "iframe", {"srcdoc": "<script>alert(1)</script>"}),
    )
    low = out.lower()
    assert "<script" not in low
    assert "onclick" not in low and "onerror" not in low
    assert "javascript:" not in low
    assert "alert(1)</script>" not in low
    assert "content-security-policy" in low


def test_form_state_and_text_escaping():
    """Typed values are written, and text is escaped."""
    out = html_of(el(10, "input", {}), el(11, "p", {}, text(12, "<b>&")),
                  events=[inc(10, 5, id=10, text='a"b', isChecked=False)])
    tree = lxml.html.fromstring(out)
    assert tree.xpath("//input/@value") == ['a"b']
    assert tree.xpath("//p/text()") == ["<b>&"]


def test_style_text_and_shadow_template():
    """Style sheets are written as text, shadow roots as declarative templates."""
    out = html_of(el(10, "div", {}, el(11, "span", {}, text(12, "in shadow"), isShadow=True)),
                  head=[el(20, "style", {"_cssText": "p { color: red; }"})])
    assert "<style>p { color: red; }</style>" in out
    assert '<template shadowrootmode="open"><span>in shadow</span></template>' in out
