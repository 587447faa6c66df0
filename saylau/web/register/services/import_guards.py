"""What an import of one region's extract may not do (issue 11, items 3 and 5).

* **It cannot take persons of another region.** A row whose IIN is an *active* person of another
  region is rejected (file, line, column ``iin``) and changes nothing: that person is neither
  moved nor changed. A move between regions reaches the register when the old region's extract
  no longer lists the person (they become inactive there, and the new region's import then
  takes them as added), or by a registry event of someone who covers both regions (the CEC).
* **A removal needs a complete, valid extract.** A persons.csv without a single row is refused
  (it would remove the whole region). When any row of persons.csv is rejected, the import
  applies the rest but removes nobody (``removals_withheld`` says how many it would have
  removed): a row that cannot be read must never remove its voter, and a truncated file looks
  like that.
* **A mass removal needs a confirmation.** More removals than ``SAYLAU_MASS_REMOVAL_PERCENT`` of
  the region's active persons (and at least ``SAYLAU_MASS_REMOVAL_MIN`` persons) refuse the
  whole import unless ``allow_removals`` (``--allow-removals`` on the command line, the
  confirmation box on the import page).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from ..sentences import Refused
from .extract import Rejection
from .reading import PERSONS_FILE

S = "register_stagingperson"


def foreign_persons(*, import_id: int, region_id: int) -> list[tuple[int, str, str]]:
    """(line, iin, region code) of staged rows whose IIN is an active person of another region;
    those rows are marked not ok (the person is left as they are)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT s.line, s.iin, r.code FROM {S} s
                JOIN register_person p ON p.iin = s.iin
                LEFT JOIN territory_region r ON r.id = p.region_id
                WHERE s.register_import_id = %s AND s.ok AND p.active
                  AND p.region_id IS NOT NULL AND p.region_id <> %s
                ORDER BY s.line""",  # noqa: S608 - fixed table names
            [import_id, region_id],
        )
        found = [(int(line), str(iin), str(code or "?")) for line, iin, code in cursor.fetchall()]
        for i in range(0, len(found), 5000):
            lines = [f[0] for f in found[i : i + 5000]]
            marks = ", ".join(["%s"] * len(lines))
            cursor.execute(
                f"UPDATE {S} SET ok = %s WHERE register_import_id = %s AND line IN ({marks})",  # noqa: S608
                [False, import_id, *lines],
            )
    return found


def foreign_rejection(line: int, iin: str, region_code: str) -> Rejection:
    """The rejection of a row whose person is registered in ``region_code``."""
    reason = (
        f"the person with IIN {iin} is registered in region {region_code}: a region's extract "
        f"cannot take them (they move when {region_code}'s extract no longer lists them)"
    )
    params = {"iin": iin, "region": region_code}
    return Rejection(PERSONS_FILE, line, "iin", reason, "foreign_person", params)


def check_removals(
    *,
    listed: int,
    gone: int,
    known: int,
    rejected_persons: int,
    region_code: str,
    allow_removals: bool,
) -> int:
    """How many persons this import may remove (0 or ``gone``); raises :class:`InputError`
    (a :class:`Refused`, nothing applied) for an empty persons.csv or a mass removal without confirmation."""
    if gone == 0:
        return 0
    if listed == 0 and rejected_persons == 0:
        msg = (
            f"the file lists no person: it would remove all {known} persons of region "
            f"{region_code}; an extract that removes voters must be complete (nothing changed)"
        )
        raise Refused("no_persons", msg, file=PERSONS_FILE, line=2, known=known, region=region_code)
    if rejected_persons:
        return 0  # withheld: a rejected row never removes anyone
    percent = int(getattr(settings, "SAYLAU_MASS_REMOVAL_PERCENT", 5))
    floor = int(getattr(settings, "SAYLAU_MASS_REMOVAL_MIN", 20))
    if not allow_removals and gone >= floor and gone * 100 > known * percent:
        msg = (
            f"the extract would remove {gone} of the {known} persons of region {region_code} "
            f"(more than {percent}%); if that is right, import it again with --allow-removals "
            f"(on the import page: confirm the removals). Nothing changed"
        )
        raise Refused(
            "mass_removal",
            msg,
            file=PERSONS_FILE,
            gone=gone,
            known=known,
            region=region_code,
            percent=percent,
        )
    return gone
