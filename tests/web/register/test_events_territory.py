"""Issue 11, item 2: an akimat's registry-events file cannot move a voter onto the list of
another district or region (as a death of a foreign person is refused)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from saylau.web.accounts.scope import scope_for
from saylau.web.register.models import Person, RegistryEvent
from saylau.web.register.services.events import apply_events_file
from saylau.web.register.services.events_file import EventsRejected
from saylau.web.register.services.importing import import_registry

from .builders import Extract, person

HEADER = "event_id,event_date,kind,iin,death_date,address_id,last_name,first_name,patronymic,citizenship\n"


@pytest.fixture
def akm(world: Any, tmp_path: Path) -> None:
    """A second region with its own addresses (K1, K2)."""
    import_registry(
        directory=Extract(
            region_code="AKM",
            addresses=[("K1", "D1", "Көкшетау", "ул. Абая", "1", "", "101")],
            persons=[person(30, "Сағынов", "Арман", address_id="K1")],
        ).write(tmp_path / "akm"),
        actor="t",
    )


def events(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "ev.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    return path


def where(iin: str) -> tuple[Any, ...]:
    p = Person.private_objects.select_related("address").get(iin=iin)
    return (p.region_id, p.address.address_id if p.address else None)


@pytest.mark.parametrize(
    ("address", "place"), [("B1", "another district"), ("K1", "another region")]
)
def test_an_akimat_cannot_move_its_voter_onto_a_foreign_list(
    world: Any, akm: None, tmp_path: Path, address: str, place: str
) -> None:
    voter = Person.private_objects.get(address__address_id="A1", patronymic="Қанатұлы")
    before = where(voter.iin)
    user = world.users["akimat_d1"]
    with pytest.raises(EventsRejected) as exc:
        apply_events_file(
            path=events(tmp_path, f"M1,2000-01-01,residence_change,{voter.iin},,{address},,,,"),
            actor=user,
            scope=scope_for(user),
        )
    [finding] = exc.value.findings
    assert (finding.line, finding.column) == (2, "address_id")
    assert "outside your territory" in finding.reason
    assert where(voter.iin) == before
    assert not RegistryEvent.objects.exists()


def test_the_events_page_refuses_the_move_and_names_the_line(
    world: Any, akm: None, tmp_path: Path
) -> None:
    voter = Person.private_objects.get(address__address_id="A1", patronymic="Қанатұлы")
    c = Client()
    c.force_login(world.users["akimat_d1"])
    upload = SimpleUploadedFile(
        "ev.csv",
        (HEADER + f"M1,2000-01-01,residence_change,{voter.iin},,K1,,,,\n").encode(),
    )
    response = c.post("/ru" + reverse("register:events"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    # in the page's language (walked: the Russian page said "address K1 is outside your
    # territory"); the English reason stays for the command line and the log
    assert "Адрес K1 вне вашей территории." in page and "outside your territory" not in page
    assert where(voter.iin) == (world.region.pk, "A1")


def test_an_akimat_moves_a_voter_within_its_district(world: Any, tmp_path: Path) -> None:
    voter = Person.private_objects.get(address__address_id="A1", patronymic="Қанатұлы")
    user = world.users["akimat_d1"]
    apply_events_file(
        path=events(tmp_path, f"M1,2000-01-01,residence_change,{voter.iin},,A3,,,,"),
        actor=user,
        scope=scope_for(user),
    )
    assert where(voter.iin) == (world.region.pk, "A3")


def test_the_cec_moves_a_voter_into_another_region_and_the_person_follows(
    world: Any, akm: None, tmp_path: Path
) -> None:
    voter = Person.private_objects.get(address__address_id="A1", patronymic="Қанатұлы")
    user = world.users["cec"]
    apply_events_file(
        path=events(tmp_path, f"M1,2000-01-01,residence_change,{voter.iin},,K1,,,,"),
        actor=user,
        scope=scope_for(user),
    )
    moved = Person.private_objects.select_related("region").get(iin=voter.iin)
    assert moved.region.code == "AKM"  # type: ignore[union-attr]
