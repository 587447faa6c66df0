"""The Django admin for the CEC's administrators, scoped like everything else.

Only superusers see every user; a staff member sees the users of their own territory.
Changes made here are written to the audit log like any other change of state.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User
from .scope import scope_for
from .services import record_admin_change, user_snapshot


def scoped(request: HttpRequest, qs: QuerySet[Any], **paths: str | None) -> QuerySet[Any]:
    if request.user.is_superuser:
        return qs
    return scope_for(request.user).restrict(qs, **paths)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = (
        "username",
        "get_full_name",
        "role",
        "region",
        "district",
        "precinct",
        "is_active",
    )
    list_filter = ("role", "is_active", "is_staff")
    list_select_related = ("region", "district", "precinct")
    search_fields = ("username", "first_name", "last_name")
    raw_id_fields = ("district", "precinct")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Role and territory"),
            {"fields": ("role", "region", "district", "precinct", "preferred_language")},
        ),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role and territory"), {"fields": ("role", "region", "district", "precinct")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        qs = super().get_queryset(request)
        return scoped(
            request, qs, region="region_id", district="district_id", precinct="precinct_id"
        )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        old = None
        if change and obj.pk is not None:
            before = User.objects.filter(pk=obj.pk).first()
            old = user_snapshot(before) if before is not None else None
        super().save_model(request, obj, form, change)
        record_admin_change(actor=request.user, user=obj, old=old)
