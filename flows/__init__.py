"""Prefect flows: thin recipes over `agreements.commands` and the use cases.

One flow per action (`actions`), onboarding one or many (`onboarding`), the daily follow-up
and the rollout report (`followup`), and `serve` for one machine with the UI and schedules.
"""
