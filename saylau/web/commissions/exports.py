"""XLSX exports: openpyxl (write-only) for the small ones, the streaming writer of
:mod:`.xlsx` for the national member lists (see its docstring for the measured reason)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Member
from .selectors import CoverageRow, TrainerRow
from .xlsx import write_xlsx


def _book(sheets: Sequence[tuple[str, list[str], Iterable[Sequence[Any]]]]) -> bytes:
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for row in rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _coverage(rows: list[CoverageRow]) -> Iterable[Sequence[Any]]:
    for r in rows:
        yield (
            r.label,
            r.members,
            r.trained,
            r.failed,
            r.not_trained,
            round(float(r.trained_percent), 1),
        )


def coverage_xlsx(
    districts: list[CoverageRow], precincts: list[CoverageRow], untrained: QuerySet[Member]
) -> bytes:
    """Districts, precincts and every sitting member without valid training: at national
    scale ~28,000 rows, so written by the streaming :func:`write_xlsx`."""
    head = [_("Members"), _("Trained"), _("Failed"), _("Not trained"), _("Trained, %")]
    return write_xlsx(
        [
            (_("Districts"), [_("District"), *head], _coverage(districts)),
            (_("Precincts"), [_("Precinct"), *head], _coverage(precincts)),
            (
                _("Without training"),
                [
                    _("District"),
                    _("Precinct"),
                    _("Commission level"),
                    _("Surname"),
                    _("First name"),
                    _("Patronymic"),
                    _("Role"),
                    _("Phone"),
                ],
                _untrained(untrained),
            ),
        ]
    )


def _untrained(qs: QuerySet[Member]) -> Iterable[Sequence[Any]]:
    rows = qs.values_list(
        "commission__district__name_ru",
        "commission__precinct__number",
        "level",
        "person__last_name",
        "person__first_name",
        "person__patronymic",
        "role",
        "person__phone",
    )
    yield from rows.iterator(chunk_size=5000)


def trainers_xlsx(rows: list[TrainerRow]) -> bytes:
    def fmt(value: Any) -> Any:
        return None if value is None else round(float(value), 1)

    return _book(
        [
            (
                _("Trainers"),
                [
                    _("Trainer"),
                    _("Sessions"),
                    _("Enrolled"),
                    _("Attended"),
                    _("Entry test, %"),
                    _("Final test, %"),
                    _("Gain, points"),
                ],
                (
                    (
                        r.name,
                        r.sessions,
                        r.enrolled,
                        r.attended,
                        fmt(r.entry_percent),
                        fmt(r.final_percent),
                        fmt(r.gain),
                    )
                    for r in rows
                ),
            ),
        ]
    )
