"""Each package names what the others may use (`__all__`), they use only that, and each package's
exceptions form one tree under its base class, described in the package's docstring."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("store", "crawler", "indexer", "webui", "khobao")
SURFACES = ("store", "crawler", "indexer", "webui")
BASES = {"crawler": "CrawlerError", "indexer": "IndexerError", "webui": "WebError", "khobao": "KhobaoError"}


def reaches_inside(path: Path, exports: dict[str, set[str]]) -> list[str]:
    """Every import in `path` that reaches into another package past its `__all__`."""
    own = path.relative_to(ROOT).parts[0] if path.is_relative_to(ROOT) else ""
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            wrong += [f"{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in exports and a.name.split(".")[0] != own]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            package = node.module.split(".")[0]
            if package not in exports or package == own:
                continue
            if node.module != package:
                wrong.append(f"{node.lineno}: from {node.module} import ...")
            else:
                wrong += [f"{node.lineno}: {a.name} is not in {package}.__all__"
                          for a in node.names if a.name not in exports[package]]
    return wrong


@pytest.fixture(scope="module")
def exports() -> dict[str, set[str]]:
    return {name: set(importlib.import_module(name).__all__) for name in SURFACES}


def test_product_packages_use_only_each_others_public_names(exports):
    wrong = [f"{path.relative_to(ROOT)}:{problem}"
             for package in PRODUCT for path in sorted((ROOT / package).rglob("*.py"))
             for problem in reaches_inside(path, exports)]
    assert not wrong, "\n".join(wrong)


def test_the_reader_sees_a_reach_inside(tmp_path, exports):
    sample = tmp_path / "sample.py"
    sample.write_text("from indexer.search import Searcher\nfrom crawler import _seen\nimport webui.common\n"
                      "from indexer import open_engine\n", encoding="utf-8")
    assert sorted(reaches_inside(sample, exports)) == ["1: from indexer.search import ...",
                                                       "2: _seen is not in crawler.__all__", "3: import webui.common"]


@pytest.mark.parametrize("package", SURFACES)
def test_every_exported_name_exists(package):
    module = importlib.import_module(package)
    assert module.__all__ and all(hasattr(module, name) for name in module.__all__)


@pytest.mark.parametrize("package", SURFACES)
def test_no_public_name_is_also_a_module_of_its_package(package):
    # importing the module "crawler.crawl" sets the package's attribute "crawl" to that module,
    # which hid the function of the same name once the package's names were imported lazily
    module = importlib.import_module(package)
    modules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    assert not set(module.__all__) & modules


def _modules(package: str):
    root = importlib.import_module(package)
    yield root
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if not info.name.endswith("__main__"):
            yield importlib.import_module(info.name)


@pytest.mark.parametrize("package", sorted(BASES))
def test_every_exception_of_a_package_is_in_its_tree(package):
    base = getattr(importlib.import_module(f"{package}.errors"), BASES[package])
    doc = importlib.import_module(f"{package}.errors").__doc__ or ""
    found = {cls for module in _modules(package) for _, cls in inspect.getmembers(module, inspect.isclass)
             if issubclass(cls, BaseException) and cls.__module__.startswith(f"{package}.")
             and not cls.__name__.startswith("_")}
    outside = sorted(cls.__qualname__ for cls in found if not issubclass(cls, base))
    assert not outside, f"exceptions of {package} outside {base.__name__}: {outside}"
    undocumented = sorted(cls.__name__ for cls in found if cls.__name__ not in doc)
    assert not undocumented, f"{package}/errors.py's docstring does not describe {undocumented}"
    assert len(found) > 1
