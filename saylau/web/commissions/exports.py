"""XLSX exports: openpyxl (write-only) for the small ones, the streaming writer of
:mod:`.xlsx` for the national member lists (see its docstring for the measured reason)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from saylau.web.core.csvsafe import safe_row

from .models import Level, Member, MemberRole
from .selectors import CoverageRow, TrainerRow
from .selectors.export import UNTRAINED_FIELDS
from .xlsx import write_xlsx


def _book(sheets: Sequence[tuple[str, list[str], Iterable[Sequence[Any]]]]) -> bytes:
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(safe_row(header))
        for row in rows:
            ws.append(safe_row(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _coverage(rows: list[CoverageRow]) -> Iterable[Sequence[Any]]:
    for r in rows:
        # A display figure: float division is exact enough and ~10x cheaper than Fraction.
        share = round(100 * r.trained / r.members, 1) if r.members else 0.0
        yield (r.label, r.members, r.trained, r.failed, r.not_trained, share)


def coverage_xlsx(
    districts: list[CoverageRow],
    precincts: list[CoverageRow],
    untrained: QuerySet[Member] | Iterable[Sequence[Any]],
) -> bytes:
    """Districts, precincts and every sitting member without valid training: at national
    scale ~28,000 rows, so written by the streaming :func:`write_xlsx`. ``untrained`` is the
    :func:`~.selectors.untrained_members` queryset or the rows of
    :func:`~.selectors.coverage_export_data` (the ``UNTRAINED_FIELDS`` with labels, then failed)."""
    head = [_("Members"), _("Trained"), _("Failed"), _("Not trained"), _("Trained, %")]
    rows = _untrained(untrained) if isinstance(untrained, QuerySet) else untrained
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
                    _("Failed the final test"),
                ],
                _with_status(rows),
            ),
        ]
    )


def _with_status(rows: Iterable[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    yes, no = _("yes"), ""
    for r in rows:
        yield (*r[:-1], yes if r[-1] else no)


def _untrained(qs: QuerySet[Member]) -> Iterable[Sequence[Any]]:
    levels = {value: str(label) for value, label in Level.choices}
    roles = {value: str(label) for value, label in MemberRole.choices}
    rows = qs.values_list(*UNTRAINED_FIELDS, "has_failed")
    for r in rows.iterator(chunk_size=5000):
        yield (r[0], r[1], levels.get(r[2], r[2]), r[3], r[4], r[5], roles.get(r[6], r[6]), *r[7:])


def trainers_xlsx(rows: list[TrainerRow]) -> bytes:
    def fmt(value: Any) -> Any:
        return None if value is None else round(float(value), 1)

    return _book(
        [
            (
                _("Trainers"),
                [
                    _("Trainer"),
                    pgettext("number of training sessions", "Sessions"),
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
