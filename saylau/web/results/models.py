"""Precinct protocols with every version, and the mandate distribution of an election."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Race


class Protocol(models.Model):
    """One version of one precinct protocol of the count (format ``saylau-protocol/1``).

    Version 1 is submitted by the precinct and counts at once (``is_current``). A correction
    is a new version with a reason; it counts only once the territorial commission accepts
    it, and the version it replaces is kept as ``superseded``. Nothing is ever deleted.
    """

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PENDING = "pending", _("correction awaiting acceptance")
        SUPERSEDED = "superseded", _("superseded by a correction")
        REJECTED = "rejected", _("correction rejected")
        CANCELLED = "cancelled", _("cancelled by a recorded decision (recount)")

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="protocols"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, related_name="protocols"
    )
    race = models.CharField(_("race"), max_length=16, default=Race.PARTY_LIST)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    is_current = models.BooleanField(default=False)
    data = models.JSONField(_("protocol"))
    #: ``{code: votes}`` of ``data["votes"]``: lets the database sum the votes per list.
    votes_by_code = models.JSONField(default=dict)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    voters = models.PositiveIntegerField(default=0)
    ballots_issued = models.PositiveIntegerField(default=0)
    valid = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    reason = models.TextField(_("reason for the correction"), blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "precinct", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "precinct", "race", "version"], name="protocol_version_unique"
            ),
            models.UniqueConstraint(
                fields=["election", "precinct", "race"],
                condition=models.Q(is_current=True),
                name="one_current_protocol",
            ),
        ]
        indexes = [models.Index(fields=["election", "is_current"])]
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")

    def __str__(self) -> str:
        return f"{self.election_id}/{self.precinct_id} v{self.version}"


class Distribution(models.Model):
    """The tabulated result of an election and its mandate distribution (one per election).

    Re-running the distribution before sign-off replaces it whole in one transaction;
    after sign-off it is frozen, and only a signed-off result can be published.
    """

    election = models.OneToOneField(
        "elections.Election", on_delete=models.PROTECT, related_name="distribution"
    )
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule_set = models.CharField(max_length=64)
    protocols = models.PositiveIntegerField(default=0)
    inputs_sha256 = models.CharField(max_length=64)
    tally = models.JSONField(default=dict)
    allocation = models.JSONField(default=dict)
    trace = models.JSONField(default=dict)
    signed_off_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    #: Phases after the official publication and before it (``saylau.law.phases``).
    preliminary_published_at = models.DateTimeField(null=True, blank=True)
    mandates_registered_at = models.DateTimeField(null=True, blank=True)
    #: Precincts reopened by a recorded decision after a sign-off (ids): only they may change
    #: until the results are signed again (``four_eyes``, ``cancel_protocol``).
    reopened_precincts = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"distribution of {self.election_id}"


class Mandate(models.Model):
    """A mandate given to a candidate of a party list."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="mandates"
    )
    party_list = models.ForeignKey(
        "elections.PartyList", on_delete=models.PROTECT, related_name="+"
    )
    candidate = models.ForeignKey("elections.Candidate", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=64)

    class Meta:
        ordering = ["distribution", "party_list", "candidate__position"]
        constraints = [
            models.UniqueConstraint(fields=["distribution", "candidate"], name="one_mandate_each"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} ({self.party_list_id})"


class DistrictResult(models.Model):
    """The result of one single-member district in a distribution: its totals and, when the
    count decides (``saylau.law.single_member.plurality``), the candidate who takes the seat.

    ``undecided`` keeps why there is no winner (``tie``, ``against_all_leads``, ``no_votes``):
    the law layer does not break those, and the results cannot be signed off while any is open.
    """

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="district_results"
    )
    district = models.ForeignKey(
        "elections.SingleMemberDistrict", on_delete=models.PROTECT, related_name="+"
    )
    protocols = models.PositiveIntegerField(default=0)
    totals = models.JSONField(default=dict)
    winner = models.ForeignKey(
        "elections.SingleMemberCandidate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    undecided = models.CharField(max_length=32, blank=True)
    leaders = models.JSONField(default=list)

    class Meta:
        ordering = ["distribution", "district__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "district"], name="one_result_per_district"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.distribution_id}/{self.district_id}"


class MandateDecision(models.Model):
    """A recorded change to who of a party list takes its mandates (law-notes 1.3).

    ``declined``: the candidate declines the mandate; ``excluded``: the party excludes the
    candidate from its list; ``party_order``: a party body's decision on the order in which its
    candidates take the mandates (``order`` = candidate ids). The party's number of seats never
    changes; the mandates of the list are re-assigned by ``saylau.law.mandates``.
    """

    class Kind(models.TextChoices):
        DECLINED = "declined", _("the candidate declines the mandate")
        EXCLUDED = "excluded", _("the party excludes the candidate from its list")
        PARTY_ORDER = "party_order", _("the party decides the order of its candidates")

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="mandate_decisions"
    )
    party_list = models.ForeignKey(
        "elections.PartyList", on_delete=models.PROTECT, related_name="mandate_decisions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    candidate = models.ForeignKey(
        "elections.Candidate", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.JSONField(_("order of candidate ids"), default=list, blank=True)
    body = models.CharField(_("deciding body"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["election", "recorded_at", "id"]
        verbose_name = _("mandate decision")
        verbose_name_plural = _("mandate decisions")

    def __str__(self) -> str:
        return f"{self.kind} {self.party_list_id} {self.decided_on}"


class DeviceToken(models.Model):
    """A precinct device's key to the protocol API on election night (``Authorization: Bearer``).

    As safe as the session it is issued from, and cheaper to check (one query instead of the
    session, the user and the second-factor device): issued only to a signed-in user who has
    passed the second factor; only its SHA-256 is stored (the token is shown once); it carries
    the user's session hash, so a password change ends it as it ends sessions; it expires
    after the session age and can be revoked. Scope comes from the user at each request.
    """

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    auth_hash = models.CharField(max_length=128)
    label = models.CharField(_("device"), max_length=100, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("device token")
        verbose_name_plural = _("device tokens")

    def __str__(self) -> str:
        return f"{self.user_id} {self.label}"


class ActionRequest(models.Model):
    """Four eyes on what cannot be undone: one official asks, a second confirms.

    ``action`` is one of :attr:`Action`; ``subject`` names what it acts on beyond the
    election (``precinct:<id>`` for the cancellation of a precinct's protocol, else empty). At
    most one request per election, action and subject is pending. The request keeps who asked
    and who confirmed (or refused); both are in the audit log.
    """

    class Action(models.TextChoices):
        DISTRIBUTE = "distribute", _("distribute the mandates")
        SIGN_OFF = "sign_off", _("sign the results")
        PUBLISH_PRELIMINARY = "publish_preliminary", _("publish the preliminary results")
        PUBLISH = "publish", _("publish the official results")
        CANCEL_PROTOCOL = "cancel_protocol", _("cancel a precinct protocol (recount)")
        REGISTER_MANDATES = "register_mandates", _("register the mandates")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="action_requests"
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    subject = models.CharField(max_length=64, blank=True)
    protocol = models.ForeignKey(
        Protocol, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason and decision"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "action", "subject"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_action",
            ),
        ]
        verbose_name = _("request for confirmation")
        verbose_name_plural = _("requests for confirmation")

    def __str__(self) -> str:
        # The audit log and the pages name the request by what it asks, in the reader's words.
        return f"{self.get_action_display()}: {self.election} ({self.get_status_display()})"
class TurnoutReport(models.Model):
    """How many voters had voted at a fixed hour of voting day, as the precinct commission
    reports it (10:00, 12:00, 14:00, 16:00, 18:00, 20:00), with the voters on its list then."""

    HOURS = (10, 12, 14, 16, 18, 20)

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="turnout_reports"
    )
    precinct = models.ForeignKey(
        "territory.Precinct", on_delete=models.PROTECT, related_name="turnout_reports"
    )
    hour = models.PositiveSmallIntegerField(_("hour"))
    voters = models.PositiveIntegerField(_("voters on the list"))
    voted = models.PositiveIntegerField(_("voters who have voted"))
    entered_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["election", "precinct", "hour"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "precinct", "hour"], name="one_turnout_report_per_hour"
            ),
        ]
        verbose_name = _("turnout report")
        verbose_name_plural = _("turnout reports")

    def __str__(self) -> str:
        return f"{self.election_id}/{self.precinct_id} {self.hour}:00"
