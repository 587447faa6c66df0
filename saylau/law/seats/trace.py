"""The allocation trace a commission could print, in Russian, Kazakh and English.

Every :class:`~.allocate.Step` has a template per language here; numbers are printed exactly
(``p/q``) with a decimal approximation, percentages with two decimals rounded half up. How the
digits are written (the thousands separator, the decimal sign) is the caller's
:class:`Numerals`: plain digits by default, each language's conventions where people read it
(the web layer passes those of ``saylau.web.core.formats``: "17 735,6471" in Kazakh and
Russian, "17,735.6471" in English).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .allocate import Allocation, Step, StepParam
from .rules import UNCONFIRMED

LANGS = ("ru", "kk", "en")

TEMPLATES: dict[str, dict[str, str]] = {
    # The rule set by its title, not its code: the trace is printed in official documents.
    "rules": {
        "en": "Rules applied: {title}.",
        "ru": "Применяемые правила: {title}.",
        "kk": "Қолданылатын ережелер: {title}.",
    },
    "against_all_not_in_rules": {
        "en": '"Against all" ({against_all}) is not a line under this rule set: ignored.',
        "ru": "Графы «против всех» ({against_all}) нет в этих правилах: не учитывается.",
        "kk": "Бұл ережелерде «бәріне қарсымын» жолы ({against_all}) жоқ: ескерілмейді.",
    },
    "base_percent": {
        "en": "Only published percentages are given: the threshold is checked on them and the "
        "quota divides them.",
        "ru": "Даны только опубликованные проценты: порог проверяется по ним, квота делит их.",
        "kk": "Тек жарияланған пайыздар берілген: шек солар бойынша тексеріледі, квота соларды бөледі.",
    },
    "base_party_votes": {
        "en": "Percent base: votes for all party lists = {base}.",
        "ru": "База для процентов: голоса за все партийные списки = {base}.",
        "kk": "Пайыз негізі: барлық партиялық тізімдерге берілген дауыстар = {base}.",
    },
    "base_with_against_all": {
        "en": 'Percent base: votes for party lists {party_votes} + "against all" {against_all} '
        "= {base}.",
        "ru": "База для процентов: голоса за партийные списки {party_votes} + «против всех» "
        "{against_all} = {base}.",
        "kk": "Пайыз негізі: партиялық тізімдерге дауыстар {party_votes} + «бәріне қарсымын» "
        "{against_all} = {base}.",
    },
    "threshold_pass": {
        "en": "{party}: {weight} votes, {share} ≥ {threshold}: admitted.",
        "ru": "{party}: голосов — {weight}, {share} ≥ {threshold}: допущена к распределению.",
        "kk": "{party}: {weight} дауыс, {share} ≥ {threshold}: бөлуге жіберілді.",
    },
    "threshold_fail": {
        "en": "{party}: {weight} votes, {share} < {threshold}: not admitted.",
        "ru": "{party}: голосов — {weight}, {share} < {threshold}: не допущена.",
        "kk": "{party}: {weight} дауыс, {share} < {threshold}: жіберілмеді.",
    },
    "threshold_pass_pct": {
        "en": "{party}: {share} ≥ {threshold}: admitted.",
        "ru": "{party}: {share} ≥ {threshold}: допущена к распределению.",
        "kk": "{party}: {share} ≥ {threshold}: бөлуге жіберілді.",
    },
    "threshold_fail_pct": {
        "en": "{party}: {share} < {threshold}: not admitted.",
        "ru": "{party}: {share} < {threshold}: не допущена.",
        "kk": "{party}: {share} < {threshold}: жіберілмеді.",
    },
    "percent_rounding": {
        "en": "Published shares are rounded (off by up to {error} points): outcomes that the "
        "rounding could change are reported undecided.",
        "ru": "Опубликованные доли округлены (погрешность до {error} п. п.): итоги, которые "
        "округление могло бы изменить, помечаются как нерешённые.",
        "kk": "Жарияланған үлестер дөңгелектенген ({error} тармаққа дейін ауытқу): "
        "дөңгелектеу өзгерте алатын нәтижелер шешілмеген деп белгіленеді.",
    },
    "sole_party": {
        "en": "Only {party} passed the threshold: it alone takes part in the distribution.",
        "ru": "Порог преодолела только {party}: она одна участвует в распределении.",
        "kk": "Шектен тек {party} өтті: бөлуге жалғыз өзі қатысады.",
    },
    "runner_up_admitted": {
        "en": "Only one party passed the threshold: {party}, next by votes, is admitted too "
        "(Art. 97 p. 2 as amended in 2009).",
        "ru": "Порог преодолела одна партия: {party}, следующая по числу голосов, также "
        "допускается (п. 2 ст. 97 в редакции 2009 г.).",
        "kk": "Шектен бір ғана партия өтті: дауыс саны бойынша келесі {party} да жіберіледі "
        "(2009 жылғы редакциядағы 97-баптың 2-тармағы).",
    },
    "quota": {
        "en": "Quota: {total} votes of the admitted parties / {seats} seats = {quota}.",
        "ru": "Избирательная квота: голоса допущенных партий {total} / число мандатов {seats} "
        "= {quota}.",
        "kk": "Сайлау квотасы: жіберілген партиялардың {total} дауысы / {seats} мандат = {quota}.",
    },
    "runner_up_coefficient": {
        "en": "{party}: quotient {quotient} × correction index {coefficient} = {corrected} "
        "(UNCONFIRMED use of the index).",
        "ru": "{party}: частное {quotient} × поправочный коэффициент {coefficient} = {corrected} "
        "(применение коэффициента НЕ ПОДТВЕРЖДЕНО).",
        "kk": "{party}: бөлінді {quotient} × түзету коэффициенті {coefficient} = {corrected} "
        "(коэффициентті қолдану РАСТАЛМАҒАН).",
    },
    "whole_seats_votes": {
        "en": "{party}: {votes} ÷ {quota_approx} ≈ {quotient_approx} → whole seats: {whole}, "
        "remainder {remainder}.",
        "ru": "{party}: {votes} ÷ {quota_approx} ≈ {quotient_approx} → мандатов по целой части: "
        "{whole}, остаток {remainder}.",
        "kk": "{party}: {votes} ÷ {quota_approx} ≈ {quotient_approx} → бүтін бөлігі бойынша "
        "{whole} мандат, қалдық {remainder}.",
    },
    "whole_seats": {
        "en": "{party}: {quotient} → whole seats: {whole}, remainder {remainder}.",
        "ru": "{party}: {quotient} → мандатов по целой части: {whole}, остаток {remainder}.",
        "kk": "{party}: {quotient} → бүтін бөлігі бойынша {whole} мандат, қалдық {remainder}.",
    },
    "runner_up_minimum": {
        "en": "{party} receives {seats} more seats to reach the configured minimum (UNCONFIRMED).",
        "ru": "{party}: дополнительно мандатов до заданного минимума: {seats} (НЕ ПОДТВЕРЖДЕНО).",
        "kk": "{party} белгіленген ең аз санға жету үшін тағы {seats} мандат алады (РАСТАЛМАҒАН).",
    },
    "tie_registration_order": {
        "en": "Equal remainders {remainder}: {winners} before {losers} (list registered earlier).",
        "ru": "Равные остатки {remainder}: {winners} перед {losers} (список зарегистрирован "
        "раньше).",
        "kk": "Тең қалдықтар {remainder}: {winners} {losers} алдында (тізімі ертерек тіркелген).",
    },
    "remainder_seat": {
        "en": "One remaining seat to {party} (remainder {remainder}).",
        "ru": "Один оставшийся мандат — {party} (остаток {remainder}).",
        "kk": "Қалған бір мандат — {party} (қалдық {remainder}).",
    },
    "undecided": {
        "en": "UNDECIDED: {seats} seats between {between} — {reason}. None of them is assigned.",
        "ru": "НЕ РЕШЕНО: число мандатов {seats}, между {between} — {reason}. Ни один из них не "
        "распределён.",
        "kk": "ШЕШІЛМЕДІ: {between} арасында {seats} мандат — {reason}. Олардың ешқайсысы "
        "бөлінбеді.",
    },
    "unconfirmed": {
        "en": "UNCONFIRMED: {point}.",
        "ru": "НЕ ПОДТВЕРЖДЕНО: {point}.",
        "kk": "РАСТАЛМАҒАН: {point}.",
    },
    "result": {
        "en": "Result: {seats}.",
        "ru": "Итог: {seats}.",
        "kk": "Қорытынды: {seats}.",
    },
}

REASONS: dict[str, dict[str, str]] = {
    "no_party_passes": {
        "en": "no party passed the threshold and the law as known does not say what follows",
        "ru": "ни одна партия не преодолела порог, а известный текст закона не говорит, что дальше",
        "kk": "бірде-бір партия шектен өтпеді, ал заңның белгілі мәтіні одан әрі не болатынын айтпайды",
    },
    "no_votes": {
        "en": "no votes were cast for any party",
        "ru": "ни за одну партию не подано голосов",
        "kk": "бірде-бір партияға дауыс берілмеді",
    },
    "runner_up_tie": {
        "en": "several parties are runner-up with equal votes",
        "ru": "несколько партий набрали равное число голосов за второе место",
        "kk": "бірнеше партия екінші орын үшін тең дауыс жинады",
    },
    "runner_up_remaining_unconfirmed": {
        "en": "how the remaining seats go under the runner-up rule is UNCONFIRMED",
        "ru": "порядок распределения оставшихся мандатов по правилу второй партии НЕ ПОДТВЕРЖДЁН",
        "kk": "екінші партия ережесі бойынша қалған мандаттарды бөлу тәртібі РАСТАЛМАҒАН",
    },
    "percent_rounding_at_threshold": {
        "en": "a printed share is within rounding of the threshold: whether the party passes "
        "needs the votes",
        "ru": "опубликованная доля отличается от порога не более чем на погрешность "
        "округления: для решения нужны голоса",
        "kk": "жарияланған үлес шектен дөңгелектеу қателігі шегінде ғана ерекшеленеді: шешу "
        "үшін дауыстар керек",
    },
    "percent_rounding_runner_up": {
        "en": "only one party passed, and the rounded shares cannot say which party is the "
        "runner-up (or whether it has any votes): the votes are needed",
        "ru": "порог преодолела одна партия, а по округлённым долям нельзя определить вторую "
        "партию (или есть ли у неё голоса): нужны голоса",
        "kk": "шектен бір партия өтті, ал дөңгелектенген үлестерден екінші партияны (немесе "
        "оның дауысы бар-жоғын) анықтау мүмкін емес: дауыстар керек",
    },
    "percent_rounding_at_last_seat": {
        "en": "the rounded shares cannot settle these seats: the votes are needed",
        "ru": "округлённые доли не позволяют решить эти мандаты: нужны голоса",
        "kk": "дөңгелектенген үлестер бұл мандаттарды шешуге жеткіліксіз: дауыстар керек",
    },
    "remainder_tie": {
        "en": "equal remainders, and this rule set does not settle them",
        "ru": "равные остатки, и эти правила не разрешают такой случай",
        "kk": "тең қалдықтар, ал бұл ережелер мұндай жағдайды шешпейді",
    },
}

#: The UNCONFIRMED points of :data:`.rules.UNCONFIRMED` for the printed trace.
UNCONFIRMED_TEXT: dict[str, dict[str, str]] = {
    "percent_base_2004": {
        "ru": "база процентов в 2004 г.: постановление ЦИК 142/206 говорит «от числа принявших "
        "участие»; используется сумма голосов за партии, как в 2007–2021 гг.",
        "kk": "2004 жылғы пайыз негізі: ОСК-нің 142/206 қаулысында «дауыс беруге қатысқандар "
        "санынан» делінген; 2007–2021 жылдардағыдай партияларға берілген дауыстар сомасы "
        "қолданылады",
    },
    "tie_break_before_2009": {
        "ru": "правило о равных остатках в пользу ранее зарегистрированного списка "
        "подтверждено только для редакции 2009 г.",
        "kk": "тең қалдықтарды ертерек тіркелген тізімнің пайдасына шешу ережесі тек 2009 "
        "жылғы редакция үшін расталған",
    },
    "no_party_passes": {
        "ru": "что происходит, если ни одна партия не преодолела порог, ни в одном источнике "
        "не найдено: результат — «не решено»",
        "kk": "бірде-бір партия шектен өтпесе не болатыны ешбір дереккөзде табылмады: нәтиже — "
        "«шешілмеді»",
    },
    "runner_up_rule": {
        "ru": "правило второй партии: применение поправочного коэффициента 0,7 сверх целой "
        "части и порядок распределения оставшихся мандатов обрезаны в единственной копии "
        "ст. 97: оставшиеся мандаты — «не решено», если не задано иное",
        "kk": "екінші партия ережесі: 0,7 түзету коэффициентін бүтін бөліктен тыс қолдану және "
        "қалған мандаттарды бөлу тәртібі 97-баптың жалғыз көшірмесінде қиылған: қалған "
        "мандаттар — «шешілмеді», егер басқаша белгіленбесе",
    },
    "maslikhat_inferred": {
        "ru": "статья о маслихатах (Z1800000162) не прочитана: применение правила Мажилиса к "
        "маслихатам — вывод, согласующийся с итогами 2021 г.",
        "kk": "мәслихаттар туралы бап (Z1800000162) оқылмаған: Мәжіліс ережесін мәслихаттарға "
        "қолдану — 2021 жылғы нәтижелерге сәйкес келетін тұжырым",
    },
    "art97_current_unread": {
        "ru": "действующий текст ст. 97 (2022/2023) не прочитан: база процентов (голоса за "
        "партии + «против всех») выведена из опубликованных процентов 2023 г.",
        "kk": "97-баптың қолданыстағы мәтіні (2022/2023) оқылмаған: пайыз негізі (партияларға "
        "дауыстар + «бәріне қарсымын») 2023 жылы жарияланған пайыздардан шығарылған",
    },
    "runner_up_survival": {
        "ru": "сохранилось ли правило второй партии 2009 г. после поправок 2022 г., не "
        "подтверждено",
        "kk": "2009 жылғы екінші партия ережесінің 2022 жылғы түзетулерден кейін сақталғаны "
        "расталмаған",
    },
}

#: Rule set titles for the printed trace (English titles are in :mod:`.rules`).
TITLES: dict[str, dict[str, str]] = {
    "kz-2004": {
        "ru": "Мажилис 2004 г.: порог 7 %, 10 мандатов по партийным спискам",
        "kk": "Мәжіліс 2004 ж.: 7 % шегі, партиялық тізімдер бойынша 10 мандат",
    },
    "kz-2007": {
        "ru": "Мажилис 2007 г.: порог 7 %, единственная прошедшая партия получает все мандаты",
        "kk": "Мәжіліс 2007 ж.: 7 % шегі, шектен жалғыз өткен партия барлық мандатты алады",
    },
    "kz-2009": {
        "ru": "Мажилис с 9 февраля 2009 г.: 7 %, при одной прошедшей партии допускается вторая",
        "kk": "Мәжіліс 2009 ж. 9 ақпаннан: 7 %, бір партия өтсе, екінші партия да жіберіледі",
    },
    "kz-2021": {
        "ru": "Маслихаты по партийным спискам (поправки 2018 г., выборы 10 января 2021 г.): 7 %",
        "kk": "Мәслихаттар партиялық тізімдер бойынша (2018 ж. түзетулер, 2021 ж. 10 қаңтардағы "
        "сайлау): 7 %",
    },
    "kz-2023": {
        "ru": "Мажилис и маслихаты с 2023 г.: 5 %, «против всех» входит в базу процентов",
        "kk": "Мәжіліс пен мәслихаттар 2023 жылдан: 5 %, «бәріне қарсымын» пайыз негізіне кіреді",
    },
}

HEADINGS: dict[str, str] = {
    "en": "Distribution of party-list seats",
    "ru": "Распределение депутатских мандатов по партийным спискам",
    "kk": "Депутаттық мандаттарды партиялық тізімдер бойынша бөлу",
}


@dataclass(frozen=True)
class Numerals:
    """How the trace writes a number: ``thousands`` between groups of three digits (none by
    default), ``point`` before the decimals, ``percent`` between a share and its "%"."""

    thousands: str = ""
    point: str = "."
    percent: str = " "

    def whole(self, n: int) -> str:
        """``n`` with its thousands grouped.

        >>> Numerals(thousands=" ").whole(-1234567), Numerals().whole(1234567)
        ('-1 234 567', '1234567')
        """
        digits = str(abs(n))
        groups = [digits[max(i - 3, 0) : i] for i in range(len(digits), 0, -3)][::-1]
        return ("-" if n < 0 else "") + self.thousands.join(groups)


#: Plain digits and a decimal point: the command line's trace, and the default.
PLAIN = Numerals()


def decimal_text(value: Fraction, places: int, numerals: Numerals = PLAIN) -> str:
    """``value`` rounded half up to ``places`` decimals, computed exactly.

    >>> decimal_text(Fraction(2, 3), 4), decimal_text(Fraction(-1, 8), 2), decimal_text(Fraction(5), 2)
    ('0.6667', '-0.13', '5.00')
    >>> decimal_text(Fraction(301506, 17), 4, Numerals(thousands=" ", point=","))
    '17 735,6471'
    """
    scale = 10**places
    sign = "-" if value < 0 else ""
    n = (abs(value) * scale * 2 + 1) // 2
    whole, frac = divmod(int(n), scale)
    text = sign + numerals.whole(whole)
    return f"{text}{numerals.point}{frac:0{places}d}" if places else text


def number_text(value: Fraction, numerals: Numerals = PLAIN) -> str:
    """An exact number for people: ``17``, or ``301506/17 ≈ 17735.6471``.

    >>> number_text(Fraction(301506, 17), Numerals(thousands=" ", point=","))
    '301 506/17 ≈ 17 735,6471'
    """
    if value.denominator == 1:
        return numerals.whole(value.numerator)
    exact = f"{numerals.whole(value.numerator)}/{numerals.whole(value.denominator)}"
    return f"{exact} ≈ {decimal_text(value, 4, numerals)}"


def _param(name: str, value: StepParam, lang: str, numerals: Numerals) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) if value else "—"
    if isinstance(value, int):
        return numerals.whole(value)
    if isinstance(value, Fraction):
        if name in ("share", "threshold"):
            return f"{decimal_text(value * 100, 2, numerals)}{numerals.percent}%"
        if name == "error" or name.endswith("_approx"):
            return decimal_text(value, 4, numerals)
        return number_text(value, numerals)
    if name == "point" and isinstance(value, str):
        text = UNCONFIRMED_TEXT.get(value, {}).get(lang) or UNCONFIRMED[value][1]
        return text.rstrip(".")
    if name == "title" and isinstance(value, str):
        return value
    if name == "reason":
        return REASONS.get(value if isinstance(value, str) else "", {}).get(lang, str(value))
    return str(value)


def render_step(
    step: Step, lang: str = "en", *, percent_only: bool = False, numerals: Numerals = PLAIN
) -> str:
    """One step as a sentence in ``lang`` (``ru``, ``kk``, ``en``; others fall back to English),
    its numbers written with ``numerals``."""
    code = step.code
    if percent_only and code in ("threshold_pass", "threshold_fail"):
        code += "_pct"
    templates = TEMPLATES[code]
    template = templates.get(lang, templates["en"])
    params = {k: _param(k, v, lang, numerals) for k, v in step.params.items()}
    if code == "rules":
        params["title"] = TITLES.get(str(step.params["name"]), {}).get(lang, params["title"])
    return template.format(**params)


def render_steps(
    allocation: Allocation, lang: str = "en", *, numerals: Numerals = PLAIN
) -> list[str]:
    """Every step of the allocation as a sentence."""
    pct = allocation.case.percent_only
    return [render_step(s, lang, percent_only=pct, numerals=numerals) for s in allocation.steps]


def render_trace(allocation: Allocation, lang: str = "ru", *, numerals: Numerals = PLAIN) -> str:
    """The whole trace as text a commission could print: a heading and numbered steps."""
    heading = HEADINGS.get(lang, HEADINGS["en"])
    title = allocation.case.election or allocation.case.id
    lines = [heading + (f": {title}" if title else "")]
    steps = render_steps(allocation, lang, numerals=numerals)
    lines += [f"{i}. {text}" for i, text in enumerate(steps, start=1)]
    return "\n".join(lines) + "\n"
