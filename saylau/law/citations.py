"""Citations of the law as an official reads them, in Kazakh, Russian or English.

The law layer writes its citations in English ("election law Art. 26 p. 1", "CEC resolution
of 8 April 2009 No. 161/306"); pages and documents show them in the reader's language with
:func:`cite`. A citation names the act and its article only: where the notes found a rule
(a web page, an older text) is the ``source`` the CEC's legal-basis page shows, never part
of the citation.

>>> cite("election law Art. 26 p. 1", "ru")
'Закон о выборах, ст. 26 п. 1'
>>> cite("election law Art. 43, Art. 94", "kk")
'Сайлау туралы заң, 43-бап, 94-бап'
>>> cite("CEC resolution of 8 April 2009 No. 161/306", "ru")
'постановление ЦИК от 8 апреля 2009 г. № 161/306'
>>> cite("election law Art. 41 p. 6 (older text)", "kk")
'Сайлау туралы заң, 41-бап 6-тармақ (бұрынғы редакциясы)'
>>> cite("election law Art. 40", "en")
'Election law Art. 40'
>>> cite("Election law Art. 97 p. 1; law-notes §1.4", "ru")
'Закон о выборах, ст. 97 п. 1'
"""

from __future__ import annotations

import re

_MONTHS = {
    "January": ("января", "қаңтардағы"),
    "February": ("февраля", "ақпандағы"),
    "March": ("марта", "наурыздағы"),
    "April": ("апреля", "сәуірдегі"),
    "May": ("мая", "мамырдағы"),
    "June": ("июня", "маусымдағы"),
    "July": ("июля", "шілдедегі"),
    "August": ("августа", "тамыздағы"),
    "September": ("сентября", "қыркүйектегі"),
    "October": ("октября", "қазандағы"),
    "November": ("ноября", "қарашадағы"),
    "December": ("декабря", "желтоқсандағы"),
}
_RESOLUTION = re.compile(r"CEC resolution of (\d+) (\w+) (\d{4}) No\. ([\d/]+)")
_ARTICLES = re.compile(r"Arts?\. ([\d, ]*\d)((?: p\. \d+)?)")
_NOTES_REF = re.compile(r"\s*[;,]?\s*\(?law[- ]notes[^;)]*\)?")
_ACTS = {
    "election law": ("Закон о выборах", "Сайлау туралы заң"),
    "Election law": ("Закон о выборах", "Сайлау туралы заң"),
}
_NOTES = {
    "(older text)": ("(прежняя редакция)", "(бұрынғы редакциясы)"),
}


def cite(article: str, lang: str) -> str:
    """``article`` (an English citation of the law layer) in ``lang`` (``kk``, ``ru``, ``en``;
    ``kk-latn`` reads Kazakh). What it does not know passes unchanged."""
    lang = lang[:2]
    # The notes' own references are for developers, never part of a citation.
    article = _NOTES_REF.sub("", article).strip()
    if not article:
        return article
    if lang not in ("ru", "kk"):
        return article[:1].upper() + article[1:]
    ru = lang == "ru"
    text = _RESOLUTION.sub(lambda m: _resolution(m, ru=ru), article)
    text = _ARTICLES.sub(lambda m: _articles(m, ru=ru), text)
    for words, (in_ru, in_kk) in {**_ACTS, **_NOTES}.items():
        text = text.replace(words, in_ru if ru else in_kk)
    text = re.sub(r"(заң|выборах) (\d|ст\.)", r"\1, \2", text)
    return text


def _resolution(m: re.Match[str], *, ru: bool) -> str:
    day, month, year, number = m.groups()
    month_ru, month_kk = _MONTHS.get(month, (month, month))
    if ru:
        return f"постановление ЦИК от {day} {month_ru} {year} г. № {number}"
    return f"ОСК-ның {year} жылғы {day} {month_kk} № {number} қаулысы"


def _articles(m: re.Match[str], *, ru: bool) -> str:
    numbers = [n.strip() for n in m.group(1).split(",") if n.strip()]
    point = m.group(2).strip().removeprefix("p. ")
    if ru:
        return f"ст. {', '.join(numbers)}" + (f" п. {point}" if point else "")
    return ", ".join(f"{n}-бап" for n in numbers) + (f" {point}-тармақ" if point else "")
