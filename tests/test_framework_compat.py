"""The internals of MkDocs and Material the site relies on (lce_platform/mkdocs_adapter/compat.py) are still there."""

import pytest

from lce_platform.mkdocs_adapter.compat import INTERNALS, Internal


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda internal: internal.what[:60])
def test_each_internal_the_adapter_relies_on_is_still_there(internal: Internal):
    """Check that an internal of the compatibility table is as the adapter relies on, or fail in the table's words."""
    assert internal.probe(), internal.failure()


def test_the_table_names_every_framework_module_the_core_imports():
    """Check that only the adapter package imports MkDocs or Material (the rest of the core knows neither)."""
    import ast
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "lce_platform"
    importers = set()
    for path in core.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importers.add(path.relative_to(core).parts[0])
    assert importers == {"mkdocs_adapter"}, importers
