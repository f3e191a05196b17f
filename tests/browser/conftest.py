"""Browser fixtures for this package only: Debian's Chromium driven by Playwright.

pytest-playwright's own `playwright` fixture is session-scoped, and a live sync Playwright
keeps its asyncio loop registered as the running loop of the main thread for the rest of the
session, which breaks every later `asyncio.run()` (the Prefect tests). So the fixtures that
hold Playwright are re-declared here with scope="package" (this folder has an __init__.py):
Playwright stops when the browser tests are done. (microsoft/playwright-pytest#167, #240)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserType, Page, Playwright, expect, sync_playwright

from agreements.app import App
from tests.portal_helpers import link_for, link_in
from tests.waiting import PATIENCE, wait_for

# Debian's Chromium in its two builds: the headless shell (package chromium-headless-shell)
# for headless runs, as Playwright itself runs headless Chromium since 1.49: the same Blink
# and V8 without the desktop browser's layer, about half the CPU for these tests (80 -> 40 s
# measured); the full browser (package chromium) for `--headed`. CHROMIUM_PATH names another.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
FULL_BROWSER = "/usr/lib/chromium/chromium"
# No DNS at all: an external resource left in a page fails at once instead of waiting.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The plugin's launch arguments (--headed, --slowmo still work), with Debian's Chromium."""
    headless = browser_type_launch_args.get("headless", True)
    chromium = os.environ.get("CHROMIUM_PATH") or (HEADLESS_SHELL if headless else FULL_BROWSER)
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    expect.set_options(timeout=PATIENCE * 1000)  # expectations wait on conditions too
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    found: BrowserType = getattr(playwright, browser_name)
    return found


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args: dict[str, Any],
                   browser_type: BrowserType) -> Callable[..., Browser]:
    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser: Callable[..., Browser]) -> Iterator[Browser]:
    found = launch_browser()
    yield found
    found.close()


@pytest.fixture(autouse=True)
def pages_closed(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test's pages closed when it ends (`open_page` leaves them open for the test):
    an open page keeps its renderer process, and its timers running, to the package's end."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


def open_page(browser: Browser, base: str) -> Page:
    context = browser.new_context(base_url=base, locale="nb-NO")
    context.set_default_timeout(PATIENCE * 1000)  # waits on conditions; only a hang ends them
    return context.new_page()


def sign_in(page: Page, app: App, base: str, email: str) -> None:
    """Sign in with a link issued for `email` (the operator's `portal link`)."""
    page.goto(link_for(app, base, email))
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("button", name="Logg ut", exact=True)).to_be_visible()


def emailed_link(outbox: Path, address: str, base: str, seen: int = 0) -> str:
    """The newest sign-in link e-mailed to `address` (waits for the e-mail to leave)."""
    to = re.compile(rf"^To: (.*<)?{re.escape(address)}>?$", re.M)  # with the name or not

    def newest() -> Path | None:
        found = sorted(p for p in outbox.glob("*signin*.eml")
                       if to.search(p.read_text(encoding="utf-8")))
        return found[-1] if len(found) > seen else None

    eml = wait_for(newest, f"a sign-in e-mail to {address} in {outbox}")
    return re.sub(r"^https?://[^/]+", base, link_in(eml))


def check_accessibility(page: Page) -> None:
    """axe-core finds no serious or critical WCAG violation on the page as it is now."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not bad, page.url + "\n" + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}"
        for v in bad)
