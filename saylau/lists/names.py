"""Name folding for matching, vectorised: :mod:`saylau.law.names` as polars expressions.

A list written in Kazakh Cyrillic and a registry in Russian Cyrillic spell one person
differently ("Нұрлан Серікұлы" / "Нурлан Серикович"); the law layer defines the folded form
two spellings share (:func:`saylau.law.names.fold_name`) and the canonical patronymic
(:func:`saylau.law.names.canonical_patronymic`: -ұлы/-улы/-ович -> ``<father> улы``,
-қызы/-кызы/-овна -> ``<father> кызы``). These expressions compute the same values for a
whole column (tested against the law functions).

:func:`skeleton_expr` goes one step further for duplicate detection only: a lossy ASCII
skeleton in which Cyrillic and Latin spellings of a name meet (Нұрлан, Нурлан and Nurlan are
all ``nurlan``). It never decides alone; it feeds similarity scores.

>>> import polars as pl
>>> df = pl.DataFrame({"n": ["Әлия-Ғалымқызы", "НУРЛАН  Серикович", "Nūrlan"]})
>>> df.select(fold_expr(pl.col("n")))["n"].to_list()
['алия галымкызы', 'нурлан серикович', 'nūrlan']
>>> df.select(canonical_patronymic_expr(pl.col("n")))["n"].to_list()
['алиягалым кызы', 'нурлансерик улы', 'nūrlan']
>>> df.select(skeleton_expr(pl.col("n")))["n"].to_list()
['aliagalimkizi', 'nurlanserikovich', 'nurlan']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from saylau.law.names import MATCH_FOLD, NAME_SEPARATORS, PATRONYMIC_SUFFIXES

__all__ = ["canonical_patronymic_expr", "fold_expr", "map_distinct", "skeleton_expr"]

_CANONICAL_MARK = {"M": "улы", "F": "кызы"}


def fold_expr(col: pl.Expr) -> pl.Expr:
    """``fold_name`` for a column: NFC, lower case, :data:`MATCH_FOLD`, separators to a space.

    Polars lower-cases Latin ``I`` to ``i`` where Kazakh would write ``ı``; names in the
    audited files are Cyrillic, where the two agree.
    """
    return (
        col.str.normalize("NFC")
        .str.to_lowercase()
        .str.replace_many(list(MATCH_FOLD), list(MATCH_FOLD.values()))
        .str.replace_all(NAME_SEPARATORS, " ")
        .str.strip_chars(" ")
    )


def canonical_patronymic_expr(col: pl.Expr) -> pl.Expr:
    """``canonical_patronymic`` for a column: the folded father's name and ``улы``/``кызы``.

    The first ending of :data:`PATRONYMIC_SUFFIXES` that matches wins (the law module's order);
    -ьевич restores the father's -и (Юрьевич -> юри улы) and a final -й is dropped from the
    stem (Сергейұлы and Сергеевич -> серге улы; Ғаниұлы and Ганиевич -> гани улы).
    """
    folded = fold_expr(col)
    compact = folded.str.replace_all(" ", "", literal=True)
    raw = col.str.normalize("NFC").str.to_lowercase().str.replace_all(" ", "", literal=True)
    chain: Any = None
    for ending, sex, soft in PATRONYMIC_SUFFIXES:
        cond = compact.str.ends_with(ending) & (compact.str.len_chars() > len(ending) + 1)
        stem = compact.str.slice(0, compact.str.len_chars() - len(ending))
        if soft:
            stem = pl.when(raw.str.ends_with("ь" + ending)).then(stem + "и").otherwise(stem)
        stem = (
            pl.when(stem.str.ends_with("й") & (stem.str.len_chars() > 2))
            .then(stem.str.slice(0, stem.str.len_chars() - 1))
            .otherwise(stem)
        )
        value = stem + pl.lit(" " + _CANONICAL_MARK[sex])
        chain = pl.when(cond).then(value) if chain is None else chain.when(cond).then(value)
    assert chain is not None  # noqa: S101 - PATRONYMIC_SUFFIXES is a non-empty constant
    out: pl.Expr = chain.otherwise(folded)
    return out


#: Folded Cyrillic and Kazakh Latin letters -> a rough ASCII sound skeleton.
_SKELETON_CHARS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sh", "ы": "i", "э": "e", "ю": "iu", "я": "ia",
    "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ş": "sh", "ç": "ch", "ū": "u", "ü": "u",
    "ı": "i", "q": "k", "y": "i", "w": "u", "x": "h",
}  # fmt: skip
#: Latin digraphs of Russian-style transliteration, applied after the letters.
_SKELETON_DIGRAPHS: dict[str, str] = {"zh": "j", "kh": "h", "yu": "iu", "ya": "ia"}
_DOUBLES = [c + c for c in "abcdefghijklmnopqrstuvz"]


def skeleton_expr(col: pl.Expr) -> pl.Expr:
    """A lossy ASCII skeleton of a name (no spaces) where Cyrillic and Latin spellings meet."""
    return (
        fold_expr(col)
        .str.replace_all(" ", "", literal=True)
        .str.replace_many(list(_SKELETON_DIGRAPHS), list(_SKELETON_DIGRAPHS.values()))
        .str.replace_many(list(_SKELETON_CHARS), list(_SKELETON_CHARS.values()))
        .str.replace_many(_DOUBLES, [d[0] for d in _DOUBLES])
    )


def map_distinct(
    frame: pl.DataFrame, column: str, fn: Callable[[pl.Expr], pl.Expr], alias: str
) -> pl.DataFrame:
    """``frame`` with ``alias`` = ``fn(column)``, computed once per distinct value.

    Millions of list lines hold only thousands of distinct names, so folding the distinct
    values and joining back is far cheaper than folding every row. Row order is kept. A
    ``Categorical`` column gives a ``Categorical`` result (4 bytes a row for millions of
    rows); any other gives what ``fn`` gives.
    """
    source = pl.col(column)
    out = fn(source.cast(pl.String))
    if frame.schema[column] == pl.Categorical:
        out = out.cast(pl.Categorical)
    distinct = frame.select(source.unique()).with_columns(out.alias(alias))
    mapped = frame.select(column).join(
        distinct, on=column, how="left", nulls_equal=True, maintain_order="left"
    )
    return frame.with_columns(mapped[alias])
