"""Meta-tests: one version everywhere, every resource complete, a thin public surface."""

from __future__ import annotations

import ast
import importlib
import json
import re
from importlib.metadata import version as installed_version

import pytest

import summitdata
from summitdata.dataset import Dataset
from summitdata.resources import RESOURCES
from tests.conftest import ROOT

CHANGELOG_ENTRY = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_one_version_everywhere() -> None:
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    newest = CHANGELOG_ENTRY.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))[0][0]
    citation = re.search(r"^version: (.+)$", (ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.MULTILINE)
    assert citation is not None
    readme = re.search(r"\(version (\d+\.\d+\.\d+)\) \[Data set\]", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert readme is not None
    assert summitdata.__version__ == installed_version("summitdata") == descriptor["version"] == newest == citation[1]
    assert readme[1] == summitdata.__version__


def test_the_changelog_has_a_data_section_for_the_newest_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    # The newest *release*: an `## [Unreleased]` section above it is work in progress.
    newest = next(section for section in text.split("\n## [")[1:] if not section.startswith("Unreleased]"))
    assert "\n### Data\n" in newest


def test_every_resource_has_a_model_a_schema_a_csv_and_a_loader_accessor() -> None:
    hints = Dataset.__annotations__  # names only: the types are imported for type checking
    for resource in RESOURCES:
        assert resource.model.resource_name == resource.name
        assert (ROOT / "schemas" / f"{resource.name}.schema.json").is_file()
        assert (ROOT / resource.path).is_file()
        assert resource.name in hints
        assert len(getattr(summitdata.load(ROOT), resource.name)) > 0


def test_every_field_is_described() -> None:
    for resource in RESOURCES:
        for name, info in resource.model.model_fields.items():
            assert info.description, f"{resource.name}.{name} has no description"


def test_the_package_init_only_re_exports() -> None:
    """Imports, the names imported on first use (with their imports for type checkers), the hook, __all__."""
    tree = ast.parse((ROOT / "src/summitdata/__init__.py").read_text(encoding="utf-8"))
    docstring, *rest = tree.body
    assert isinstance(docstring, ast.Expr)
    imports = [node for node in rest if isinstance(node, ast.Import | ast.ImportFrom)]
    (checking,) = [node for node in rest if isinstance(node, ast.If)]
    assigned = [ast.unparse(node.targets[0]) for node in rest if isinstance(node, ast.Assign)]
    hooks = [node.name for node in rest if isinstance(node, ast.FunctionDef)]
    assert len(imports) + 1 + len(assigned) + len(hooks) == len(rest)
    assert ast.unparse(checking.test) == "TYPE_CHECKING"
    assert all(isinstance(node, ast.ImportFrom) for node in checking.body)
    assert assigned == ["_ON_FIRST_USE", "__all__"]
    assert hooks == ["__getattr__", "__dir__"]
    assert isinstance(rest[-1], ast.Assign)
    assert sorted(summitdata.__all__) == sorted(set(summitdata.__all__))
    assert all(hasattr(summitdata, name) for name in summitdata.__all__)


def test_what_type_checkers_import_is_what_the_package_imports_on_first_use() -> None:
    tree = ast.parse((ROOT / "src/summitdata/__init__.py").read_text(encoding="utf-8"))
    (checking,) = [node for node in tree.body if isinstance(node, ast.If)]
    declared = {
        alias.name: node.module for node in checking.body if isinstance(node, ast.ImportFrom) for alias in node.names
    }
    assert declared == summitdata._ON_FIRST_USE
    assert set(declared) <= set(summitdata.__all__)


def test_a_name_imported_on_first_use_is_its_module_s_object_and_listed_by_dir() -> None:
    for name, module in summitdata._ON_FIRST_USE.items():
        assert getattr(summitdata, name) is getattr(importlib.import_module(module), name)
        assert name in dir(summitdata)


def test_an_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'summitdata' has no attribute 'nonexistent'"):
        summitdata.nonexistent  # noqa: B018  # the lookup itself is what is tested
