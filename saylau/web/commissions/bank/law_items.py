"""The questions written from docs/law-notes.md: data in ``law_items.toml``, read and checked here.

The file is checked as it is read: every item has the keys below, each of its type, and the
question and each option three texts (kk, ru, en); anything else is a :class:`BankError`
naming the item and the key. What the bank as a whole keeps (codes used once, known topics,
distinct options, ...) is :func:`saylau.web.commissions.bank.problems`, run on every item.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from . import LEVELS, BankError, BankItem, Text

DATA = "law_items.toml"
#: The keys of an item and their type (``levels`` may be left out: every level).
KEYS: dict[str, type] = {
    "code": str,
    "topic": str,
    "difficulty": int,
    "article": str,
    "text": list,
    "options": list,
    "levels": list,
}
_TYPE_NAMES = {str: "a text", int: "a whole number", list: "a list"}
OPTIONAL = frozenset({"levels"})


def _text(value: object, where: str) -> Text:
    if not isinstance(value, list) or len(value) != 3 or not all(isinstance(v, str) for v in value):
        raise BankError(f"{where}: must be three texts [kk, ru, en]")
    return (value[0], value[1], value[2])


def item_from(data: Mapping[str, Any], number: int) -> BankItem:
    """The item ``data`` (the ``number``-th of the file), or :class:`BankError` naming it."""
    where = f"{DATA} item {data.get('code') or number}"
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise BankError(f"{where}: unknown keys {unknown}")
    for key, kind in KEYS.items():
        if key not in data:
            if key in OPTIONAL:
                continue
            raise BankError(f"{where}: no {key}")
        if not isinstance(data[key], kind) or isinstance(data[key], bool):
            raise BankError(f"{where}: {key} must be {_TYPE_NAMES[kind]}")
    levels = data.get("levels", list(LEVELS))
    if not all(isinstance(level, str) for level in levels):
        raise BankError(f"{where}: levels must be texts")
    return BankItem(
        code=data["code"],
        topic=data["topic"],
        difficulty=data["difficulty"],
        article=data["article"],
        text=_text(data["text"], f"{where}: text"),
        options=tuple(
            _text(option, f"{where}: option {n}") for n, option in enumerate(data["options"], 1)
        ),
        levels=tuple(levels),
    )


def read_items(text: str) -> list[BankItem]:
    """The items of a TOML text of the form of ``law_items.toml``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{DATA}: {exc}") from exc
    items = data.get("items")
    if set(data) != {"items"} or not isinstance(items, list):
        raise BankError(f"{DATA}: a list of [[items]] and nothing else")
    return [item_from(item, n) for n, item in enumerate(items, 1)]


@cache
def law_items() -> tuple[BankItem, ...]:
    """The items of ``law_items.toml`` (read once)."""
    return tuple(read_items(files(__package__).joinpath(DATA).read_text(encoding="utf-8")))
