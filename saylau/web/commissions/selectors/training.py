"""Where each member of a commission stands in training, for the commission's own page: the
page is how a commission learns that a session its members were enrolled in was cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Certificate, Enrolment, Member, TestAttempt, TestKind, TrainingSession


@dataclass(frozen=True)
class TrainingStatus:
    code: str  # trained | enrolled | failed | cancelled | untrained (| expiring, see views)
    label: str
    session: TrainingSession | None = None
    certificate: Certificate | None = None


LABELS = {
    "trained": _("trained"),
    "enrolled": _("enrolled in a session"),
    "failed": _("failed the final test"),
    "cancelled": _("the session was cancelled: enrol in another one"),
    "untrained": _("not trained"),
    "expiring": _("the certificate lapses before election day"),
}


def training_status(members: Iterable[Member], today: dt.date) -> dict[int, TrainingStatus]:
    """Each member's standing, in this order: a certificate valid today (held by the person,
    from whichever seat); enrolment in a session still to come; a failed final test; an
    enrolment only in cancelled sessions; otherwise not trained. Three queries."""
    members = list(members)
    people = {m.person_id for m in members}
    certs: dict[int, Certificate] = {}
    for c in Certificate.objects.filter(
        person_id__in=people, revoked=False, issued_on__lte=today, valid_until__gte=today
    ).order_by("valid_until"):
        certs[c.person_id] = c
    upcoming: dict[int, TrainingSession] = {}
    cancelled: dict[int, TrainingSession] = {}
    for e in (
        Enrolment.objects.filter(member__person_id__in=people)
        .select_related("session", "member")
        .order_by("session__date")
    ):
        s = e.session
        if s.is_cancelled:
            cancelled[e.member.person_id] = s
        elif (s.date >= today and s.status == TrainingSession.Status.PLANNED) or (
            s.status == TrainingSession.Status.HELD and e.attended is not False
        ):
            # Re-enrolled in another session (to come, or held and attended, awaiting the
            # final test): the cancelled one is history, not the member's state.
            upcoming[e.member.person_id] = s
    failed = set(
        TestAttempt.objects.filter(
            person_id__in=people, kind=TestKind.FINAL, passed=False
        ).values_list("person_id", flat=True)
    )
    out = {}
    for m in members:
        p = m.person_id
        if p in certs:
            status = TrainingStatus("trained", str(LABELS["trained"]), certificate=certs[p])
        elif p in upcoming:
            status = TrainingStatus("enrolled", str(LABELS["enrolled"]), session=upcoming[p])
        elif p in failed:
            status = TrainingStatus("failed", str(LABELS["failed"]))
        elif p in cancelled:
            status = TrainingStatus("cancelled", str(LABELS["cancelled"]), session=cancelled[p])
        else:
            status = TrainingStatus("untrained", str(LABELS["untrained"]))
        out[m.pk] = status
    return out


def stranded_by_cancellation(members: QuerySet[Member], today: dt.date) -> QuerySet[Member]:
    """Sitting members who were enrolled in a cancelled session and have neither valid
    training nor a place in another session that is still to come."""
    person = OuterRef("person_id")
    return members.filter(
        Exists(Enrolment.objects.filter(member__person=person, session__status="cancelled")),
        ~Exists(
            Enrolment.objects.filter(
                member__person=person, session__status="planned", session__date__gte=today
            )
        ),
        ~Exists(
            Enrolment.objects.filter(member__person=person, session__status="held").exclude(
                attended=False
            )
        ),
        ~Exists(
            Certificate.objects.filter(
                person=person, revoked=False, issued_on__lte=today, valid_until__gte=today
            )
        ),
    )
