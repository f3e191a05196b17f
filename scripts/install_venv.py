"""Install avtaleflyt and its test dependencies into a venv (`make`'s set-up step): with uv
where it can, else with pip, the same pins (constraints.txt) either way.

pip takes about a minute of one core here; most of it is pip itself (resolving, unpacking one
wheel after another, compiling each file). uv does the same work in parallel in a few seconds
and compiles nothing: compiling all 10,800 files of the venv would take 15 s more (25 s of
CPU), most of them never imported (moto's services, pip, mypy, the packages' own tests). A
module is compiled when it is first imported instead: `make test` and `make demo` let Python
write its bytecode even where PYTHONDONTWRITEBYTECODE is set, as on this machine (without the
bytecode, every process would parse Prefect's sources again: about 3.5 s instead of 0.8 s an
import).

uv does not read pip's configuration, so the indexes, links, constraints and certificate pip is
configured with (`pip config list`: files and PIP_* variables) are handed to it as options;
`--index-strategy unsafe-best-match` makes it choose among the indexes as pip does. If uv cannot
be installed or cannot install, pip installs, and this says so.

    python3 scripts/install_venv.py VENV REQUIREMENT [CONSTRAINTS]
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

# pip's option -> uv's; each takes a space-separated list of values, as pip's do
TRANSLATED = {"index-url": "--index-url", "extra-index-url": "--extra-index-url",
              "find-links": "--find-links", "constraint": "--constraint"}


PRECEDENCE = (":env:", "install", "global")  # PIP_* over [install] over [global], as pip


def pip_settings(listing: str) -> dict[str, list[str]]:
    """The values of `pip config list` by option name, each option's from the section of
    highest precedence for `pip install` that sets it (as pip takes them: an option set in
    two places is not merged), a list's values in order."""
    found: dict[str, dict[str, list[str]]] = {}
    for line in listing.splitlines():
        key, sep, raw = line.partition("=")
        section, _, option = key.rpartition(".")
        if sep and section in PRECEDENCE:  # pip quotes each value; a list is space-separated
            found.setdefault(option, {})[section] = [
                item for value in shlex.split(raw) for item in value.split()]
    return {option: next(by[s] for s in PRECEDENCE if s in by) for option, by in found.items()}


def uv_options(settings: dict[str, list[str]]) -> list[str]:
    """uv's options for what pip is configured with."""
    options = ["--native-tls", "--index-strategy", "unsafe-best-match"]
    for option, flag in TRANSLATED.items():
        for value in settings.get(option, []):
            options += [flag, value]
    return options


def pip_for(venv: Path) -> list[str]:
    """pip for the venv (made `--without-pip`): this interpreter's own, pointed at the venv by
    `--python` (pip 22.3 or later), which spares the venv a pip of its own (ensurepip took 4 s
    of the set-up); else a pip installed in the venv now."""
    python = str(venv / "bin" / "python")
    host = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    if subprocess.run([*host, "--python", python, "--version"],
                      capture_output=True).returncode == 0:
        return [*host, "--python", python]
    subprocess.run([python, "-m", "ensurepip", "--default-pip"], check=True,
                   capture_output=True)
    return [python, "-m", "pip", "--disable-pip-version-check"]


def install(venv: Path, requirement: str, constraints: str) -> None:
    pip = pip_for(venv)
    listing = subprocess.run([*pip, "config", "list"], capture_output=True, text=True).stdout
    settings = pip_settings(listing)
    env = dict(os.environ)
    if settings.get("cert"):
        env.setdefault("SSL_CERT_FILE", settings["cert"][0])
    uv = [str(venv / "bin" / "uv"), "pip", "install", "--quiet",
          "--python", str(venv / "bin" / "python"), *uv_options(settings),
          "--constraint", constraints, "--editable", requirement]
    got_uv = subprocess.run([*pip, "install", "--quiet", "-c", constraints, "uv"], env=env)
    if got_uv.returncode == 0 and subprocess.run(uv, env=env).returncode == 0:
        return
    print("uv could not install the project; installing with pip instead (about a minute)",
          file=sys.stderr)
    subprocess.run([*pip, "install", "--quiet", "-c", constraints, "--editable", requirement],
                   env=env, check=True)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: install_venv.py VENV REQUIREMENT [CONSTRAINTS]")
    try:
        install(Path(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else
                "constraints.txt")
    except subprocess.CalledProcessError as failed:
        sys.exit(f"installing into {sys.argv[1]} failed: pip exited with {failed.returncode}")
