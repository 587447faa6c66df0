"""Names from the data in the reader's language: one helper for every page, PDF and export.

Elections, territories, parties, districts and commissions carry their names in Kazakh (the
state language), Russian and, where known, English (``name_kk``, ``name_ru``, ``name_en``).
Whatever shows such a name asks :func:`name_in` (or the ``local_name`` template filter, or the
model's ``name`` property, which all come down to it), never a ``name_ru`` field directly.

A missing translation falls back to Russian (the official language every record has), and
:func:`missing_translations` lists the records that need one, for the CEC to fill in.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.translation import get_language

#: The interface languages whose names the data carries, in the order of the fallback.
DATA_LANGUAGES = ("kk", "ru", "en")


class HasNames(Protocol):
    name_kk: str
    name_ru: str


def current_language() -> str:
    """The two-letter code of the active language (``kk``, ``ru`` or ``en``); Kazakh when none
    or another is active (``kk-latn`` reads the Kazakh names)."""
    lang = (get_language() or "kk")[:2]
    return lang if lang in DATA_LANGUAGES else "kk"


def name_in(obj: Any, language: str | None = None) -> str:
    """``obj``'s name in ``language`` (default: the active one), Russian where it is missing.

    Works on any object with ``name_kk`` and ``name_ru`` (and optionally ``name_en``), models
    and plain rows alike; a row of ``values()`` passes as a dict.

    >>> from types import SimpleNamespace
    >>> party = SimpleNamespace(name_kk="Партия КК", name_ru="Партия", name_en="")
    >>> name_in(party, "kk"), name_in(party, "en"), name_in(party, "ru")
    ('Партия КК', 'Партия', 'Партия')
    >>> name_in({"name_kk": "", "name_ru": "Район"}, "kk")
    'Район'
    """
    lang = (language or current_language())[:2]
    russian = _field(obj, "name_ru")
    if lang in ("kk", "en"):
        return _field(obj, f"name_{lang}") or russian
    return russian


def _field(obj: Any, field: str) -> str:
    value = obj.get(field) if isinstance(obj, dict) else getattr(obj, field, "")
    return str(value or "")


class LocalizedName:
    """Mixin for models with ``name_kk``/``name_ru``/``name_en``: ``name`` and ``str()`` in the
    active language, ``name_in(language)`` for documents printed in a chosen one."""

    @property
    def name(self) -> str:
        return name_in(self)

    def name_in(self, language: str) -> str:
        return name_in(self, language)

    def __str__(self) -> str:
        return name_in(self)


def missing_translations() -> list[dict[str, Any]]:
    """Every named record whose Kazakh or English name is empty: what the CEC should fill in.

    One row per record: its kind (the model's verbose name), its Russian name and the
    languages missing.
    """
    from django.apps import apps

    rows: list[dict[str, Any]] = []
    for model in apps.get_models():
        fields = {f.name for f in model._meta.get_fields()}
        if not {"name_kk", "name_ru"} <= fields:
            continue
        wanted = [lang for lang in ("kk", "en") if f"name_{lang}" in fields]
        for values in model._default_manager.values("pk", "name_ru", *[f"name_{w}" for w in wanted]):
            missing = [lang for lang in wanted if not values[f"name_{lang}"]]
            if missing:
                rows.append(
                    {
                        "kind": str(model._meta.verbose_name),
                        "pk": values["pk"],
                        "name_ru": values["name_ru"],
                        "missing": missing,
                    }
                )
    return rows
