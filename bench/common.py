"""What every benchmark shares: rounds that interleave the baseline and avtaleflyt, fresh
processes, and one verdict per row of the issue's table.

A row is met when its median meets the goal; within the noise when only the best round meets
it; missed when even the best round misses it (the script then exits 1). Each row prints the
figure, its baseline and their ratio as min and median over the rounds, beside the goal.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "var" / "bench" / "results.jsonl"))


def rounds(default: int = 5) -> int:
    return int(os.environ.get("BENCH_ROUNDS", default))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


@dataclass
class Timing:
    """Wall and CPU seconds (this process and its children) of each round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def scaled(self, factor: float) -> Timing:
        return Timing([w * factor for w in self.wall], [c * factor for c in self.cpu])


def _cpu() -> float:
    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class Staged:
    """A run with an untimed preparation: `prepare()` returns what is then timed."""

    prepare: Callable[[], Callable[[], Any]]


def interleaved(n: int, **runs: Callable[[], Any] | Staged) -> dict[str, Timing]:
    """Each run `n` times, the runs taking turns within each round."""
    out = {name: Timing() for name in runs}
    for _ in range(n):
        for name, run in runs.items():
            fn = run.prepare() if isinstance(run, Staged) else run
            cpu, start = _cpu(), time.perf_counter()
            fn()
            out[name].wall.append(time.perf_counter() - start)
            out[name].cpu.append(_cpu() - cpu)
    return out


def timed(run: Callable[[], None]) -> tuple[Timing, float]:
    """Wall and avtaleflyt's CPU (the child processes') of `run`, and this process's CPU
    meanwhile (a fake service's threads)."""
    def usage(who: int) -> float:
        r = resource.getrusage(who)
        return r.ru_utime + r.ru_stime
    me, children, start = (usage(resource.RUSAGE_SELF), usage(resource.RUSAGE_CHILDREN),
                           time.perf_counter())
    run()
    wall = time.perf_counter() - start
    return (Timing([wall], [usage(resource.RUSAGE_CHILDREN) - children]),
            usage(resource.RUSAGE_SELF) - me)


def command(args: Sequence[str], env: dict[str, str] | None = None,
            cwd: Path | None = None, out: Path | None = None) -> Callable[[], None]:
    """A fresh process running `args`; fails loudly if it fails (`out`: what it printed is
    written there)."""
    def run() -> None:
        result = subprocess.run(list(args), env=env, cwd=cwd or ROOT, capture_output=True,
                                text=True)
        if out is not None:
            out.write_text(result.stdout, encoding="utf-8")
        if result.returncode != 0:  # what it printed of a failure, too (a poll's FAILED lines)
            said = [line for line in result.stdout.splitlines() if "FAILED" in line]
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): "
                               f"{result.stderr.strip()[-800:]}" + "".join(
                                   f"\n  {line}" for line in said[:20]))
    return run


def avtaleflyt(*args: str, env: dict[str, str] | None = None, code: Path | None = None,
               profile: str | None = None, usage: Path | None = None,
               out: Path | None = None) -> Callable[[], None]:
    """`avtaleflyt ARGS` in a fresh process, from this tree or from `code` (the baseline);
    with `profile` (a file), under cProfile, its statistics written there; with `usage` (a
    file), the process's own CPU seconds and its children's written there as it exits; with
    `out` (a file), what it printed."""
    # as the console script runs it: main() reads sys.argv
    script = (f"import sys; sys.argv = {['avtaleflyt', *args]!r}; from cli import main; "
              "sys.exit(main())")
    if profile:
        script = (f"import cProfile, sys; sys.argv = {['avtaleflyt', *args]!r}; "
                  "import time; from cli import main; p = cProfile.Profile(time.process_time); "
                  "p.enable()\n"
                  f"try: code = main()\nexcept SystemExit as e: code = e.code\n"
                  f"p.disable(); p.dump_stats({profile!r}); sys.exit(code)")
    if usage is not None:
        script = ("import atexit, resource\ndef _usage():\n    s, c = (resource.getrusage(w) for "
                  "w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
                  f"    open({str(usage)!r}, 'w').write(f'{{s.ru_utime + s.ru_stime}} "
                  "{c.ru_utime + c.ru_stime}')\natexit.register(_usage)\n" + script)
    full = dict(env or os.environ)
    if code is not None:
        full["PYTHONPATH"] = str(code)
    compiled(code or ROOT)
    return command([PYTHON, "-c", script], full, cwd=code, out=out)


@functools.cache
def compiled(tree: Path) -> None:
    """Compile a tree's modules once, before it is measured: where PYTHONDONTWRITEBYTECODE is
    set (as on this machine), a tree never compiled is compiled again in every process, a cost
    that installed software does not pay, and that would weigh on one side of a comparison."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", "-j", "0", *(
        str(tree / d) for d in ("agreements", "cli", "flows", "portal") if (tree / d).is_dir())],
        check=True, stdout=subprocess.DEVNULL)


def env_for(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AVTALEFLYT_", "PREFECT_API_URL"))}
    return {**env, "AVTALEFLYT_DATA_DIR": str(data), "AVTALEFLYT_OFFLINE": "1",
            "AVTALEFLYT_ALLOW_DRAFT_TEMPLATES": "1",
            "AVTALEFLYT_NHN_EMAIL": "bestilling@nhn.example",
            "AVTALEFLYT_ACTOR": "bench", **extra}


@dataclass
class Row:
    """One row of the issue's table: a figure, its baseline, a goal and the verdict.

    The verdict is on wall time. On a loaded machine (load average above the cores) a goal
    missed in wall time but met in CPU time (divided by `parallel` for work spread over
    processes) is reported as within the noise, not as missed.
    """

    name: str
    goal: str
    unit: str = "s"
    parallel: int = 1
    notes: list[str] = field(default_factory=list)
    verdict: str = "not measured"
    broken: list[str] = field(default_factory=list)  # conditions of the goal that failed

    def require(self, condition: bool, failure: str) -> None:
        """A condition of the goal besides time (e.g. the same actions): the row misses if not."""
        if not condition:
            self.broken.append(failure)
            self.notes.append(failure)

    def ratio(self, figure: Timing, baseline: Timing, *, at_least: float) -> str:
        """Goal: baseline / figure ≥ at_least, round by round."""
        def ok(f: list[float], b: list[float]) -> tuple[bool, bool]:
            r = [y / x for x, y in zip(f, b, strict=True)]
            return statistics.median(r) >= at_least, max(r) >= at_least
        return self._judge(figure, baseline, ok)

    def at_most(self, figure: Timing, limit: float, baseline: Timing | None = None) -> str:
        """Goal: figure ≤ limit."""
        return self._judge(figure, baseline,
                           lambda f, _: (statistics.median(f) <= limit, min(f) <= limit))

    def within(self, figure: Timing, baseline: Timing, margin: float) -> str:
        """Goal: figure ≤ baseline + margin, round by round."""
        def ok(f: list[float], b: list[float]) -> tuple[bool, bool]:
            excess = [x - y for x, y in zip(f, b, strict=True)]
            return statistics.median(excess) <= margin, min(excess) <= margin
        excess = [x - y for x, y in zip(figure.wall, baseline.wall, strict=True)]
        self.notes.append(f"excess over the baseline: min {min(excess):.3f} s, "
                          f"median {statistics.median(excess):.3f} s")
        return self._judge(figure, baseline, ok)

    def _judge(self, figure: Timing, baseline: Timing | None,
               ok: Callable[[list[float], list[float]], tuple[bool, bool]]) -> str:
        base = baseline or Timing(figure.wall, figure.cpu)
        median_ok, best_ok = ok(figure.wall, base.wall)
        self.verdict = "met" if median_ok else "within noise" if best_ok else "MISSED"
        if self.broken:
            self.verdict = "MISSED"
        loaded = os.getloadavg()[0] > (os.cpu_count() or 1)
        if self.verdict == "MISSED" and loaded and ok(
                [c / self.parallel for c in figure.cpu],
                [c / self.parallel for c in base.cpu])[0]:
            self.verdict = "within noise (machine loaded; met in CPU time)"
        self._print(figure, baseline)
        return self.verdict

    def _print(self, figure: Timing, baseline: Timing | None) -> None:
        def span(values: list[float]) -> str:
            return (f"min {min(values):.3f} {self.unit}, "
                    f"median {statistics.median(values):.3f} {self.unit}")
        lines = [self.name, f"    avtaleflyt  {span(figure.wall)}   (CPU {span(figure.cpu)})"]
        if baseline:
            r = [b / f for f, b in zip(figure.wall, baseline.wall, strict=True)]
            lines += [f"    baseline    {span(baseline.wall)}   (CPU {span(baseline.cpu)})",
                      f"    ratio       baseline/avtaleflyt min {min(r):.2f}×, "
                      f"median {statistics.median(r):.2f}×, best {max(r):.2f}×"]
        lines += [f"    {n}" for n in self.notes]
        lines.append(f"    goal        {self.goal}: {self.verdict}")
        print("\n".join(lines), flush=True)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with RESULTS.open("a") as out:
            out.write(json.dumps({
                "row": self.name, "goal": self.goal, "verdict": self.verdict, "unit": self.unit,
                "figure": [min(figure.wall), statistics.median(figure.wall)],
                "baseline": [min(baseline.wall), statistics.median(baseline.wall)]
                if baseline else None, "notes": self.notes, "load": load(),
                "at": time.strftime("%Y-%m-%d %H:%M")}) + "\n")


def finish(rows: Sequence[Row]) -> None:
    """Exit 1 when a row's goal was missed by more than the noise."""
    missed = [r.name for r in rows if r.verdict == "MISSED"]
    print(f"{load()} at the end")
    if missed:
        print("missed: " + "; ".join(missed))
        sys.exit(1)
