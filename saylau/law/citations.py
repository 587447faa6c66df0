"""How a refusal or a calendar cites the law to an official, in the official's language.

The rules of :mod:`saylau.law` carry where they come from, written for developers: "election
law Art. 26 (jjtv.kz, 2023: handed over on 26 February for 19 March)", "CEC resolution of 8
April 2009 No. 161/306 (rules as of 2019)", "electionin.org summary of the older law". Those
sources belong on the CEC's legal-basis page only. :func:`cite` keeps what an official can look
up (the act, the article, its paragraph) in kk, ru or en, and drops the rest; a source that
names no act an official can open gives ``""``.

>>> cite("election law Art. 26 p. 1", "ru")
'Конституционный закон о выборах, ст. 26 п. 1'
>>> cite("election law Art. 26 p. 1", "kk")
'Сайлау туралы конституциялық заң, 26-баптың 1-тармағы'
>>> cite("Constitution Art. 33 p. 2; election law Art. 4", "ru")
'Конституция, ст. 33 п. 2; Конституционный закон о выборах, ст. 4'
>>> cite("election law Art. 43, Art. 94", "kk")
'Сайлау туралы конституциялық заң, 43-бап, 94-бап'
>>> cite("CEC resolution of 8 April 2009 No. 161/306 (rules as of 2019)", "ru")
'постановление ЦИК от 8 апреля 2009 года № 161/306'
>>> cite("election law Art. 26 (jjtv.kz, 2023: handed over on 26 February for 19 March)", "en")
'Constitutional Law on Elections, Art. 26'
>>> cite("electionin.org summary of the older law", "ru")
''
"""

from __future__ import annotations

import re

#: The acts an official can open, by how the sources name them, in (kk, ru, en).
ACTS: dict[str, tuple[str, str, str]] = {
    "election law": (
        "Сайлау туралы конституциялық заң",
        "Конституционный закон о выборах",
        "Constitutional Law on Elections",
    ),
    "constitution": ("Конституция", "Конституция", "Constitution"),
    "cec resolution 161/306": (
        "ОСК-нің 2009 жылғы 8 сәуірдегі № 161/306 қаулысы",
        "постановление ЦИК от 8 апреля 2009 года № 161/306",
        "CEC resolution of 8 April 2009 No. 161/306",
    ),
}
_ARTICLE = re.compile(r"Art\.\s*(\d+)(?:\s*p\.\s*(\d+))?")
_LANG = {"kk": 0, "ru": 1, "en": 2}


def _act(part: str) -> str | None:
    low = part.lower()
    if "161/306" in low and "cec resolution" in low:
        return "cec resolution 161/306"
    if low.startswith(("election law", "constitutional law on elections")):
        return "election law"
    if low.startswith("constitution "):
        return "constitution"
    if low.startswith("art."):  # a bare article is one of the election law
        return "election law"
    return None


def _article(number: str, paragraph: str | None, lang: str) -> str:
    if lang == "kk":
        return f"{number}-баптың {paragraph}-тармағы" if paragraph else f"{number}-бап"
    if lang == "ru":
        return f"ст. {number} п. {paragraph}" if paragraph else f"ст. {number}"
    return f"Art. {number} p. {paragraph}" if paragraph else f"Art. {number}"


def cite(source: str, lang: str = "ru") -> str:
    """The act and article of ``source`` for an official reading ``lang`` (kk, ru, en)."""
    index = _LANG.get(lang[:2], 1)
    out = []
    for part in source.split(";"):
        plain = re.sub(r"\([^)]*\)", "", part).strip()
        act = _act(plain)
        if act is None:
            continue
        articles = [_article(n, p, lang[:2]) for n, p in _ARTICLE.findall(plain)]
        if act == "cec resolution 161/306":
            articles = []  # its points are not numbered in the sources
        out.append(", ".join([ACTS[act][index], *articles]))
    return "; ".join(out)
