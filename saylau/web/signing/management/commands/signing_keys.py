"""Commission signing keys: generate them before voting day, list, rotate, declare lost."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saylau.web.core import clock
from saylau.web.signing import services
from saylau.web.signing.models import SigningKey


class Command(BaseCommand):
    help = "Generate, list, rotate or declare lost the commissions' signing keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="a key for every commission of an election")
        gen.add_argument("--election", type=int, required=True)
        sub.add_parser("list")
        rot = sub.add_parser("rotate", help="close a key now and open its successor")
        rot.add_argument("key_id")
        lost = sub.add_parser("lost", help="close a key from the moment it was lost")
        lost.add_argument("key_id")
        lost.add_argument("--since", required=True, help="ISO moment, local time if naive")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "generate":
            from saylau.web.elections.models import Election
            from saylau.web.elections.places import precincts_of

            election = Election.objects.filter(pk=options["election"]).first()
            if election is None:
                raise CommandError(f"no election {options['election']}")
            made = 0
            for precinct in precincts_of(election).order_by("number"):
                services.key_for(services.precinct_holder(precinct), actor="signing_keys")
                made += 1
            services.key_for(services.deciding_holder(election), actor="signing_keys")
            services.key_for(services.central_holder(), actor="signing_keys")
            self.stdout.write(f"keys ready for {made} precinct commissions and the deciding one")
            return
        if action == "list":
            for k in SigningKey.objects.order_by("id"):
                until = k.valid_until.isoformat() if k.valid_until else "open"
                self.stdout.write(f"{k.key_id} {k.level} {k.valid_from.isoformat()} {until}")
            return
        key = SigningKey.objects.filter(key_id=options["key_id"]).first()
        if key is None:
            raise CommandError(f"no key {options['key_id']}")
        if action == "rotate":
            new = services.rotate(key, actor="signing_keys")
        else:
            try:
                since = datetime.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError(f"--since: not a moment: {options['since']!r}") from exc
            if since.tzinfo is None:
                since = since.replace(tzinfo=clock.local_zone())
            new = services.declare_lost(key, since=since, actor="signing_keys")
        self.stdout.write(f"{key.key_id} closed; new key {new.key_id}")
