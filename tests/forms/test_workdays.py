from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.forms.workdays import HolidayDataError, load_calendar


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def test_years_2025_to_2030_are_covered(cal) -> None:
    assert set(range(2025, 2031)) <= cal.years
    # Each year lists its Tết (first lunar day) as a day off or a weekend.
    for tet in ("2025-01-29", "2026-02-17", "2027-02-08", "2028-01-26", "2029-02-13", "2030-02-04"):
        assert not cal.is_working_day(date.fromisoformat(tet)), tet


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-11-20", 1, "2026-11-23"),  # Friday + 1 -> Monday (weekend skipped)
        ("2026-11-23", 3, "2026-11-27"),  # Monday + 3, across 24/11 (listed as a day off)
        ("2026-02-12", 3, "2026-02-24"),  # Thursday before Tết Bính Ngọ: 13/2, then 23/2, 24/2
        ("2025-01-24", 1, "2025-02-03"),  # Friday before Tết Ất Tỵ: closed 25/1-2/2
        ("2025-02-07", 1, "2025-02-08"),  # make-up Saturday counts as a working day
        ("2025-04-25", 2, "2025-04-28"),  # Sat 26/4 is worked, 30/4-4/5 closed
        ("2025-04-29", 1, "2025-05-05"),
        ("2030-01-31", 2, "2030-02-11"),  # projected Tết Canh Tuất with weekend compensation
        ("2025-12-31", 1, "2026-01-02"),  # across the year boundary and 1/1
        ("2026-11-21", 0, "2026-11-23"),  # 0 days on a Saturday: the next working day
    ],
)
def test_add_working_days(cal, start, n, expected) -> None:
    assert cal.add_working_days(date.fromisoformat(start), n) == date.fromisoformat(expected)


def test_datetime_start_and_count_between(cal) -> None:
    assert cal.add_working_days(datetime(2026, 2, 12, 16, 45), 1) == date(2026, 2, 13)
    assert cal.working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3
    assert cal.holiday_name(date(2026, 2, 17)) == "Tết Nguyên đán Bính Ngọ"


def test_missing_year_is_a_clear_error(cal) -> None:
    with pytest.raises(HolidayDataError, match="no public-holiday data for 2031"):
        cal.add_working_days(date(2030, 12, 30), 5)


def test_bad_data_file_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "h.yaml"
    p.write_text(
        "years:\n  2025:\n    days_off:\n      - {from: '2025-02-10', to: '2025-02-01'}\n", encoding="utf-8"
    )
    with pytest.raises(HolidayDataError, match=r"years\.2025\.days_off\[0\]: the range is reversed"):
        load_calendar(p)
    p.write_text("years:\n  2025:\n    days_off:\n      - {date: '2025-02-30'}\n", encoding="utf-8")
    with pytest.raises(HolidayDataError, match="not a YYYY-MM-DD date"):
        load_calendar(p)
