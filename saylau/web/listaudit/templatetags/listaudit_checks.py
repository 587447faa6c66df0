"""``{{ finding.check_code|check_name }}``: a list-audit check by its name, in the reader's
language."""

from __future__ import annotations

from typing import Any

from django import template

from saylau.web.listaudit.records import check_name as name_of

register = template.Library()


@register.filter
def check_name(code: str) -> str:
    return name_of(str(code))


@register.filter
def in_words(evidence: Any) -> list[tuple[str, str]]:
    """A finding's evidence as (what, value) pairs in words, never a Python value."""
    from saylau.web.audit.readable import changes

    return [(c.field, c.after or "—") for c in changes(None, evidence)]


@register.filter
def finding_text(finding: Any) -> str:
    """What a finding says, for the reader: the engine writes its message in English (the
    findings file's format); a Kazakh or Russian reader gets it in one sentence with its
    particulars (:mod:`..summaries`), or, for evidence saylau does not know, the check's rule
    in words."""
    from django.utils.translation import get_language

    from saylau.web.listaudit.records import RULES
    from saylau.web.listaudit.summaries import summary

    if (get_language() or "kk")[:2] == "en":
        return str(finding.message)
    said = summary(finding)
    if said is not None:
        return said
    rule = RULES.get(str(finding.check_code))
    return str(rule) if rule else name_of(str(finding.check_code))
