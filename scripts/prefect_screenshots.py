"""Screenshots of the Prefect UI for the README, from the demo's data (run `make demo`
first): a run form with a file uploaded in the portal in its drop-down, and the page of the
demo's rollout-report run with its artifacts.

    .venv/bin/python scripts/prefect_screenshots.py [VAR_DIR] [OUT_DIR]

Works on copies of the demo's data folder and Prefect home (default var/demo and
var/prefect-home), so the demo stays as it was: `avtaleflyt serve` runs on them on free
loopback ports, KS's coordinator uploads a signed copy as the portal does, and Debian's
Chromium opens the pages. Writes prefect-run-form.png and prefect-run-page.png (default
docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

from agreements import commands as c
from agreements.access.rules import person
from agreements.app import open_app
from agreements.config import PROJECT_ROOT, Settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
COORDINATOR = "kari.koordinator@ks.example"
FIELD = ("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), "
         "' schema-form-property ')][1]")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(what: str, check: Any, seconds: float = 300) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
            if found:
                return found
        except httpx.HTTPError:
            pass
        time.sleep(1)
    sys.exit(f"{what}: not within {seconds} s")


def staged(settings: Settings) -> str:
    """A signed copy uploaded for runs by KS's coordinator (as «Filer til kjøringer» does)."""
    with open_app(settings, need_schema=True) as app:
        with app.transaction() as session:
            kari = person(session, COORDINATOR)
        assert kari is not None
        pdf = next((settings.data_dir / "signed-copies").glob("oslo.pdf"))
        outcome = c.execute(app.acting_as(kari), c.StageRunFile(
            purpose="signed-copy", filename="Oslo kommune signert.pdf", data=pdf.read_bytes()))
    assert isinstance(outcome, c.RunFileOutcome)
    return outcome.label


def run_form(page: Page, api: str, base: str, label: str) -> None:
    deployment = next(d for d in httpx.post(f"{api}/deployments/filter", json={}).json()
                      if d["name"] == "record-signature")
    page.goto(f"{base}/deployments/deployment/{deployment['id']}/run")
    page.get_by_role("button", name="Submit").wait_for()
    page.get_by_text("Custom").first.is_visible()
    field = page.locator(".schema-form-property__label").filter(
        has_text="Signert kopi (PDF)").last.locator(FIELD)
    field.scroll_into_view_if_needed()
    field.locator(".p-select button").first.focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name=label).wait_for()


def main(var: Path, out: Path) -> None:
    if not (var / "demo" / "avtaleflyt.db").is_file():
        sys.exit(f"no demo data in {var / 'demo'}: run `make demo` first")
    work = Path(tempfile.mkdtemp(prefix="avtaleflyt-prefect-shots-"))
    shutil.copytree(var / "demo", work / "demo")
    shutil.copytree(var / "prefect-home", work / "prefect-home")
    port, portal = free_port(), free_port()
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect-home"), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "AVTALEFLYT_DATA_DIR": str(
               work / "demo"), "AVTALEFLYT_OFFLINE": "1", "AVTALEFLYT_DEMO": "1"}
    for name in ("PREFECT_API_URL", "AVTALEFLYT_DATABASE_URL"):
        env.pop(name, None)
    settings = Settings.from_env(data_dir=work / "demo", database_url=None, offline=True)
    label = staged(settings)
    log = (work / "serve.log").open("wb")
    proc = subprocess.Popen([str(PROJECT_ROOT / ".venv" / "bin" / "avtaleflyt"), "serve",
                             "--port", str(port), "--portal-port", str(portal)], env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base, api = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/api"
    try:
        wait("record-signature's form offering the upload", lambda: label in str(
            httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()))
        run = wait("the demo's rollout-report run", lambda: next(iter(httpx.post(
            f"{api}/flow_runs/filter", json={"flow_runs": {"name": {"like_": "rollout-report"}}},
            timeout=5).json()), None))
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nb-NO")
            run_form(page, api, base, label)
            page.screenshot(path=out / "prefect-run-form.png")
            page.goto(f"{base}/runs/flow-run/{run['id']}")
            page.get_by_text("Artifacts", exact=True).first.click()
            page.get_by_text("rollout-report-markdown").first.wait_for()
            page.wait_for_timeout(2000)
            page.screenshot(path=out / "prefect-run-page.png")
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    print(f"written: {out / 'prefect-run-form.png'}, {out / 'prefect-run-page.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "var",
         Path(sys.argv[2]) if len(sys.argv) > 2 else PROJECT_ROOT / "docs" / "screenshots")
