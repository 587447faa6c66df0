"""Loading the question bank (:mod:`.bank`) into the database, one row per level and item.

Idempotent by ``code`` (``<level letter>-<item code>``): a question already stored keeps its
id, so its statistics carry over from one cascade to the next. Questions of the earlier
starter bank, which are not in :mod:`.bank`, are taken out of use (never deleted: old attempts
refer to them). Each question is given to the entry or the final part of the bank by
:func:`.testforms.split_parts`.
"""

from __future__ import annotations

from django.db import transaction

from .bank import LEVELS, all_items
from .models import Choice, Question
from .testforms import split_parts


def question_code(level: str, item_code: str) -> str:
    return f"{level[0].upper()}-{item_code}"


def load_question_bank() -> int:
    """Create the missing questions; returns how many were added."""
    items = all_items()
    added = 0
    with transaction.atomic():
        wanted: set[str] = set()
        existing = set(Question.objects.values_list("code", flat=True))
        for level in LEVELS:
            mine = [i for i in items if level in i.levels]
            parts = split_parts([(i.code, i.topic, i.difficulty) for i in mine])
            for item in mine:
                code = question_code(level, item.code)
                wanted.add(code)
                if code in existing:
                    continue
                kk, ru, en = item.text
                q = Question.objects.create(
                    code=code,
                    kind=parts[item.code],
                    level=level,
                    topic=item.topic,
                    difficulty=item.difficulty,
                    article=item.article,
                    text_kk=kk,
                    text_ru=ru,
                    text_en=en,
                )
                Choice.objects.bulk_create(
                    [
                        Choice(question=q, text_kk=a, text_ru=b, text_en=c, is_correct=n == 0)
                        for n, (a, b, c) in enumerate(item.options)
                    ]
                )
                added += 1
        Question.objects.filter(active=True, level="").exclude(code__in=wanted).update(active=False)
    return added
