"""Questions whose right answer ``saylau.law`` computes: no rule is copied here.

* control ratios: a scenario's missing protocol line, checked by ``saylau.law.protocol``
  (the completed protocol passes ``check_protocol``; each wrong option makes it fail);
* seats: ``saylau.law.seats.allocate`` on a small synthetic case (Art. 97);
* deadlines: ``saylau.law.calendar.election_calendar`` (only dates with a confirmed source).

Numbers are fixed by a seeded generator, so the bank is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import Any

from saylau.law.calendar import election_calendar
from saylau.law.protocol import Protocol, VoteLine, check_protocol
from saylau.law.seats import PartyVotes, SeatCase, allocate

from . import BankItem, Text

PROTOCOL_ARTICLE = "Election law Arts. 43, 44 p. 5; law-notes §4"


def scenario(rng: random.Random) -> Protocol:
    """A precinct protocol that adds up (every control ratio passes)."""
    voters = rng.randint(900, 2600)
    received = voters + voters // 100 + rng.randint(0, 5)
    premises = rng.randint(voters // 2, voters * 3 // 4)
    outside = rng.randint(5, 40)
    spoiled = rng.randint(1, 6)
    cancelled = received - premises - outside - spoiled
    portable = outside - rng.randint(0, 1)
    stationary = premises - rng.randint(0, 2)
    invalid = rng.randint(5, 30)
    valid = stationary + portable - invalid
    against = rng.randint(10, 40)
    a = (valid - against) * rng.randint(45, 60) // 100
    b = (valid - against - a) * rng.randint(40, 60) // 100
    c = valid - against - a - b
    p = Protocol(
        election="exercise",
        precinct_no=rng.randint(1, 400),
        voters_main_list=voters,
        voters_additional_list=rng.randint(3, 12),
        ballots_received=received,
        ballots_issued_premises=premises,
        ballots_issued_outside=outside,
        absentee_certificate_voters=rng.randint(0, 3),
        ballots_cancelled=cancelled,
        ballots_spoiled=spoiled,
        ballots_in_stationary_boxes=stationary,
        ballots_in_portable_boxes=portable,
        valid=valid,
        invalid=invalid,
        against_all=against,
        votes=(VoteLine("A", a), VoteLine("B", b), VoteLine("C", c)),
        outside_voting_applications=outside + rng.randint(0, 3),
    )
    assert not [f for f in check_protocol(p) if f.severity == "error"]  # noqa: S101
    return p


def _errors(p: Protocol) -> list[str]:
    return [f.code for f in check_protocol(p) if f.severity == "error"]


def _num_options(right: int, wrong: list[int], p: Protocol, field: str) -> tuple[Text, ...]:
    """The right number and three distinct wrong ones, each wrong one refused by the checks."""
    seen = {right}
    picked = [right]
    for w in [*wrong, right + 10, right - 10, right + 3, right - 3]:
        if w in seen or w < 0 or len(picked) == 4:
            continue
        changed: dict[str, Any] = {field: w}
        if field and not _errors(replace(p, **changed)):
            continue
        seen.add(w)
        picked.append(w)
    return tuple((str(n), str(n), str(n)) for n in picked)


def _cancelled_item(n: int, rng: random.Random) -> BankItem:
    p = scenario(rng)
    kk = (
        f"Учаске {p.ballots_received} бюллетень алды; үй-жайда {p.ballots_issued_premises}, "
        f"үй-жайдан тыс {p.ballots_issued_outside} бюллетень берілді; сайлаушылар "
        f"{p.ballots_spoiled} бюллетеньді бүлдірді (олар жойылды). Қанша пайдаланылмаған "
        "бюллетень өтелуі тиіс?"
    )
    ru = (
        f"Участок получил {p.ballots_received} бюллетеней; в помещении выдано "
        f"{p.ballots_issued_premises}, вне помещения {p.ballots_issued_outside}; избиратели "
        f"испортили {p.ballots_spoiled} (они погашены). Сколько неиспользованных бюллетеней "
        "надо погасить?"
    )
    en = (
        f"The precinct received {p.ballots_received} ballots; {p.ballots_issued_premises} were "
        f"issued in the premises and {p.ballots_issued_outside} outside; voters spoiled "
        f"{p.ballots_spoiled} (cancelled). How many unused ballots must be cancelled?"
    )
    right = p.ballots_cancelled
    wrong = [right + p.ballots_spoiled, right + p.ballots_issued_outside, right - p.ballots_spoiled]
    return BankItem(
        f"CR-CANCEL-{n}",
        "control_ratios",
        2,
        PROTOCOL_ARTICLE,
        (kk, ru, en),
        _num_options(right, wrong, p, "ballots_cancelled"),
    )


def _invalid_item(n: int, rng: random.Random) -> BankItem:
    p = scenario(rng)
    kk = (
        f"Тұрақты жәшіктерден {p.ballots_in_stationary_boxes}, жылжымалы жәшіктерден "
        f"{p.ballots_in_portable_boxes} бюллетень табылды; жарамды бюллетеньдер {p.valid}. "
        "Хаттамаға қанша жарамсыз бюллетень жазылады?"
    )
    ru = (
        f"В стационарных ящиках обнаружено {p.ballots_in_stationary_boxes} бюллетеней, в "
        f"переносных {p.ballots_in_portable_boxes}; действительных {p.valid}. Сколько "
        "недействительных бюллетеней вносится в протокол?"
    )
    en = (
        f"The stationary boxes held {p.ballots_in_stationary_boxes} ballots and the portable "
        f"boxes {p.ballots_in_portable_boxes}; {p.valid} are valid. How many invalid ballots "
        "go into the protocol?"
    )
    right = p.invalid
    wrong = [right + p.ballots_in_portable_boxes, right - p.ballots_in_portable_boxes, right + 1]
    return BankItem(
        f"CR-INVALID-{n}",
        "control_ratios",
        2,
        PROTOCOL_ARTICLE,
        (kk, ru, en),
        _num_options(right, wrong, p, "invalid"),
    )


def _valid_item(n: int, rng: random.Random) -> BankItem:
    p = scenario(rng)
    a, b, c = (v.votes for v in p.votes)
    kk = (
        f"«А» партиясына {a}, «Б» партиясына {b}, «В» партиясына {c} дауыс берілді, "
        f"«бәріне қарсымын» деп {p.against_all} бюллетень белгіленді. Хаттамадағы жарамды "
        "бюллетеньдер саны қанша болуы тиіс?"
    )
    ru = (
        f"За партию «А» подано {a} голосов, за «Б» {b}, за «В» {c}, «против всех» отмечено "
        f"{p.against_all} бюллетеней. Сколько действительных бюллетеней должно быть в протоколе?"
    )
    en = (
        f"Party A got {a} votes, B {b}, C {c}, and {p.against_all} ballots were marked "
        '"against all". How many valid ballots must the protocol show?'
    )
    right = p.valid
    wrong = [right - p.against_all, right + p.invalid, right - c]
    return BankItem(
        f"CR-VALID-{n}",
        "control_ratios",
        1 if n == 1 else 2,
        PROTOCOL_ARTICLE,
        (kk, ru, en),
        _num_options(right, wrong, p, "valid"),
    )


def _received_item(n: int, rng: random.Random) -> BankItem:
    p = scenario(rng)
    kk = (
        f"Үй-жайда {p.ballots_issued_premises}, үй-жайдан тыс {p.ballots_issued_outside} "
        f"бюллетень берілді, {p.ballots_spoiled} бүлінген және {p.ballots_cancelled} "
        "пайдаланылмаған бюллетень өтелді. Учаске қанша бюллетень алған болуы тиіс?"
    )
    ru = (
        f"В помещении выдано {p.ballots_issued_premises} бюллетеней, вне помещения "
        f"{p.ballots_issued_outside}; погашено {p.ballots_spoiled} испорченных и "
        f"{p.ballots_cancelled} неиспользованных. Сколько бюллетеней должен был получить участок?"
    )
    en = (
        f"{p.ballots_issued_premises} ballots were issued in the premises and "
        f"{p.ballots_issued_outside} outside; {p.ballots_spoiled} spoiled and "
        f"{p.ballots_cancelled} unused ballots were cancelled. How many ballots must the "
        "precinct have received?"
    )
    right = p.ballots_received
    wrong = [right - p.ballots_spoiled, right - p.ballots_issued_outside, right + p.ballots_spoiled]
    return BankItem(
        f"CR-RECEIVED-{n}",
        "control_ratios",
        3,
        PROTOCOL_ARTICLE,
        (kk, ru, en),
        _num_options(right, wrong, p, "ballots_received"),
    )


def control_ratio_items() -> list[BankItem]:
    rng = random.Random(17)  # noqa: S311  (fixed synthetic numbers, not a secret)
    out: list[BankItem] = []
    for n in (1, 2, 3):
        out += [_cancelled_item(n, rng), _invalid_item(n, rng), _valid_item(n, rng)]
    out += [_received_item(n, rng) for n in (1, 2)]
    return out


SEAT_ARTICLE = "Election law Art. 97 pp. 1, 3, 4"
PARTY_NAMES = ("A", "B", "C", "D", "E")


def _seat_item(n: int, rng: random.Random) -> BankItem:
    seats = rng.choice([7, 9, 10, 11, 12])
    while True:
        votes = sorted((rng.randint(200, 6000) for _ in PARTY_NAMES), reverse=True)
        case = SeatCase(
            body="mazhilis",
            day=dt.date(2023, 3, 19),
            seats=seats,
            parties=tuple(
                PartyVotes(name, v, i + 1)
                for i, (name, v) in enumerate(zip(PARTY_NAMES, votes, strict=True))
            ),
        )
        result = allocate(case)
        if result.undecided:
            continue
        won = [p for p in PARTY_NAMES if result.seats.get(p, 0) > 0]
        if len(won) >= 3:
            break
    ask = won[1 + n % 2]
    right = result.seats[ask]
    table = ", ".join(f"{p}: {v}" for p, v in zip(PARTY_NAMES, votes, strict=True))
    kk = (
        f"{seats} мандат бөлінеді (5 пайыздық шек, қалдықтардың ең үлкені әдісі). Дауыстар: {table}. "
        f"«{ask}» партиясы неше мандат алады?"
    )
    ru = (
        f"Распределяется {seats} мандатов (барьер 5 процентов, метод наибольшего остатка). "
        f"Голоса: {table}. Сколько мандатов получит партия «{ask}»?"
    )
    en = (
        f"{seats} seats are distributed (5 per cent threshold, largest remainder). Votes: "
        f"{table}. How many seats does party {ask} get?"
    )
    # Four consecutive numbers with the right one at a random place among them, so that
    # "pick the middle value" does not pay.
    low = max(0, right - rng.randrange(4))
    options = [right] + [w for w in range(low, low + 4) if w != right]
    return BankItem(
        f"SEATS-{n}",
        "seats",
        3,
        SEAT_ARTICLE,
        (kk, ru, en),
        tuple((str(o), str(o), str(o)) for o in options),
    )


def seat_items() -> list[BankItem]:
    rng = random.Random(97)  # noqa: S311
    return [_seat_item(n, rng) for n in range(1, 5)]


#: calendar code -> (question kk, ru, en); only dates whose source the calendar confirms.
#: Left out: ``lists_to_precincts`` (its own source says 26 February for 19 March, one day off
#: the 20-day rule) and the absentee hand-over to lower commissions (same counting question).
DEADLINE_QUESTIONS: dict[str, tuple[str, str, str]] = {
    "public_review": (
        "Сайлау {day} өтеді. Қарапайым учаскелерде тізімдер танысу үшін қай күннен бастап ұсынылады?",
        "Выборы {day}. С какого дня списки на обычных участках представляются для ознакомления?",
        "Election day is {day}. From which day are the lists of ordinary precincts open to review?",
    ),
    "public_review_special": (
        "Сайлау {day} өтеді. Ерекше учаскелерде тізімдер танысу үшін қай күннен бастап ұсынылады?",
        "Выборы {day}. С какого дня списки на особых участках представляются для ознакомления?",
        "Election day is {day}. From which day are the lists of special precincts open to review?",
    ),
    "absentee_to_precincts": (
        "Сайлау {day} өтеді. Сырттай дауыс беру куәліктері учаскелік комиссияларға қай күнге дейін берілуі тиіс?",
        "Выборы {day}. До какого дня открепительные удостоверения передаются участковым комиссиям?",
        "Election day is {day}. By which day are absentee certificates passed to the precinct commissions?",
    ),
    "results_published_maslikhat": (
        "Мәслихат сайлауы {day} өтті. Аумақтық комиссия нәтижелерді кешіктірмей қай күні жариялайды?",
        "Выборы в маслихат прошли {day}. Не позднее какого дня территориальная комиссия публикует итоги?",
        "A maslikhat election was held on {day}. By which day does the territorial commission publish the results?",
    ),
}
DEADLINE_TOPIC = {"absentee_to_precincts": "absentee"}
ELECTION_DAYS = (dt.date(2023, 3, 19), dt.date(2027, 3, 21), dt.date(2026, 10, 4))


def deadline_items() -> list[BankItem]:
    out: list[BankItem] = []
    for n, day in enumerate(ELECTION_DAYS, start=1):
        calendar = {d.code: d for d in election_calendar("maslikhat", day)}
        for code, texts in DEADLINE_QUESTIONS.items():
            deadline = calendar[code]
            if deadline.unconfirmed:
                continue
            shown = f"{day:%d.%m.%Y}"
            # Wrong dates a week or more away: a day's difference would only test how
            # "no later than N days before" is counted, which the notes do not settle.
            # Four dates a week apart with the right one at a random place among them.
            rng = random.Random(f"{code}-{n}")  # noqa: S311
            weeks = [deadline.on + dt.timedelta(days=7 * k) for k in range(-3, 4)]
            if deadline.on < day:
                weeks = [d for d in weeks if d < day]
            at = weeks.index(deadline.on)
            starts = [i for i in range(len(weeks) - 3) if i <= at < i + 4]
            start = rng.choice(starts)
            dates = [deadline.on, *[d for d in weeks[start : start + 4] if d != deadline.on]]
            out.append(
                BankItem(
                    f"DL-{code.upper()}-{n}",
                    DEADLINE_TOPIC.get(code, "deadlines"),
                    2 if code.startswith("public_review") else 3,
                    deadline.article,
                    (
                        texts[0].format(day=shown),
                        texts[1].format(day=shown),
                        texts[2].format(day=shown),
                    ),
                    tuple((f"{d:%d.%m.%Y}",) * 3 for d in dates),
                )
            )
    return out


def computed_items() -> list[BankItem]:
    return [*control_ratio_items(), *seat_items(), *deadline_items()]
