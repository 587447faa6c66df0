"""factory_boy factories for the foundation models (territory, users, elections).

Apps add their own factories beside their tests; these are the ones everything needs.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from saylau.web.accounts.models import Role, User
from saylau.web.elections.models import Election
from saylau.web.territory.models import Address, District, Precinct, Region


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "ZHA"
    name_kk = "Жамбыл облысы"
    name_ru = "Жамбылская область"
    name_en = "Zhambyl oblast"


class DistrictFactory(DjangoModelFactory[District]):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"D{n:02d}")
    name_kk = factory.Sequence(lambda n: f"Аудан {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    kind = District.Kind.DISTRICT


class PrecinctFactory(DjangoModelFactory[Precinct]):
    class Meta:
        model = Precinct

    district = factory.SubFactory(DistrictFactory)
    region = factory.SelfAttribute("district.region")
    number = factory.Sequence(lambda n: 100 + n)
    kind = Precinct.Kind.ORDINARY
    polling_address = factory.Sequence(lambda n: f"г. Тараз, ул. Абая, {n}, школа № {n}")


class AddressFactory(DjangoModelFactory[Address]):
    class Meta:
        model = Address

    address_id = factory.Sequence(lambda n: f"A{n:08d}")
    precinct = factory.SubFactory(PrecinctFactory)
    district = factory.SelfAttribute("precinct.district")
    locality = "Тараз"
    street = "ул. Толе би"
    house = factory.Sequence(lambda n: str(n % 90 + 1))
    flat = ""


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.CEC
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def user_for(role: str, *, place: Region | District | Precinct | None = None, **kw: object) -> User:
    """A user of ``role`` scoped to ``place`` (a region, district or precinct)."""
    extra: dict[str, object] = {}
    if isinstance(place, Region):
        extra["region"] = place
    elif isinstance(place, District):
        extra["district"] = place
        extra["region"] = place.region
    elif isinstance(place, Precinct):
        extra["precinct"] = place
        extra["district"] = place.district
        extra["region"] = place.region
    return UserFactory(role=role, **extra, **kw)


class ElectionFactory(DjangoModelFactory[Election]):
    class Meta:
        model = Election

    name_kk = "Жамбыл облыстық мәслихатының сайлауы"
    name_ru = "Выборы депутатов Жамбылского областного маслихата"
    name_en = "Zhambyl oblast maslikhat election"
    body = Election.Body.OBLAST_MASLIKHAT
    day = dt.date(2027, 3, 21)
    region = factory.SubFactory(RegionFactory)
    list_seats = 18
    single_member_districts = 18
