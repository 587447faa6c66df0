"""The examples in the docstrings of the audit engine stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "saylau.lists.iin",
    "saylau.lists.names",
    "saylau.lists.audit.quality",
    "saylau.lists.audit.owners",
    "saylau.lists.audit.pair",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
