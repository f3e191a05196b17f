"""Every error the domain can give, by a stable name and the parameters its texts may use.

The domain raises `Refused(Code.AGREEMENT_NOT_SIGNABLE, agreement=7, status="draft")`; each
front door words a code in its own language from its own catalogue (`cli/errortexts` in
English, `portal/errortexts` and `flows/errortexts` in bokmål). A code's name does not
change once released; its parameters are exactly what the raise passes and what the texts may
use (`tests/test_error_texts.py` checks every catalogue against them). The codes live by
concern in this package; `Code` gathers them.
"""

from __future__ import annotations

from agreements.errorcodes.access import AccessCodes
from agreements.errorcodes.base import ErrorCode, code
from agreements.errorcodes.contracts import ContractCodes
from agreements.errorcodes.core import CoreCodes
from agreements.errorcodes.documents import DocumentCodes
from agreements.errorcodes.files import FileCodes
from agreements.errorcodes.onboarding import OnboardingCodes
from agreements.errorcodes.ordering import OrderingCodes
from agreements.errorcodes.outbox import OutboxCodes
from agreements.errorcodes.readiness import ReadinessCodes
from agreements.errorcodes.registry import RegistryCodes
from agreements.errorcodes.runs import RunCodes
from agreements.errorcodes.settings import SettingCodes
from agreements.errorcodes.signedcopies import SignedCopyCodes
from agreements.errorcodes.signing import SigningCodes


class Code(CoreCodes,
           RegistryCodes,
           DocumentCodes,
           OutboxCodes,
           SigningCodes,
           ContractCodes,
           SignedCopyCodes,
           ReadinessCodes,
           OrderingCodes,
           AccessCodes,
           OnboardingCodes,
           SettingCodes,
           RunCodes,
           FileCodes):
    """The codes, grouped by concern. Add one in its concern's module (or here), then its text
    in every front door."""


def all_codes() -> list[ErrorCode]:
    """Every code, in the order of `Code` (its own, then each concern's)."""
    return [value for cls in Code.__mro__ for value in vars(cls).values()
            if isinstance(value, ErrorCode)]


__all__ = ["Code", "ErrorCode", "all_codes", "code"]
