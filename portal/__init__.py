"""The web front door: FastAPI and Jinja2, in bokmål. Organisations and the organisers' coordinators
sign in by e-mail link and act on the same commands as the CLI and the flows.

`create_app()` builds the application; nothing is built at import.
"""

from portal.app import create_app

__all__ = ["create_app"]
