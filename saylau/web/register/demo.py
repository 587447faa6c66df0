"""Demo step: the generated region's territory and register, through the real import.

Precincts get varied accessibility features (the extract does not carry them), so that the
public lookup shows what a voter with a disability would see.
"""

from __future__ import annotations

import random
from typing import Any

from saylau.web.territory.models import Precinct

from .services.importing import import_registry

DEMO_ACTOR = "saylau demo"
#: The region code used when the generated extract has no region.json.
DEMO_REGION_CODE = "ZHA"

NOTES = (
    "Вход со двора, пандус у левого крыла / Кіреберіс аулада, пандус сол қанатта",
    "Звонок вызова помощи у входа / Кіреберісте көмек шақыру қоңырауы бар",
    "",
)


def load(ctx: Any) -> None:
    ctx.say("Importing the generated registry extract ...")
    job = import_registry(
        directory=ctx.data_dir,
        region_code=None if (ctx.data_dir / "region.json").is_file() else DEMO_REGION_CODE,
        actor=DEMO_ACTOR,
    )
    summary = job.summary()
    ctx.say(
        f"  register: {summary['persons_added']} persons, {summary['rejected_rows']} rows rejected"
    )
    region = job.region
    if region is not None and region.name_ru == region.code:
        region.name_kk, region.name_ru, region.name_en = (
            "Жамбыл облысы",
            "Жамбылская область",
            "Zhambyl oblast",
        )
        region.save(update_fields=["name_kk", "name_ru", "name_en"])
    vary_accessibility(region)
    ctx.extra["region"] = region
    ctx.extra["register_import"] = job


def vary_accessibility(region: Any) -> None:
    """Deterministic, varied features: most have a ramp, some everything, a few nothing."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    changed = []
    for p in Precinct.objects.filter(region=region).order_by("number"):
        level = rng.random()
        full = level > 0.7
        none = level < 0.1
        p.step_free_entrance = not none and (full or rng.random() < 0.6)
        p.ramp = not none and (full or rng.random() < 0.7)
        p.lift_or_ground_floor = not none and (full or rng.random() < 0.8)
        p.accessible_booth = full or (not none and rng.random() < 0.4)
        p.braille_stencils = full or (not none and rng.random() < 0.3)
        p.sign_language = full and rng.random() < 0.5
        p.accessible_parking = not none and (full or rng.random() < 0.3)
        p.accessibility_notes = "" if none else NOTES[p.number % len(NOTES)]
        changed.append(p)
    Precinct.objects.bulk_update(changed, [*Precinct.ACCESSIBILITY_FIELDS, "accessibility_notes"])
