"""``{{ event.action|action_label }}``: an audit action in words, in the reader's language."""

from __future__ import annotations

from django import template

from saylau.web.audit.actions import label

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return label(str(code))
