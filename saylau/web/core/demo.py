"""Loading the demo region: a synthetic Zhambyl oblast with users for every role.

Each part of the domain contributes one step module with ``load(ctx: DemoContext)``; the
steps run in order, in one go, on an empty database. The synthetic data comes from
``saylau.lists.demo`` (the same generator as ``saylau demo-data``), so the demo, the tests
and the benchmarks all see the same region.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The steps, in order. A step module that does not exist yet is skipped.
DEMO_STEPS: tuple[str, ...] = (
    "saylau.web.register.demo",  # territory and register from the generated extract
    "saylau.web.accounts.demo",  # one demo login per role
    "saylau.web.commissions.demo",  # commissions, members, trainers, a training plan
    "saylau.web.elections.demo",  # an oblast maslikhat election with parties and lists
    "saylau.web.results.demo",  # its precinct protocols, tabulation and mandates
    "saylau.web.register.demo_lists",  # the voter lists of the coming election
    "saylau.web.listaudit.demo",  # one list audit with every kind of finding
)

#: Scale of the demo that `make run` loads: small enough for a first start in well under
#: two minutes, large enough that every dashboard has something to show.
DEMO_SCALE = 0.02
DEMO_SEED = 2026


@dataclass
class DemoContext:
    data_dir: Path
    scale: float
    seed: int
    say: Callable[[str], None]
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)
    extra: dict[str, Any] = field(default_factory=dict)


def database_is_empty() -> bool:
    from saylau.web.territory.models import Region

    return not Region.objects.exists()


def load_demo(
    *, scale: float = DEMO_SCALE, seed: int = DEMO_SEED, say: Callable[[str], None] | None = None
) -> DemoContext:
    """Generate the synthetic region and run every demo step."""
    out = say or (lambda text: print(text, file=sys.stderr))
    try:
        from saylau.lists.demo import generate_region
    except ImportError as exc:  # the module, or its generate_region, is not there yet
        if exc.name != "saylau.lists.demo":
            raise
        # Every step builds on the generated region: without the generator there is no demo.
        out("The demo-region generator (saylau.lists.demo) is not installed: no demo loaded.")
        return DemoContext(data_dir=Path(), scale=scale, seed=seed, say=out)
    with tempfile.TemporaryDirectory(prefix="saylau-demo-") as tmp:
        data_dir = Path(tmp) / "region"
        out(f"Generating the demo region (scale {scale}, seed {seed}) ...")
        generate_region(data_dir, scale=scale, seed=seed)
        ctx = DemoContext(data_dir=data_dir, scale=scale, seed=seed, say=out)
        for name in DEMO_STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            out(f"Demo step: {name.rsplit('.', 2)[-2]}")
            module.load(ctx)
    return ctx


def load_demo_if_empty(*, stdout_logins: bool = False) -> DemoContext | None:
    if not database_is_empty():
        if stdout_logins:
            print("The database already holds data; the demo was not loaded again.")
            print_logins_hint()
        return None
    ctx = load_demo()
    if stdout_logins:
        print_logins(ctx.logins)
    return ctx


def print_logins(logins: list[tuple[str, str, str]]) -> None:
    print()
    print("Demo logins (one per role):")
    width = max((len(role) for role, _, _ in logins), default=10)
    for role, username, password in logins:
        print(f"  {role:<{width}}  {username:<24} password: {password}")
    print()


def print_logins_hint() -> None:
    from saylau.web.accounts.demo import DEMO_USERS, demo_password

    print_logins([(role, username, demo_password(username)) for role, username in DEMO_USERS])
