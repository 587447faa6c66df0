from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saylau.web.territory.models import District, Region

from .models import Election, Party
from .places import districts_of


class ElectionForm(forms.Form):
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=300)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    body = forms.ChoiceField(label=_("Body"), choices=Election.Body.choices)
    day = forms.DateField(label=_("Election day"), widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District or city"), queryset=District.objects.all(), required=False
    )
    list_seats = forms.IntegerField(label=_("Seats by party lists"), min_value=0)
    single_member_districts = forms.IntegerField(
        label=_("Single-member districts"), min_value=0, initial=0
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("list_seats") or 0) + (data.get("single_member_districts") or 0):
            self.add_error("list_seats", _("An election needs list seats or districts."))
        return data


class PartyListForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.all())


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=300)
    iin = forms.CharField(label=_("IIN"), max_length=12, min_length=12)
    disability = forms.BooleanField(label=_("Person with a disability"), required=False)


class DrawForm(forms.Form):
    witnesses = forms.CharField(
        label=_("Witnesses (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SingleMemberDistrictForm(forms.Form):
    number = forms.IntegerField(label=_("Number of the district"), min_value=1)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=200)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=200)
    territory = forms.ModelChoiceField(
        label=_("District or city (all its precincts vote here unless listed below)"),
        queryset=District.objects.none(),
        required=False,
    )
    precinct_numbers = forms.CharField(
        label=_("Precinct numbers voting here, separated by commas"), required=False
    )

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territory = self.fields["territory"]
        assert isinstance(territory, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        territory.queryset = districts_of(election).order_by("name_ru")

    def clean_precinct_numbers(self) -> list[int]:
        raw = [p.strip() for p in (self.cleaned_data.get("precinct_numbers") or "").split(",")]
        numbers = [p for p in raw if p]
        if not all(p.isdigit() for p in numbers):
            raise forms.ValidationError(_("Give precinct numbers separated by commas."))
        return [int(p) for p in numbers]


class SingleMemberCandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=300)
    iin = forms.CharField(label=_("IIN"), max_length=12, min_length=12)
    party = forms.ModelChoiceField(
        label=_("Party (empty: self-nominated)"), queryset=Party.objects.all(), required=False
    )
