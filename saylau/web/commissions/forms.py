"""Forms: they parse and validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MemberRole, Nominator, TestAttempt


class DateInput(forms.DateInput):
    input_type = "date"


class AppointForm(forms.Form):
    last_name = forms.CharField(label=_("surname"), max_length=100)
    first_name = forms.CharField(label=_("first name"), max_length=100)
    patronymic = forms.CharField(label=_("patronymic"), max_length=100, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    role = forms.ChoiceField(label=_("role"), choices=MemberRole.choices)
    nominated_by = forms.ChoiceField(label=_("nominated by"), choices=Nominator.choices)
    nominator_name = forms.CharField(
        label=_("nominating organisation"), max_length=200, required=False
    )
    term_start = forms.DateField(label=_("term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("term ends"), widget=DateInput, required=False)


class DismissForm(forms.Form):
    on = forms.DateField(label=_("left on"), widget=DateInput)
    reason = forms.CharField(label=_("reason for leaving"), max_length=200)


class AnswerSheetForm(forms.Form):
    """One radio group per question, in the session's language; ``source`` says whether the
    member answered in the browser or the sheet is typed in from paper."""

    def __init__(self, *args: Any, attempt: TestAttempt, correction: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.attempt = attempt
        lang = attempt.language
        answers = attempt.answers.select_related("question").prefetch_related("question__choices")
        for answer in answers:
            q = answer.question
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=q.text(lang),
                choices=[(c.pk, c.text(lang)) for c in q.choices.all()],
                widget=forms.RadioSelect,
                coerce=int,
                required=False,
                initial=answer.choice_id,
            )
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("reason for the correction"), max_length=300
            )

    def answers(self) -> dict[int, int | None]:
        return {
            int(name[1:]): (value if value not in ("", None) else None)
            for name, value in self.cleaned_data.items()
            if name.startswith("q")
        }
