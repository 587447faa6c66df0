"""Why the results app refused something, as a sentence in the reader's language (issue 15).

A refusal (:class:`~.errors.ResultsError`) carries a translated ``title`` and, as its
``detail``, one or more :class:`Sentence`: a template and the objects it names (an election by
its name, a precinct by its number, a line of the protocol by its label), said in the language
active when the page is drawn. The English ``message`` stays for the log and the API.

The law layer writes no Django: a protocol it cannot read is a ``ProtocolError`` with a stable
``reason`` and ``params``, turned into a sentence here by :func:`protocol_error`; the control
ratios' findings are said in the reader's language by the law's own table (``Finding.message``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saylau.law.protocol import Finding, ProtocolError
from saylau.web.core.names import current_language, name_in


@dataclass(frozen=True)
class Sentence:
    """A template (``gettext_lazy``) and its params, said when shown (``str``)."""

    template: Promise
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        values = {k: _shown(v) for k, v in self.params.items()}
        return str(self.template) % values if values else str(self.template)

    def english(self) -> str:
        with translation.override("en"):
            return str(self)


def say(template: Promise, **params: Any) -> Sentence:
    return Sentence(template, params)


def english(sentences: Iterable[Sentence]) -> str:
    """The sentences in English, for the log and the API's message."""
    return " ".join(s.english() for s in sentences)


class _Quoted:
    """A name written in the reader's quotation marks."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f'"{self.name}"' if current_language() == "en" else f"«{self.name}»"


class _Named:
    """An object named in the language active when it is shown (an election, a district)."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __str__(self) -> str:
        return str(_Quoted(name_in(self.obj) or str(self.obj)))


class _Findings:
    """The errors among control-ratio findings, said by the law's table in the reader's
    language, one after another."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = [f for f in findings if f.severity == "error"]

    def __str__(self) -> str:
        lang = current_language()
        return "; ".join(f.message(lang) for f in self.findings)


def named(obj: Any) -> _Named:
    return _Named(obj)


def _shown(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value if isinstance(value, int) else str(value)


# --- what the services say ---------------------------------------------------------------


def not_of_election(precinct: int, election: Any) -> Sentence:
    return say(
        _("Precinct No. %(precinct)s does not vote in the election %(election)s."),
        precinct=precinct,
        election=named(election),
    )


def ratios_failed(precinct: int, findings: Iterable[Finding]) -> Sentence:
    return say(
        _("The protocol of precinct No. %(precinct)s: %(failed)s."),
        precinct=precinct,
        failed=_Findings(findings),
    )


def line_label(name: str) -> str:
    """A line of the protocol by its label on the form (its number and words)."""
    from .forms import LINES

    for key, label, _required in LINES:
        if key == name:
            return str(_Quoted(str(label)))
    if name.startswith("votes["):
        index = name[len("votes[") :].split("]", 1)[0]
        if index.isdigit():
            return str(_("the vote line %(n)s") % {"n": int(index) + 1})
    return name


class _Line:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return line_label(self.name)


#: A protocol the law layer cannot read, by the ``reason`` of its ``ProtocolError``.
PROTOCOL_SENTENCES: dict[str, Promise] = {
    "missing": _("The line %(line)s is empty: a whole number of 0 or more is required."),
    "not_whole": _("The line %(line)s holds %(value)s, which is not a whole number."),
    "negative": _("The line %(line)s holds %(value)s: a count cannot be negative."),
    "votes_not_list": _("The protocol has no list of vote lines."),
    "vote_not_object": _("%(line)s is not a vote line (a code and a number of votes)."),
    "line_code_empty": _("%(line)s names no party or candidate."),
    "line_twice": _("The vote line %(code)s appears twice."),
    "name_not_text": _("The name of %(line)s is not text."),
    "not_object": _("The protocol is not a set of named lines (a JSON object)."),
    "unknown_format": _("The protocol's format %(value)s is not one saylau reads."),
    "election_required": _("The protocol does not say which election it is of."),
    "unknown_race": _("The protocol's race %(value)s is neither party lists nor single-member."),
    "district_invalid": _("The single-member district is not given by its number or code."),
    "district_required": _("A single-member protocol must name its district."),
    "other_election": _("The protocol is of another election, not of %(election)s."),
    "other_precinct": _("The protocol is of precinct No. %(given)s, not of No. %(expected)s."),
    "not_a_precinct": _("Precinct No. %(given)s does not vote in the election %(election)s."),
    "lines_differ": _(
        "The vote lines are not the party lists of %(election)s: unknown %(unknown)s; "
        "missing %(missing)s."
    ),
}


def protocol_error(exc: ProtocolError, election: Any = None) -> Sentence:
    """The sentence of a protocol the law could not read (the line named by its label)."""
    template = PROTOCOL_SENTENCES.get(getattr(exc, "reason", ""))
    params = dict(getattr(exc, "params", {}) or {})
    if template is None:
        return say(_("The protocol cannot be read: %(line)s."), line=_Line(exc.field))
    for key in ("unknown", "missing"):
        if key in params:
            params[key] = ", ".join(params[key]) or "—"
    if "value" in params:
        params["value"] = _Quoted(str(params["value"]))
    if "line" in params:  # a vote line's code
        params["code"] = _Quoted(str(params.pop("line")))
    return Sentence(
        template,
        {"line": _Line(exc.field), "election": named(election) if election else "", **params},
    )


def signed_off(election: Any) -> Sentence:
    return say(
        _("The results of the election %(election)s are signed off."), election=named(election)
    )


def published(election: Any) -> Sentence:
    return say(
        _("The results of the election %(election)s are published."), election=named(election)
    )


def not_distributed(election: Any) -> Sentence:
    return say(
        _("The mandates of the election %(election)s have not been distributed yet."),
        election=named(election),
    )


def version_of(row: Any) -> dict[str, Any]:
    """The params naming a version of a precinct's protocol."""
    return {"version": row.version, "precinct": row.precinct.number}
