"""The question bank in the Django admin, for the CEC's administrators.

The bank is reference data kept by the CEC; every save is written to the audit log. Scores
already given are stored on the attempts, so editing a question later does not change them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from saylau.web.accounts.models import Role
from saylau.web.audit.actions import Action
from saylau.web.audit.services import record_event

from .models import Choice, Question


class ChoiceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Choice
    extra = 3


def _snapshot(question: Question) -> dict[str, Any]:
    return {
        "code": question.code,
        "kind": question.kind,
        "level": question.level,
        "topic": question.topic,
        "difficulty": question.difficulty,
        "article": question.article,
        "text_kk": question.text_kk,
        "text_ru": question.text_ru,
        "active": question.active,
        "choices": [
            {"id": c.pk, "kk": c.text_kk, "ru": c.text_ru, "correct": c.is_correct}
            for c in question.choices.order_by("pk")
        ],
    }


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "level", "kind", "topic", "difficulty", "article", "active", "text_ru")
    list_filter = ("level", "kind", "topic", "difficulty", "active")
    search_fields = ("code", "text_ru", "text_kk")
    inlines = (ChoiceInline,)

    def _cec(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_active and (user.is_superuser or user.role == Role.CEC))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._cec(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._cec(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._cec(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._cec(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # retire a question with "in use" off: past answers refer to it

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return super().changeform_view(request, *args, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Question, form: ModelForm[Any], change: bool
    ) -> None:
        old = _snapshot(Question.objects.get(pk=obj.pk)) if change and obj.pk else None
        request._question_old = old  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        question = form.instance
        record_event(
            actor=request.user,
            action=Action.COMMISSIONS_QUESTION_SAVE,
            target=question,
            old=getattr(request, "_question_old", None),
            new=_snapshot(question),
        )
