"""Readiness for go-live: the checklist from the process catalogue with evidence (`checklist`),
the gates and the derived phase (`gates`, pure), and going live (`golive`).
"""
