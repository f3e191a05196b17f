"""The app's clock: real time, or a simulated day (`--today`) within a year of the real one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from agreements.core.calendar import OSLO
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

SIMULATION_WINDOW = timedelta(days=366)


@dataclass
class Clock:
    """Real time, or a fixed day (`--today`) for planning and demos."""

    fixed_day: date | None = None
    forced: bool = False  # told to run as that day whatever it would end (`--force`)

    @classmethod
    def simulating(cls, day: date | None, *, force: bool = False,
                   option: str = "--today") -> Clock:
        """A clock on `day`, refused more than a year from the real date unless forced: a
        mistyped year must not lapse every agreement and tell every signatory."""
        real = datetime.now(OSLO).date()
        if day is not None and not force and abs(day - real) > SIMULATION_WINDOW:
            raise InvalidInput(Code.SIMULATED_DAY_FAR, option=option, day=day, real=real)
        return cls(day, forced=force)

    @property
    def simulated(self) -> bool:
        """Running as another day than the real one (`--today`)."""
        return self.fixed_day is not None and self.fixed_day != datetime.now(OSLO).date()

    def now(self) -> datetime:
        if self.fixed_day is None:
            return datetime.now(UTC)
        real = datetime.now(OSLO).time()
        return datetime.combine(self.fixed_day, real, OSLO).astimezone(UTC)

    def today(self) -> date:
        return self.fixed_day or datetime.now(OSLO).date()
