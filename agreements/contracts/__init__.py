"""The joining agreement of a kilde with its organiser: the two parties (`parties`), drafts
rendered from the area's template (`drafts`), sending for signing in order (`sending`),
recording signatures, declines, withdrawals and lapses (`signatures`), and completion with
its certificate (`completion`).
"""
