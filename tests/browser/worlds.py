"""The worlds the browser tests act in (built with the domain's own use cases)."""

from __future__ import annotations

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts
from agreements.registry.register import Registration, register
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.world import STAVANGER

STINE, KARI = "stine@stavanger.kommune.no", "kari@ks.no"


def stavanger(settings: Settings) -> App:
    """Stavanger kommune (a kilde) with its PJD lead and a draft agreement but no signatory
    yet; Oslo kommune beside it; KS with its coordinator and signatory."""
    app = make_app(settings.model_copy(update={"pdf": False}))
    oslo_kilde(app)
    reg = register(app, Registration(orgnr=STAVANGER, role="kilde",
                                     coordinator=f"Stine Stavang <{STINE}>"))
    drafts.create_agreements(app, reg.participation_ids)
    return app
