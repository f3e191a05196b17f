"""avtaleflyt: the agreement lifecycle for organisations joining Pasientens journaldokumenter.

The domain. It imports no front door (no click, Prefect or web framework); `cli/`, `flows/` and
`portal/` call into it through `agreements.commands`, and `agreements.app` builds what they
need. A use case takes the ports it uses (`core.ports`), never the app. The packages, each
owning one concern:

    core/         the shared ground: tables, migrations, units of work, lifecycles, audit, calendar
    reference/    reference data shipped with avtaleflyt (kommuner, organisers, processes)
    registry/     organisasjonsnummer, Enhetsregisteret, routing to an area, contacts
    documents/    Word templates → DOCX → PDF, stored with their SHA-256
    signing/      signing providers (manual, Posten signering), PDF signature verification
    contracts/    the joining agreement: parties, drafts, sending, signatures, e-signing
                  jobs and their polling, certificate
    readiness/    the checklist with evidence, the go-live gates, go-live
    nhn/          ordering from NHN, the order channels, bruksvilkår
    outbox/       every side effect as a keyed message, and its delivery
    followup/     the daily follow-up: pure planner, state, actions, run
    onboarding/   the onboarding CSV and the onboarding steps, one or many
    reporting/    read models: status, lists, the rollout report
    commands/     one function per human or operator action, one typed input each

See ARCHITECTURE.md for which package may import which.
"""

__all__: list[str] = []
