"""The voter-list audit: 16 checks of compiled voter lists against the registry extract.

The contract is docs/formats/voter-list-audit.md (docs/audit.md explains how each check
decides and on which rule of law). Use :func:`audit_directory` for a directory of CSV files,
or :func:`run_audit` / :func:`audit_frame` on frames loaded from anywhere (the web app's
database), with the columns :class:`AuditInputs` names.
"""

from __future__ import annotations

from .model import CHECKS, AuditConfig, AuditInputs, Finding
from .run import (
    CHECK_FUNCTIONS,
    audit_directory,
    audit_frame,
    read_inputs,
    run_audit,
    write_findings,
)

__all__ = [
    "CHECKS",
    "CHECK_FUNCTIONS",
    "AuditConfig",
    "AuditInputs",
    "Finding",
    "audit_directory",
    "audit_frame",
    "read_inputs",
    "run_audit",
    "write_findings",
]
