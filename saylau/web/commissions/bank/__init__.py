"""The question bank of the entry and final tests, per commission level, in kk, ru and en.

Every item cites the article of the election law (or the legal act) it tests, names a topic
and a difficulty (1 easy, 2 medium, 3 hard). Items come from two modules:

* ``law_items.toml`` (read by :mod:`.law_items`) - written by hand from ``docs/law-notes.md``
  (sections 1-4 and 8); only points the notes confirm with an article are asked, nothing
  marked UNCONFIRMED;
* :mod:`.computed` - items whose right answer is computed by ``saylau.law`` itself: the
  protocol's control ratios (``saylau.law.protocol``), seat distribution
  (``saylau.law.seats``) and the election calendar (``saylau.law.calendar``).

The first option of every item is the right one *in the data*; each attempt shows the options
in its own shuffled order (``services.forms``), so the position tells a trainee nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

LEVELS = ("regional", "territorial", "precinct")
LANGS = ("kk", "ru", "en")

#: topic code -> (kk, ru, en)
TOPICS: dict[str, tuple[str, str, str]] = {
    "control_ratios": (
        "Хаттаманың бақылау арақатынастары",
        "Контрольные соотношения протокола",
        "Control ratios of the protocol",
    ),
    "voter_lists": ("Сайлаушылар тізімі", "Списки избирателей", "Voter lists"),
    "absentee": (
        "Сырттай дауыс беру куәліктері",
        "Открепительные удостоверения",
        "Absentee certificates",
    ),
    "outside_voting": (
        "Үй-жайдан тыс дауыс беру",
        "Голосование вне помещения",
        "Voting outside the premises",
    ),
    "voting": ("Дауыс беру тәртібі", "Порядок голосования", "Conduct of voting"),
    "counting": ("Дауыстарды санау", "Подсчёт голосов", "Counting the votes"),
    "observers": ("Бақылаушылар", "Наблюдатели", "Observers"),
    "commission": (
        "Комиссиялар және олардың өкілеттіктері",
        "Комиссии и их полномочия",
        "Commissions and their powers",
    ),
    "seats": ("Мандаттарды бөлу", "Распределение мандатов", "Seat distribution"),
    "deadlines": ("Мерзімдер", "Сроки", "Deadlines"),
}

Text = tuple[str, str, str]  # kk, ru, en


@dataclass(frozen=True)
class BankItem:
    code: str
    topic: str
    difficulty: int
    article: str
    text: Text
    #: options as (kk, ru, en); the first is the right one
    options: tuple[Text, ...]
    levels: tuple[str, ...] = LEVELS


class BankError(ValueError):
    code = "commissions.bank_invalid"


def problems(items: list[BankItem]) -> list[str]:
    """Every problem of the bank at once (empty: the bank is sound)."""
    out: list[str] = []
    codes = Counter(i.code for i in items)
    out += [f"{c}: code used {n} times" for c, n in codes.items() if n > 1]
    for i in items:
        where = i.code
        if i.topic not in TOPICS:
            out.append(f"{where}: unknown topic {i.topic!r}")
        if i.difficulty not in (1, 2, 3):
            out.append(f"{where}: difficulty {i.difficulty} (1, 2 or 3)")
        if not i.article.strip():
            out.append(f"{where}: no article")
        if any(not t.strip() for t in i.text) or len(i.text) != 3:
            out.append(f"{where}: question text missing in a language")
        if len(i.options) < 3:
            out.append(f"{where}: fewer than 3 options")
        for lang_index, lang in enumerate(LANGS):
            texts = [o[lang_index].strip() for o in i.options]
            if any(not t for t in texts):
                out.append(f"{where}: an option has no {lang} text")
            if len(set(texts)) != len(texts):
                out.append(f"{where}: two options read the same in {lang}")
        if not set(i.levels) <= set(LEVELS) or not i.levels:
            out.append(f"{where}: levels {i.levels}")
    return out


def all_items() -> list[BankItem]:
    from .computed import computed_items
    from .law_items import law_items

    items = [*law_items(), *computed_items()]
    found = problems(items)
    if found:
        raise BankError("; ".join(found))
    return items


def items_for(level: str) -> list[BankItem]:
    return [i for i in all_items() if level in i.levels]
