from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from saylau.web.territory.models import District, Region

from .models import Election, Party


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
    list_seats = forms.IntegerField(label=_("Seats by party lists"), min_value=1)
    single_member_districts = forms.IntegerField(
        label=_("Single-member districts"), min_value=0, initial=0
    )


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
