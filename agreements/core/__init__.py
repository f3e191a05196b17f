"""The shared ground every concern stands on: the tables and their migrations, units of work,
the typed lifecycles, the hash-chained audit log, Norwegian working days, and `init`.

Nothing here knows a concern above it (registry, contracts, readiness, …).
"""
