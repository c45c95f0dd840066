"""The architecture's import rules, read from every product module's imports (ast, nested ones too):
store is the ground floor; crawler imports nothing of indexer, webui or khobao; indexer nothing of
webui or khobao; webui nothing of crawler or khobao; khobao, the command, wires them all."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "store": {"crawler", "indexer", "webui", "khobao"},
    "crawler": {"indexer", "webui", "khobao"},
    "indexer": {"webui", "khobao"},
    "webui": {"crawler", "khobao"},
    "khobao": set(),
}


def imported_packages(path: Path, package: str) -> set[tuple[str, int]]:
    """(top-level package, line) of every import in the file, relative ones resolved."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((package if node.level else (node.module or "").split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_package_imports_only_what_the_rules_allow(package):
    broken = [f"{path.relative_to(ROOT)}:{line} imports {name}"
              for path in sorted((ROOT / package).rglob("*.py"))
              for name, line in sorted(imported_packages(path, package)) if name in FORBIDDEN[package]]
    assert not broken, "\n".join(broken)


def test_the_rule_reader_sees_a_broken_rule(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\n\ndef late():\n    from crawler.fetch import Fetcher\n", encoding="utf-8")
    assert ("crawler", 5) in imported_packages(sample, "webui")
