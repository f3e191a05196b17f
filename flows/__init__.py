"""Prefect flows: thin recipes over the use cases in `agreements`."""
