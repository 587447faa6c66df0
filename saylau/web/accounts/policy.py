"""The access policy: who may do which writing action where, decided in one place.

Every writing service starts with ``require(actor, Action.X, place)``; views, selectors,
templates and SQL fast paths ask ``allows(actor, Action.X, place)`` with the same arguments,
so that a button is shown exactly when the service would accept the click. The rule is the
table :data:`RULES` (action -> roles) plus one territorial condition for every action: the
place acted on lies inside the actor's territory (:meth:`Scope.covers`). docs/access.md
explains the table and the law behind it.

The actor is either a :class:`~saylau.web.accounts.models.User` or the
:class:`SystemActor` (the command line, the demo loader, a background job), which the policy
always allows: it is the operator of the installation, not a person with a territory.
Anything else (the anonymous user of a request) is :data:`ANONYMOUS` and refused, as is an
inactive account. :func:`as_actor` is the one place that tells them apart.

Adding an action: one member of :class:`Action` and one row of :data:`RULES`; then call
``require`` as the first line of the service and add the route to
``tests/web/test_route_policy.py`` (its failure message says what to add).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import Level, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User
    from .scope import Scope


@dataclass(frozen=True)
class SystemActor:
    """The installation acting for itself (command line, demo, background job); ``label`` is
    what the audit log records as its actor."""

    label: str = "system"


#: The system actor most callers mean.
SYSTEM = SystemActor()

#: Who acts: a person (a user) or the system.
Actor: TypeAlias = "User | SystemActor"
#: What services accept: an :data:`Actor`, the anonymous user of a request (refused), or for
#: the system its label (``"saylau demo"``) or ``None`` - the older spellings, read by
#: :func:`as_actor` and nowhere else.
ActorLike: TypeAlias = "User | AnonymousUser | SystemActor | str | None"


class Anonymous:
    """Not signed in, not active, or not an actor at all: refused every action."""

    label = "anonymous"

    def __repr__(self) -> str:
        return "<Anonymous>"


ANONYMOUS = Anonymous()


def as_actor(value: object) -> User | SystemActor | Anonymous:
    """The one place that says who an ``actor`` argument is.

    >>> as_actor("saylau demo")
    SystemActor(label='saylau demo')
    >>> as_actor(None)
    SystemActor(label='system')
    """
    from .models import User

    if isinstance(value, User):
        return value
    if isinstance(value, SystemActor):
        return value
    if value is None:
        return SYSTEM
    if isinstance(value, str):
        return SystemActor(label=value or SYSTEM.label)
    return ANONYMOUS


def is_system(actor: object) -> bool:
    return isinstance(as_actor(actor), SystemActor)


def user_of(actor: object) -> User | None:
    """The person behind ``actor`` (``None`` for the system and the anonymous)."""
    from .models import User

    found = as_actor(actor)
    return found if isinstance(found, User) else None


def label_of(actor: object) -> str:
    """The name the audit log records for ``actor``."""
    from .models import User

    found = as_actor(actor)
    if isinstance(found, User):
        return found.get_username()
    return found.label


class Action(StrEnum):
    """Every writing operation of the application (the value is its stable name)."""

    # elections (law-notes: the commission organising an election registers its lists)
    ELECTION_CREATE = "election.create"
    PARTY_LIST_REGISTER = "election.party_list.register"
    CANDIDATE_REGISTER = "election.candidate.register"
    BALLOT_DRAW = "election.ballot_draw"
    DISTRICT_SETUP = "election.single_member_district.setup"
    # results
    PROTOCOL_SUBMIT = "results.protocol.submit"
    PROTOCOL_ENTER_QR = "results.protocol.enter_qr"
    PROTOCOL_CORRECT = "results.protocol.correct"
    PROTOCOL_DECIDE = "results.protocol.decide"
    DEVICE_TOKEN = "results.device_token"  # noqa: S105 - an action name, not a secret
    TURNOUT_REPORT = "results.turnout.report"
    MANDATES_DISTRIBUTE = "results.distribute"
    DECISION_RECORD = "results.decision.record"
    RESULTS_SIGN_OFF = "results.sign_off"
    RESULTS_PUBLISH_PRELIMINARY = "results.publish_preliminary"
    RESULTS_PUBLISH = "results.publish"
    # register and voter lists
    REGISTER_IMPORT = "register.import"
    REGISTRY_EVENTS_APPLY = "register.events.apply"
    VOTER_LISTS_COMPILE = "register.lists.compile"
    VOTER_LIST_ENTRY = "register.lists.entry"
    VOTER_LIST_CORRECTION = "register.lists.correction"
    ABSENTEE_ISSUE = "register.absentee.issue"
    OUTSIDE_VOTING = "register.outside_voting"
    ACCESSIBILITY_EDIT = "territory.precinct.accessibility"
    # list audit
    LIST_AUDIT_RUN = "listaudit.run"
    FINDING_RESOLVE = "listaudit.finding.resolve"
    # commissions and training
    COMMISSION_MEMBERS = "commissions.members"
    TRAINER_MANAGE = "commissions.trainers"
    TRAINING_PLAN = "commissions.training_plan"
    TRAINING_SESSION = "commissions.training_session"
    TRAINING_RECORD = "commissions.training_record"
    TRAINING_BUDGET = "commissions.training_budget"


_ELECTION_ORGANISERS = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL})
_COMMISSIONS = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.PRECINCT})
_HIGHER_COMMISSIONS = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL})
_LIST_KEEPERS = frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT, Role.PRECINCT})

#: Which roles may do which action (inside their territory). The observer appears nowhere:
#: it only reads. The trainer appears only where training is recorded (and there only for its
#: own sessions, which the commissions app checks on top). The akimat keeps the register and
#: the lists but never touches an election, a protocol or a result.
RULES: dict[Action, frozenset[Role]] = {
    Action.ELECTION_CREATE: frozenset({Role.CEC, Role.REGIONAL}),
    Action.PARTY_LIST_REGISTER: _ELECTION_ORGANISERS,
    Action.CANDIDATE_REGISTER: _ELECTION_ORGANISERS,
    Action.BALLOT_DRAW: _ELECTION_ORGANISERS,
    Action.DISTRICT_SETUP: _ELECTION_ORGANISERS,
    Action.PROTOCOL_SUBMIT: _COMMISSIONS,
    Action.PROTOCOL_ENTER_QR: _HIGHER_COMMISSIONS,
    Action.PROTOCOL_CORRECT: _COMMISSIONS,
    Action.PROTOCOL_DECIDE: _HIGHER_COMMISSIONS,
    Action.DEVICE_TOKEN: _COMMISSIONS,
    Action.TURNOUT_REPORT: _COMMISSIONS,  # the precinct commission reports its own turnout
    Action.MANDATES_DISTRIBUTE: _HIGHER_COMMISSIONS,
    Action.DECISION_RECORD: _HIGHER_COMMISSIONS,
    Action.RESULTS_SIGN_OFF: _HIGHER_COMMISSIONS,
    Action.RESULTS_PUBLISH_PRELIMINARY: _HIGHER_COMMISSIONS,
    Action.RESULTS_PUBLISH: _HIGHER_COMMISSIONS,
    Action.REGISTER_IMPORT: frozenset({Role.CEC, Role.REGIONAL}),
    Action.REGISTRY_EVENTS_APPLY: frozenset({Role.CEC, Role.REGIONAL, Role.AKIMAT}),
    Action.VOTER_LISTS_COMPILE: frozenset({Role.CEC, Role.REGIONAL, Role.AKIMAT}),
    Action.VOTER_LIST_ENTRY: _LIST_KEEPERS,
    # The precinct commission that shows the list for review (and the akimat that keeps it).
    Action.VOTER_LIST_CORRECTION: _LIST_KEEPERS,
    Action.ABSENTEE_ISSUE: _COMMISSIONS,  # issued by the precinct commission (law-notes §3)
    Action.OUTSIDE_VOTING: _LIST_KEEPERS,
    # Those who know the building: the akimat and the territorial commission (and above).
    Action.ACCESSIBILITY_EDIT: frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT}),
    Action.LIST_AUDIT_RUN: frozenset({Role.CEC, Role.REGIONAL}),
    Action.FINDING_RESOLVE: frozenset({Role.CEC, Role.REGIONAL, Role.TERRITORIAL, Role.AKIMAT}),
    Action.COMMISSION_MEMBERS: _HIGHER_COMMISSIONS,
    Action.TRAINER_MANAGE: frozenset({Role.CEC, Role.REGIONAL}),
    Action.TRAINING_PLAN: frozenset({Role.CEC, Role.REGIONAL}),
    Action.TRAINING_SESSION: _HIGHER_COMMISSIONS,
    Action.TRAINING_RECORD: _HIGHER_COMMISSIONS | {Role.TRAINER},
    Action.TRAINING_BUDGET: _HIGHER_COMMISSIONS | {Role.AKIMAT},
}


@dataclass(frozen=True)
class Place:
    """Where an action takes effect: the whole country, a region, a district or a precinct
    (pass every level the object knows; a district's place carries its region too)."""

    region_id: int | None = None
    district_id: int | None = None
    precinct_id: int | None = None

    @property
    def level(self) -> Level:
        if self.precinct_id is not None:
            return Level.PRECINCT
        if self.district_id is not None:
            return Level.DISTRICT
        if self.region_id is not None:
            return Level.REGION
        return Level.COUNTRY

    @classmethod
    def of(cls, obj: Any) -> Place:
        """The place of a region, district, precinct, or of any object with ``region_id`` /
        ``district_id`` / ``precinct_id`` (an election, a commission, a finding...)."""
        if isinstance(obj, Place):
            return obj
        name = getattr(getattr(obj, "_meta", None), "label_lower", "")
        if name == "territory.region":
            return cls(region_id=obj.pk)
        if name == "territory.district":
            return cls(region_id=obj.region_id, district_id=obj.pk)
        if name == "territory.precinct":
            return cls(region_id=obj.region_id, district_id=obj.district_id, precinct_id=obj.pk)
        return cls(
            region_id=getattr(obj, "region_id", None),
            district_id=getattr(obj, "district_id", None),
            precinct_id=getattr(obj, "precinct_id", None),
        )


#: The whole country (a national election; an import of every region).
COUNTRY = Place()


#: What each refusal says to a person (the API's ``message``).
TITLES = {
    "policy.anonymous": _("Sign in first."),
    "policy.role": _("Your role does not allow this."),
    "policy.place": _("This is outside your territory."),
    "policy.owner": _("This is another trainer's session."),
}


class PolicyDenied(PermissionDenied):
    """The policy refuses ``action`` to ``actor`` at ``place`` (HTTP 403 on pages and in the
    API). ``code`` is stable: ``policy.anonymous``, ``policy.role``, ``policy.place`` or
    ``policy.owner``; ``title`` says it to a person in their language, ``message`` to a
    developer."""

    def __init__(self, code: str, message: str, *, action: Action, place: Place | None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.title = TITLES[code]
        self.action = action
        self.place = place


def _scope(user: User) -> Scope:
    from .scope import scope_for

    return scope_for(user)


def check(actor: object, action: Action, place: Any = None) -> PolicyDenied | None:
    """The refusal for ``actor`` doing ``action`` at ``place`` (``None`` when allowed).

    ``place`` is a :class:`Place`, a territorial object or anything :meth:`Place.of` reads;
    ``None`` asks about the role only (e.g. whether to show a menu entry at all).
    """
    found = as_actor(actor)
    if isinstance(found, SystemActor):
        return None
    where = None if place is None else Place.of(place)
    if isinstance(found, Anonymous) or not found.is_active:
        return PolicyDenied("policy.anonymous", "sign in first", action=action, place=where)
    if found.role not in RULES[action]:
        msg = f"the role {found.role} may not do {action.value}"
        return PolicyDenied("policy.role", msg, action=action, place=where)
    scope = _scope(found)
    if scope.level is Level.NONE:
        msg = "this account has no territory"
        return PolicyDenied("policy.place", msg, action=action, place=where)
    if where is not None and not scope.covers(
        region_id=where.region_id, district_id=where.district_id, precinct_id=where.precinct_id
    ):
        msg = f"{action.value} is outside your territory"
        return PolicyDenied("policy.place", msg, action=action, place=where)
    return None


def allows(actor: object, action: Action, place: Any = None) -> bool:
    """Whether ``actor`` may do ``action`` at ``place`` (for views, templates, selectors)."""
    return check(actor, action, place) is None


def require(actor: object, action: Action, place: Any = None) -> None:
    """Raise :class:`PolicyDenied` unless ``actor`` may do ``action`` at ``place`` (the first
    line of every writing service)."""
    denied = check(actor, action, place)
    if denied is not None:
        raise denied


def roles_allowed(action: Action) -> frozenset[Role]:
    """The roles that may do ``action`` somewhere (for SQL fast paths and documentation)."""
    return RULES[action]
