"""One `soffice --headless --convert-to pdf` run, which never outlives its call.

soffice is started in a session of its own; its whole process group (oosplash, soffice.bin
and the helpers it forks) is killed when the run ends, times out or is interrupted.

glibc's allocator is told to keep 256 MB of padding at the top of soffice's heap (unless the
environment says otherwise): without it a conversion gives memory back and faults it in
again, about 300,000 page faults (0.7 s of system time) for one small agreement, against
50,000 (0.2 s) with it; the PDF is the same.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError

HEAP_PADDING = {"MALLOC_TOP_PAD_": str(256 * 1024 * 1024)}  # bytes; see the module's text


def run_soffice(binary: str, profile: Path, cwd: Path, outdir: Path, names: Sequence[str], *,
                timeout: float, error: type[AvtaleflytError]) -> str:
    """Convert the files `names` (in `cwd`) into `outdir` with the LibreOffice profile
    `profile`; the last line soffice wrote on stderr. Raises `error` on timeout."""
    proc = subprocess.Popen(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf",
         "--outdir", str(outdir), *names],
        cwd=cwd, env={**HEAP_PADDING, **os.environ}, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.communicate()
        raise error(Code.PDF_RUN_TIMED_OUT, files=len(names)) from None
    except BaseException:  # KeyboardInterrupt and the like: never leave soffice behind
        kill_group(proc)
        raise
    kill_group(proc)  # helpers forked by soffice may outlive the process that started them
    lines = [x for x in stderr.splitlines() if x.strip() and "javaldx" not in x]
    return lines[-1] if lines else ""


def kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill the process group `proc` leads (it was started in a session of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
