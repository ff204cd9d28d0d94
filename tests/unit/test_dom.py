"""The node tree: copy-on-write sharing, structure operations, walks on deep trees."""

from __future__ import annotations

from rrweb_py._engine.dom import ELEMENT, TEXT, Node, Tree


def chain(depth: int) -> Tree:
    """A tree that is one chain of ``depth`` nested elements under node 1."""
    tree = Tree()
    tree.add(Node(1, 0, attrs={}))
    for i in range(2, depth + 2):
        tree.add(Node(i, ELEMENT, "div", {}))
        tree.insert_new(i - 1, tree.nodes[i], None)
    return tree


def test_copy_on_write_isolates_trees():
    """A change made through w() in one tree never shows in a copy taken before it."""
    tree = chain(3)
    snap = tree.copy()
    tree.w(3).attrs["class"] = "x"
    tree.add(Node(10, TEXT, text="t"))
    tree.insert(4, 10, None)
    assert "class" not in snap.nodes[3].attrs
    assert snap.nodes[4].children == []
    assert 10 not in snap
    assert tree.nodes[4].children == [10]
    assert snap.nodes[3] is not tree.nodes[3]
    assert snap.nodes[2] is tree.nodes[2]  # untouched nodes stay shared


def test_insert_before_detach_and_drop():
    """insert() honours the next sibling, detach() unlinks, drop() forgets the whole subtree."""
    tree = chain(1)
    for i in (10, 11, 12):
        tree.add(Node(i, ELEMENT, "li", {}))
    tree.insert(2, 10, None)
    tree.insert(2, 12, None)
    tree.insert(2, 11, 12)
    assert tree.nodes[2].children == [10, 11, 12]
    assert tree.detach(11) == 2
    assert tree.nodes[2].children == [10, 12] and tree.nodes[11].parent is None
    tree.detach(2)
    tree.drop(2)
    assert set(tree.nodes) == {1, 11}


def test_deep_trees_walk_without_recursion():
    """A 100,000-deep chain walks, tests ancestry and copies without RecursionError."""
    tree = chain(100_000)
    assert len(tree.subtree(1)) == 100_001
    assert tree.is_inclusive_ancestor(2, 100_001)
    assert not tree.is_inclusive_ancestor(100_001, 2)
    assert tree.text_content(tree.nodes[1]) == ""
    assert len(tree.copy()) == 100_001
