"""Working days of Vietnamese state agencies: weekends, public holidays and make-up Saturdays.

The calendar is data (``assets/holidays/vn_public_holidays.yaml``), one entry per year with
the Tết (lunar) dates spelled out, so a new Government announcement is a data update.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

from kiosk.errors import KioskError
from kiosk.forms.schema import ASSETS_DIR

HOLIDAYS_PATH = ASSETS_DIR / "holidays" / "vn_public_holidays.yaml"
# Inside a province's forms folder (the profile's ``forms``), so one folder carries both updates.
HOLIDAYS_IN_FORMS_DIR = Path("holidays", "vn_public_holidays.yaml")
log = logging.getLogger(__name__)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class HolidayDataError(KioskError):
    pass


@dataclass
class WorkCalendar:
    weekend: frozenset[int] = frozenset({5, 6})
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)  # make-up Saturdays
    years: frozenset[int] = frozenset()
    source: Path | None = None
    weekend_given: bool = False  # the file names its weekend (an override may leave it out)

    def _check_year(self, d: date) -> None:
        if d.year not in self.years:
            raise HolidayDataError(
                f"There is no public-holiday data for {d.year}; "
                f"add that year to {self.source or HOLIDAYS_PATH}."
            )

    def is_working_day(self, d: date) -> bool:
        self._check_year(d)
        if d in self.working_days:
            return True
        return d.weekday() not in self.weekend and d not in self.days_off

    def holiday_name(self, d: date) -> str | None:
        return self.days_off.get(d)

    def add_working_days(self, start: date | datetime, n: int) -> date:
        """The ``n``-th working day after ``start`` (the day of receipt does not count).

        ``n == 0`` gives ``start`` itself if it is a working day, else the next working day.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        d = start.date() if isinstance(start, datetime) else start
        if n == 0:
            while not self.is_working_day(d):
                d += timedelta(days=1)
            return d
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many a dossier has used so far."""
        count, d = 0, start
        while d < end:
            d += timedelta(days=1)
            count += self.is_working_day(d)
        return count


def _day(value: object, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise HolidayDataError(f"{where}: '{value}' is not a YYYY-MM-DD date.") from exc


def load_calendar(path: Path | None = None, *, override: Path | None = None) -> WorkCalendar:
    """The calendar of ``path`` (default: the installed one), updated by ``override`` if that file exists.

    ``override`` (usually :func:`profile_holidays_path`) replaces whole years and may add new
    ones, so a province can publish next year's days off without a new release. A bad
    override file is logged and skipped: the installed calendar is still used.
    """
    p = path or HOLIDAYS_PATH
    base = _load(p, p.stat().st_mtime_ns if p.exists() else 0)
    if override is None or not override.is_file():
        return base
    try:
        extra = _load(override, override.stat().st_mtime_ns)
    except HolidayDataError as exc:
        log.warning("holiday override skipped: %s", exc)
        return base
    return _merged(base, extra)


def profile_holidays_path(profile_root: Path | str) -> Path:
    """Where a profile keeps a province's updated public-holiday calendar (next to its forms)."""
    return Path(profile_root) / "forms" / HOLIDAYS_IN_FORMS_DIR


def _merged(base: WorkCalendar, extra: WorkCalendar) -> WorkCalendar:
    def keep(days: dict[date, str]) -> dict[date, str]:
        return {d: n for d, n in days.items() if d.year not in extra.years}

    return WorkCalendar(
        weekend=extra.weekend if extra.weekend_given else base.weekend,
        days_off={**keep(base.days_off), **extra.days_off},
        working_days={**keep(base.working_days), **extra.working_days},
        years=base.years | extra.years,
        source=extra.source,
    )


@cache
def _load(path: Path, _stamp: int) -> WorkCalendar:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader is safe
    except (OSError, yaml.YAMLError) as exc:
        raise HolidayDataError(f"The holiday file {path} cannot be read ({exc.__class__.__name__}).") from exc
    if not isinstance(data, dict):
        raise HolidayDataError(f"{path}: expected a mapping with 'years' (and optionally 'weekend').")
    cal = WorkCalendar(source=path, weekend_given="weekend" in data)
    try:
        cal.weekend = frozenset(_WEEKDAYS.index(w) for w in data.get("weekend", ["saturday", "sunday"]))
    except ValueError as exc:
        raise HolidayDataError(f"{path}: weekend days must be English weekday names.") from exc
    years = set()
    where = f"{path}: years"
    try:
        for year, entry in (data.get("years") or {}).items():
            where = f"{path}: years.{year}"
            years.add(int(year))
            for i, item in enumerate(entry.get("days_off") or []):
                where = f"{path}: years.{year}.days_off[{i}]"
                first = _day(item.get("date") or item.get("from"), where)
                last = _day(item.get("to") or item.get("date") or item.get("from"), where)
                if last < first or first.year != int(year):
                    raise HolidayDataError(f"{where}: the range is reversed or outside {year}.")
                d = first
                while d <= last:
                    cal.days_off[d] = item.get("name", "")
                    d += timedelta(days=1)
            for i, item in enumerate(entry.get("working_days") or []):
                where = f"{path}: years.{year}.working_days[{i}]"
                d = _day(item.get("date"), where)
                cal.working_days[d] = item.get("name", "")
    except (ValueError, AttributeError, TypeError) as exc:
        # A hand-edited file (a province's update) may have any shape: say where it went wrong.
        raise HolidayDataError(
            f"{where}: expected a year (YYYY) holding days_off/working_days lists of {{date|from,to,name}}."
        ) from exc
    cal.years = frozenset(years)
    return cal


def add_working_days(start: date | datetime, n: int) -> date:
    return load_calendar().add_working_days(start, n)


def is_working_day(d: date) -> bool:
    return load_calendar().is_working_day(d)
