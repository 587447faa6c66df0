"""Sign and publish the head of the audit chain (daily; docs/signing.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from saylau.web.signing import selectors, services


class Command(BaseCommand):
    help = "Sign the head of the audit chain with the CEC's key; optionally write it to --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="also write <date>.json into this folder")

    def handle(self, *args: Any, **options: Any) -> None:
        signature = services.publish_audit_head(actor="publish_audit_head")
        document = selectors.head_document(signature)
        text = json.dumps(document, ensure_ascii=False, indent=1)
        if options["out"]:
            options["out"].mkdir(parents=True, exist_ok=True)
            path = options["out"] / f"{document['date']}.json"
            path.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(text)
