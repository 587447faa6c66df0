"""The election-day exercise: scenarios of a precinct's day, and grading of the protocol the
trainee fills from one.

The control ratios are those of ``saylau.law.protocol`` (imported, never copied): a filled
protocol is read by ``protocol_from_dict`` and checked by ``check_protocol``. On top, every
line is compared with what the scenario's events give, because some mistakes (a correction
left out, votes put on the wrong list) keep the ratios intact: that is the lesson of the
third scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saylau.law.protocol import (
    COUNT_FIELDS,
    Finding,
    ProtocolError,
    check_protocol,
    protocol_from_dict,
)

Text = tuple[str, str, str]  # kk, ru, en
PARTIES = ("A", "B", "C")
#: How the scenarios name the parties (kk, ru, en): "А - 400, Б - 200, В - 80" in Cyrillic, so
#: the form's lines must say А, Б, В too (a Latin "C" beside a Cyrillic "В" is another party).
PARTY_NAMES: dict[str, Text] = {"A": ("А", "А", "A"), "B": ("Б", "Б", "B"), "C": ("В", "В", "C")}
LINES = (*COUNT_FIELDS, "outside_voting_applications")

#: line -> (kk, ru, en) labels for the form
LINE_LABELS: dict[str, Text] = {
    "voters_main_list": (
        "Негізгі тізімдегі сайлаушылар",
        "Избирателей в основном списке",
        "Voters on the main list",
    ),
    "voters_additional_list": (
        "Қосымша тізімге енгізілгендер",
        "Включено в дополнительный список",
        "Voters added to the additional list",
    ),
    "ballots_received": ("Алынған бюллетеньдер", "Получено бюллетеней", "Ballots received"),
    "ballots_issued_premises": (
        "Үй-жайда берілген бюллетеньдер",
        "Выдано бюллетеней в помещении",
        "Ballots issued in the premises",
    ),
    "ballots_issued_outside": (
        "Үй-жайдан тыс берілген бюллетеньдер",
        "Выдано бюллетеней вне помещения",
        "Ballots issued outside the premises",
    ),
    "absentee_certificate_voters": (
        "Сырттай дауыс беру куәлігімен дауыс бергендер",
        "Проголосовало по открепительным удостоверениям",
        "Voters with absentee certificates",
    ),
    "ballots_cancelled": (
        "Өтелген пайдаланылмаған бюллетеньдер",
        "Погашено неиспользованных бюллетеней",
        "Unused ballots cancelled",
    ),
    "ballots_spoiled": (
        "Бүлінген және өтелген бюллетеньдер",
        "Испорченных и погашенных бюллетеней",
        "Spoiled ballots cancelled",
    ),
    "ballots_in_stationary_boxes": (
        "Тұрақты жәшіктердегі бюллетеньдер",
        "Бюллетеней в стационарных ящиках",
        "Ballots in the stationary boxes",
    ),
    "ballots_in_portable_boxes": (
        "Жылжымалы жәшіктердегі бюллетеньдер",
        "Бюллетеней в переносных ящиках",
        "Ballots in the portable boxes",
    ),
    "valid": ("Жарамды бюллетеньдер", "Действительных бюллетеней", "Valid ballots"),
    "invalid": ("Жарамсыз бюллетеньдер", "Недействительных бюллетеней", "Invalid ballots"),
    "against_all": ("«Бәріне қарсымын»", "«Против всех»", '"Against all"'),
    "outside_voting_applications": (
        "Үй-жайдан тыс дауыс беруге өтініштер",
        "Заявлений о голосовании вне помещения",
        "Applications to vote outside the premises",
    ),
}


@dataclass(frozen=True)
class Scenario:
    code: str
    title: Text
    story: Text
    #: the protocol the events give: every line of ``LINES`` and ``votes`` per party
    expected: dict[str, int]
    votes: dict[str, int]
    traps: Text


SCENARIOS: dict[str, Scenario] = {
    s.code: s
    for s in (
        Scenario(
            "spoiled",
            ("Бүлінген бюллетень", "Испорченный бюллетень", "A spoiled ballot"),
            (
                "Учаске 1 215 бюллетень алды. Негізгі тізімде 1 200 сайлаушы; сайлау күні қосымша тізімге 4 сайлаушы енгізілді, оның 2-еуі сырттай дауыс беру куәлігімен келді. Үй-жайда 702 сайлаушы бюллетень алып, тізімге қол қойды. Бір сайлаушы бюллетенін бүлдіріп, оны қайтарып, жаңасын алды (702-нің ішінде ол бір рет есептелген). Дауыс беру аяқталғаннан кейін 512 пайдаланылмаған бюллетень саналып, өтелді. Үй-жайдан тыс дауыс беру болған жоқ. Тұрақты жәшіктен 701 бюллетень шықты, оның 11-і жарамсыз. Дауыстар: А - 400, Б - 200, В - 80, «бәріне қарсымын» - 10.",
                "Участок получил 1 215 бюллетеней. В основном списке 1 200 избирателей; в день выборов в дополнительный список включены 4 избирателя, двое из них пришли с открепительными удостоверениями. В помещении 702 избирателя получили бюллетени и расписались в списке. Одна избирательница испортила бюллетень, вернула его и получила новый (в 702 она учтена один раз). После окончания голосования подсчитано и погашено 512 неиспользованных бюллетеней. Голосования вне помещения не было. В стационарном ящике 701 бюллетень, из них 11 недействительных. Голоса: А - 400, Б - 200, В - 80, «против всех» - 10.",
                "The precinct received 1,215 ballots. The main list has 1,200 voters; 4 voters were added on election day, 2 of them with absentee certificates. 702 voters received ballots in the premises and signed the list. One voter spoiled her ballot, returned it and got a new one (she is counted once in the 702). After voting, 512 unused ballots were counted and cancelled. There was no voting outside the premises. The stationary box held 701 ballots, 11 of them invalid. Votes: A 400, B 200, C 80, against all 10.",
            ),
            {
                "voters_main_list": 1200,
                "voters_additional_list": 4,
                "ballots_received": 1215,
                "ballots_issued_premises": 702,
                "ballots_issued_outside": 0,
                "absentee_certificate_voters": 2,
                "ballots_cancelled": 512,
                "ballots_spoiled": 1,
                "ballots_in_stationary_boxes": 701,
                "ballots_in_portable_boxes": 0,
                "valid": 690,
                "invalid": 11,
                "against_all": 10,
                "outside_voting_applications": 0,
            },
            {"A": 400, "B": 200, "C": 80},
            (
                "Бүлінген бюллетень берілгендерге емес, бөлек жолға жазылады; бір бюллетень жәшікке түспеді.",
                "Испорченный бюллетень пишется отдельной строкой, не в выданные; один бюллетень в ящик не попал.",
                "The spoiled ballot has its own line, not among the issued; one ballot never reached the box.",
            ),
        ),
        Scenario(
            "home",
            ("Үйде дауыс беру", "Голосование на дому", "Voting at home"),
            (
                "Учаске 960 бюллетень алды; негізгі тізімде 950 сайлаушы, қосымша тізім бос. Үй-жайдан тыс дауыс беруге 12 жазбаша өтініш түсті. Комиссияның екі мүшесі жылжымалы жәшікпен 12 бюллетень алып шықты: 11 сайлаушы дауыс берді, біреуі үйде болмады, оның бюллетені қайтарылып, пайдаланылмағандармен бірге өтелді. Үй-жайда 600 бюллетень берілді. Барлығы 349 пайдаланылмаған бюллетень өтелді. Тұрақты жәшікте 600, жылжымалы жәшікте 11 бюллетень; 9-ы жарамсыз. Дауыстар: А - 300, Б - 250, В - 40, «бәріне қарсымын» - 12.",
                "Участок получил 960 бюллетеней; в основном списке 950 избирателей, дополнительный список пуст. Поступило 12 письменных заявлений о голосовании вне помещения. Два члена комиссии выехали с переносным ящиком и 12 бюллетенями: 11 избирателей проголосовали, одного не оказалось дома, его бюллетень возвращён и погашен вместе с неиспользованными. В помещении выдано 600 бюллетеней. Всего погашено 349 неиспользованных бюллетеней. В стационарном ящике 600, в переносном 11 бюллетеней; 9 недействительных. Голоса: А - 300, Б - 250, В - 40, «против всех» - 12.",
                "The precinct received 960 ballots; 950 voters on the main list, none added. 12 written applications to vote outside the premises came in. Two members took the portable box and 12 ballots: 11 voters voted, one was not at home and that ballot was brought back and cancelled with the unused ones. 600 ballots were issued in the premises. In all, 349 unused ballots were cancelled. The stationary box held 600 ballots and the portable box 11; 9 were invalid. Votes: A 300, B 250, C 40, against all 12.",
            ),
            {
                "voters_main_list": 950,
                "voters_additional_list": 0,
                "ballots_received": 960,
                "ballots_issued_premises": 600,
                "ballots_issued_outside": 11,
                "absentee_certificate_voters": 0,
                "ballots_cancelled": 349,
                "ballots_spoiled": 0,
                "ballots_in_stationary_boxes": 600,
                "ballots_in_portable_boxes": 11,
                "valid": 602,
                "invalid": 9,
                "against_all": 12,
                "outside_voting_applications": 12,
            },
            {"A": 300, "B": 250, "C": 40},
            (
                "Үй-жайдан тыс берілгендер - сайлаушылар алған 11 бюллетень, алып шыққан 12 емес.",
                "Выдано вне помещения 11 бюллетеней, полученных избирателями, а не 12 взятых с собой.",
                "Issued outside are the 11 ballots voters received, not the 12 taken along.",
            ),
        ),
        Scenario(
            "correction",
            ("Санаудағы түзету", "Исправление при подсчёте", "A correction in the count"),
            (
                "Учаске 1 515 бюллетень алды; негізгі тізімде 1 500, қосымша тізімде 6 сайлаушы (сырттай куәлікпен ешкім келген жоқ). Үй-жайда 980, үй-жайдан тыс 5 бюллетень берілді (5 өтініш бойынша); 2 бүлінген бюллетень өтелді; 528 пайдаланылмаған бюллетень өтелді. Тұрақты жәшікте 979, жылжымалы жәшікте 5 бюллетень; 20-сы жарамсыз. Алғашқы санау: А - 527, Б - 303, В - 120, «бәріне қарсымын» - 14. Бақылаушының өтініші бойынша қайта санағанда А үйіндісіндегі 7 бюллетень Б үшін екені анықталды.",
                "Участок получил 1 515 бюллетеней; в основном списке 1 500, в дополнительном 6 избирателей (с открепительными никто не пришёл). В помещении выдано 980, вне помещения 5 бюллетеней (по 5 заявлениям); погашено 2 испорченных и 528 неиспользованных бюллетеней. В стационарном ящике 979, в переносном 5 бюллетеней; 20 недействительных. Первый подсчёт: А - 527, Б - 303, В - 120, «против всех» - 14. При пересчёте по просьбе наблюдателя выяснилось, что 7 бюллетеней в пачке А поданы за Б.",
                "The precinct received 1,515 ballots; 1,500 voters on the main list and 6 added (none with an absentee certificate). 980 ballots were issued in the premises and 5 outside (on 5 applications); 2 spoiled and 528 unused ballots were cancelled. The stationary box held 979 ballots and the portable box 5; 20 were invalid. First count: A 527, B 303, C 120, against all 14. A recount asked for by an observer found that 7 ballots in A's pile were for B.",
            ),
            {
                "voters_main_list": 1500,
                "voters_additional_list": 6,
                "ballots_received": 1515,
                "ballots_issued_premises": 980,
                "ballots_issued_outside": 5,
                "absentee_certificate_voters": 0,
                "ballots_cancelled": 528,
                "ballots_spoiled": 2,
                "ballots_in_stationary_boxes": 979,
                "ballots_in_portable_boxes": 5,
                "valid": 964,
                "invalid": 20,
                "against_all": 14,
                "outside_voting_applications": 5,
            },
            {"A": 520, "B": 310, "C": 120},
            (
                "Бақылау арақатынастары түзетусіз де орындалады: дауыстар қайта санаудан кейінгі болуы тиіс.",
                "Контрольные соотношения выполняются и без исправления: голоса должны быть после пересчёта.",
                "The control ratios hold even without the correction: the votes must be those after the recount.",
            ),
        ),
    )
}


def text_in(texts: Text, language: str) -> str:
    return texts[{"kk": 0, "ru": 1}.get(language[:2], 2)]


@dataclass(frozen=True)
class Grade:
    findings: tuple[Finding, ...]
    wrong_lines: tuple[str, ...]
    score: int
    max_score: int
    error: str = ""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def grade(
    scenario: Scenario, lines: dict[str, Any], *, pass_percent: int = 100
) -> tuple[Grade, bool]:
    """Read the filled protocol with ``saylau.law.protocol``, run its control ratios, and
    compare every line with the scenario. Passed: no control-ratio error and at least
    ``pass_percent`` of the lines right."""
    data = {
        "election": "exercise",
        "precinct_no": 1,
        **{k: lines.get(k) for k in LINES},
        "votes": [{"code": p, "votes": lines.get(f"votes_{p}")} for p in PARTIES],
    }
    max_score = len(LINES) + len(PARTIES)
    try:
        protocol = protocol_from_dict(data, source=scenario.code)
    except ProtocolError as exc:
        return Grade((), (exc.field,), 0, max_score, error=str(exc)), False
    wrong = [k for k in LINES if lines.get(k) != scenario.expected[k]]
    wrong += [f"votes_{p}" for p in PARTIES if lines.get(f"votes_{p}") != scenario.votes[p]]
    findings = tuple(check_protocol(protocol))
    score = max_score - len(wrong)
    result = Grade(findings, tuple(wrong), score, max_score)
    passed = not result.errors and score * 100 >= pass_percent * max_score
    return result, passed
