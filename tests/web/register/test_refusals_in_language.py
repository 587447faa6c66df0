"""Issue 15: what the worker, the readers and the API refuse reads in the reader's language.

A refused import stores its stable code and params (and the English detail for the log); the
import page says it in Kazakh or Russian, naming the region by its name. A file that cannot be
read gets a sentence naming the file, line and column. Rows of an extract or an events file are
sentences naming file, line and column. The API's 403 for a list's lines keeps its code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.errors import InputError
from saylau.web.register.models import RegisterImport
from saylau.web.register.services.importing import import_registry
from tests.factories import user_for

from .builders import Extract, person, standard_persons

HEADER = "event_id,event_date,kind,iin,death_date,address_id,last_name,first_name,patronymic,citizenship\n"


def import_page(user: Any, job: RegisterImport, language: str) -> str:
    c = Client()
    c.force_login(user)
    with translation.override(language):
        url = reverse("register:import", args=[job.pk])
    response = c.get(url)
    assert response.status_code == 200
    return response.content.decode()


def failed_job(directory: Path, **kw: Any) -> RegisterImport:
    job = RegisterImport.objects.create(source="upload.zip")
    with pytest.raises(InputError):
        import_registry(directory=directory, actor="test", job=job, **kw)
    job.refresh_from_db()
    assert job.status == RegisterImport.Status.FAILED
    return job


@pytest.mark.parametrize(
    ("language", "sentence", "region"),
    [
        (
            "ru",
            "Выписка относится к региону «Жамбылская область» (ZHA), который вне вашей территории. Ничего не импортировано.",
            "Жамбылская область",
        ),
        (
            "kk",
            "Үзінді «Жамбыл облысы» (ZHA) өңіріне жатады, ол сіздің аумағыңыздан тыс. Ештеңе импортталған жоқ.",
            "Жамбыл облысы",
        ),
    ],
)
def test_an_extract_of_another_region_is_refused_in_the_readers_language(
    world: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
    language: str,
    sentence: str,
    region: str,
) -> None:
    from saylau.web.register.services import jobs
    from saylau.web.territory.models import Region

    other = Region.objects.create(code="AST", name_kk="Астана", name_ru="Астана")
    foreign = user_for("regional", place=other)
    directory = Extract(persons=standard_persons()).write(tmp_path / "z")
    with django_capture_on_commit_callbacks(execute=True):
        jobs.start_import(user=foreign, directory=directory)
    job = RegisterImport.objects.order_by("-pk").first()
    assert job is not None and job.status == "failed"
    # the log keeps the English detail
    assert "the extract is of region ZHA, outside your territory" in job.error_detail
    page = import_page(foreign, job, language)
    assert sentence in page
    assert "outside your territory" not in page and "region.json" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "ru",
            "В файле registry/persons.csv нет ни одного человека: он исключил бы всех 6 человек региона «Жамбылская область» (ZHA).",
        ),
        (
            "kk",
            "registry/persons.csv файлында бірде-бір адам жоқ: ол «Жамбыл облысы» (ZHA) өңірінің барлық 6 адамын алып тастар еді.",
        ),
    ],
)
def test_a_header_only_persons_file_is_refused_in_the_readers_language(
    tmp_path: Path, language: str, sentence: str
) -> None:
    import_registry(directory=Extract(persons=standard_persons()).write(tmp_path / "x"), actor="t")
    job = failed_job(Extract(persons=[]).write(tmp_path / "empty"))
    page = import_page(user_for("cec"), job, language)
    assert sentence in page
    assert "lists no person" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "ru",
            "Выписка исключила бы 3 из 6 человек региона «Жамбылская область» (ZHA) (больше 5%). Если это верно, импортируйте её ещё раз и подтвердите исключение.",
        ),
        (
            "kk",
            "Үзінді «Жамбыл облысы» (ZHA) өңірінің 6 адамының 3 адамын алып тастар еді (5%-дан көп).",
        ),
    ],
)
def test_a_mass_removal_is_refused_in_the_readers_language(
    tmp_path: Path, settings: Any, language: str, sentence: str
) -> None:
    settings.SAYLAU_MASS_REMOVAL_MIN = 2
    settings.SAYLAU_MASS_REMOVAL_PERCENT = 5
    persons = standard_persons()
    import_registry(directory=Extract(persons=persons).write(tmp_path / "x"), actor="t")
    job = failed_job(Extract(persons=persons[:3]).write(tmp_path / "y"))
    assert "--allow-removals" in job.error_detail
    page = import_page(user_for("cec"), job, language)
    assert sentence in page
    assert "allow-removals" not in page and "would remove" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("ru", "Файл registry/persons.csv не удаётся прочитать: строка 1, столбец citizenship."),
        ("kk", "registry/persons.csv файлын оқу мүмкін емес: 1-жол, citizenship бағаны."),
    ],
)
def test_a_file_the_reader_cannot_use_is_named_with_its_line_and_column(
    tmp_path: Path, language: str, lead: str
) -> None:
    directory = Extract(persons=standard_persons()).write(tmp_path / "x")
    persons = directory / "registry/persons.csv"
    lines = persons.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("citizenship", "nationality")
    persons.write_text("\n".join(lines) + "\n", encoding="utf-8")
    job = failed_job(directory)
    page = import_page(user_for("cec"), job, language)
    assert lead in page  # the reason follows it, in the same language
    assert "is missing (the header has" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "rows"),
    [
        ("ru", ["registry/persons.csv, строка 8, столбец sex: «Q» — не одно из: F, M.",
                "registry/persons.csv, строка 9, столбец birth_date: «1990-02-30» — несуществующая дата.",
                "registry/addresses.csv, строка 6, столбец precinct_no: «1O1» — не целое число."]),
        ("kk", ["registry/persons.csv, 8-жол, sex бағаны: «Q» — мыналардың бірі емес: F, M.",
                "registry/persons.csv, 9-жол, birth_date бағаны: «1990-02-30» — жоқ күн.",
                "registry/addresses.csv, 6-жол, precinct_no бағаны: «1O1» — бүтін сан емес."]),
    ],
)  # fmt: skip
def test_a_row_the_format_refuses_is_a_sentence_in_the_readers_language(
    tmp_path: Path, language: str, rows: list[str]
) -> None:
    persons = standard_persons()
    extract = Extract(persons=persons)
    extract = Extract(
        addresses=[*extract.addresses, ("A9", "D1", "Тараз", "ул. Абая", "9", "", "1O1")],
        persons=[*persons, persons[0].but(sex="Q"), persons[1].but(birth_date="1990-02-30")],
    )
    job = import_registry(directory=extract.write(tmp_path / "x"), actor="t")
    page = import_page(user_for("cec"), job, language)
    for row in rows:
        assert row in page
    assert "must be one of" not in page and "must be a date" not in page
    assert "must be an integer" not in page and "is not a whole number" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "row"),
    [
        (
            "ru",
            "registry/persons.csv, строка 3, столбец iin: Человек с ИИН {iin} зарегистрирован в регионе «Жамбылская область» (ZHA): выписка другого региона не может его принять.",
        ),
        (
            "kk",
            "registry/persons.csv, 3-жол, iin бағаны: ЖСН {iin} адам «Жамбыл облысы» (ZHA) өңірінде тіркелген: басқа өңірдің үзіндісі оны қабылдай алмайды.",
        ),
    ],
)
def test_a_rejected_row_of_an_import_is_a_sentence_in_the_readers_language(
    tmp_path: Path, language: str, row: str
) -> None:
    zha = standard_persons()
    import_registry(directory=Extract(persons=zha).write(tmp_path / "zha"), actor="t")
    akm = Extract(
        region_code="AKM",
        addresses=[("K1", "D1", "Көкшетау", "ул. Абая", "1", "", "101")],
        persons=[person(20, "Сағынов", "Арман", address_id="K1"), zha[0].but(address_id="K1")],
    )
    job = import_registry(directory=akm.write(tmp_path / "akm"), actor="t")
    assert job.rejected_rows == 1
    page = import_page(user_for("cec"), job, language)
    assert row.format(iin=zha[0].iin) in page
    assert "a region's extract cannot take them" not in page


@pytest.mark.django_db
def test_an_older_error_without_a_code_is_shown_as_it_was_stored() -> None:
    assert RegisterImport(error="disk full").error_text == "disk full"
    coded = RegisterImport(error='{"code": "nobody_knows", "detail": "something odd"}')
    assert coded.error_text == "something odd"


def post_events(world: Any, text: str, language: str) -> str:
    c = Client()
    c.force_login(world.users["cec"])
    with translation.override(language):
        url = reverse("register:events")
    upload = SimpleUploadedFile("ev.csv", text.encode())
    response = c.post(url, {"file": upload})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "ev.csv, строка 2, столбец event_date: «2000-13-01» — несуществующая дата.",
                "ev.csv, строка 3, столбец kind: «wedding» — не вид события регистра.",
                "ev.csv, строка 4, столбец iin: «123» — недействительный ИИН",
                "ev.csv, строка 5: В строке 3 полей вместо 10.",
            ],
        ),
        (
            "kk",
            [
                "ev.csv, 2-жол, event_date бағаны: «2000-13-01» — жоқ күн.",
                "ev.csv, 3-жол, kind бағаны: «wedding» — тізілім оқиғасының түрі емес.",
                "ev.csv, 4-жол, iin бағаны: «123» — жарамсыз ЖСН",
                "ev.csv, 5-жол: Жолда 10 өрістің орнына 3 өріс бар.",
            ],
        ),
    ],
)
def test_rows_of_an_events_file_are_refused_in_the_readers_language(
    world: Any, language: str, expected: list[str]
) -> None:
    iin = standard_persons()[0].iin
    rows = [
        f"E1,2000-13-01,death,{iin},,,,,,",
        f"E2,2000-01-02,wedding,{iin},,,,,,",
        "E3,2000-01-03,death,123,,,,,,",
        "E4,2000-01-04,death",
    ]
    page = post_events(world, HEADER + "\n".join(rows) + "\n", language)
    for sentence in expected:
        assert sentence in page
    for english in ("is not a real date", "unknown kind", "invalid IIN", "expected 10 fields"):
        assert english not in page


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ru", "В файле ev.csv не хватает столбцов: kind."),
        ("kk", "ev.csv файлында мына бағандар жоқ: kind."),
    ],
)
def test_an_events_file_without_a_column_is_refused_in_the_readers_language(
    world: Any, language: str, sentence: str
) -> None:
    page = post_events(world, "event_id,event_date,iin\nE1,2000-01-01,1\n", language)
    assert sentence in page
    assert "missing required column" not in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Ваша роль видит только итоговые числа, а не самих людей."),
        ("kk", "Сіздің рөліңіз адамдардың өздерін емес, тек жиынтық сандарды көреді."),
        ("en", "Your role sees totals only, not the persons themselves."),
    ],
)
def test_the_apis_refusal_of_list_lines_reads_in_the_callers_language(
    world: Any, language: str, message: str
) -> None:
    c = Client()
    c.force_login(world.users["observer"])
    url = f"/api/register/elections/{world.election.pk}/lists/{world.p101.pk}"
    response = c.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "personal_data"
    assert body["message"] == message


@pytest.mark.parametrize(
    ("language", "message"), [("ru", "Такого объекта нет."), ("kk", "Мұндай нысан жоқ.")]
)
def test_the_apis_not_found_reads_in_the_callers_language(
    world: Any, language: str, message: str
) -> None:
    c = Client()
    c.force_login(world.users["cec"])
    response = c.get("/api/register/elections/999999/lists", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": message,
        "detail": "no such election",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "row"),
    [
        (
            "ru",
            "registry/persons.csv, строка 2, столбец last_name: Значение слишком длинное: "
            "символов — 101, допустимо не больше 100.",
        ),
        (
            "kk",
            "registry/persons.csv, 2-жол, last_name бағаны: Мән тым ұзын: таңба саны — 101, "
            "ең көбі 100 болуы мүмкін.",
        ),
    ],
)
def test_a_value_too_long_for_its_column_is_refused_in_the_readers_language(
    tmp_path: Path, language: str, row: str
) -> None:
    persons = standard_persons()
    persons[0] = persons[0].but(last_name="Ә" * 101)
    job = import_registry(directory=Extract(persons=persons).write(tmp_path / "x"), actor="t")
    assert job.rejected_rows == 1
    page = import_page(user_for("cec"), job, language)
    assert row in page
    assert "characters long" not in page
