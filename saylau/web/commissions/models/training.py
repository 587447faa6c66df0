"""The cascade: trainers, training plans and sessions, enrolment, tests and certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .registry import Level, Member, Person


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")


class Trainer(models.Model):
    """A member of the trainer corps and saylau's own trainer certificate.

    The certificate (number, issued, valid until, levels) is saylau's configurable scheme:
    that trainers are "certified" is UNCONFIRMED by the law notes (section 8), which speak of
    a trainer corps. ``rules.TrainingRules.trainer_certification_required`` switches the check.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="trainer_roles")
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainer",
    )
    region = models.ForeignKey(
        "territory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainers",
        help_text=_("empty for a trainer of the CEC"),
    )
    trains_regional = models.BooleanField(_("may train regional commissions"), default=False)
    trains_territorial = models.BooleanField(_("may train territorial commissions"), default=False)
    trains_precinct = models.BooleanField(_("may train precinct commissions"), default=False)
    certificate_number = models.CharField(
        _("trainer certificate number"), max_length=40, unique=True
    )
    certificate_issued = models.DateField(_("certificate issued"))
    certificate_valid_until = models.DateField(_("certificate valid until"))
    trained_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainees",
        verbose_name=_("trained by"),
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(certificate_valid_until__gte=models.F("certificate_issued")),
                name="trainer_certificate_valid_after_issue",
            )
        ]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def levels(self) -> list[str]:
        return [
            level
            for level, allowed in (
                (Level.REGIONAL, self.trains_regional),
                (Level.TERRITORIAL, self.trains_territorial),
                (Level.PRECINCT, self.trains_precinct),
            )
            if allowed
        ]

    def may_train(self, level: str) -> bool:
        return level in self.levels

    def certificate_valid_on(self, day: dt.date) -> bool:
        return self.certificate_issued <= day <= self.certificate_valid_until


class TrainingPlan(models.Model):
    """The training of one level of commissions of one region for one election."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("completed")

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="training_plans"
    )
    region = models.ForeignKey(
        "territory.Region", on_delete=models.PROTECT, related_name="training_plans"
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["election", "region", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "region", "level"], name="one_plan_per_election_region_level"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_ends_after_start"
            ),
        ]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")

    def __str__(self) -> str:
        return f"{self.election} · {self.get_level_display()}"


class TrainingSession(models.Model):
    """One seminar of a plan: where, when, who trains, in which language, for how many."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(TrainingPlan, on_delete=models.PROTECT, related_name="sessions")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    region = models.ForeignKey("territory.Region", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
        help_text=_("the district whose commissions are trained; empty at the regional level"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    trainer = models.ForeignKey(Trainer, on_delete=models.PROTECT, related_name="sessions")
    modules = models.TextField(_("modules"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["trainer", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled")
                | (~Q(cancel_reason="") & Q(cancelled_at__isnull=False)),
                name="cancelled_session_has_reason_and_time",
            )
        ]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} · {self.place}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Enrolment(models.Model):
    """A member's place in a session and whether they came."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="enrolments"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="enrolments")
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["session", "member__person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="enrol_member_once")
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"enrolment {self.pk} (session {self.session_id}, member {self.member_id})"


class TestKind(models.TextChoices):
    ENTRY = "entry", _("entry test")
    FINAL = "final", _("final test")


class Question(models.Model):
    """A question of the bank, in Kazakh and Russian. ``kind`` empty: used in both tests."""

    code = models.CharField(_("code"), max_length=48, unique=True)
    #: the part of the bank this question belongs to: the entry and the final test draw from
    #: disjoint parts (empty: an old question used in both)
    kind = models.CharField(_("test"), max_length=8, choices=TestKind.choices, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    topic = models.CharField(_("topic"), max_length=32, blank=True)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), default=2)
    article = models.CharField(_("article"), max_length=200, blank=True)
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.code

    def text(self, language: str | None = None) -> str:
        return _in(self, language)


def _in(obj: Any, language: str | None) -> str:
    lang = (language or get_language() or "ru")[:2]
    english = str(obj.text_en or "")
    if lang == "en" and english:
        return english
    return str(obj.text_kk if lang == "kk" else obj.text_ru)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text_kk = models.CharField(_("text (Kazakh)"), max_length=500)
    text_ru = models.CharField(_("text (Russian)"), max_length=500)
    text_en = models.CharField(_("text (English)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "id"]

    def __str__(self) -> str:
        return self.text_ru

    def text(self, language: str | None = None) -> str:
        return _in(self, language)


class TestAttempt(models.Model):
    """A member's entry or final test. Once scored, its answers change only through the
    audited correction service (``services.testing.correct_answers``)."""

    __test__ = False  # not a pytest test class, despite the name

    class Source(models.TextChoices):
        BROWSER = "browser", _("taken in the browser")
        PAPER = "paper", _("entered from paper")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attempts")
    kind = models.CharField(_("test"), max_length=8, choices=TestKind.choices)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    score = models.PositiveIntegerField(_("score"), null=True, blank=True)
    max_score = models.PositiveIntegerField(_("maximum score"))
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark, %"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    #: a test taken in the browser must be submitted by then (empty: paper, or no limit)
    expires_at = models.DateTimeField(_("time is up at"), null=True, blank=True)
    # Repeats enrolment's member and trainer so coverage and trainer statistics aggregate
    # without joins through four tables.
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attempts")
    # The person: training follows the person from one seat to the next.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attempts")
    trainer = models.ForeignKey(Trainer, on_delete=models.PROTECT, related_name="attempts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="one_attempt_per_test")
        ]
        indexes = [
            models.Index(fields=["person", "kind", "passed"], name="commissions_attempt_person"),
            models.Index(fields=["trainer", "kind"]),
        ]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")

    def __str__(self) -> str:
        return f"{self.kind} test of enrolment {self.enrolment_id}"

    @property
    def is_scored(self) -> bool:
        return self.scored_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(TestAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: where the question stands in this attempt's form (1, 2, ...)
    position = models.PositiveSmallIntegerField(default=0)
    #: the choice ids in the order this attempt shows them (its own shuffle)
    choice_order = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["attempt", "position", "question__code"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_question_once")
        ]

    def __str__(self) -> str:
        return f"answer to {self.question_id} in attempt {self.attempt_id}"


class Certificate(models.Model):
    """A member's training certificate, verifiable on a public page by ``verification_code``."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="certificates")
    # Whose training it certifies: it stays valid when the person moves to another seat.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="certificates")
    issued_on = models.DateField(_("issued"))
    valid_until = models.DateField(_("valid until"))
    verification_code = models.CharField(max_length=32, unique=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        indexes = [models.Index(fields=["person", "valid_until"], name="commissions_cert_person")]
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")

    def __str__(self) -> str:
        return self.number

    def valid_on(self, day: dt.date) -> bool:
        return not self.revoked and self.issued_on <= day <= self.valid_until
