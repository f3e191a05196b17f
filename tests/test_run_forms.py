"""The run forms of every deployment as the Prefect UI builds them (Prefect's own parameter
schema of each flow): bokmål titles and descriptions, drop-downs for fixed choices, date
pickers for days, optional fields without `null`, and refusals that name the fields by the
titles the forms show."""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

import pytest

from flows.errortexts import TEXTS


def forms() -> dict[str, dict[str, Any]]:
    """Each deployment's parameter schema, a copy of its own (a test may change it)."""
    return copy.deepcopy(_forms())


@functools.cache  # loading every flow from its entrypoint takes a second: once per process
def _forms() -> dict[str, dict[str, Any]]:
    from prefect.utilities.callables import parameter_schema

    from flows.serve import entrypoint_flows

    return {name: parameter_schema(flow).model_dump()
            for name, flow in entrypoint_flows().items()}


def fields(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(where, name, property) of every field, nested models' fields included."""
    found = [("", n, p) for n, p in schema.get("properties", {}).items()]
    for model, sub in (schema.get("definitions") or {}).items():
        found += [(model, n, p) for n, p in sub.get("properties", {}).items()]
    return found


def test_every_field_of_every_run_form_speaks_bokmal_without_null() -> None:
    """Each field, nested ones too, has a title of its own (not its Python name) and a
    description, and no optional field offers `null`."""
    for deployment, schema in forms().items():
        for model, name, prop in fields(schema):
            where = f"{deployment} {model}.{name}"
            assert prop.get("title") and prop["title"] != name, where
            assert prop.get("description"), where
            assert not any(s.get("type") == "null" for s in prop.get("anyOf", [])), where
            if model:  # Prefect itself gives a flow's own optional parameter `null`
                assert prop.get("default", "") is not None, where


def test_every_field_of_every_action_has_its_bokmal_words() -> None:
    """Each field of an action's model (and of a registration) is in flows.forms.FIELDS, or
    is a file field worded where it is declared (FILE_FIELDS)."""
    from agreements.commands import ACTIONS
    from agreements.registry.register import Registration
    from flows.forms import FIELDS, FILE_FIELDS

    words = {**FIELDS, **FILE_FIELDS}
    missing = [f"{m.__name__}.{n}" for m in (Registration, *(s.model for s in ACTIONS.values()))
               for n in m.model_fields if f"{m.__name__}.{n}" not in words and n not in words]
    assert missing == []


def test_fixed_choices_are_drop_downs_and_days_are_dates() -> None:
    """Role, kind, region and checklist item offer their choices; an e-mail address is one;
    every day is a date."""
    found = forms()
    registration = found["onboard-organisation"]["definitions"]["Registration"]["properties"]
    assert registration["role"]["enum"] == ["kilde", "konsument", "begge"]
    assert "avtalespesialist" in registration["kind"]["enum"]
    assert "helse-nord" in registration["region"]["enum"]
    item = found["go-live"]["definitions"]["GoLive"]["properties"]["live_on"]
    assert item["format"] == "date"
    done = found["complete-checklist-item"]["definitions"]["CompleteItem"]["properties"]
    assert {"dpia", "risikovurdering"} <= set(done["item"]["enum"])
    contact = found["save-contact"]["definitions"]["SaveContact"]["properties"]
    assert contact["email"]["format"] == "email"
    for name in ("follow-up", "rollout-report", "onboard-batch", "onboard-organisation"):
        assert found[name]["properties"]["today"]["format"] == "date", name


def test_a_day_that_is_no_date_is_refused_before_the_run_starts() -> None:
    """`24.12.2026` in the follow-up's day is a parameter error, not a run that fails."""
    from prefect.exceptions import ParameterTypeError

    from flows.followup import follow_up

    assert str(follow_up.validate_parameters({"today": "2026-12-24"})["today"]) == "2026-12-24"
    with pytest.raises(ParameterTypeError):
        follow_up.validate_parameters({"today": "24.12.2026"})


def test_refusals_name_fields_by_the_titles_the_forms_show() -> None:
    """Every «field» a refusal in the Prefect UI names is a title on some run form."""
    titles = {p["title"] for schema in forms().values() for _, _, p in fields(schema)}
    named = {m for text in TEXTS.values() for m in re.findall(r"«([^»{}]+)»", text)}
    fields_named = {n for n in named if n[:1].isupper()} - {
        "Navn <e-post>", "CSV UTF-8", "Epikriser: fra sykehjem",  # a format, examples
        "Filer til kjøringer"}  # the portal's page
    assert fields_named - titles == set()


def test_no_run_form_field_is_a_path_on_the_worker_and_files_come_from_the_portal() -> None:
    """No field asks for a path or a folder; a file field takes a file uploaded in the
    portal (a code, or the drop-down's label), never a checksum."""
    for deployment, schema in forms().items():
        for model, name, _ in fields(schema):
            where = f"{deployment} {model}.{name}"
            assert not name.endswith(("_path", "_dir")), where
            assert "sha256" not in name, where
    found = forms()
    signed = found["record-signature"]["definitions"]["RecordSignature"]["properties"]
    assert signed["signed_copy"]["type"] == "string" and "Filer til kjøringer" in signed[
        "signed_copy"]["description"]
    assert "Upload" not in found["record-signature"]["definitions"]
    assert found["onboard-batch"]["properties"]["csv_file"]["x-run-file"] == "organisations"


def test_serve_offers_the_last_days_files_as_a_drop_down() -> None:
    """The schema `serve` registers has the labels of the files of each field's purpose as
    its choices; without any, the field stays a text field for the code."""
    from flows.runfiles import offer

    found = forms()["complete-checklist-item"]
    labels = {"evidence": ["K7P2QX · ros.pdf · Kari Nordmann · 06.12. kl. 21.14"]}
    assert offer(found, labels)
    evidence = found["definitions"]["CompleteItem"]["properties"]["evidence_file"]
    assert evidence["enum"] == labels["evidence"]
    assert re.match(evidence["pattern"], labels["evidence"][0])
    assert offer(found, {}) and "enum" not in evidence
    assert not offer(forms()["go-live"], labels)
