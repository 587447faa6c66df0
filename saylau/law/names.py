"""Names of people: case mapping for Kazakh, folding for matching, the 2021 Latin alphabet.

Voter lists hold the same person written in Kazakh and in Russian Cyrillic ("Нұрлан Серікұлы"
in one extract, "Нурлан Серикович" in another), with ``ё`` or ``е``, with a soft sign or
without. Matching needs one folded form; printing needs correct case mapping; the Latin
transliteration follows the Kazakh Latin alphabet presented by the Government on 28 January
2021 (the amendment of the 2017 Presidential Decree No. 569 that introduced it is cited as
"the 2021 alphabet" here; its decree number is UNCONFIRMED, and the rendering of the letters
of Russian origin ц щ ъ ь э ю я ё is a common convention, UNCONFIRMED as official).

Every table is a plain ``dict`` constant so that the data engine (``saylau.lists``) applies
exactly the same mapping vectorised, e.g. in polars
``col.str.replace_many(list(MATCH_FOLD), list(MATCH_FOLD.values()))`` after
``str.to_lowercase()`` (MATCH_FOLD also maps the capitals, so the order does not matter), then
:data:`NAME_SEPARATORS` to one space: for Cyrillic names this equals :func:`fold_name`
(tested). Latin ``I`` differs: :func:`kk_lower` makes it ``ı`` (Kazakh), polars ``i``.

>>> fold_name("Нұрлан  Серікұлы")
'нурлан серикулы'
>>> fold_name("НУРЛАН СЕРИКУЛЫ") == fold_name("Нұрлан Серікұлы")
True
>>> canonical_patronymic("Серікұлы") == canonical_patronymic("Серикович")
True
>>> canonical_patronymic("Серікқызы"), canonical_patronymic("Сериковна")
('серик кызы', 'серик кызы')
>>> to_latin_2021("Қазақстан Республикасы")
'Qazaqstan Respublikasy'
>>> kk_upper("iş"), kk_lower("İI")
('İŞ', 'iı')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = [
    "KK_LOWER",
    "KK_UPPER",
    "LATIN_2021",
    "MATCH_FOLD",
    "NAME_SEPARATORS",
    "PATRONYMIC_SUFFIXES",
    "canonical_patronymic",
    "fold_name",
    "kk_lower",
    "kk_upper",
    "patronymic_sex",
    "to_latin_2021",
]

_CYR_UPPER = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_CYR_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
# The Kazakh Latin alphabet of 2021 and plain ASCII. The dotted/dotless i pairs are the reason
# for explicit tables: Python maps "i".upper() to "I" and "İ".lower() to "i̇" (two code points),
# both wrong in Kazakh, where i <-> İ and ı <-> I.
_LAT_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄĞÑÖŞÇŪÜİI"
_LAT_LOWER = "abcdefghijklmnopqrstuvwxyzäğñöşçūüiı"

#: Lower case -> upper case for Kazakh (Cyrillic and the 2021 Latin alphabet).
KK_UPPER: dict[str, str] = dict(
    zip(_CYR_LOWER + _LAT_LOWER[:-2] + "iı", _CYR_UPPER + _LAT_UPPER[:-2] + "İI", strict=True)
)
#: Upper case -> lower case for Kazakh (Cyrillic and the 2021 Latin alphabet).
KK_LOWER: dict[str, str] = dict(
    zip(_CYR_UPPER + _LAT_UPPER[:-2] + "İI", _CYR_LOWER + _LAT_LOWER[:-2] + "iı", strict=True)
)
_UPPER_TABLE = str.maketrans(KK_UPPER)
_LOWER_TABLE = str.maketrans(KK_LOWER)


def kk_upper(text: str) -> str:
    """Upper case as Kazakh writes it (``i`` -> ``İ``, ``ı`` -> ``I``); other scripts as Python.

    >>> kk_upper("қазақ тілі"), kk_upper("Nūrlan Serıkūly")
    ('ҚАЗАҚ ТІЛІ', 'NŪRLAN SERIKŪLY')
    """
    return "".join(c if len(u := c.upper()) != 1 else u for c in text.translate(_UPPER_TABLE))


def kk_lower(text: str) -> str:
    """Lower case as Kazakh writes it (``İ`` -> ``i``, ``I`` -> ``ı``); other scripts as Python.

    >>> kk_lower("ҚАЗАҚ ТІЛІ")
    'қазақ тілі'
    """
    return "".join(c if len(u := c.lower()) != 1 else u for c in text.translate(_LOWER_TABLE))


#: Folding for matching names (applied to lower AND upper case): each Kazakh letter to its
#: usual Russian spelling, ё to е, and the soft and hard signs dropped (Айгүл / Айгуль).
MATCH_FOLD: dict[str, str] = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
    "ё": "е",
    "ь": "",
    "ъ": "",
    "Ә": "а",
    "Ғ": "г",
    "Қ": "к",
    "Ң": "н",
    "Ө": "о",
    "Ұ": "у",
    "Ү": "у",
    "Һ": "х",
    "І": "и",
    "Ё": "е",
    "Ь": "",
    "Ъ": "",
    # Ukrainian/Belarusian look-alikes that registries sometimes hold instead of і.
    "ї": "и",
    "Ї": "и",
}
_FOLD_TABLE = str.maketrans(MATCH_FOLD)
#: What separates parts of a name (a regex, also for polars ``str.replace_all``): spaces,
#: hyphens and dashes, underscores, dots and commas; folded to one space.
NAME_SEPARATORS = r"[\s\-‐‑‒–—_.,]+"
_SEPARATORS = re.compile(NAME_SEPARATORS)


def fold_name(name: str) -> str:
    """The form two spellings of one name share: NFC, Kazakh lower case, :data:`MATCH_FOLD`,
    hyphens and runs of spaces to one space.

    It decides nothing by itself: equal folds are a candidate match for the data engine.

    >>> fold_name("Әлия-Ғалымқызы"), fold_name("Алия Галымкызы")
    ('алия галымкызы', 'алия галымкызы')
    >>> fold_name("Айгүл") == fold_name("АЙГУЛЬ")
    True
    """
    text = unicodedata.normalize("NFC", name)
    text = kk_lower(text).translate(_FOLD_TABLE)
    return _SEPARATORS.sub(" ", text).strip()


Sex = Literal["M", "F"]

#: Patronymic endings after folding (no separators), longest first: Kazakh ұлы/қызы in
#: Cyrillic and Latin spellings, and the Russian -ович/-евич/-овна/-евна forms.
PATRONYMIC_SUFFIXES: tuple[tuple[str, Sex, bool], ...] = (
    # (ending, sex, soft stem: the father's name lost a final -й, as Сергей -> Сергеевич)
    ("евич", "M", True),
    ("ович", "M", False),
    ("evich", "M", True),
    ("ovich", "M", False),
    ("улы", "M", False),
    ("uly", "M", False),
    ("ulı", "M", False),
    ("ūly", "M", False),
    ("оглы", "M", False),
    ("евна", "F", True),
    ("овна", "F", False),
    ("evna", "F", True),
    ("ovna", "F", False),
    ("кызы", "F", False),
    ("kyzy", "F", False),
    ("qyzy", "F", False),
    ("qızı", "F", False),
    ("kızı", "F", False),
)
_CANONICAL_MARK: dict[Sex, str] = {"M": "улы", "F": "кызы"}


def _split_patronymic(patronymic: str) -> tuple[str, Sex] | None:
    """(father's name stem, sex): the stem one father's name gives in every form.

    The Russian -евич/-евна forms lose the father's final -й (Сергей -> Сергеевич) or turn
    -ий into -ьевич (Юрий -> Юрьевич); the Kazakh forms keep the name whole (Сергейұлы,
    Юрийұлы), and a name ending in a vowel keeps it in both (Ғани -> Ғаниұлы / Ганиевич,
    Әміре -> Әміреұлы / Амиреевич). So the stem drops a final -й, and -ьевич restores -и:
    every form of one father's name gives one stem.
    """
    raw = kk_lower(unicodedata.normalize("NFC", patronymic))
    compact = fold_name(patronymic).replace(" ", "")
    for ending, sex, soft in PATRONYMIC_SUFFIXES:
        if compact.endswith(ending) and len(compact) > len(ending) + 1:
            stem = compact[: -len(ending)]
            if soft and raw.replace(" ", "").endswith("ь" + ending):
                stem += "и"  # Юрьевич -> юри (Юрий)
            if stem.endswith("й") and len(stem) > 2:
                stem = stem[:-1]  # Сергейұлы -> серге (Сергеевич)
            return stem, sex
    return None


def patronymic_sex(patronymic: str) -> Sex | None:
    """The sex a patronymic marks (``M`` for -ұлы/-ович, ``F`` for -қызы/-овна), if any.

    >>> patronymic_sex("Болатқызы"), patronymic_sex("Болатович"), patronymic_sex("Болат")
    ('F', 'M', None)
    """
    found = _split_patronymic(patronymic)
    return None if found is None else found[1]


def canonical_patronymic(patronymic: str) -> str:
    """The folded father's name followed by ``улы`` (son) or ``кызы`` (daughter).

    Kazakh -ұлы/-улы/-uly and Russian -ович/-евич give ``<stem> улы``; -қызы/-кызы and
    -овна/-евна give ``<stem> кызы``; the stem is the father's name without a final -й, so
    that Сергейұлы and Сергеевич, Ғаниұлы and Ганиевич, Әміреұлы and Амиреевич, Юрийұлы and
    Юрьевич meet. Without a known ending the folded input is returned unchanged.

    >>> canonical_patronymic("Нұрлан ұлы"), canonical_patronymic("Нурланович")
    ('нурлан улы', 'нурлан улы')
    >>> canonical_patronymic("Сергеевна"), canonical_patronymic("Сергейқызы")
    ('серге кызы', 'серге кызы')
    >>> canonical_patronymic("Амангелдіқызы") == canonical_patronymic("Амангелдиевна")
    True
    """
    found = _split_patronymic(patronymic)
    if found is None:
        return fold_name(patronymic)
    stem, sex = found
    return f"{stem} {_CANONICAL_MARK[sex]}"


#: Kazakh Cyrillic (lower case) -> the 2021 Kazakh Latin alphabet.
LATIN_2021: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "і": "ı",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ч": "ç",
    "ш": "ş",
    "ы": "y",
    # Letters of Russian origin: convention, UNCONFIRMED as official (see the module docstring).
    "ё": "io",
    "ц": "ts",
    "щ": "şş",
    "ъ": "",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}


def to_latin_2021(text: str) -> str:
    """Transliterate Kazakh Cyrillic to the 2021 Kazakh Latin alphabet, keeping case.

    >>> to_latin_2021("Нұрлан Серікұлы Әбішев")
    'Nūrlan Serıkūly Äbışev'
    >>> to_latin_2021("ЩУЧИНСК")
    'ŞŞUÇİNSK'
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, char in enumerate(text):
        lower = KK_LOWER.get(char, char)
        latin = LATIN_2021.get(lower)
        if latin is None:
            out.append(char)
        elif lower == char or not latin:
            out.append(latin)
        else:
            neighbour = text[i + 1] if i + 1 < len(text) else (text[i - 1] if i else "")
            all_caps = neighbour in KK_LOWER
            out.append(kk_upper(latin) if all_caps else kk_upper(latin[0]) + latin[1:])
    return "".join(out)
