"""The follow-up's kinds of work are tasks of their own in its run graph: each task run named
in bokmål after what it does, Completed with what it did (which matches what the run did), a
step that failed Failed on its own while the rest of the day goes on."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlmodel import col, select

from agreements.app import App
from agreements.config import Settings
from agreements.core.models import OutboxMessage
from agreements.followup import run as followup_run
from tests.conftest import make_app
from tests.test_followup_run import on, sent
from tests.waiting import wait_for
from tests.world import build_world

DAY = "2027-01-04"  # Oslo's agreement, sent on 25.11.2026, is due its first reminder


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs, as `flow_env` too: the run's steps are these tests' subject, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


@pytest.fixture
def flow_env(prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The flows read their settings from the environment, as on a worker."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_PDF", "0")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    return Settings.from_env()


STEPS = {"henting av signaturer", "dagens plan", "påminnelsesbrev og opprydding",
         "påminnelser om signering", "e-post om sjekklisten", "levering av utboksen",
         "det som står fast"}


def task_runs(run_id: UUID, names: set[str]) -> dict[str, Any]:
    """The flow run's task runs by name, once those `names` are there and every one has
    ended (the server records them from events, a moment after the run)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    def ended() -> dict[str, Any] | None:
        with get_client(sync_client=True) as client:
            found = client.read_task_runs(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[run_id])))
        if not names <= {t.name for t in found} or any(
                t.state is None or not t.state.is_final() for t in found):
            return None
        return {t.name: t for t in found}

    return wait_for(ended, "the follow-up's task runs to end")


def reminder_keys(settings: Settings) -> list[str]:
    app = make_app(settings)
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage.key).where(
            col(OutboxMessage.key).startswith("followup:remind:"))))


def test_each_kind_of_work_is_a_task_run_that_did_it(flow_env: Settings) -> None:
    """A day's follow-up shows polling, the plan, the letters, the reminders to sign, the
    checklist's e-mails, delivery and what is stuck as task runs of their own; the
    reminders' task run is Completed saying it sent the one reminder that is in the outbox."""
    from flows.followup import follow_up

    build_world(flow_env)  # Oslo's agreement sent to Ola, checklists overdue by then
    state = follow_up(today=DAY, return_state=True)
    assert state.is_completed(), state.message
    outcome = state.result()
    runs = task_runs(state.state_details.flow_run_id, STEPS)
    assert set(runs) == STEPS
    assert all(t.state.is_completed() for t in runs.values()), {
        n: t.state.message for n, t in runs.items()}
    reminders = runs["påminnelser om signering"].state.message
    assert reminders == "påminnelse om signering: 1"
    assert len(reminder_keys(flow_env)) == 1
    assert [a.kind for a in outcome.actions if a.new and a.kind == "remind"] == ["remind"]
    notices = sum(a.new for a in outcome.actions
                  if a.kind in ("item_reminder", "item_escalation", "order_chase"))
    assert notices and runs["e-post om sjekklisten"].state.message.startswith(
        f"e-post om {notices} punkt(er)")
    assert runs["påminnelsesbrev og opprydding"].state.message == "1 påminnelsesbrev klare"
    sent = runs["levering av utboksen"].state.message.split()[0]
    assert sent != "0" and (outcome.delivery or "").startswith(f"{sent} sent")


def test_a_dry_run_has_only_the_plan_as_its_task(flow_env: Settings) -> None:
    """A dry run plans (one task run, saying how much it found) and does nothing else."""
    from flows.followup import follow_up

    build_world(flow_env)
    state = follow_up(today=DAY, dry_run=True, return_state=True)
    runs = task_runs(state.state_details.flow_run_id, {"dagens plan"})
    assert list(runs) == ["dagens plan"]
    planned = len(state.result().actions)
    assert runs["dagens plan"].state.message.startswith(f"{planned} handling(er) planlagt")
    assert reminder_keys(flow_env) == []


def test_a_failed_step_fails_its_own_task_and_the_day_goes_on(
        flow_env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the reminder letter's template broken, the letters' task run is Failed saying
    so, the reminder still goes in its own Completed task run, and the run ends Failed with
    the one-line message naming the letters."""
    from flows.followup import follow_up

    templates = tmp_path / "templates"
    shutil.copytree(flow_env.templates_dir, templates)
    monkeypatch.setenv("AVTALEFLYT_TEMPLATES_DIR", str(templates))
    build_world(Settings.from_env())
    (templates / "paaminnelse.docx").write_bytes(b"not a word document")
    state = follow_up(today=DAY, return_state=True)
    assert state.is_failed() and "\n" not in (state.message or "")
    assert "påminnelsesbrev" in (state.message or "")
    runs = task_runs(state.state_details.flow_run_id, STEPS)
    assert set(runs) == STEPS
    letters = runs["påminnelsesbrev og opprydding"].state
    assert letters.is_failed() and "brevene kunne ikke lages" in (letters.message or "")
    sent = runs["påminnelser om signering"].state
    assert sent.is_completed() and sent.message == "påminnelse om signering: 1"
    assert runs["levering av utboksen"].state.is_completed()
    assert len(reminder_keys(flow_env)) == 1


class Recording:
    """A step runner that calls each step in turn, as the CLI's does, noting which ran."""

    def __init__(self, app: App) -> None:
        self.steps: list[str] = []
        self.run = followup_run.directly(app)

    def __call__(self, step: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        self.steps.append(step.__name__)
        return self.run(step, *args, **kwargs)


def test_the_run_is_one_recipe_of_steps_through_its_runner(any_app: App) -> None:
    """A run calls each step once through the runner it is given, in the recipe's order
    (a kind with nothing to do is left out); a dry run only plans."""
    sent(any_app)
    day = on(any_app, date(2026, 12, 2))  # reminder 1 due, nothing of the term or checklist
    dry = Recording(day)
    followup_run.run(day, dry_run=True, runner=dry)
    assert dry.steps == ["plan_day"]
    steps = Recording(day)
    result = followup_run.run(day, runner=steps)
    assert steps.steps == ["poll_signatures", "plan_day", "prepare_letters", "remind_signers",
                           "send_notices", "deliver_outbox", "note_trouble"]
    assert [a["kind"] for a in result.actions if a["new"]] == ["remind"]


def test_every_step_has_its_task_name_in_bokmal() -> None:
    """Each step of the follow-up's recipe (a function of `followup.steps` taking the unit
    of work) is named for the run graph, and nothing else is."""
    import inspect

    from agreements.followup import steps
    from flows.followup_steps import STEPS

    found = {name for name, fn in inspect.getmembers(steps, inspect.isfunction)
             if fn.__module__ == steps.__name__ and not name.startswith("_")
             and next(iter(inspect.signature(fn).parameters), None) == "work"}
    assert found == set(STEPS)
    assert all(STEPS[name][0] is getattr(steps, name) for name in found)
