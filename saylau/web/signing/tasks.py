"""The daily signed head of the audit chain, kept on the task queue (no cron needed).

``saylau worker`` makes sure one run is waiting when it starts (:func:`ensure_scheduled`); each
run signs today's head if it is not signed yet and queues the next for 00:05 local time the next
day. Two workers, a restart or a run that comes late never sign one day twice.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django_tasks import task

from saylau.web.core import clock

#: The moment of the day the head is signed (local time): just after the day has ended.
SIGNING_TIME = time(0, 5)
ACTOR = "saylau worker (daily audit head)"


def next_run(after: datetime | None = None) -> datetime:
    """The next local 00:05 after ``after`` (now)."""
    moment = clock.localtime(after or clock.now())
    day = moment.date() + timedelta(days=1)
    return datetime.combine(day, SIGNING_TIME, tzinfo=clock.local_zone())


@task()
def publish_daily_audit_head() -> str:
    """Sign today's head (once per day), then queue tomorrow's run."""
    from . import services

    signature = services.publish_audit_head_once(actor=ACTOR)
    ensure_scheduled(at=next_run())
    return signature.subject


def _waiting() -> bool:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=publish_daily_audit_head.module_path, status=TaskResultStatus.READY
    ).exists()


def ensure_scheduled(*, at: datetime | None = None) -> bool:
    """Queue a run (at ``at``, or now) unless one is already waiting; ``True`` if queued.

    Only for the database queue: the immediate backend of the tests has no "later"."""
    if _waiting():
        return False
    chosen = (
        publish_daily_audit_head if at is None else publish_daily_audit_head.using(run_after=at)
    )
    chosen.enqueue()
    return True
