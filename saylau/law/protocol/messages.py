"""Messages of the protocol findings in Russian, Kazakh and English."""

from __future__ import annotations

from .model import Finding

MESSAGES: dict[str, dict[str, str]] = {
    "ballot_balance": {
        "en": "ballots received ({received}) differ from ballots issued + cancelled + spoiled ({accounted})",
        "ru": "получено бюллетеней ({received}) не равно сумме выданных, погашенных и испорченных ({accounted})",
        "kk": "алынған бюллетеньдер ({received}) берілген, жойылған және бүлінген бюллетеньдер сомасына ({accounted}) тең емес",
    },
    "issued_exceeds_lists": {
        "en": "ballots issued ({issued}) exceed the voters on the lists ({on_lists})",
        "ru": "выдано бюллетеней ({issued}) больше, чем избирателей в списках ({on_lists})",
        "kk": "берілген бюллетеньдер ({issued}) тізімдегі сайлаушылардан ({on_lists}) көп",
    },
    "absentee_exceeds_additional": {
        "en": "absentee-certificate voters ({absentee}) exceed the voters added to the list ({additional})",
        "ru": "проголосовавших по открепительным удостоверениям ({absentee}) больше, чем включённых в список дополнительно ({additional})",
        "kk": "сырттай дауыс беру куәлігімен дауыс бергендер ({absentee}) тізімге қосымша енгізілгендерден ({additional}) көп",
    },
    "absentee_exceeds_issued": {
        "en": "absentee-certificate voters ({absentee}) exceed the ballots issued in the premises ({issued})",
        "ru": "проголосовавших по открепительным удостоверениям ({absentee}) больше, чем выдано бюллетеней в помещении ({issued})",
        "kk": "сырттай дауыс беру куәлігімен дауыс бергендер ({absentee}) үй-жайда берілген бюллетеньдерден ({issued}) көп",
    },
    "boxes_exceed_issued": {
        "en": "ballots found in the boxes ({in_boxes}) exceed the ballots issued ({issued})",
        "ru": "в ящиках обнаружено бюллетеней ({in_boxes}) больше, чем выдано ({issued})",
        "kk": "жәшіктерден табылған бюллетеньдер ({in_boxes}) берілгеннен ({issued}) көп",
    },
    "ballots_not_returned": {
        "en": "{missing} of {issued} issued ballots were not found in the boxes",
        "ru": "{missing} из {issued} выданных бюллетеней не обнаружены в ящиках",
        "kk": "берілген {issued} бюллетеньнің {missing} жәшіктерден табылмады",
    },
    "portable_exceeds_outside": {
        "en": "ballots in the portable boxes ({portable}) exceed the ballots issued outside the premises ({outside})",
        "ru": "в переносных ящиках бюллетеней ({portable}) больше, чем выдано вне помещения ({outside})",
        "kk": "жылжымалы жәшіктердегі бюллетеньдер ({portable}) үй-жайдан тыс берілгендерден ({outside}) көп",
    },
    "outside_exceeds_applications": {
        "en": "ballots issued outside the premises ({outside}) exceed the written applications ({applications})",
        "ru": "выдано бюллетеней вне помещения ({outside}) больше, чем подано заявлений ({applications})",
        "kk": "үй-жайдан тыс берілген бюллетеньдер ({outside}) жазбаша өтініштерден ({applications}) көп",
    },
    "valid_vs_votes": {
        "en": 'valid ballots ({valid}) differ from the votes for all lines plus "against all" ({votes})',
        "ru": "действительных бюллетеней ({valid}) не равно сумме голосов и «против всех» ({votes})",
        "kk": "жарамды бюллетеньдер ({valid}) дауыстар мен «бәріне қарсымын» сомасына ({votes}) тең емес",
    },
    "valid_invalid_vs_boxes": {
        "en": "valid + invalid ballots ({counted}) differ from the ballots found in the boxes ({in_boxes})",
        "ru": "сумма действительных и недействительных бюллетеней ({counted}) не равна числу бюллетеней в ящиках ({in_boxes})",
        "kk": "жарамды және жарамсыз бюллетеньдер сомасы ({counted}) жәшіктердегі бюллетеньдер санына ({in_boxes}) тең емес",
    },
    "totals_mismatch": {
        "en": "line {line}: the stated total {total} differs from the sum of the parts {parts}",
        "ru": "строка {line}: итог {total} не равен сумме нижестоящих протоколов {parts}",
        "kk": "{line} жолы: көрсетілген қорытынды {total} төменгі хаттамалар сомасына {parts} тең емес",
    },
    "main_list_differs": {
        "en": "the protocol states {protocol} voters on the main list; the compiled list has {lists}",
        "ru": "в протоколе {protocol} избирателей в основном списке, в составленном списке {lists}",
        "kk": "хаттамада негізгі тізімде {protocol} сайлаушы, жасалған тізімде {lists}",
    },
    "additional_list_differs": {
        "en": "the protocol states {protocol} voters on the additional list; the list has {lists}",
        "ru": "в протоколе {protocol} избирателей в дополнительном списке, в списке {lists}",
        "kk": "хаттамада қосымша тізімде {protocol} сайлаушы, тізімде {lists}",
    },
    "no_vote_lines": {
        "en": "the protocol lists no party or candidate",
        "ru": "в протоколе нет ни одной партии или кандидата",
        "kk": "хаттамада бірде-бір партия немесе кандидат жоқ",
    },
}

SEVERITY_WORDS: dict[str, dict[str, str]] = {
    "error": {"en": "error", "ru": "ошибка", "kk": "қате"},
    "warning": {"en": "warning", "ru": "предупреждение", "kk": "ескерту"},
}


def render_finding(finding: Finding, lang: str = "en") -> str:
    """The finding's message in ``lang`` (``ru``, ``kk`` or ``en``; anything else: English)."""
    templates = MESSAGES[finding.code]
    return templates.get(lang, templates["en"]).format(**finding.params)
