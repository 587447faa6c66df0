"""Subcommands of ``saylau``, one module each (see :mod:`saylau.cli`)."""
