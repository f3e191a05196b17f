"""Who may use the portal and what they may reach.

`tokens`: single-use sign-in links, stored hashed and valid for a short time, e-mailed through
the outbox; `limits`: rate limits on asking for them, kept in the database so they hold across
processes; `rules`: who sees what (a contact its organisation, an organiser's coordinator the
organisations of its area, a signer the agreement it signs) and which actions each may take.
"""
