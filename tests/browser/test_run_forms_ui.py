"""Every deployment's run form in the Prefect UI that `avtaleflyt serve` starts, opened in
Debian's Chromium: each field shown by its bokmål title, a drop-down for each fixed choice, a
date picker for each day, and no type name or `null` anywhere; and that UI talks to the port
serve was given. The tests share one serve (`served`, module-scoped: about 20 s of a core
each to start)."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from flows.deployments import DEPLOYMENTS
from tests import loopback
from tests.browser.conftest import open_page
from tests.serving import Served, registered, served, wait_until  # noqa: F401 (a fixture)
from tests.test_run_forms import fields, forms
from tests.waiting import wait_for

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve")]  # one serve for the module
# the form's element of one field: the innermost property around its label
FIELD = ("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), "
         "' schema-form-property ')][1]")
# the UI's router (Vue's, on its root element), as the UI's own links use it
ROUTE = ("path => document.querySelector('#app').__vue_app__"
         ".config.globalProperties.$router.push(path)")
# what the test reads of a run form, in one round trip rather than a few for each field: the
# form's text, and each label's text with the widgets of its property (FIELD's element)
READ_FORM = """() => ({
  form: document.querySelector('form')?.innerText ?? '',
  labels: [...document.querySelectorAll('.schema-form-property__label')].map(label => {
    const property = label.parentElement?.closest('div.schema-form-property');
    return {text: label.innerText.trim(),
            selects: property ? property.querySelectorAll('.p-select').length : 0,
            dates: property ? property.querySelectorAll('.p-date-input').length : 0};
  }),
})"""
NOISE = re.compile(r"\bNone\b|\bnull\b|Property is type|str \| None|\bAny\b")


def whole_form(page: Page, titles: set[str]) -> dict[str, Any] | None:
    """The form as READ_FORM reads it, once the label of every field (and nothing else) is on
    it: the UI renders the form as its data arrive."""
    read: dict[str, Any] = page.evaluate(READ_FORM)
    labels = {re.sub(r" \(Optional\)$", "", label["text"]) for label in read["labels"]}
    return read if labels == titles else None


def open_in_ui(page: Page, path: str) -> None:
    """Go to `path` by the UI's own router, as its links do, from a page without a run form
    (the form is built anew): each full load of the UI parses its 5 MB of scripts again and
    asks the server for all it shows, several seconds of a core for the form's 30 loads."""
    submit = page.get_by_role("button", name="Submit")
    if "/run" in page.url:
        page.evaluate(ROUTE, "/settings")
        expect(submit).to_be_hidden()
    page.evaluate(ROUTE, path)
    page.wait_for_url(f"**{path}")


def test_serve_on_a_port_starts_a_ui_that_talks_to_that_port(served: Served) -> None:  # noqa: F811
    """`serve --port N`: the UI's api_url is on port N, and the API there holds every
    deployment with its tags and poll-signatures' limit of one run."""
    base = served.base
    settings = wait_until(served, "the UI's settings",
                          lambda: loopback.get(f"{base}/ui-settings", timeout=5).json())
    assert settings["api_url"] == f"{base}/api"
    by_name = {d["name"]: d for d in registered(served)}
    assert set(by_name) == {d.name for d in DEPLOYMENTS}
    poll = by_name["poll-signatures"]
    assert poll["global_concurrency_limit"]["limit"] == 1
    assert poll["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    assert by_name["follow-up"]["tags"] == ["avtaleflyt", "scheduled"]
    assert by_name["follow-up"]["parameters"] == {"dry_run": False}


def test_every_run_form_has_titled_fields_drop_downs_and_date_pickers(
        served: Served, browser: Browser) -> None:  # noqa: F811
    """Each deployment's run form: every field's label is its title, enums are selects,
    days are date inputs, and the form shows no Python names or `None`."""
    ids = {d["name"]: d["id"] for d in registered(served)}
    page = open_page(browser, served.base)
    page.goto("/settings")
    for name, schema in forms().items():
        open_in_ui(page, f"/deployments/deployment/{ids[name]}/run")
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        shown = fields(schema)
        titles = {p["title"] for _, _, p in shown}
        read = wait_for(functools.partial(whole_form, page, titles), f"{name}'s whole form")
        assert not NOISE.search(read["form"]), f"{name}: {NOISE.search(read['form'])}"
        for model, field, prop in shown:
            title = re.compile(rf"^{re.escape(prop['title'])}( \(Optional\))?$")
            found = [label for label in read["labels"] if title.match(label["text"])]
            where = f"{name} {model}.{field}"
            if "enum" in prop:
                assert found and found[-1]["selects"] == 1, where
            if prop.get("format") == "date":
                assert found and found[-1]["dates"] == 1, where


def test_a_file_uploaded_for_runs_is_offered_in_the_run_form(
        served: Served, browser: Browser) -> None:  # noqa: F811
    """While serve runs, a signed copy staged for runs (as the portal stages it) becomes a
    choice of the record-signature form's «Signert kopi» drop-down, label and all."""
    from agreements import commands as c
    from agreements.app import open_app
    from agreements.config import Settings

    ids = {d["name"]: d["id"] for d in registered(served)}
    settings = Settings(data_dir=served.data_dir, offline=True, actor="test")
    with open_app(settings, need_schema=True) as app:
        staged = c.execute(app, c.StageRunFile(purpose="signed-copy", filename="signert.pdf",
                                               data=b"%PDF-1.4\n%%EOF\n"))
    assert isinstance(staged, c.RunFileOutcome)
    url = f"{served.base}/api/deployments/{ids['record-signature']}"

    def offered() -> bool:
        schema = loopback.get(url, timeout=5).json()["parameter_openapi_schema"]
        prop = schema["definitions"]["RecordSignature"]["properties"]["signed_copy"]
        return staged.label in prop.get("enum", [])

    wait_until(served, "the upload in the form's choices", offered)
    page = open_page(browser, served.base)
    page.goto(f"/deployments/deployment/{ids['record-signature']}/run")
    label = page.locator(".schema-form-property__label").filter(has_text="Signert kopi (PDF)")
    select = label.last.locator(FIELD).locator(".p-select")
    expect(select).to_have_count(1)
    select.locator("button").first.focus()
    page.keyboard.press("ArrowDown")  # the choices open in a list of their own
    expect(page.get_by_role("option", name=staged.label, exact=True)).to_be_visible()
