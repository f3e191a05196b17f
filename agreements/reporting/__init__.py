"""Read models: the status of organisations and participations (`views`), one agreement and
one checklist (`details`), and the rollout report (`rollout`). Reads only; writes nothing.
"""
