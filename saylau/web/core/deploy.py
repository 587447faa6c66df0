"""The rules of a safe deployment: a secret key that is really random, hosts that are named.

Pure judgements of values (no environment read here): the production settings refuse to
start with a value they find wrong (``saylau.web.config.settings.production``), and
``manage.py check --deploy`` reports the same (:mod:`.checks`).
"""

from __future__ import annotations


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is too weak to sign sessions and CSRF tokens, or ``None``.

    Django's own check only wants 50 characters of which 5 differ, so "abcde" * 10 passes it.
    Here a key also needs 10 distinct characters, about 160 bits by the Shannon entropy of its
    characters, and must not compress well (a repeated pattern such as "abcdefghij" * 5 has
    entropy by that count but shrinks to a few bytes). Keys made by
    ``django.core.management.utils.get_random_secret_key``, ``secrets.token_hex(32)`` or
    ``secrets.token_urlsafe(40)`` pass by a wide margin.

    >>> secret_key_problem("abcde" * 10) is not None
    True
    >>> secret_key_problem("abcdefghij" * 5) is not None
    True
    """
    import math
    import zlib
    from collections import Counter

    if len(key) < 50:
        return "must be at least 50 random characters"
    counts = Counter(key)
    bits = -sum(c * math.log2(c / len(key)) for c in counts.values())
    packed = len(zlib.compress(key.encode("utf-8"), 9))
    if len(counts) < 10 or bits < 160 or packed < 0.75 * len(key):
        return (
            "is not random enough (too few distinct characters or a repeated pattern); "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(40))'"
        )
    return None


def hosts_problem(hosts: list[str]) -> str | None:
    """Why ``hosts`` (``ALLOWED_HOSTS``) is unsafe for production, or ``None``."""
    if not hosts:
        return "is not set; list the host names saylau serves"
    wild = [h for h in hosts if h.strip() in ("*", ".") or h.strip().startswith("*")]
    if wild:
        return f"must name the hosts saylau serves, not {', '.join(wild)}"
    return None
