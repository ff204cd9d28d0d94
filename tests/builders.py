"""Small builders for hand-written rrweb event streams used by the unit tests."""

from __future__ import annotations

from typing import Any

T0 = 1_700_000_000_000


def el(nid: int, tag: str, attrs: dict[str, Any] | None = None, *kids: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A serialized element."""
    return {"type": 2, "tagName": tag, "attributes": attrs or {}, "childNodes": list(kids), "id": nid, **extra}


def text(nid: int, value: str, **extra: Any) -> dict[str, Any]:
    """A serialized text node."""
    return {"type": 3, "textContent": value, "id": nid, **extra}


def comment(nid: int, value: str) -> dict[str, Any]:
    """A serialized comment."""
    return {"type": 5, "textContent": value, "id": nid}


def page(*body: dict[str, Any], head: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A document: 1 document, 2 doctype, 3 html, 4 head, 5 body."""
    return {
        "type": 0,
        "id": 1,
        "childNodes": [
            {"type": 1, "name": "html", "publicId": "", "systemId": "", "id": 2},
            el(3, "html", {}, el(4, "head", {}, *(head or [])), el(5, "body", {}, *body)),
        ],
    }


def meta(t: int = 0, href: str = "http://example.test/", width: int = 1000, height: int = 800) -> dict[str, Any]:
    """A Meta event at offset t."""
    return {"type": 4, "timestamp": T0 + t, "data": {"href": href, "width": width, "height": height}}


def snapshot(doc: dict[str, Any], t: int = 1, top: int = 0, left: int = 0) -> dict[str, Any]:
    """A FullSnapshot event at offset t."""
    return {"type": 2, "timestamp": T0 + t, "data": {"node": doc, "initialOffset": {"top": top, "left": left}}}


def inc(t: int, source: int, **data: Any) -> dict[str, Any]:
    """An IncrementalSnapshot event at offset t."""
    return {"type": 3, "timestamp": T0 + t, "data": {"source": source, **data}}


def mutation(t: int, adds: list[Any] = (), removes: list[Any] = (), texts: list[Any] = (),  # type: ignore[assignment]
             attributes: list[Any] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """A Mutation event at offset t."""
    return inc(t, 0, adds=list(adds), removes=list(removes), texts=list(texts), attributes=list(attributes))


def add(parent: int, node: dict[str, Any], next_id: int | None = None) -> dict[str, Any]:
    """One Mutation add entry."""
    return {"parentId": parent, "nextId": next_id, "node": node}


def find(tree: dict[str, Any], nid: int) -> dict[str, Any] | None:
    """The serialized node with that id in an exported tree."""
    stack = [tree]
    while stack:
        n = stack.pop()
        if n.get("id") == nid:
            return n
        stack.extend(n.get("childNodes") or [])
    return None


def child_ids(tree: dict[str, Any], nid: int) -> list[int]:
    """Ids of the exported children of a node."""
    node = find(tree, nid)
    assert node is not None, nid
    return [c["id"] for c in node.get("childNodes", [])]
