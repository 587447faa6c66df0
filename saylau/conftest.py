"""Doctests of the package (``--doctest-modules`` over ``saylau``): the production settings
refuse to be imported without their secrets, which is tested in tests/web/foundation."""

collect_ignore = ["web/config/settings/production.py"]
