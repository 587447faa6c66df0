"""Rate limits every worker process shares: a fixed-window counter per key in the database.

``hit(key, limit=10, window=60)`` counts one request and says whether the key is over its
limit. The row is locked while it is counted (``select_for_update``; SQLite's write lock does
the same), so that concurrent requests of one client in different workers are counted one by
one and never lost. Old windows are swept now and then.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import RateCounter

#: Share of hits that also delete the counters of windows long past (keeps the table small).
SWEEP_SHARE = 0.01
#: Counters older than this are swept (longer than any window).
SWEEP_AFTER = timedelta(days=1)


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one request under ``key``; True when it is beyond ``limit`` in ``window`` seconds.

    Uses the server's real time, not the application clock: a limit protects the server, and
    the demo's frozen ``SAYLAU_AS_OF`` must not freeze it.
    """
    key = key[:200]
    now = timezone.now()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter = RateCounter.objects.select_for_update().filter(key=key).first()
                if counter is None:
                    RateCounter.objects.create(key=key, window_start=now, count=1)
                    count = 1
                else:
                    if counter.window_start <= now - timedelta(seconds=window):
                        counter.window_start, counter.count = now, 1
                    else:
                        counter.count += 1
                    counter.save(update_fields=["window_start", "count"])
                    count = counter.count
            break
        except IntegrityError:  # another worker created the row first: count on it
            continue
    else:
        return True  # a key that keeps racing is treated as over its limit
    if random.random() < SWEEP_SHARE:  # noqa: S311 - not a secret
        RateCounter.objects.filter(window_start__lt=now - SWEEP_AFTER).delete()
    return count > limit
