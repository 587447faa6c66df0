"""PROBABLE_DUPLICATE_PERSON: one person under two IINs, and the people who must stay apart."""

from __future__ import annotations

from datetime import date

from saylau.law.iin import check_digit, is_valid_iin

from .builders import Region, iin

DUP = frozenset({"PROBABLE_DUPLICATE_PERSON"})


def typo(value: str, position: int, digit: str) -> str:
    return value[:position] + digit + value[position + 1 :]


def test_the_same_person_under_a_mistyped_iin_in_another_precinct_is_a_probable_duplicate() -> None:
    r = Region()
    value = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2))
    wrong = typo(value, 8, "7")
    r.line(2, wrong, "Ахметов", "Ерлан", "Болатович", date(1850, 1, 2), "A1")
    (found,) = r.audit(checks=DUP)
    assert found["lines"] == [{"precinct_no": 1, "line_no": 1}, {"precinct_no": 2, "line_no": 1}]
    assert found["iins"] == [value]  # registry persons only: the mistyped IIN names nobody
    (pair,) = found["evidence"]["pairs"]
    assert pair["kind"] == "mistyped_iin"
    assert pair["iin_digits_apart"] == 1
    assert found["evidence"]["score"] >= 0.9


def test_a_transliterated_and_kazakh_folded_name_is_the_same_person() -> None:
    r = Region()
    value = r.person("Нұрғалиев", "Нұрлан", "Серікұлы", date(1850, 1, 2))
    r.line(2, typo(value, 9, "5"), "Nurgaliev", "Nurlan", "Serikovich", date(1850, 1, 2), "A2")
    (found,) = r.audit(checks=DUP)
    assert len(found["lines"]) == 2


def test_a_maiden_and_a_married_surname_of_one_woman_are_the_same_person() -> None:
    r = Region()
    value = r.person("Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F")
    r.line(2, typo(value, 8, "3"), "Ахметова", "Айгуль", "Болатовна", date(1850, 1, 2), "A2")
    (found,) = r.audit(checks=DUP)
    assert found["evidence"]["pairs"][0]["levels"]["last"] == "other_f"  # maiden/married


def test_swapped_day_and_month_of_birth_is_the_same_person() -> None:
    r = Region()
    value = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 3, 4))
    r.line(2, typo(value, 10, "9"), "Ахметов", "Ерлан", "Болатұлы", date(1850, 4, 3), "A2")
    (found,) = r.audit(checks=DUP)
    assert found["evidence"]["pairs"][0]["birth_date"] == "day_month_swapped"


def test_adult_twins_at_one_address_stay_two_people() -> None:
    r = Region()
    r.person("Ахметов", "Асан", "Болатұлы", date(1850, 1, 2), serial=1)
    r.person("Ахметов", "Үсен", "Болатұлы", date(1850, 1, 2), serial=2)
    assert r.audit() == []


def test_a_twin_listed_under_a_mistyped_iin_is_not_a_duplicate_of_the_other_twin() -> None:
    r = Region()
    first = r.person("Ахметов", "Асан", "Болатұлы", date(1850, 1, 2), serial=1)
    r.person("Ахметов", "Үсен", "Болатұлы", date(1850, 1, 2), serial=2, listed_at=None)
    r.line(1, typo(first, 9, "4"), "Ахметов", "Үсен", "Болатұлы", date(1850, 1, 2))
    assert r.audit(checks=DUP) == []


def test_namesakes_born_on_other_days_stay_two_people() -> None:
    r = Region()
    r.person("Ким", "Виктор", "Сергеевич", date(1850, 1, 2), address="A1")
    r.person("Ким", "Виктор", "Сергеевич", date(1850, 1, 3), address="A2", listed_at=2)
    r.person("Ким", "Виктор", "Сергеевич", date(1851, 1, 2), address="A2", listed_at=2)
    assert r.audit() == []


def test_two_registered_people_with_one_name_in_two_spellings_at_two_homes_stay_two() -> None:
    # Two valid IINs, each a registry person whose line agrees with the registry, at their
    # own addresses: namesakes (an IIN is given once for life), whatever the spelling.
    r = Region()
    r.person("Нұрғалиев", "Нұрлан", "Серікұлы", date(1850, 1, 2), serial=5, address="A1")
    r.person(
        "Нургалиев", "Нурлан", "Серикович", date(1850, 1, 2), serial=900, address="A2", listed_at=2
    )
    assert r.audit(checks=DUP) == []


def test_a_typo_in_the_11th_digit_that_keeps_the_check_digit_valid_lands_on_another_person() -> (
    None
):
    # Law-notes section 6: the 11th digit has weight 11 = 0 mod 11, so changing it keeps the
    # check digit valid; the mistyped IIN may belong to a real neighbour. Two listed people
    # whose lines match their own registry entries are never one person.
    r = Region()
    a = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2), serial=20)
    b = typo(a, 10, "1")
    assert is_valid_iin(b) and check_digit(b[:11]) == int(b[11])
    r.persons.append({**r.persons[0], "iin": b, "first_name": "Марат"})
    r.line(2, b, "Ахметов", "Марат", "Болатұлы", date(1850, 1, 2), "A1")
    assert r.audit(checks=DUP) == []


def test_different_sexes_are_never_one_person() -> None:
    r = Region()
    value = r.person("Ахметов", "Саша", None, date(1850, 1, 2), sex="M")
    r.line(2, iin(date(1850, 1, 2), "F", 77), "Ахметова", "Саша", None, date(1850, 1, 2), "A1")
    assert value
    assert r.audit(checks=DUP) == []


def test_three_lines_of_one_person_are_one_finding() -> None:
    r = Region()
    value = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2))
    r.line(2, typo(value, 8, "7"), "Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2))
    r.line(9, typo(value, 9, "7"), "Ахметов", "Ерлан", "Болатулы", date(1850, 1, 2))
    (found,) = r.audit(checks=DUP)
    assert len(found["lines"]) == 3
    assert len(found["evidence"]["pairs"]) == 3


def test_women_of_one_first_name_patronymic_and_birth_date_at_their_own_homes_stay_apart() -> None:
    # The false groups of issue 18: "same first name, patronymic and birth date; another
    # surname" between registry persons, each listed under her own valid IIN at home.
    r = Region()
    r.person("Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F", serial=1)
    for serial, surname, address, at in ((500, "Ахметова", "A2", 2), (900, "Омарова", None, 2)):
        r.person(surname, "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F", serial=serial,
                 address=address, listed_at=at)  # fmt: skip
    assert r.audit(checks=DUP) == []


def test_a_line_under_a_maiden_surname_without_an_iin_at_her_home_is_her() -> None:
    r = Region()
    r.person("Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F", address="A1")
    r.person("Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F", serial=500,
             address="A2", listed_at=2)  # fmt: skip
    r.line(1, "", "Ахметова", "Айгүл", "Болатқызы", date(1850, 1, 2), "A1")
    (found,) = r.audit(checks=DUP)
    assert [x["line_no"] for x in found["lines"] if x["precinct_no"] == 1] == [1, 2]
    assert len(found["lines"]) == 2  # not the namesake at A2: no chaining through the line


def test_a_namesake_listed_once_under_a_mistyped_iin_is_not_a_duplicate() -> None:
    # Her IIN mistyped, her only line: one slip from her own IIN, far from the namesake's.
    r = Region()
    r.person("Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), sex="F", serial=1234)
    own = iin(date(1850, 1, 2), "F", 5678)
    r.persons.append({**r.persons[0], "iin": own, "address_id": "A2"})
    r.line(2, typo(own, 8, "0"), "Серікова", "Айгүл", "Болатқызы", date(1850, 1, 2), "A2")
    assert r.audit(checks=DUP) == []


def test_a_mistyped_iin_with_a_misspelt_surname_or_first_name_still_finds_its_person() -> None:
    # A loose line (its IIN names nobody) with one name misspelt and no patronymic finds its
    # person by the IIN it mistyped, one slip away, and the name they share (slip_pairs).
    r = Region()
    one = r.person("Нұрғалиев", "Ерлан", "Болатұлы", date(1850, 1, 2))
    r.line(2, typo(one, 9, "5"), "Нургалиеф", "Ерлан", None, date(1850, 1, 2), "A2")
    two = r.person("Ахметов", "Ерланбек", "Серікұлы", date(1851, 5, 6), serial=2)
    r.line(3, typo(two, 9, "5"), "Ахметов", "Ерланбик", "Серікұлы", date(1851, 5, 6), "A3")
    found = r.audit(checks=DUP)
    assert sorted(f["iins"][0] for f in found) == sorted([one, two])


def test_the_kazakh_and_russian_patronymic_of_every_demo_father_is_no_name_mismatch() -> None:
    # Issue 18: Ғаниұлы / Ганиевич, Амангелдіқызы / Амангелдиевна, Әміреұлы / Амиреевич were
    # flagged; every father's name of the demo pools, in both forms, must pass.
    from saylau.lists.demo.pools import POOLS

    pats = POOLS.patronymic.to_list()
    forms = [(pats[f * 4 + s], pats[f * 4 + 2 + s]) for f in range(len(pats) // 4) for s in (0, 1)]
    forms += [
        ("Ғаниұлы", "Ганиевич"),
        ("Амангелдіқызы", "Амангелдиевна"),
        ("Әміреұлы", "Амиреевич"),
    ]
    r = Region()
    for serial, (kk, ru) in enumerate(forms, start=1):
        r.person("Ахметов", "Ерлан", kk, date(1850, 1, 2), serial=8 * serial, listed_at=None)
        r.line(1, r.persons[-1]["iin"], "Ахметов", "Ерлан", ru, date(1850, 1, 2))
    assert len(r.lines) > 1000
    assert len({p["iin"] for p in r.persons}) == len(r.persons)
    assert r.audit(checks=frozenset({"NAME_MISMATCH"})) == []


def test_two_people_born_on_swapped_days_each_with_their_own_iin_stay_two() -> None:
    # 3 April and 4 March: each IIN encodes its own line's date, so no IIN supports a swap.
    r = Region()
    r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 3, 4), serial=11)
    r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 4, 3), serial=12, address="A2",
             listed_at=2)  # fmt: skip
    assert r.audit(checks=DUP) == []


def test_a_swap_typed_under_an_invalid_iin_counts_by_the_date_digits_it_still_holds() -> None:
    r = Region()
    value = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 3, 4))
    bad = value[:11] + str((int(value[11]) + 1) % 10)  # a wrong check digit: invalid
    assert not is_valid_iin(bad)
    r.line(2, bad, "Ахметов", "Ерлан", "Болатұлы", date(1850, 4, 3), "A2")
    (found,) = r.audit(checks=DUP)
    assert found["evidence"]["pairs"][0]["levels"]["date"] == "swap_iin"


def test_one_line_like_two_people_joins_only_the_one_it_is_and_chains_nothing() -> None:
    # A typed line (IIN one slip from Ерлан's) matches him and, by name, his namesake at
    # another home; the namesake and Ерлан share no pairwise evidence: one group of two.
    r = Region()
    one = r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2), serial=10)
    r.person("Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2), serial=9000, address="A2",
             listed_at=2)  # fmt: skip
    r.line(1, typo(one, 9, "7"), "Ахметов", "Ерлан", "Болатұлы", date(1850, 1, 2), "A1")
    (found,) = r.audit(checks=DUP)
    assert found["lines"] == [{"precinct_no": 1, "line_no": 1}, {"precinct_no": 1, "line_no": 2}]
    assert found["iins"] == [one]


def test_the_vectorised_one_slip_neighbours_are_those_of_the_reference_function() -> None:
    import polars as pl

    from saylau.lists.audit.owners import one_slip, one_slip_expr

    values = ["900101300012", "93051630057", "9305163005712", "12", "000000000000"]
    frame = pl.DataFrame({"iin": values}).with_columns(one_slip_expr(pl.col("iin")).alias("n"))
    for value, near in frame.iter_rows():
        assert sorted(near) == sorted(one_slip(value))


def test_a_typed_line_like_its_person_and_a_namesake_shares_its_evidence_between_them() -> None:
    import polars as pl

    from saylau.lists.audit.linkage import with_rivals

    def scored(rows: list[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
        frame = pl.DataFrame(rows, schema={"a": pl.Int64, "b": pl.Int64, "weight": pl.Float64},
                             orient="row")  # fmt: skip
        frame = frame.with_columns((1 / (1 + 2 ** -pl.col("weight"))).alias("score"))
        out = with_rivals(frame)
        return {(a, b): s for a, b, s in out.select("a", "b", "score").iter_rows()}

    # Line 1 typed; 2 its person (odds 2^10), 3 a namesake (2^8) who is not 2's person.
    alone = scored([(1, 2, 10.0), (1, 3, 8.0)])
    assert 0.75 < alone[(1, 2)] < 0.8  # 1024 / (1 + 1024 + 256)
    assert 0.19 < alone[(1, 3)] < 0.21  # the namesake no longer scores 0.996
    # Three lines of one person: each pair's third line is the other's person, no rival.
    trio = scored([(1, 2, 10.0), (1, 3, 10.0), (2, 3, 10.0)])
    assert all(s > 0.99 for s in trio.values())
