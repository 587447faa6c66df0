"""Forms: they parse and validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from saylau.web.elections.models import Election
from saylau.web.territory.models import District, Region

from .models import (
    Commission,
    Language,
    Level,
    MemberRole,
    Nominator,
    Question,
    SessionBudget,
    TestAttempt,
    Trainer,
    TrainingPlan,
)
from .services.budget import COST_FIELDS


class DateInput(forms.DateInput):
    """A browser date picker. Its value must be ISO (``2027-02-01``) whatever the language:
    a localized initial date ("01.02.2027") leaves a required picker empty and the browser
    refuses to submit the form (found by the browser test of editing a session)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:  # noqa: A002
        super().__init__(attrs, format=format or "%Y-%m-%d")


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


class ReplaceForm(forms.Form):
    """The successor in the same role, from the day the predecessor leaves."""

    last_name = forms.CharField(label=_("surname"), max_length=100)
    first_name = forms.CharField(label=_("first name"), max_length=100)
    patronymic = forms.CharField(label=_("patronymic"), max_length=100, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    on = forms.DateField(label=_("left on"), widget=DateInput)
    reason = forms.CharField(label=_("reason for leaving"), max_length=200)


class AnswerSheetForm(forms.Form):
    """One radio group per question, in the session's language; ``source`` says whether the
    member answered in the browser or the sheet is typed in from paper."""

    def __init__(
        self,
        *args: Any,
        questions: list[tuple[Question, int | None]],
        language: str,
        correction: bool = False,
        orders: dict[int, list[int]] | None = None,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        orders = orders or {}
        for q, chosen in questions:
            choices = {c.pk: c for c in q.choices.all()}
            order = [pk for pk in orders.get(q.pk, []) if pk in choices] or list(choices)
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=q.text(language),
                choices=[(pk, choices[pk].text(language)) for pk in order],
                widget=forms.RadioSelect,
                coerce=int,
                required=False,
                initial=chosen,
            )
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("reason for the correction"), max_length=300
            )

    @staticmethod
    def sheet_of(attempt: TestAttempt) -> list[tuple[Question, int | None]]:
        """The attempt's questions in its own order, with the choices recorded so far."""
        rows = attempt.answers.select_related("question").prefetch_related("question__choices")
        return [(a.question, a.choice_id) for a in rows.order_by("position", "question__code")]

    @staticmethod
    def orders_of(attempt: TestAttempt) -> dict[int, list[int]]:
        """The order in which this attempt shows each question's options."""
        return {
            q: list(order or [])
            for q, order in attempt.answers.values_list("question_id", "choice_order")
        }

    def answers(self) -> dict[int, int | None]:
        return {
            int(name[1:]): (value if value not in ("", None) else None)
            for name, value in self.cleaned_data.items()
            if name.startswith("q")
        }


class TrainerForm(forms.Form):
    last_name = forms.CharField(label=_("surname"), max_length=100)
    first_name = forms.CharField(label=_("first name"), max_length=100)
    patronymic = forms.CharField(label=_("patronymic"), max_length=100, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    levels = forms.MultipleChoiceField(
        label=_("levels they may train"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    certificate_number = forms.CharField(label=_("trainer certificate number"), max_length=40)
    certificate_issued = forms.DateField(label=_("certificate issued"), widget=DateInput)
    certificate_valid_until = forms.DateField(label=_("certificate valid until"), widget=DateInput)
    trained_by = forms.ModelChoiceField(
        label=_("trained by"), queryset=Trainer.objects.none(), required=False
    )

    def __init__(self, *args: Any, trainers: QuerySet[Trainer], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["trained_by"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (narrowing for mypy)
        field.queryset = trainers


class PlanForm(forms.Form):
    region = forms.ModelChoiceField(label=_("region"), queryset=Region.objects.none())
    election = forms.ModelChoiceField(label=_("election"), queryset=Election.objects.none())
    level = forms.ChoiceField(label=_("level"), choices=Level.choices)
    starts_on = forms.DateField(label=_("starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("ends"), widget=DateInput)

    def __init__(
        self, *args: Any, elections: QuerySet[Election], regions: QuerySet[Region], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        for name, qs in (("election", elections), ("region", regions)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = qs


class SessionForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("training plan"), queryset=TrainingPlan.objects.none())
    district = forms.ModelChoiceField(
        label=_("district"), queryset=District.objects.none(), required=False
    )
    date = forms.DateField(label=_("date"), widget=DateInput)
    place = forms.CharField(label=_("place"), max_length=300)
    trainer = forms.ModelChoiceField(label=_("trainer"), queryset=Trainer.objects.none())
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=500)
    language = forms.ChoiceField(label=_("language"), choices=Language.choices)
    modules = forms.CharField(label=_("modules"), widget=forms.Textarea, required=False)

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[TrainingPlan],
        districts: QuerySet[District],
        trainers: QuerySet[Trainer],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        for name, qs in (("plan", plans), ("district", districts), ("trainer", trainers)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = qs


class SessionEditForm(forms.Form):
    """A session's details that may change after it is created (not its plan or district)."""

    date = forms.DateField(label=_("date"), widget=DateInput)
    place = forms.CharField(label=_("place"), max_length=300)
    trainer = forms.ModelChoiceField(label=_("trainer"), queryset=Trainer.objects.none())
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=500)
    language = forms.ChoiceField(label=_("language"), choices=Language.choices)
    modules = forms.CharField(label=_("modules"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, trainers: QuerySet[Trainer], **kw: Any) -> None:
        kw.setdefault("auto_id", "edit_%s")
        super().__init__(*args, **kw)
        field = self.fields["trainer"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = trainers


class CancelSessionForm(forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"), max_length=300)

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("auto_id", "cancel_%s")
        super().__init__(*args, **kw)


class EnrolForm(forms.Form):
    commissions = forms.ModelMultipleChoiceField(
        label=_("enrol the sitting members of"),
        queryset=Commission.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, commissions: QuerySet[Commission], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["commissions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        field.queryset = commissions


class BudgetForm(forms.Form):
    payer = forms.ChoiceField(label=_("paid by"), choices=SessionBudget.Payer.choices)
    payer_district = forms.ModelChoiceField(
        label=_("district or city akimat"), queryset=District.objects.none(), required=False
    )

    def __init__(self, *args: Any, districts: QuerySet[District], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["payer_district"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = districts
        for name in COST_FIELDS:
            model_field = SessionBudget._meta.get_field(name)
            self.fields[name] = forms.DecimalField(
                label=str(getattr(model_field, "verbose_name", name)),
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
            )

    def costs(self) -> dict[str, Any]:
        """Blank planned costs are zero; blank actual costs are "not known yet"."""
        out: dict[str, Any] = {}
        for name in COST_FIELDS:
            value = self.cleaned_data.get(name)
            out[name] = 0 if value is None and name.startswith("planned") else value
        return out


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("reason for revoking"), max_length=300)


class SeatExistingForm(forms.Form):
    """Seat someone already in the registry, found by IIN."""

    iin = forms.RegexField(label=_("IIN"), regex=r"^\d{12}$")
    role = forms.ChoiceField(label=_("role"), choices=MemberRole.choices)
    nominated_by = forms.ChoiceField(label=_("nominated by"), choices=Nominator.choices)
    nominator_name = forms.CharField(
        label=_("nominating organisation"), max_length=200, required=False
    )
    term_start = forms.DateField(label=_("term starts"), widget=DateInput)
    leave_current_seat = forms.BooleanField(
        label=_("they leave their current seat of this level (a move)"), required=False
    )
    reason = forms.CharField(label=_("reason for leaving"), max_length=200, required=False)


class ExerciseForm(forms.Form):
    """The precinct protocol of the exercise: one whole number per line and per party."""

    def __init__(self, *args: Any, language: str, **kw: Any) -> None:
        from .exercise import LINE_LABELS, LINES, PARTIES, PARTY_NAMES, text_in

        super().__init__(*args, **kw)
        for line in LINES:
            self.fields[line] = forms.IntegerField(
                label=text_in(LINE_LABELS[line], language), min_value=0
            )
        for party in PARTIES:
            self.fields[f"votes_{party}"] = forms.IntegerField(
                label=_("votes for %(party)s") % {"party": text_in(PARTY_NAMES[party], language)},
                min_value=0,
            )
