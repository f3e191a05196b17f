"""Who acts, what each may do, and how a person signs in to the portal.

`actors`: the typed actors every command runs for (operator, system, visitor, a signed-in
person); `policy`: the one rule set that says which actor may run which command, asked by
`commands.execute` and by the portal; `rules`: who reaches what (a contact its organisation,
an organiser's coordinator the organisations of its area, a signer the agreement it signs);
`tokens`: single-use sign-in links, stored hashed and valid for a short time, e-mailed through
the outbox; `sessions`: portal sessions kept on the server, so ending one ends every copy of
its cookie; `limits`: rate limits on asking for links, kept in the database so they hold
across processes.
"""
