"""``{{ election.rule_set|rule_title }}``: a rule set of seat distribution in words."""

from __future__ import annotations

from django import template

from saylau.web.elections.rule_titles import rule_title as title_of

register = template.Library()


@register.filter
def rule_title(name: str) -> str:
    return title_of(str(name or ""))
