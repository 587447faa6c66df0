"""The election law as code: pure Python, standard library only, no I/O.

One concept per module, each citing the article it implements (see docs/architecture.md).
"""
