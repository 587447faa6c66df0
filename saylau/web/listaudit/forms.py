"""Forms of the list-audit pages (labels on every input, for screen readers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saylau.lists.audit import CHECKS
from saylau.web.elections.models import Election
from saylau.web.territory.models import District, Region

from .models import Finding, Resolution
from .records import NAMES


class RunForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    election = forms.ModelChoiceField(
        label=_("Election whose compiled lists are audited"),
        queryset=Election.objects.none(),
        required=False,
        help_text=_("Without an election and without a file only the register's own checks run."),
    )
    election_date = forms.DateField(
        label=_("Election day (when no election is chosen)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    archive = forms.FileField(
        label=_("or upload lists: voter_lists.csv, or a ZIP of it or of a whole set in the format"),
        required=False,
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        # The region's own elections and the national ones (a Mazhilis election has no region):
        # both have compiled lists in the region, and an audit runs over the region's part.
        self.fields["election"].queryset = Election.objects.filter(  # type: ignore[attr-defined]
            Q(region__in=regions) | Q(region__isnull=True, district__isnull=True)
        ).order_by("-day")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("election") and not data.get("election_date"):
            raise forms.ValidationError(_("Choose an election or give the election day."))
        return data


STATUS_FILTERS = [
    ("", _("any status")),
    ("unresolved", _("unresolved (open or reopened)")),
    *Finding.Status.choices,
]


class FindingFilterForm(forms.Form):
    check = forms.ChoiceField(
        label=_("Check"),
        required=False,
        choices=[("", _("every check"))] + [(c, NAMES.get(c, c)) for c in CHECKS],
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        required=False,
        choices=[("", _("any severity")), *Finding.Severity.choices],
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    precinct = forms.IntegerField(label=_("Precinct number"), required=False, min_value=1)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class ResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Resolution"), choices=Resolution.Status.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (required to dismiss)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnalysisForm(forms.Form):
    day = forms.DateField(
        label=_("Election day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
