"""Every third-party package the code imports is declared in pyproject.toml and pinned in
constraints.txt at the version installed."""

from __future__ import annotations

import functools
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, version

from tests.conftest import ROOT
from tests.test_architecture import FRONT_DOORS, imports

DISTRIBUTIONS = functools.cache(packages_distributions)  # reads every installed package


def _dist(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    def names(reqs: list[str]) -> set[str]:
        return {_dist(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in reqs}
    return (names(project["dependencies"]),
            names(project["optional-dependencies"]["dev"]))


def _third_party(folder: str) -> dict[str, str]:
    """Each third-party module `folder` imports, by its distribution, with a file that does."""
    ours = {"agreements", *FRONT_DOORS, "tests", "bench", "scripts", "__future__"}
    found: dict[str, str] = {}
    for path in (ROOT / folder).rglob("*.py"):
        for name in imports(path, runtime_only=False):
            top = name.split(".")[0]
            if top in ours or top in sys.stdlib_module_names:
                continue
            for dist in DISTRIBUTIONS().get(top, [f"<no distribution: {top}>"]):
                found.setdefault(_dist(dist), str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared_and_pinned() -> None:
    """What the code imports is declared in pyproject.toml (the domain and the front doors as
    dependencies, tests, bench and scripts may add the dev extras) and pinned in
    constraints.txt at the version installed here."""
    runtime, dev = _declared()
    undeclared = {dist: where for folder in ("agreements", *FRONT_DOORS)
                  for dist, where in _third_party(folder).items() if dist not in runtime}
    undeclared |= {dist: where for folder in ("tests", "bench", "scripts")
                   for dist, where in _third_party(folder).items()
                   if dist not in runtime | dev}
    assert undeclared == {}
    pins = dict(line.split("==") for line in
                (ROOT / "constraints.txt").read_text(encoding="utf-8").split())
    pins = {_dist(k): v for k, v in pins.items()}
    wrong = {d: (pins.get(d), version(d)) for d in runtime | dev if pins.get(d) != version(d)}
    assert wrong == {}
