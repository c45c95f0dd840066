"""Canary for indexer/whoosh_bridge.py: the one module that uses Whoosh's private attributes.

Pinned to the installed whoosh3 release: an upgrade fails here first, naming what moved, rather
than somewhere deep in a search. Each private attribute the bridge uses is exercised against a
real index on disk, and compared with what Whoosh's public (slow) API gives.
"""

from __future__ import annotations

import ast
import importlib.metadata
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from indexer import whoosh_bridge
from indexer.generations import live_dir
from indexer.index import update_index
from indexer.postings_file import SegmentPostings
from indexer.settings import IndexSettings
from indexer.writer import BulkWriter
from store import ArticleStore
from tests.vn_articles import ARTICLES, article, filler

INDEXER = Path(__file__).resolve().parent.parent / "indexer"


def test_the_installed_whoosh_is_the_one_the_bridge_was_written_for():
    assert importlib.metadata.version("whoosh3") == "3.54.0" == whoosh_bridge.WHOOSH_VERSION


@pytest.fixture(scope="module")
def leaf(tmp_path_factory):
    """A segment's reader over a small real index."""
    data = tmp_path_factory.mktemp("bridge")
    with ArticleStore(data / "articles.sqlite3") as store:
        store.upsert_many(filler(600) + [article(k) for k in ARTICLES])
        update_index(store, data / "index", IndexSettings(procs=1))
    ix = whoosh_index.open_dir(str(live_dir(data / "index")))
    reader = ix.reader()
    try:
        leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
        yield leaves[0][0]
    finally:
        reader.close()
        ix.close()


def test_segment_id_names_the_segment(leaf):
    assert whoosh_bridge.segment_id(leaf) == leaf.segment().segment_id()


def test_column_array_reads_a_whole_column_as_the_public_api_does(leaf):
    n = leaf.doc_count_all()
    for name, dtype in (("day", "int32"), ("published", "int64")):
        column = leaf.column_reader(name, translate=False)
        for private in ("_fixedlen", "_count", "_dbfile", "_basepos", "_typecode", "_default"):
            assert hasattr(column, private), f"whoosh column readers lost {private}"
        assert whoosh_bridge.column_array(column, n, dtype).tolist() == [column[i] for i in range(n)]


def test_field_lengths_agree_with_doc_field_length(leaf):
    n = leaf.doc_count_all()
    for field in ("title", "body"):
        lengths = whoosh_bridge.field_lengths(leaf, field, n)
        assert lengths.tolist() == [float(leaf.doc_field_length(d, field, 0)) for d in range(n)]
        assert lengths.any()


def test_leaf_postings_read_block_by_block_agree_with_the_public_matcher(leaf):
    sources = [raw.decode("utf-8") for raw, _ in leaf.iter_field("source")]
    keys = [("source", name) for name in sources] + [("id", raw.decode("utf-8")) for raw, _ in leaf.iter_field("id")][:5]
    assert max(leaf.doc_frequency("source", name) for name in sources) > 128   # several blocks
    for field, term in keys:
        ids, freqs = whoosh_bridge.leaf_postings(leaf, field, term)
        public = list(whoosh_bridge.walk(leaf.postings(field, term)))
        assert ids.size > 0
        assert ids.tolist() == [doc for doc, _ in public]
        assert freqs.tolist() == [float(weight) for _, weight in public]
    missing = whoosh_bridge.leaf_postings(leaf, "source", "không-có-nguồn-này")
    assert missing[0].size == 0 and missing[1].size == 0


def test_leaf_postings_read_text_fields_from_the_postings_file(leaf):
    postings = SegmentPostings(leaf)
    for field, term in [("body", "nang"), ("body", "nẵng"), ("title_pairs", "da nang"), ("body", "noi")]:
        ids, freqs = whoosh_bridge.leaf_postings(leaf, field, term, postings)
        assert ids.size > 0
        assert (ids.tolist(), freqs.tolist()) == tuple(part.tolist() for part in postings.get(field, term))


def test_the_writer_hooks_the_bridge_overrides_and_calls_exist():
    for private in ("_finish", "_flush_segment", "_check_state", "_check_fields", "_finalize_segment",
                    "_close_segment", "_commit_toc"):
        assert callable(getattr(SegmentWriter, private, None)), f"whoosh SegmentWriter lost {private}"


def test_every_writer_has_its_own_scratch_directory(tmp_path):
    from indexer.schema import build_schema

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = BulkWriter(ix, _lk=False)
    try:
        assert writer._tempstorage.folder != writer._shared_tmp
    finally:
        writer.cancel()
        ix.close()


def _private_names(tree: ast.AST) -> set[str]:
    """`obj._name` read on anything but `self`, and `def _name` overriding a method."""
    names = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
            names.add(node.attr)
    return names


def test_no_other_indexer_module_touches_the_private_attributes_the_bridge_uses():
    bridge = INDEXER / "whoosh_bridge.py"
    tree = ast.parse(bridge.read_text(encoding="utf-8"))
    whoosh_private = _private_names(tree) | {
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("_")
        and not node.name.startswith("__")}
    assert {"_segid", "_terms", "_finish", "_commit_toc", "_close_segment", "_finalize_segment"} <= whoosh_private
    offenders = []
    for path in sorted(INDEXER.glob("*.py")):
        if path == bridge:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in whoosh_private:
                offenders.append(f"{path.name}:{node.lineno}: .{node.attr}")
            if isinstance(node, ast.FunctionDef) and node.name in whoosh_private:
                offenders.append(f"{path.name}:{node.lineno}: def {node.name}")
    assert not offenders, "Whoosh internals outside indexer/whoosh_bridge.py:\n" + "\n".join(offenders)


def test_the_bridge_helpers_return_numpy_arrays_not_whoosh_objects(leaf):
    ids, freqs = whoosh_bridge.leaf_postings(leaf, "body", "nang")
    assert isinstance(ids, np.ndarray) and ids.dtype == np.int32 and freqs.dtype == np.float32
