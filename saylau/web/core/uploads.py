"""Uploaded archives: the one place a ZIP from a user is unpacked on the server."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def unpack_zip(upload: Any, target: Path, *, not_a_zip: str | None = None) -> None:
    """Unpack the ZIP ``upload`` into ``target``, refusing the whole archive when any member
    would land outside the folder (zip-slip: ``../`` or an absolute path)."""
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    try:
        with zipfile.ZipFile(upload) as zf:
            for info in zf.infolist():
                if not (target / info.filename).resolve().is_relative_to(root):
                    raise ValidationError(_("The archive contains a path outside its folder."))
            zf.extractall(target)  # noqa: S202 - every member checked above
    except zipfile.BadZipFile:
        raise ValidationError(not_a_zip or _("The file is not a ZIP archive.")) from None
