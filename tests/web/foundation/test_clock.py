"""The application clock: local time, "as of" a configured moment, frozen in tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.test import override_settings

from saylau.web.core import clock


def test_today_is_the_local_date_not_the_utc_date() -> None:
    # 20:30 UTC on 1 March is 01:30 on 2 March in Kazakhstan (UTC+5).
    with clock.travel(datetime(2027, 3, 1, 20, 30, tzinfo=UTC)):
        assert clock.today() == date(2027, 3, 2)
        assert clock.now().utcoffset() == timedelta(hours=5)


def test_travel_to_a_date_freezes_at_its_local_noon() -> None:
    with clock.travel(date(2027, 3, 1)):
        assert clock.now().hour == 12
        assert clock.today() == date(2027, 3, 1)


def test_as_of_starts_the_clock_at_the_configured_moment_and_lets_it_run() -> None:
    clock._as_of_offset.cache_clear()
    with override_settings(SAYLAU_AS_OF="2027-03-02T09:00"):
        first = clock.now()
        assert first.date() == date(2027, 3, 2)
        assert (first.hour, first.minute) == (9, 0)
        assert clock.now() >= first
    clock._as_of_offset.cache_clear()


def test_without_as_of_the_clock_is_the_real_one() -> None:
    with override_settings(SAYLAU_AS_OF=None):
        assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
