"""saylau: election administration for Kazakhstan-style elections.

Three layers, imports flowing one way (docs/architecture.md):
``saylau.law`` (the statute as pure Python) <- ``saylau.lists`` (the voter-list data engine)
<- ``saylau.web`` (the Django application); ``saylau.cli`` is a thin front over all three.
"""

__version__ = "0.1.0"
