"""`avtaleflyt portal`: serve the web portal; `avtaleflyt portal link EMAIL`: a sign-in link."""

from __future__ import annotations

import click

from cli.base import act, cli, command, make_app

# Seconds a worker may take to answer the supervisor's ping before it is killed and started
# again (uvicorn's default, 5 s, killed a busy worker on a loaded machine, and with it the
# requests it was answering): only a worker hung this long is restarted.
HEALTHCHECK = 60
# Seconds a connection is kept open between requests: a person reads a page for seconds before
# the next click, and a server that closes the connection meanwhile (uvicorn's default, 5 s)
# races the click that reuses it ("server disconnected without sending a response"). 75 s, as
# nginx keeps a client's connection.
KEEP_ALIVE = 75


@cli.group("portal", invoke_without_command=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (anything but 127.0.0.1 needs AVTALEFLYT_SECRET_KEY)")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes answering on the port, each its own app on the same "
                   "database and secret key (one per core the portal may use)")
@click.pass_context
def portal_group(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """The web portal where organisations and the organisers' coordinators act (bokmål)."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from portal import create_app
    from portal.serving import run_workers, settle, share_secret

    settings = make_app().settings  # a database without schema is one line, before uvicorn
    said = f"portal: http://{host}:{port}/ (links in e-mails use {settings.portal_url})"
    if workers > 1:
        share_secret(settings, host)
        click.echo(f"{said}; {workers} worker processes")
        run_workers(workers, host, port, log_level="warning", proxy_headers=True,
                    timeout_keep_alive=KEEP_ALIVE, timeout_worker_healthcheck=HEALTHCHECK)
        return
    web = create_app(host=host)
    click.echo(said)
    settle()
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=True,
                timeout_keep_alive=KEEP_ALIVE)


@portal_group.command("link")
@click.argument("email")
def portal_link(email: str) -> None:
    """Issue a single-use sign-in link for a registered contact (audited; not e-mailed)."""
    from agreements.commands import IssueSignInLink, LinkOutcome

    outcome = act(make_app(), command(IssueSignInLink, email=email))
    assert isinstance(outcome, LinkOutcome)
    click.echo(outcome.link)
    click.echo(outcome.message, err=True)
