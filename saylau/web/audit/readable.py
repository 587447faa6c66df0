"""Audit events as people read them: the object named, each change as "field: before → after".

The log stores what changed as JSON (``old``, ``new``) and the object as its model label and
key (``elections.election``, ``12``): exact for the hash chain, unreadable on a page. These
functions name the object in the reader's language (its kind and its name, one query per kind
of object on a page) and list each field by its label with its values in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from saylau.web.core.formats import figure

from .models import AuditEvent

#: How long one value may be on the page (a long list is cut with an ellipsis).
MAX_VALUE = 160


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: the field had no value before (a creation)
    after: str | None  # None: the field has none after (a deletion)


@dataclass(frozen=True)
class ReadableEvent:
    event: AuditEvent
    object: str
    changes: list[Change]


def readable(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    """``events`` with their objects named and their changes listed."""
    events = list(events)
    names = _names(events)
    rows = []
    for event in events:
        model = _model(event.target_type)
        rows.append(
            ReadableEvent(
                event=event,
                object=names.get((event.target_type, event.target_id), "")
                or _unnamed(event, model),
                changes=changes(event.old, event.new, model),
            )
        )
    return rows


def _model(label: str) -> type[models.Model] | None:
    if "." not in label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _kind(model: type[models.Model] | None) -> str:
    return str(model._meta.verbose_name) if model is not None else ""


def _unnamed(event: AuditEvent, model: type[models.Model] | None) -> str:
    kind = _kind(model) or event.target_type.replace("_", " ")
    return f"{kind} №{event.target_id}".strip() if event.target_id else kind


def _names(events: Sequence[AuditEvent]) -> dict[tuple[str, str], str]:
    """``{(target_type, target_id): "kind «name»"}``, one query per kind of object."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_id:
            wanted[event.target_type].add(event.target_id)
    names: dict[tuple[str, str], str] = {}
    for label, ids in wanted.items():
        model = _model(label)
        if model is None:
            continue
        try:
            keys = [model._meta.pk.to_python(i) for i in ids]
        except ValidationError:  # a key of another kind: the object is named by its number
            continue
        found = model._default_manager.in_bulk(keys)
        for pk, obj in found.items():
            names[(label, str(pk))] = f"{_kind(model)} «{obj}»"
    return names


def changes(old: Any, new: Any, model: type[models.Model] | None = None) -> list[Change]:
    """Each field of ``old`` and ``new`` by its label, with its values in words.

    >>> [(c.field, c.before, c.after) for c in changes({"status": "draft"}, {"status": "open"})]
    [('status', 'draft', 'open')]
    >>> [(c.field, c.before, c.after) for c in changes(None, {"seats": 1200, "by": ["a", "b"]})]
    [('seats', None, '1\\xa0200'), ('by', None, 'a, b')]
    """
    old_map = old if isinstance(old, dict) else ({} if old is None else {"": old})
    new_map = new if isinstance(new, dict) else ({} if new is None else {"": new})
    keys = list(dict.fromkeys([*old_map, *new_map]))
    rows = []
    for key in keys:
        choices = _choices(model, key, [old_map.get(key), new_map.get(key)])
        before = _value(_label(choices, old_map[key])) if key in old_map else None
        after = _value(_label(choices, new_map[key])) if key in new_map else None
        if key in old_map and key in new_map and before == after:
            continue
        rows.append(Change(_field_label(model, key), before, after))
    return rows


def _label(choices: dict[Any, Any], value: Any) -> Any:
    return choices.get(value, value) if isinstance(value, (str, int)) else value


def _choices(
    model: type[models.Model] | None, key: str, values: Sequence[Any] = ()
) -> dict[Any, Any]:
    """A field's stored values and their labels: a choice by its label (``preparation`` →
    "preparation"), a link to another record by that record's name (``3`` → "Байзак ауданы")."""
    field = _field(model, key)
    if field is None:
        return {}
    related = getattr(field, "related_model", None)
    if related is not None and getattr(field, "many_to_one", False):
        keys = {}
        for value in values:
            if isinstance(value, (int, str)) and value != "":
                try:  # a value that is no key of the record (a code, say) stays as it is
                    keys[value] = related._meta.pk.to_python(value)
                except ValidationError:
                    continue
        found = related._default_manager.in_bulk(list(keys.values()))
        return {value: str(found[pk]) for value, pk in keys.items() if pk in found}
    return {k: str(v) for k, v in getattr(field, "flatchoices", None) or []}


def _field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is None:
        return key.replace("_", " ")
    label = str(getattr(field, "verbose_name", key))
    related = getattr(field, "related_model", None)
    if related is not None and label == key.replace("_", " "):
        return str(related._meta.verbose_name)  # a link without a label of its own
    return label


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None or not key:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return figure(value)
    if isinstance(value, dict):
        text = "; ".join(f"{str(k).replace('_', ' ')}: {_value(v)}" for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        text = ", ".join(_value(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"
