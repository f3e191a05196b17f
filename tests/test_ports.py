"""Use cases take ports, not the app: nothing below the commands names the composition root."""

from __future__ import annotations

import ast

from tests.conftest import ROOT
from tests.test_architecture import imports, modules

KNOWS_THE_APP = ("agreements/app.py", "agreements/commands/")


def test_only_the_commands_and_the_front_doors_know_the_app() -> None:
    """No module of agreements/ outside app.py and commands/ names `App` or imports
    `agreements.app`, not even for a type hint: a use case takes the ports it uses."""
    offenders = []
    for path in modules("agreements"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(KNOWS_THE_APP):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            named = (node.id if isinstance(node, ast.Name) else
                     node.attr if isinstance(node, ast.Attribute) else
                     node.value if isinstance(node, ast.Constant) and isinstance(node.value, str)
                     and node.value.isidentifier() else None)
            if named == "App":
                offenders.append(f"{rel}:{node.lineno} names App")
        offenders += [f"{rel} imports {name}" for name in imports(path, runtime_only=False)
                      if name == "agreements.app" or name.startswith("agreements.app.")]
    assert offenders == []
