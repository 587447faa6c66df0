"""The protocol form: every line of the format, one input per party list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Race
from saylau.web.elections.models import Candidate, Election, PartyList

#: The lines of ``saylau-protocol/1`` in the order of the paper form, with labels a
#: secretary recognises.
LINES: tuple[tuple[str, Any, bool], ...] = (
    ("voters_main_list", _("1. Voters included in the main voter list"), True),
    ("voters_additional_list", _("2. Voters added to the additional list on election day"), True),
    ("ballots_received", _("3. Ballots received by the commission"), True),
    ("ballots_issued_premises", _("4. Ballots issued to voters in the polling premises"), True),
    ("ballots_issued_outside", _("5. Ballots issued for voting outside the premises"), True),
    ("absentee_certificate_voters", _("6. Voters who voted by absentee certificate"), True),
    (
        "outside_voting_applications",
        _("7. Written applications to vote outside the premises"),
        False,
    ),
    ("ballots_cancelled", _("8. Unused ballots cancelled"), True),
    ("ballots_spoiled", _("9. Ballots spoiled by voters and cancelled"), False),
    ("ballots_in_stationary_boxes", _("10. Ballots found in the stationary boxes"), True),
    ("ballots_in_portable_boxes", _("11. Ballots found in the portable boxes"), True),
    ("valid", _("12. Valid ballots"), True),
    ("invalid", _("13. Invalid ballots"), True),
    ("against_all", _("14. Ballots marked “against all”"), False),
)


class ProtocolForm(forms.Form):
    def __init__(self, *args: Any, lists: list[PartyList], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lists = lists
        for name, label, required in LINES:
            self.fields[name] = forms.IntegerField(
                label=label, min_value=0, required=required, widget=forms.NumberInput()
            )
        for pl in lists:
            self.fields[f"vote_{pl.party.code}"] = forms.IntegerField(
                label=_("Votes for %(party)s") % {"party": pl.party.name_ru},
                min_value=0,
                required=True,
            )

    def line_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _label, _required in LINES]

    def vote_fields(self) -> list[forms.BoundField]:
        return [self[f"vote_{pl.party.code}"] for pl in self.lists]

    def protocol_data(self) -> dict[str, Any]:
        """The protocol JSON from the cleaned form (blank optional lines left out)."""
        data: dict[str, Any] = {}
        for name, _label, _required in LINES:
            value = self.cleaned_data.get(name)
            if value is not None:
                data[name] = value
        data["votes"] = [
            {
                "code": pl.party.code,
                "name": pl.party.name_ru,
                "votes": self.cleaned_data[f"vote_{pl.party.code}"],
            }
            for pl in self.lists
        ]
        return data

    def partial_data(self) -> dict[str, Any] | None:
        """What the secretary typed so far, for the live check (None while a line is blank
        or not a whole number)."""
        data: dict[str, Any] = {}
        for name, _label, required in LINES:
            raw = (self.data.get(name) or "").strip()
            if not raw:
                if required:
                    return None
                continue
            if not raw.isdigit():
                return None
            data[name] = int(raw)
        votes = []
        for pl in self.lists:
            raw = (self.data.get(f"vote_{pl.party.code}") or "").strip()
            if not raw.isdigit():
                return None
            votes.append({"code": pl.party.code, "votes": int(raw)})
        data["votes"] = votes
        return data


def initial_from(data: dict[str, Any]) -> dict[str, Any]:
    """Form initial values from a protocol JSON (to start a correction from the last version)."""
    initial = {name: data.get(name) for name, _label, _required in LINES}
    for line in data.get("votes", []):
        initial[f"vote_{line['code']}"] = line["votes"]
    return initial


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2})
    )


class QRForm(forms.Form):
    qr = forms.CharField(
        label=_("QR text of a printed protocol (scan or paste)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PartyListChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.party.name_ru)


class CandidateChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.party_list.party.name_ru} {obj.position}. {obj.full_name}"


class MandateDecisionForm(forms.Form):
    """A decline, an exclusion or a party decision on the order of a list's candidates."""

    party_list = PartyListChoice(label=_("Party list"), queryset=PartyList.objects.none())
    kind = forms.ChoiceField(label=_("What happened"))
    candidate = CandidateChoice(
        label=_("Candidate (for a decline or an exclusion)"),
        queryset=Candidate.objects.none(),
        required=False,
    )
    order = forms.CharField(
        label=_("New order: positions on the list, separated by commas (for a party decision)"),
        required=False,
    )
    decided_on = forms.DateField(
        label=_("Date of the statement or decision"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    body = forms.CharField(
        label=_("Deciding body (e.g. the party congress)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        from .models import MandateDecision

        super().__init__(*args, **kwargs)
        party_list = self.fields["party_list"]
        assert isinstance(party_list, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        party_list.queryset = election.party_lists.select_related("party")
        candidate = self.fields["candidate"]
        assert isinstance(candidate, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        candidate.queryset = Candidate.objects.filter(election=election).select_related(
            "party_list__party"
        )
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)  # noqa: S101 - narrows the type
        kind.choices = MandateDecision.Kind.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        party_list = data.get("party_list")
        if data.get("kind") == "party_order" and party_list is not None:
            by_position = dict(party_list.candidates.values_list("position", "pk"))
            raw = [part.strip() for part in (data.get("order") or "").split(",") if part.strip()]
            if not raw or not all(part.isdigit() and int(part) in by_position for part in raw):
                self.add_error("order", _("Give positions of candidates on this list."))
            else:
                data["order_ids"] = [by_position[int(part)] for part in raw]
        elif data.get("kind") in ("declined", "excluded") and data.get("candidate") is None:
            self.add_error("candidate", _("Choose the candidate."))
        return data


class SingleMemberProtocolForm(ProtocolForm):
    """The protocol of a single-member district: the same lines, one input per candidate."""

    def __init__(self, *args: Any, candidates: list[Any], district: int, **kwargs: Any) -> None:
        super().__init__(*args, lists=[], **kwargs)
        self.candidates = candidates
        self.district = district
        for c in candidates:
            self.fields[f"cand_{c.pk}"] = forms.IntegerField(
                label=_("Votes for %(candidate)s") % {"candidate": c.full_name},
                min_value=0,
                required=True,
            )

    def vote_fields(self) -> list[forms.BoundField]:
        return [self[f"cand_{c.pk}"] for c in self.candidates]

    def _votes(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"code": str(c.pk), "name": c.full_name, "votes": values[f"cand_{c.pk}"]}
            for c in self.candidates
        ]

    def protocol_data(self) -> dict[str, Any]:
        data = super().protocol_data()
        data["race"] = Race.SINGLE_MEMBER
        data["district"] = self.district
        data["votes"] = self._votes(self.cleaned_data)
        return data

    def partial_data(self) -> dict[str, Any] | None:
        data = super().partial_data()
        if data is None:
            return None
        raw = {
            f"cand_{c.pk}": (self.data.get(f"cand_{c.pk}") or "").strip() for c in self.candidates
        }
        if not all(v.isdigit() for v in raw.values()):
            return None
        data["race"] = Race.SINGLE_MEMBER
        data["district"] = self.district
        data["votes"] = self._votes({k: int(v) for k, v in raw.items()})
        return data
