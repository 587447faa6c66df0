"""Why a person may not vote or stand: the :class:`Reason` value and its words in ru/kk/en."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _as_date(value: str | int) -> str | int:
    """An ISO date as DD.MM.YYYY; anything else as it is."""
    if isinstance(value, str) and (m := _ISO_DATE.fullmatch(value)):
        return f"{m[3]}.{m[2]}.{m[1]}"
    return value


@dataclass(frozen=True)
class Reason:
    """Why a person may not vote or stand: a stable ``code``, the rule, and the numbers.

    ``rule`` names the article (or the law-notes section) an official reads; reasons are for
    officials and the person concerned, never for the public lookup (death, court and prison
    are nobody else's business).
    """

    code: str
    rule: str
    params: dict[str, str | int] = field(default_factory=dict)

    def message(self, lang: str = "ru") -> str:
        """The reason for people, in ``ru``, ``kk`` or ``en``.

        Dates read as people write them (the params keep ISO dates for machines):

        >>> Reason("under_age", "Art. 4", {"turns_18_on": "2023-03-20"}).message("kk")
        '18 жасқа 20.03.2023 толады'
        """
        templates = REASON_MESSAGES[self.code]
        params = {k: _as_date(v) for k, v in self.params.items()}
        return templates.get(lang, templates["en"]).format(**params)


REASON_MESSAGES: dict[str, dict[str, str]] = {
    "not_citizen": {
        "en": "not a citizen of Kazakhstan",
        "ru": "не является гражданином Республики Казахстан",
        "kk": "Қазақстан Республикасының азаматы емес",
    },
    "not_born": {
        "en": "born after election day",
        "ru": "родился после дня выборов",
        "kk": "сайлау күнінен кейін туған",
    },
    "under_age": {
        "en": "turns 18 on {turns_18_on}",
        "ru": "исполняется 18 лет {turns_18_on}",
        "kk": "18 жасқа {turns_18_on} толады",
    },
    "deceased": {
        "en": "died on {died_on}",
        "ru": "умер {died_on}",
        "kk": "{died_on} қайтыс болған",
    },
    "declared_incapable": {
        "en": "declared incapable by a court",
        "ru": "признан судом недееспособным",
        "kk": "сот әрекетке қабілетсіз деп таныған",
    },
    "imprisoned_by_sentence": {
        "en": "held in a place of deprivation of liberty by a court sentence",
        "ru": "содержится в местах лишения свободы по приговору суда",
        "kk": "сот үкімі бойынша бас бостандығынан айыру орындарында ұсталуда",
    },
    "birth_date_unknown": {
        "en": "the register holds no date of birth",
        "ru": "в регистре нет даты рождения",
        "kk": "тіркелімде туған күні жоқ",
    },
    "not_in_register": {
        "en": "the IIN is not in the register of individuals",
        "ru": "ИИН нет в регистре физических лиц",
        "kk": "ЖСН жеке тұлғалар тіркелімінде жоқ",
    },
    "no_registered_residence": {
        "en": "no registered residence in a precinct (the voter applies to the akimat)",
        "ru": "нет регистрации по месту жительства на участке (избиратель обращается в акимат)",
        "kk": "учаскеде тұрғылықты жері бойынша тіркеуі жоқ (сайлаушы әкімдікке жүгінеді)",
    },
    "on_another_list": {
        "en": "already on the list of precinct {precinct}",
        "ru": "уже включён в список участка {precinct}",
        "kk": "{precinct} учаскесінің тізіміне енгізілген",
    },
    "under_candidate_age": {
        "en": "a candidate must be {min_age}; reaches that age on {reaches_on}",
        "ru": "кандидат должен достичь {min_age} лет; достигает {reaches_on}",
        "kk": "кандидат {min_age} жасқа толуы керек; {reaches_on} толады",
    },
    "residence_too_short": {
        "en": "{years} years of residence in Kazakhstan, {required_years} required",
        "ru": "проживает в Казахстане {years} лет из требуемых {required_years}",
        "kk": "Қазақстанда {years} жыл тұрады, {required_years} жыл талап етіледі",
    },
    "already_candidate": {
        "en": "already a candidate in this election",
        "ru": "уже является кандидатом на этих выборах",
        "kk": "осы сайлауда кандидат болып тіркелген",
    },
}
