"""The architecture as ARCHITECTURE.md draws it, enforced on the source: layers, front doors,
no import cycles of any kind, the app known only where it is built and used, small modules,
and a command line whose help loads nothing heavy."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Each domain package may import only packages of lower layers (and itself), for type hints
# too. The app builds the ports from the layers below it; the commands take the app.
LAYERS = [
    {"errors", "errorcodes"},
    {"config", "core", "links"},
    {"reference"},
    {"documents"},
    {"outbox", "messages"},
    {"signing"},
    {"contracts"},
    {"readiness", "nhn"},
    {"registry"},
    {"followup", "onboarding", "reporting", "access"},
    {"app"},
    {"commands"},
]
FRONT_DOORS = ("cli", "flows", "portal")
FRAMEWORKS = ("click", "prefect", "fastapi", "starlette", "uvicorn", "jinja2.ext")
MAX_LINES = 250  # ARCHITECTURE.md: "no module over 250 lines"


def modules(package: str) -> list[Path]:
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@functools.cache  # several tests read every module: each file parsed once a process
def imports(path: Path, *, runtime_only: bool = True) -> frozenset[str]:
    """Every module `path` imports, at any depth (not under `if TYPE_CHECKING:` when
    `runtime_only`), relative imports made absolute."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    return frozenset(imports_in(path.read_text(encoding="utf-8"), package,
                                runtime_only=runtime_only))


def imports_in(source: str, package: str, *, runtime_only: bool = True) -> set[str]:
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if (runtime_only and isinstance(node, ast.If)
                and getattr(node.test, "id", None) == "TYPE_CHECKING"):
            skipped |= {id(n) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1]
            module = (".".join([*base, node.module] if node.module else base)
                      if node.level else node.module or "")
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names}
    return found


def package_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if parts[0] == "agreements" and len(parts) > 1 else parts[0]


def layer(package: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if package in names)


def test_the_domain_imports_no_front_door_or_framework() -> None:
    """Nothing in agreements/ imports click, Prefect, FastAPI or the cli/flows/portal doors."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules("agreements")
        for name in imports(path, runtime_only=False)
        if name.split(".")[0] in FRONT_DOORS or name.startswith(FRAMEWORKS)
    ]
    assert offenders == []


def test_each_package_imports_only_lower_layers() -> None:
    """registry never reaches up into followup, core never into contracts, and so on, not
    even for a type hint."""
    offenders = []
    for path in modules("agreements"):
        rel = path.relative_to(ROOT / "agreements")
        own = rel.parts[0].removesuffix(".py")
        if own == "__init__":
            continue
        for name in imports(path, runtime_only=False):
            other = package_of(name)
            if name.startswith("agreements.") and other != own and layer(other) > layer(own):
                offenders.append(f"{rel} ({own}) imports {name} ({other})")
    assert offenders == []


def test_no_import_cycles_of_any_kind() -> None:
    """No two modules import each other by any path: not at module level, not deferred into a
    function, not for type checking only (outbox knows no NHN, core no concern, the report
    model none of its writers)."""
    names = {module_name(p): p for d in ("agreements", *FRONT_DOORS) for p in modules(d)}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in names.items():
        graph[name] |= {t for t in imports(path, runtime_only=False) if t in names and t != name}
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_check_sees_deferred_relative_and_type_checking_imports() -> None:
    """An import inside a function, a relative one, and one for type checking all count."""
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from x.y import Z\n"
              "def f():\n    from agreements import app\n    from .base import cli\n")
    found = imports_in(source, "cli", runtime_only=False)
    assert {"x.y", "agreements.app", "cli.base"} <= found
    assert "x.y" not in imports_in(source, "cli")
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("package", ["agreements", *FRONT_DOORS, "tests", "bench", "scripts"])
def test_modules_stay_small(package: str) -> None:
    """No source module grows past about 250 lines."""
    long = {str(p.relative_to(ROOT)): n for p in modules(package)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_cli_help_loads_no_database_http_or_prefect() -> None:
    """`avtaleflyt --help` and a command's --help import only click and the CLI itself."""
    code = ("import sys; from cli import main\n"
            "for args in (['--help'], ['agreement', 'sign', '--help']):\n"
            "    try: main(args)\n"
            "    except SystemExit: pass\n"
            "heavy = [m for m in ('sqlmodel', 'sqlalchemy', 'prefect', 'httpx', 'pydantic',"
            " 'matplotlib', 'openpyxl',"
            " 'docxtpl', 'jinja2') if m in sys.modules]\n"
            "print(heavy, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def _commands() -> set[type]:
    from agreements.commands import Command

    found, todo = set(), [Command]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("agreements."):  # not the run forms (flows.forms)
                found.add(sub)
    return found


def test_every_command_is_dispatched_by_its_type() -> None:
    """`execute(app, command)` takes only the command and finds its function by the command's
    type: every command model has exactly one function, taking that model."""
    import inspect

    from agreements import commands as c

    assert list(inspect.signature(c.execute).parameters) == ["app", "command"]
    assert _commands() == set(c.COMMANDS)
    for model, spec in c.COMMANDS.items():
        taken = list(inspect.signature(spec.run).parameters.values())[1].annotation
        assert taken in (model, model.__name__), f"{spec.run.__name__} takes {taken}"
    assert len({m.action for m in c.COMMANDS}) == len(c.COMMANDS)


def test_an_actions_name_is_said_once_on_its_model() -> None:
    """No module names an action by a string of its own (only the model's `action`, and the
    command line's own command names): it is derived from the model everywhere else."""
    from agreements.commands import COMMANDS

    names = {m.action for m in COMMANDS}
    said: list[str] = []
    for package in ("agreements", *FRONT_DOORS):
        for path in modules(package):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            allowed = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.AnnAssign)
                       and getattr(n.target, "id", "") == "action"}
            allowed |= {id(a) for n in ast.walk(tree) if isinstance(n, ast.Call)
                        and getattr(n.func, "attr", "") in ("command", "group") for a in n.args}
            said += [f"{path.relative_to(ROOT)}:{n.lineno} {n.value!r}" for n in ast.walk(tree)
                     if isinstance(n, ast.Constant) and n.value in names
                     and id(n) not in allowed]
    assert said == []


def test_every_command_is_checked_for_every_kind_of_actor() -> None:
    """Every command has an access rule and a row in the table that runs it as every kind of
    actor (tests/test_commands_access.py)."""
    from agreements.access.policy import Rule
    from agreements.commands import COMMANDS
    from tests.test_commands_access import KINDS, TABLE

    assert all(isinstance(model.rule, Rule) for model in COMMANDS)
    assert {model.action for model in COMMANDS} == set(TABLE)
    assert set(KINDS) >= {"operator", "system", "visitor", "coordinator", "signatory"}
