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

from .models import Role, User
from .scope import scope_for
from .services import record_admin_change, user_snapshot


def scoped(request: HttpRequest, qs: QuerySet[Any], **paths: str | None) -> QuerySet[Any]:
    if request.user.is_superuser:
        return qs
    return scope_for(request.user).restrict(qs, **paths)


def scoped_user_form(base: Any, scope: Any) -> Any:
    """A user form that refuses a role or place outside the administrator's own scope."""

    class ScopedUserForm(base):  # type: ignore[misc]
        def clean(self) -> dict[str, Any]:
            data: dict[str, Any] = super().clean()
            if data.get("role") == Role.CEC:
                self.add_error("role", _("Only a CEC superuser may give this role."))
            precinct, district, region = (
                data.get("precinct"),
                data.get("district"),
                data.get("region"),
            )
            if precinct is not None:
                place = {
                    "region_id": precinct.region_id,
                    "district_id": precinct.district_id,
                    "precinct_id": precinct.id,
                }
            elif district is not None:
                place = {"region_id": district.region_id, "district_id": district.id}
            elif region is not None:
                place = {"region_id": region.id}
            else:
                place = {}
            if place and not scope.covers(**place):
                self.add_error(None, _("This place is outside your territory."))
            return data

    return ScopedUserForm


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

    #: Only a superuser may hand out superuser status, permissions or groups.
    PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return fields + self.PRIVILEGE_FIELDS

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return form
        return scoped_user_form(form, scope_for(request.user))

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
        # A precinct implies its district and region, a district its region (as in services).
        if obj.precinct is not None:
            obj.district_id, obj.region_id = obj.precinct.district_id, obj.precinct.region_id
        elif obj.district is not None:
            obj.region_id = obj.district.region_id
        super().save_model(request, obj, form, change)
        record_admin_change(actor=request.user, user=obj, old=old)
