"""Every audit action in one registry: its stable code (stored in each event and hashed into
the chain, so a code never changes) and a label for people in each interface language.

Add an action: a member here with its code, and its label in :data:`LABELS`; then its Kazakh
and Russian words in this app's ``locale/<lang>/LC_MESSAGES/django.po`` (compile the .mo).
Services pass the member (``record_event(action=Action.REGISTER_IMPORT, ...)``); a test holds
every action the code records to this registry, and every label translated.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Action(StrEnum):
    """The audit actions, by app."""

    ACCOUNTS_USER_CREATE = "accounts.user.create"
    ACCOUNTS_USER_CHANGE = "accounts.user.change"
    ACCOUNTS_USER_ROLE_CHANGE = "accounts.user.role_change"
    ACCOUNTS_OTP_ENROL = "accounts.otp.enrol"
    ACCOUNTS_LOGIN_FAILED = "accounts.login.failed"
    COMMISSIONS_BUDGET_SET = "commissions.budget.set"
    COMMISSIONS_CERTIFICATE_ISSUE = "commissions.certificate.issue"
    COMMISSIONS_CERTIFICATE_REVOKE = "commissions.certificate.revoke"
    COMMISSIONS_MEMBER_APPOINT = "commissions.member.appoint"
    COMMISSIONS_MEMBER_DISMISS = "commissions.member.dismiss"
    COMMISSIONS_MEMBER_REPLACE = "commissions.member.replace"
    COMMISSIONS_PERSON_CREATE = "commissions.person.create"
    COMMISSIONS_PLAN_CREATE = "commissions.plan.create"
    COMMISSIONS_QUESTION_SAVE = "commissions.question.save"
    COMMISSIONS_SESSION_ATTENDANCE = "commissions.session.attendance"
    COMMISSIONS_SESSION_CANCEL = "commissions.session.cancel"
    COMMISSIONS_SESSION_CREATE = "commissions.session.create"
    COMMISSIONS_SESSION_ENROL = "commissions.session.enrol"
    COMMISSIONS_SESSION_TRAINER = "commissions.session.trainer"
    COMMISSIONS_SESSION_UPDATE = "commissions.session.update"
    COMMISSIONS_TEST_CORRECT = "commissions.test.correct"
    COMMISSIONS_TEST_SCORE = "commissions.test.score"
    COMMISSIONS_TEST_START = "commissions.test.start"
    COMMISSIONS_TRAINER_CREATE = "commissions.trainer.create"
    ELECTIONS_BALLOT_DRAW = "elections.ballot.draw"
    ELECTIONS_CANDIDATE_ADD = "elections.candidate.add"
    ELECTIONS_ELECTION_CREATE = "elections.election.create"
    ELECTIONS_LIST_REGISTER = "elections.list.register"
    ELECTIONS_SMD_ADD = "elections.smd.add"
    ELECTIONS_SMD_CANDIDATE = "elections.smd.candidate"
    LISTAUDIT_RUN_START = "listaudit.run.start"
    LISTAUDIT_RUN_DONE = "listaudit.run.done"
    LISTAUDIT_FINDING_FIXED = "listaudit.finding.fixed"
    LISTAUDIT_FINDING_CONFIRMED = "listaudit.finding.confirmed"
    LISTAUDIT_FINDING_DISMISSED = "listaudit.finding.dismissed"
    REGISTER_ABSENTEE_ISSUE = "register.absentee.issue"
    REGISTER_IMPORT = "register.import"
    REGISTER_LISTS_ADDITIONAL = "register.lists.additional"
    REGISTER_LISTS_COMPILE = "register.lists.compile"
    REGISTER_LIST_CORRECTION_REQUEST = "register.list_correction.request"
    REGISTER_LIST_CORRECTION_DECIDE = "register.list_correction.decide"
    REGISTER_OUTSIDE_VOTING_APPLY = "register.outside_voting.apply"
    REGISTER_OUTSIDE_VOTING_STATUS = "register.outside_voting.status"
    REGISTER_SPECIAL_STAY = "register.special_stay"
    REGISTER_EVENT_DEATH = "register.event.death"
    REGISTER_EVENT_RESIDENCE_CHANGE = "register.event.residence_change"
    REGISTER_EVENT_NAME_CHANGE = "register.event.name_change"
    REGISTER_EVENT_CITIZENSHIP_ACQUIRED = "register.event.citizenship_acquired"
    REGISTER_EVENT_CITIZENSHIP_LOST = "register.event.citizenship_lost"
    REGISTER_EVENT_INCAPACITY_DECLARED = "register.event.incapacity_declared"
    REGISTER_EVENT_INCAPACITY_LIFTED = "register.event.incapacity_lifted"
    REGISTER_EVENT_IMPRISONED = "register.event.imprisoned"
    REGISTER_EVENT_RELEASED = "register.event.released"
    RESULTS_DEVICE_TOKEN_ISSUE = "results.device_token.issue"  # noqa: S105 - not a secret
    RESULTS_DEVICE_TOKEN_REVOKE = "results.device_token.revoke"  # noqa: S105 - not a secret
    RESULTS_MANDATES_DISTRIBUTE = "results.mandates.distribute"
    RESULTS_MANDATES_DECLINED = "results.mandates.declined"
    RESULTS_MANDATES_EXCLUDED = "results.mandates.excluded"
    RESULTS_MANDATES_PARTY_ORDER = "results.mandates.party_order"
    RESULTS_PROTOCOL_ACCEPT = "results.protocol.accept"
    RESULTS_PROTOCOL_CORRECT = "results.protocol.correct"
    RESULTS_PROTOCOL_REJECT = "results.protocol.reject"
    RESULTS_PROTOCOL_SUBMIT = "results.protocol.submit"
    RESULTS_PUBLISH = "results.publish"
    RESULTS_PUBLISH_PRELIMINARY = "results.publish_preliminary"
    RESULTS_SIGN_OFF = "results.sign_off"

    COMMISSIONS_EXERCISE_SUBMIT = "commissions.exercise.submit"
    REGISTER_ABSENTEE_CANCEL = "register.absentee.cancel"
    RESULTS_FOUR_EYES_REQUEST = "results.four_eyes.request"
    RESULTS_FOUR_EYES_CONFIRM = "results.four_eyes.confirm"
    RESULTS_FOUR_EYES_REFUSED = "results.four_eyes.refused"
    RESULTS_FOUR_EYES_WITHDRAWN = "results.four_eyes.withdrawn"
    RESULTS_MANDATES_REGISTER = "results.mandates.register"
    RESULTS_PROTOCOL_CANCEL = "results.protocol.cancel"
    RESULTS_TURNOUT_REPORT = "results.turnout.report"
    SIGNING_AUDIT_HEAD = "signing.audit_head"
    SIGNING_KEY_GENERATE = "signing.key.generate"
    SIGNING_KEY_ROTATED = "signing.key.rotated"
    SIGNING_KEY_LOST = "signing.key.lost"
    TERRITORY_PRECINCT_ACCESSIBILITY = "territory.precinct.accessibility"

    @property
    def label(self) -> str:
        """The label in the active language."""
        return str(LABELS[self])

    @classmethod
    def of_registry_event(cls, kind: str) -> Action:
        """The action of applying a registry event of ``kind`` (RegistryEvent.Kind)."""
        return cls(f"register.event.{kind}")

    @classmethod
    def of_mandate_decision(cls, kind: str) -> Action:
        """The action of a mandate decision of ``kind`` (MandateDecision.Kind)."""
        return cls(f"results.mandates.{kind}")

    @classmethod
    def of_finding_resolution(cls, status: str) -> Action:
        """The action of resolving a list-audit finding as ``status`` (Resolution.Status)."""
        return cls(f"listaudit.finding.{status}")


#: What people read for each action (English here; Kazakh and Russian in the .po files).
LABELS: dict[Action, Promise] = {
    Action.ACCOUNTS_USER_CREATE: _("User account created"),
    Action.ACCOUNTS_USER_CHANGE: _("User account changed"),
    Action.ACCOUNTS_USER_ROLE_CHANGE: _("User role changed"),
    Action.ACCOUNTS_OTP_ENROL: _("One-time code device enrolled"),
    Action.ACCOUNTS_LOGIN_FAILED: _("Failed sign-in"),
    Action.COMMISSIONS_BUDGET_SET: _("Training budget set"),
    Action.COMMISSIONS_CERTIFICATE_ISSUE: _("Training certificate issued"),
    Action.COMMISSIONS_CERTIFICATE_REVOKE: _("Training certificate revoked"),
    Action.COMMISSIONS_MEMBER_APPOINT: _("Commission member appointed"),
    Action.COMMISSIONS_MEMBER_DISMISS: _("Commission member released"),
    Action.COMMISSIONS_MEMBER_REPLACE: _("Commission member replaced"),
    Action.COMMISSIONS_PERSON_CREATE: _("Person added to the commissions' records"),
    Action.COMMISSIONS_PLAN_CREATE: _("Training plan created"),
    Action.COMMISSIONS_QUESTION_SAVE: _("Test question saved"),
    Action.COMMISSIONS_SESSION_ATTENDANCE: _("Training attendance recorded"),
    Action.COMMISSIONS_SESSION_CANCEL: _("Training session cancelled"),
    Action.COMMISSIONS_SESSION_CREATE: _("Training session created"),
    Action.COMMISSIONS_SESSION_ENROL: _("Enrolled in a training session"),
    Action.COMMISSIONS_SESSION_TRAINER: _("Trainer assigned to a session"),
    Action.COMMISSIONS_SESSION_UPDATE: _("Training session changed"),
    Action.COMMISSIONS_TEST_CORRECT: _("Test result corrected"),
    Action.COMMISSIONS_TEST_SCORE: _("Test scored"),
    Action.COMMISSIONS_TEST_START: _("Test started"),
    Action.COMMISSIONS_TRAINER_CREATE: _("Trainer added"),
    Action.ELECTIONS_BALLOT_DRAW: _("Ballot order drawn"),
    Action.ELECTIONS_CANDIDATE_ADD: _("Candidate added to a party list"),
    Action.ELECTIONS_ELECTION_CREATE: _("Election called"),
    Action.ELECTIONS_LIST_REGISTER: _("Party list registered"),
    Action.ELECTIONS_SMD_ADD: _("Single-member district added"),
    Action.ELECTIONS_SMD_CANDIDATE: _("Candidate registered in a district"),
    Action.LISTAUDIT_RUN_START: _("Voter list audit started"),
    Action.LISTAUDIT_RUN_DONE: _("Voter list audit finished"),
    Action.LISTAUDIT_FINDING_FIXED: _("Audit finding fixed"),
    Action.LISTAUDIT_FINDING_CONFIRMED: _("Audit finding confirmed"),
    Action.LISTAUDIT_FINDING_DISMISSED: _("Audit finding dismissed"),
    Action.REGISTER_ABSENTEE_ISSUE: _("Absentee certificate issued"),
    Action.REGISTER_IMPORT: _("Registry extract imported"),
    Action.REGISTER_LISTS_ADDITIONAL: _("Voter added to an additional list"),
    Action.REGISTER_LISTS_COMPILE: _("Voter lists compiled"),
    Action.REGISTER_LIST_CORRECTION_REQUEST: _("Request to correct a voter list"),
    Action.REGISTER_LIST_CORRECTION_DECIDE: _("Request to correct a voter list decided"),
    Action.REGISTER_OUTSIDE_VOTING_APPLY: _("Request to vote outside the polling station"),
    Action.REGISTER_OUTSIDE_VOTING_STATUS: _("Outside voting request answered"),
    Action.REGISTER_SPECIAL_STAY: _("Voter placed at a special precinct"),
    Action.REGISTER_EVENT_DEATH: _("Registry: death"),
    Action.REGISTER_EVENT_RESIDENCE_CHANGE: _("Registry: change of residence"),
    Action.REGISTER_EVENT_NAME_CHANGE: _("Registry: change of name"),
    Action.REGISTER_EVENT_CITIZENSHIP_ACQUIRED: _("Registry: citizenship acquired"),
    Action.REGISTER_EVENT_CITIZENSHIP_LOST: _("Registry: citizenship lost"),
    Action.REGISTER_EVENT_INCAPACITY_DECLARED: _("Registry: declared incapable"),
    Action.REGISTER_EVENT_INCAPACITY_LIFTED: _("Registry: capacity restored"),
    Action.REGISTER_EVENT_IMPRISONED: _("Registry: imprisoned"),
    Action.REGISTER_EVENT_RELEASED: _("Registry: released"),
    Action.RESULTS_DEVICE_TOKEN_ISSUE: _("Device key for protocols issued"),
    Action.RESULTS_DEVICE_TOKEN_REVOKE: _("Device key for protocols revoked"),
    Action.RESULTS_MANDATES_DISTRIBUTE: _("Mandates distributed"),
    Action.RESULTS_MANDATES_DECLINED: _("Candidate declined the mandate"),
    Action.RESULTS_MANDATES_EXCLUDED: _("Party excluded a candidate from its list"),
    Action.RESULTS_MANDATES_PARTY_ORDER: _("Party decided the order of its candidates"),
    Action.RESULTS_PROTOCOL_ACCEPT: _("Protocol correction accepted"),
    Action.RESULTS_PROTOCOL_CORRECT: _("Protocol correction submitted"),
    Action.RESULTS_PROTOCOL_REJECT: _("Protocol correction rejected"),
    Action.RESULTS_PROTOCOL_SUBMIT: _("Protocol submitted"),
    Action.RESULTS_PUBLISH: _("Results published"),
    Action.RESULTS_PUBLISH_PRELIMINARY: _("Preliminary results published"),
    Action.RESULTS_SIGN_OFF: _("Results signed off"),
    Action.COMMISSIONS_EXERCISE_SUBMIT: _("Election-day exercise submitted"),
    Action.REGISTER_ABSENTEE_CANCEL: _("Absentee certificate cancelled"),
    Action.RESULTS_FOUR_EYES_REQUEST: _("Second official asked to confirm"),
    Action.RESULTS_FOUR_EYES_CONFIRM: _("Confirmed by a second official"),
    Action.RESULTS_FOUR_EYES_REFUSED: _("Request for confirmation refused"),
    Action.RESULTS_FOUR_EYES_WITHDRAWN: _("Request for confirmation withdrawn"),
    Action.RESULTS_MANDATES_REGISTER: _("Mandates registered"),
    Action.RESULTS_PROTOCOL_CANCEL: _("Protocol cancelled by a decision (recount)"),
    Action.RESULTS_TURNOUT_REPORT: _("Turnout reported"),
    Action.SIGNING_AUDIT_HEAD: _("Audit log head signed and published"),
    Action.SIGNING_KEY_GENERATE: _("Signing key created"),
    Action.SIGNING_KEY_ROTATED: _("Signing key replaced"),
    Action.SIGNING_KEY_LOST: _("Signing key declared lost"),
    Action.TERRITORY_PRECINCT_ACCESSIBILITY: _("Accessibility of a polling station changed"),
}


def label(code: str) -> str:
    """The label of the action ``code`` in the active language; an unknown code (an event of
    an older version) is shown as it is.

    >>> from django.utils import translation
    >>> with translation.override("en"):
    ...     label("register.import")
    'Registry extract imported'
    >>> label("no.such.action")
    'no.such.action'
    """
    try:
        return Action(code).label
    except ValueError:
        return code
