"""Forms of the register pages (labels on every input, for screen readers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ListCorrectionRequest, OutsideVotingRequest


class FindPrecinctForm(forms.Form):
    iin = forms.CharField(
        label=_("Your IIN (12 digits)"),
        min_length=12,
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{12}"}
        ),
    )


class ImportForm(forms.Form):
    archive = forms.FileField(label=_("ZIP archive of the extract"), required=False)
    server_path = forms.CharField(label=_("or a folder on the server"), required=False)
    region_code = forms.CharField(
        label=_("Region code (when the extract has no region.json)"), required=False
    )
    allow_removals = forms.BooleanField(
        label=_(
            "I confirm: this extract may remove many voters of the region "
            "(without this, an import that removes more than the set share is refused)"
        ),
        required=False,
    )

    def __init__(self, *args: Any, server_folders: bool = True, **kwargs: Any) -> None:
        """``server_folders``: whether the user may name a folder on the server (the CEC);
        nobody else is offered a field the import would refuse them."""
        super().__init__(*args, **kwargs)
        if not server_folders:
            del self.fields["server_path"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("archive") and not data.get("server_path"):
            if "server_path" not in self.fields:
                raise forms.ValidationError(_("Upload the ZIP archive of the extract."))
            raise forms.ValidationError(_("Upload an archive or give a folder."))
        return data


class EventsForm(forms.Form):
    file = forms.FileField(label=_("Events file (CSV)"))


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("IIN or last name"), required=False)


class OutsideVotingForm(forms.Form):
    iin = forms.CharField(label=_("Voter's IIN"), min_length=12, max_length=12)
    reason = forms.ChoiceField(label=_("Reason"), choices=OutsideVotingRequest.Reason.choices)
    applicant = forms.ChoiceField(
        label=_("Who applies"), choices=OutsideVotingRequest.Applicant.choices
    )
    applicant_name = forms.CharField(label=_("Applicant's name"), required=False)
    where = forms.CharField(label=_("Where to come"))
    phone = forms.CharField(label=_("Phone"), required=False)


class PublicHelpForm(forms.Form):
    """A voter with a disability (or a relative) asks for home voting or help at the station."""

    iin = forms.CharField(label=_("Voter's IIN (12 digits)"), max_length=12)
    election = forms.TypedChoiceField(label=_("Election"), coerce=int, choices=())
    kind = forms.ChoiceField(
        label=_("What do you need?"), choices=OutsideVotingRequest.Kind.choices
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            c
            for c in OutsideVotingRequest.Reason.choices
            if c[0] != OutsideVotingRequest.Reason.REMOTE
        ],
    )
    where = forms.CharField(
        label=_("Where should the commission come (for voting at home)"),
        required=False,
        max_length=300,
    )
    phone = forms.CharField(label=_("Phone to call you back"), max_length=32)
    applicant = forms.ChoiceField(
        label=_("Who applies"), choices=OutsideVotingRequest.Applicant.choices
    )
    applicant_name = forms.CharField(
        label=_("Applicant's name (if a relative)"), required=False, max_length=200
    )

    def __init__(self, *args: object, elections: list[tuple[int, str]] = (), **kw: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["election"].choices = list(elections)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") == OutsideVotingRequest.Kind.HOME and not data.get("where"):
            self.add_error("where", _("Say where the commission should come."))
        return data


class ListCorrectionForm(forms.Form):
    """A voter asks the precinct commission to correct the voter list (during its review)."""

    iin = forms.CharField(label=_("Your IIN (12 digits)"), max_length=12)
    election = forms.TypedChoiceField(label=_("Election"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("What is wrong?"), choices=ListCorrectionRequest.Kind.choices)
    details = forms.CharField(
        label=_("Details (what the list says and what it should say)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    phone = forms.CharField(label=_("Phone to call you back"), max_length=32, required=False)

    def __init__(self, *args: object, elections: list[tuple[int, str]] = (), **kw: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["election"].choices = list(elections)  # type: ignore[attr-defined]


class CorrectionDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            c
            for c in ListCorrectionRequest.Status.choices
            if c[0] != ListCorrectionRequest.Status.RECEIVED
        ],
    )
    decision = forms.CharField(label=_("The decision and its reasons"), max_length=2000)


class CorrectionEntryForm(forms.Form):
    """A request a voter makes in person at the precinct, recorded by its commission."""

    iin = forms.RegexField(label=_("Voter's IIN (12 digits)"), regex=r"^[0-9]{12}$")
    kind = forms.ChoiceField(label=_("What is wrong?"), choices=ListCorrectionRequest.Kind.choices)
    details = forms.CharField(
        label=_("Details (what the list says and what it should say)"), max_length=2000
    )
    phone = forms.CharField(label=_("Phone to call you back"), max_length=32, required=False)
