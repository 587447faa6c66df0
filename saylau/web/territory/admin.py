"""Territory in the Django admin, scoped to the administrator's territory."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from saylau.web.accounts.admin import scoped

from .models import Address, District, Precinct, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_ru", "name_kk", "name_en")
    search_fields = ("code", "name_ru", "name_kk", "name_en")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        return scoped(request, super().get_queryset(request), region="id")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_ru", "kind", "region")
    list_filter = ("kind",)
    list_select_related = ("region",)
    search_fields = ("code", "name_ru", "name_kk", "name_en")

    def get_queryset(self, request: HttpRequest) -> QuerySet[District]:
        return scoped(request, super().get_queryset(request), region="region_id", district="id")


@admin.register(Precinct)
class PrecinctAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("number", "district", "kind", "polling_address", "step_free_entrance", "ramp")
    list_filter = ("kind", "step_free_entrance", "ramp", "accessible_booth")
    list_select_related = ("district", "region")
    search_fields = ("=number", "polling_address")
    raw_id_fields = ("district",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Precinct]:
        return scoped(
            request,
            super().get_queryset(request),
            region="region_id",
            district="district_id",
            precinct="id",
        )


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("address_id", "locality", "street", "house", "flat", "precinct")
    list_select_related = ("precinct",)
    search_fields = ("=address_id", "street")
    raw_id_fields = ("district", "precinct")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped(
            request,
            super().get_queryset(request),
            region="district__region_id",
            district="district_id",
            precinct="precinct_id",
        )
