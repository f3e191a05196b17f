"""Screenshots of the portal for the README, from the demo data (run `make demo` first).

    .venv/bin/python scripts/screenshots.py [DATA_DIR] [OUT_DIR]

Works on a copy of the demo's data folder (default var/demo), so the demo stays as it was.
Bergen kommune's PJD lead hands in its risk assessment in the browser; then the status page
and the checklist are taken as that lead sees them, and the area overview as KS's
coordinator sees it. Writes status.png, checklist.png and overview.png (default
docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright
from pydantic import SecretStr

from agreements.access import tokens
from agreements.app import open_app
from agreements.config import PROJECT_ROOT, Settings
from portal import create_app

BERGEN, LEAD, COORDINATOR = "964338531", "bjorn.bakke@bergen.example", "kari.koordinator@ks.example"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
RISK = b"%PDF-1.4\n% Risikovurdering for Bergen kommune\n%%EOF\n"


def serve(settings: Settings) -> tuple[str, uvicorn.Server, threading.Thread]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    web = create_app(settings.model_copy(update={"portal_url": base}))
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return base, server, thread


def sign_in(page: Page, settings: Settings, base: str, email: str) -> None:
    link = tokens.issue_link(open_app(settings, actor="screenshots"), email)
    page.goto(base + link[link.index("/logg-inn"):])
    page.get_by_role("button", name="Logg inn").click()


def main(data_dir: Path, out: Path) -> None:
    if not (data_dir / "avtaleflyt.db").is_file():
        sys.exit(f"no demo data in {data_dir}: run `make demo` first")
    copy = Path(tempfile.mkdtemp(prefix="avtaleflyt-shots-")) / "var"
    shutil.copytree(data_dir, copy)
    settings = Settings.from_env(data_dir=copy, database_url=None, offline=True,
                                 secret_key=SecretStr("screenshots-" + "x" * 32))
    out.mkdir(parents=True, exist_ok=True)
    base, server, thread = serve(settings)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
            lead = browser.new_page(viewport={"width": 1200, "height": 1000}, locale="nb-NO")
            sign_in(lead, settings, base, LEAD)
            lead.goto(f"{base}/virksomhet/{BERGEN}/sjekkliste")
            ros = lead.locator("article", has=lead.get_by_role("heading", name="Risikovurdering"))
            ros.get_by_label("Fil med dokumentasjon").set_input_files(
                {"name": "ROS Bergen.pdf", "mimeType": "application/pdf", "buffer": RISK})
            ros.get_by_role("button", name="Lever").click()
            lead.set_viewport_size({"width": 1200, "height": 1250})
            lead.screenshot(path=out / "checklist.png")
            lead.goto(f"{base}/virksomhet/{BERGEN}")
            lead.screenshot(path=out / "status.png", full_page=True)
            coordinator = browser.new_page(viewport={"width": 1200, "height": 1000},
                                           locale="nb-NO")
            sign_in(coordinator, settings, base, COORDINATOR)
            coordinator.goto(f"{base}/omrade/kommuner")
            coordinator.screenshot(path=out / "overview.png", full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        shutil.rmtree(copy.parent, ignore_errors=True)
    print("written: " + ", ".join(str(out / n) for n in ("status.png", "checklist.png",
                                                         "overview.png")))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "var" / "demo",
         Path(sys.argv[2]) if len(sys.argv) > 2 else PROJECT_ROOT / "docs" / "screenshots")
