"""docs/architecture.md's examples compile and name only what the code has."""

import ast
import importlib
import re
from pathlib import Path

ARCHITECTURE = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", ARCHITECTURE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_example_compiles_and_imports_what_exists():
    blocks = python_blocks()
    assert blocks, "the architecture page shows its examples as python blocks"
    missing = []
    for block in blocks:
        tree = ast.parse(block)  # a syntax error fails here
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                module = importlib.import_module(node.module)
                missing += [f"{node.module}.{a.name}" for a in node.names if not hasattr(module, a.name)]
    assert missing == []
